import { throwIfAborted } from './cancel';
import { ImportError, type ByteSource } from './types';

/** Slice size for in-memory sources: large enough that per-chunk overhead vanishes, small enough for smooth progress. */
export const DEFAULT_CHUNK_SIZE = 1 << 20;

/** A source over bytes already in memory. Chunks are views (no copies); `chunkSize` exists so tests can split anywhere. */
export function bytesSource(name: string, bytes: Uint8Array, chunkSize: number = DEFAULT_CHUNK_SIZE): ByteSource {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  return {
    name,
    size: bytes.byteLength,
    async *stream() {
      for (let at = 0; at < bytes.byteLength; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
    },
  };
}

/** A source over a Blob or File, read through blob.stream() so the whole file never sits in memory. */
export function blobSource(name: string, blob: Blob): ByteSource {
  return { name, size: blob.size, stream: () => iterateStream(blob.stream()) };
}

/** Reads a web ReadableStream with a reader (async iteration of streams is missing in older engines). */
async function* iterateStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      if (value.byteLength > 0) yield value;
    }
  } finally {
    // The consumer stopped early (cancel, error, enough bytes sniffed): let the stream free its resources.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function tooLarge(source: ByteSource, maxBytes: number, seen: number): ImportError {
  const mb = (n: number) => (n / (1 << 20)).toFixed(n < 10 << 20 ? 1 : 0);
  return new ImportError(
    'too_large',
    source.name,
    `${source.name} is ${mb(seen)} MB, more than the ${mb(maxBytes)} MB that can be read in one piece. Export it as CSV, or split it into smaller files.`,
    { size: seen, maxBytes },
  );
}

/**
 * The largest file imported in one go. A 1M-row RIS extract is 120–250 MB; past a gigabyte the in-memory
 * database (and the copy made to save it) would outgrow what the engine can address.
 */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

function importTooLarge(name: string, size: number, maxBytes: number): ImportError {
  const mb = (n: number) => Math.round(n / (1 << 20)).toLocaleString('en-GB');
  return new ImportError(
    'too_large',
    name,
    `${name} is ${mb(size)} MB; RadBench imports files of up to ${mb(maxBytes)} MB at a time (about 4 million RIS rows). Split the extract by year or quarter and import the parts one after another.`,
    { size, maxBytes },
  );
}

/**
 * Refuses a source larger than `maxBytes` before anything is read (its size as reported), and stops one that
 * turns out larger while streaming (a size that lied). Hosts wrap every import source with this.
 */
export function limitImportSize(source: ByteSource, maxBytes: number = MAX_IMPORT_BYTES): ByteSource {
  if (source.size > maxBytes) throw importTooLarge(source.name, source.size, maxBytes);
  return {
    name: source.name,
    size: source.size,
    async *stream() {
      let total = 0;
      for await (const chunk of source.stream()) {
        total += chunk.byteLength;
        if (total > maxBytes) throw importTooLarge(source.name, total, maxBytes);
        yield chunk;
      }
    },
  };
}

/** Reads a whole source into one array (workbooks need this); fails with 'too_large' as soon as the cap is passed. */
export async function readAllBytes(source: ByteSource, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array> {
  if (source.size > maxBytes) throw tooLarge(source, maxBytes, source.size);
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of source.stream()) {
    throwIfAborted(signal, source.name);
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(source, maxBytes, total);
    parts.push(chunk);
  }
  throwIfAborted(signal, source.name);
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
