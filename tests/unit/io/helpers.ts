import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RowBatch, TableReader } from '../../../shared/io/types';

/** The real files in ../shared/fixtures, beside the repository (as in CI's clean clone). */
export const FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures/public-spend', import.meta.url));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export function withBytes(prefix: number[], body: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length + body.length);
  out.set(prefix, 0);
  out.set(body, prefix.length);
  return out;
}

export function utf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const out: number[] = bom ? (endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (endian === 'le') out.push(unit & 0xff, unit >> 8);
    else out.push(unit >> 8, unit & 0xff);
  }
  return new Uint8Array(out);
}

/** The Windows-1252 characters these tests use above 0x7F; Latin-1 letters map to their own code. */
const CP1252_EXTRA: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '–': 0x96, '—': 0x97 };

export function cp1252(text: string): Uint8Array {
  return new Uint8Array(
    [...text].map((ch) => {
      const extra = CP1252_EXTRA[ch];
      if (extra !== undefined) return extra;
      const code = ch.charCodeAt(0);
      if (code > 0xff || (code >= 0x80 && code < 0xa0)) throw new Error(`not in this test's cp1252 table: ${ch}`);
      return code;
    }),
  );
}

export async function readAll(reader: TableReader): Promise<{ rows: RowBatch['rows']; batches: RowBatch[] }> {
  const batches: RowBatch[] = [];
  for await (const batch of reader.batches()) batches.push(batch);
  return { rows: batches.flatMap((b) => b.rows), batches };
}

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
