import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { SourceRef } from '../../shared/contract';
import { bytesSource, limitImportSize } from '../../shared/io/sources';
import type { ByteSource } from '../../shared/io/types';
import { ImportError } from '../../shared/io/types';

/** Streams a file from disk in 1 MiB chunks; never reads it whole. */
export function fileSource(path: string, name: string = basename(path)): ByteSource {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new ImportError('unreadable', name, `${name}: the file cannot be read (${path}). Check the path and that you can open it.`);
  }
  return {
    name,
    size,
    async *stream() {
      for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
        const buffer = chunk as Buffer;
        yield new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      }
    },
  };
}

/** An import source from what a host was handed; one over the size limit is refused here, before the engine makes room for it. */
export function openNodeSource(ref: SourceRef) {
  if (ref.kind === 'path') return limitImportSize(fileSource(ref.path, ref.name));
  if (ref.kind === 'bytes') return limitImportSize(bytesSource(ref.name, ref.bytes));
  throw new Error('A Blob source is only available in the browser host.');
}
