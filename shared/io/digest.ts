import { createSHA256 } from 'hash-wasm';
import type { ByteSource } from './types';

/** A running SHA-256 (hash-wasm's, or a host's native one). */
export interface StreamHasher {
  update(chunk: Uint8Array): void;
  /** Lower-case hex. */
  digest(): string;
}

async function wasmSha256(): Promise<StreamHasher> {
  const hasher = await createSHA256();
  hasher.init();
  return { update: (chunk) => void hasher.update(chunk), digest: () => hasher.digest('hex') };
}

/**
 * Wraps a source so that the one pass that reads it to the end also yields its SHA-256. Readers open the stream
 * more than once (a first look to sniff the dialect), so the digest is that of the read that reached the end.
 */
export function digestingSource(
  source: ByteSource,
  newHasher: () => StreamHasher | Promise<StreamHasher> = wasmSha256,
): { source: ByteSource; digest: () => string | null } {
  let digest: string | null = null;
  return {
    digest: () => digest,
    source: {
      name: source.name,
      size: source.size,
      async *stream() {
        const hasher = await newHasher();
        for await (const chunk of source.stream()) {
          hasher.update(chunk);
          yield chunk;
        }
        digest = hasher.digest();
      },
    },
  };
}

export async function sha256OfSource(source: ByteSource): Promise<string> {
  const hasher = await wasmSha256();
  for await (const chunk of source.stream()) hasher.update(chunk);
  return hasher.digest();
}
