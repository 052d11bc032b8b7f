import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding, type DecodedChunk } from '../../../shared/io/decode';
import { bytesSource } from '../../../shared/io/sources';
import { ImportError, type ByteSource } from '../../../shared/io/types';
import { cp1252, rejection, utf16, utf8, withBytes } from './helpers';

async function decodeAll(source: ByteSource, signal?: AbortSignal): Promise<{ text: string; chunks: DecodedChunk[] }> {
  const chunks: DecodedChunk[] = [];
  for await (const chunk of decodeText(source, signal)) chunks.push(chunk);
  return { text: chunks.map((c) => c.text).join(''), chunks };
}

const SAMPLE = 'Supplier,Amount\r\nBjörk Radiology Ltd,£1,234.56\r\nRenée Müller – Café,€10\r\n';

describe('detectEncoding', () => {
  it('recognises each BOM', () => {
    expect(detectEncoding(withBytes([0xef, 0xbb, 0xbf], utf8('a,b')))).toBe('utf-8-bom');
    expect(detectEncoding(utf16('a,b', 'le'))).toBe('utf-16le');
    expect(detectEncoding(utf16('a,b', 'be'))).toBe('utf-16be');
  });

  it('recognises UTF-16 without a BOM by its NUL pattern', () => {
    expect(detectEncoding(utf16('Accession,Exam Date\n1,2\n', 'le', false))).toBe('utf-16le');
    expect(detectEncoding(utf16('Accession,Exam Date\n1,2\n', 'be', false))).toBe('utf-16be');
  });

  it('tells valid UTF-8 from Windows-1252', () => {
    expect(detectEncoding(utf8(SAMPLE))).toBe('utf-8');
    expect(detectEncoding(utf8('plain ascii'))).toBe('utf-8');
    expect(detectEncoding(cp1252(SAMPLE))).toBe('windows-1252');
  });

  it('does not mistake a character cut off at the end of the sample for bad UTF-8', () => {
    const bytes = utf8('Café £');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1))).toBe('utf-8');
  });
});

describe('decodeText', () => {
  it.each([
    ['UTF-8', utf8(SAMPLE), 'utf-8'],
    ['UTF-8 with BOM', withBytes([0xef, 0xbb, 0xbf], utf8(SAMPLE)), 'utf-8-bom'],
    ['UTF-16LE with BOM', utf16(SAMPLE, 'le'), 'utf-16le'],
    ['UTF-16BE with BOM', utf16(SAMPLE, 'be'), 'utf-16be'],
    ['UTF-16LE without BOM', utf16(SAMPLE, 'le', false), 'utf-16le'],
    ['Windows-1252', cp1252(SAMPLE), 'windows-1252'],
  ] as const)('decodes %s, BOM stripped, at any chunk size', async (_label, bytes, encoding) => {
    for (const chunkSize of [1, 2, 3, 5, 7, 1 << 20]) {
      const { text, chunks } = await decodeAll(bytesSource('f.csv', bytes, chunkSize));
      expect(text).toBe(SAMPLE);
      expect(chunks.every((c) => c.encoding === encoding)).toBe(true);
      expect(chunks.at(-1)?.bytesRead).toBe(bytes.length);
    }
  });

  it("turns a Windows-1252 £ (0xA3) into '£'", async () => {
    const { text } = await decodeAll(bytesSource('f.csv', new Uint8Array([0x41, 0x2c, 0xa3, 0x35, 0x0a])));
    expect(text).toBe('A,£5\n');
  });

  it('switches to Windows-1252 for the rest when invalid UTF-8 turns up after the sniffed head', async () => {
    const head = 'Name,Amount\n' + 'Zoë Ödegaard,1\n'.repeat(6000); // ~90 KB of valid UTF-8, past the 64 KiB sample
    const bytes = withBytes([...utf8(head)], cp1252('Café Ltd,£2\nRenée,€3\n'));
    for (const chunkSize of [1 << 20, 4096, 1000]) {
      const { text, chunks } = await decodeAll(bytesSource('mixed.csv', bytes, chunkSize));
      expect(text).toBe(head + 'Café Ltd,£2\nRenée,€3\n');
      expect(chunks[0]?.encoding).toBe('utf-8');
      expect(chunks.at(-1)?.encoding).toBe('windows-1252');
    }
  });

  it('maps every Windows-1252 byte from 0x80 to 0x9F, in a 1252 file and after a late switch', async () => {
    const c1 = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    const expected = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';
    expect((await decodeAll(bytesSource('c1.csv', c1))).text).toBe(expected);
    const late = withBytes([...utf8('x\n'.repeat(40_000))], c1);
    expect((await decodeAll(bytesSource('c1.csv', late))).text).toBe('x\n'.repeat(40_000) + expected);
  });

  it('keeps genuine U+FFFD characters in valid UTF-8', async () => {
    const { text, chunks } = await decodeAll(bytesSource('f.csv', utf8('a,\uFFFD\n'), 1));
    expect(text).toBe('a,\uFFFD\n');
    expect(chunks.at(-1)?.encoding).toBe('utf-8');
  });

  it('reports bytesRead monotonically, ending at the size', async () => {
    const bytes = utf8('x,y\n'.repeat(50_000));
    const { chunks } = await decodeAll(bytesSource('f.csv', bytes, 10_000));
    const seen = chunks.map((c) => c.bytesRead);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(bytes.length);
    expect(chunks.length).toBeGreaterThan(5);
  });

  it('yields nothing for an empty file and an empty string for a BOM-only file', async () => {
    expect((await decodeAll(bytesSource('e.csv', new Uint8Array(0)))).text).toBe('');
    expect((await decodeAll(bytesSource('e.csv', new Uint8Array([0xef, 0xbb, 0xbf])))).text).toBe('');
    expect((await decodeAll(bytesSource('e.csv', new Uint8Array([0xff, 0xfe])))).text).toBe('');
  });

  it.each([
    ['a PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]],
    ['a zip', [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0, 0x21, 0x43, 0x65, 0x87, 0, 0, 0, 0]],
    ['control-character noise', Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 7) : 0x41))],
  ])("rejects %s renamed .csv as 'binary'", async (_label, bytes) => {
    const error = await rejection(decodeAll(bytesSource('photo.csv', new Uint8Array(bytes))));
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('binary');
    expect((error as ImportError).file).toBe('photo.csv');
    expect((error as ImportError).message).toMatch(/not a text\/CSV file/);
  });

  it('accepts text with tabs, form feeds and a DOS end-of-file mark', async () => {
    const { text } = await decodeAll(bytesSource('t.txt', utf8('a\tb\fc\r\n\x1a')));
    expect(text).toBe('a\tb\fc\r\n\x1a');
  });

  it("throws 'cancelled' when the signal is aborted between chunks, and closes the source", async () => {
    const controller = new AbortController();
    let closed = false;
    const inner = bytesSource('big.csv', utf8('a,b\n'.repeat(100_000)), 64 * 1024);
    const source: ByteSource = {
      name: 'big.csv',
      size: inner.size,
      async *stream() {
        try {
          yield* inner.stream();
        } finally {
          closed = true;
        }
      },
    };
    const error = await rejection(
      (async () => {
        for await (const chunk of decodeText(source, controller.signal)) if (chunk.bytesRead > 100_000) controller.abort();
      })(),
    );
    expect((error as ImportError).code).toBe('cancelled');
    expect(closed).toBe(true);
  });
});
