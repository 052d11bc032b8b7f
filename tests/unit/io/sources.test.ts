import { describe, expect, it } from 'vitest';
import { blobSource, bytesSource, DEFAULT_CHUNK_SIZE, readAllBytes } from '../../../shared/io/sources';
import { ImportError } from '../../../shared/io/types';
import { rejection } from './helpers';

async function chunksOf(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

const pattern = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31) & 0xff);

describe('bytesSource', () => {
  it('yields 1 MiB views by default and restarts on every stream() call', async () => {
    const bytes = pattern(DEFAULT_CHUNK_SIZE * 2 + 5);
    const source = bytesSource('a.csv', bytes);
    expect(source.size).toBe(bytes.length);
    const first = await chunksOf(source.stream());
    expect(first.map((c) => c.length)).toEqual([DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_SIZE, 5]);
    expect(first[0]?.buffer).toBe(bytes.buffer); // views, not copies
    const second = await chunksOf(source.stream());
    expect(second.map((c) => c.length)).toEqual([DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_SIZE, 5]);
  });

  it('honours a small chunk size and rejects a nonsense one', async () => {
    const chunks = await chunksOf(bytesSource('a', pattern(10), 3).stream());
    expect(chunks.map((c) => [...c])).toEqual([[0, 31, 62], [93, 124, 155], [186, 217, 248], [23]]);
    expect(() => bytesSource('a', pattern(1), 0)).toThrow(RangeError);
  });

  it('yields nothing for no bytes', async () => {
    expect(await chunksOf(bytesSource('a', new Uint8Array(0)).stream())).toEqual([]);
  });
});

describe('blobSource', () => {
  it('streams a Blob in order and can stop early', async () => {
    const bytes = pattern(300_000);
    const source = blobSource('b.csv', new Blob([bytes]));
    expect(source.size).toBe(300_000);
    const all = await readAllBytes(source, 1 << 20);
    expect(Buffer.compare(all, bytes)).toBe(0); // toEqual on 300k elements takes seconds
    for await (const chunk of source.stream()) {
      expect(chunk.length).toBeGreaterThan(0);
      break; // releases the reader; a second pass still works
    }
    expect((await readAllBytes(source, 1 << 20)).length).toBe(300_000);
  });
});

describe('readAllBytes', () => {
  it('joins chunks into one array', async () => {
    const bytes = pattern(1000);
    expect(await readAllBytes(bytesSource('x', bytes, 7), 1000)).toEqual(bytes);
  });

  it("throws 'too_large' past the cap, from the declared size or while reading", async () => {
    const early = await rejection(readAllBytes(bytesSource('big.xlsx', pattern(1001)), 1000));
    expect(early).toBeInstanceOf(ImportError);
    expect((early as ImportError).code).toBe('too_large');
    expect((early as ImportError).file).toBe('big.xlsx');
    expect((early as ImportError).message).toContain('big.xlsx');

    // A host that under-reports the size is still caught once the bytes pass the cap.
    const liar = { name: 'liar.xlsx', size: 10, stream: bytesSource('liar.xlsx', pattern(5000), 100).stream };
    const late = await rejection(readAllBytes(liar, 1000));
    expect((late as ImportError).code).toBe('too_large');
  });

  it("throws 'cancelled' when aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(readAllBytes(bytesSource('x', pattern(10)), 100, controller.signal));
    expect((error as ImportError).code).toBe('cancelled');
  });
});
