/**
 * The workbook reader on damaged files: flipped bytes, cuts, junk spliced in, zeroed runs, in a real XLSX.
 * Whatever happens, the reader either reads rows or throws an ImportError naming the file; it never throws
 * anything else, never hangs, and the engine's database is untouched by a refused import.
 */
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../../shared/io/openTable';
import { bytesSource } from '../../../shared/io/sources';
import { ImportError } from '../../../shared/io/types';
import { checkZippedWorkbook } from '../../../shared/io/zipGuard';
import { freshEngine } from '../../helpers/engine';

const HEADER = ['Accession Number', 'Exam Code', 'Modality', 'Exam Date', 'Date Reported', 'Reported By', 'Site'];

function workbook(compression: boolean): Uint8Array {
  const rows: unknown[][] = [HEADER];
  for (let i = 1; i <= 40; i++) rows.push([`A${i}`, 'XCHES', 'DX', new Date(Date.UTC(2023, 4, 1 + (i % 28), 10)), `0${(i % 9) + 1}/05/2023 12:00`, `R${i % 5}`, 'Main']);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { cellDates: true }), 'RIS extract');
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx', compression }) as ArrayBuffer);
}

const deflated = workbook(true);
const stored = workbook(false);

/** A damaged copy of `bytes`. */
function mutation(bytes: Uint8Array): fc.Arbitrary<Uint8Array> {
  const at = fc.nat({ max: bytes.length - 1 });
  return fc.oneof(
    fc.array(fc.tuple(at, fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
      const out = Uint8Array.from(bytes);
      for (const [i, x] of flips) out[i] = out[i]! ^ x;
      return out;
    }),
    at.map((n) => bytes.slice(0, n)),
    fc.tuple(at, fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([i, junk]) => new Uint8Array([...bytes.subarray(0, i), ...junk, ...bytes.subarray(i)])),
    fc.tuple(at, fc.integer({ min: 1, max: 512 })).map(([i, n]) => {
      const out = Uint8Array.from(bytes);
      out.fill(0, i, Math.min(out.length, i + n));
      return out;
    }),
    // The zip's own numbers (sizes, offsets, counts) set to extremes.
    fc.tuple(at, fc.constantFrom(0x00000000, 0xffffffff, 0x7fffffff, 0x0000ffff)).map(([i, value]) => {
      const out = Uint8Array.from(bytes);
      new DataView(out.buffer).setUint32(Math.min(i, out.length - 4), value, true);
      return out;
    }),
  );
}

async function readEverything(bytes: Uint8Array, name: string): Promise<number> {
  const reader = await openTable(bytesSource(name, bytes));
  let rows = 0;
  for await (const batch of reader.batches()) rows += batch.rows.length;
  return rows;
}

describe('workbook reader on damaged bytes', () => {
  it('reads the intact workbooks', async () => {
    expect(await readEverything(deflated, 'ris.xlsx')).toBe(41);
    expect(await readEverything(stored, 'ris.xlsx')).toBe(41);
  });

  it('reads rows or throws an ImportError naming the file, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutation(deflated), mutation(stored)), fc.constantFrom('ris.xlsx', 'ris.csv'), async (bytes, name) => {
        try {
          const rows = await readEverything(bytes, name);
          expect(rows).toBeGreaterThanOrEqual(0);
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(ImportError);
          expect((error as ImportError).file).toBe(name);
          expect((error as ImportError).message).toContain(name);
        }
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it('the zip check alone throws only ImportError, whatever the directory says', async () => {
    await fc.assert(
      fc.asyncProperty(mutation(deflated), async (bytes) => {
        try {
          const check = await checkZippedWorkbook(bytes, 'ris.xlsx');
          expect(check.expandedBytes).toBeGreaterThanOrEqual(0);
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(ImportError);
        }
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it('through the engine: a refused damaged workbook leaves the database byte for byte as it was', async () => {
    const engine = await freshEngine();
    await engine.runImport({ source: { kind: 'bytes', name: 'base.xlsx', bytes: deflated }, kind: 'ris', commit: true });
    const before = Buffer.from(await engine.exportDatabase());
    await fc.assert(
      fc.asyncProperty(mutation(deflated), async (bytes) => {
        try {
          const report = await engine.runImport({ source: { kind: 'bytes', name: 'damaged.xlsx', bytes }, kind: 'ris', commit: false });
          await engine.discardImport(report.importId);
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(ImportError);
        }
        expect(Buffer.from(await engine.exportDatabase()).equals(before)).toBe(true);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
