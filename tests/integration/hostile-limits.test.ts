/**
 * Files built to break the importer, or simply too big for it: each is refused with an ImportError whose
 * message says what is wrong and what to do, quickly and within bounded memory, and the database stays
 * byte for byte as it was. The full-size versions (a real 2 GB file, a 1,048,576-row workbook, a 100 MB
 * line) run in `npm run test:soak`.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import type { SourceRef } from '../../shared/contract';
import { limitImportSize } from '../../shared/io/sources';
import { ImportError, type ByteSource } from '../../shared/io/types';
import { checkZippedWorkbook, EXCEL_MAX_ROWS, MAX_ENTRY_EXPANDED_BYTES } from '../../shared/io/zipGuard';
import { freshEngine } from '../helpers/engine';
import { memorySink, rowXml, writeWorkbook, zipBomb } from '../soak/xlsxFiles';

const encoder = new TextEncoder();
const HEADER = ['Accession Number', 'Exam Code', 'Modality', 'Exam Date', 'Date Reported', 'Reported By', 'Site'];
const dir = mkdtempSync(join(tmpdir(), 'radbench-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Imports `source` into a database holding one committed row (after previewing it, with `preview`); returns
 * the error and whether the database changed.
 */
async function refused(source: SourceRef, { preview = false } = {}): Promise<{ error: ImportError; unchanged: boolean; ms: number }> {
  const engine = await freshEngine();
  await engine.runImport({ source: { kind: 'bytes', name: 'base.csv', bytes: encoder.encode(`${HEADER.join(',')}\nB1,XCHES,DX,01/05/2023 10:00,,,Main\n`) }, kind: 'ris', commit: true });
  const before = Buffer.from(await engine.exportDatabase());
  const started = performance.now();
  let error: unknown = null;
  try {
    if (preview) await engine.previewImport({ source, kind: 'ris' });
    await engine.runImport({ source, kind: 'ris', commit: true });
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - started;
  expect(error, 'the import must be refused').toBeInstanceOf(ImportError);
  const after = Buffer.from(await engine.exportDatabase());
  expect((await engine.info()).pendingImport).toBeNull();
  return { error: error as ImportError, unchanged: after.equals(before), ms };
}

const bytesRef = (name: string, bytes: Uint8Array): SourceRef => ({ kind: 'bytes', name, bytes });

async function smallWorkbook(rows: Iterable<string>): Promise<Uint8Array> {
  const out = memorySink();
  await writeWorkbook(out.sink, rows);
  return out.bytes();
}

describe('zip bombs', () => {
  it('a workbook whose sheet honestly declares 2 GB unpacked is refused at once, before anything is unpacked', async () => {
    const bomb = await zipBomb(2, 'truth');
    expect(bomb.byteLength).toBeLessThan(4 * 1024 * 1024);
    const { error, unchanged, ms } = await refused(bytesRef('bomb.xlsx', bomb), { preview: true });
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/^bomb\.xlsx unpacks to more than 2,048 MB from \d MB on disk.*zip bomb.*did not open it/);
    expect(unchanged).toBe(true);
    expect(ms).toBeLessThan(5_000);
  });

  it.each(['small', 'zero'] as const)('one that lies about its size (%s) is stopped while unpacking, at the limit', async (claim) => {
    const bomb = await zipBomb(2, claim);
    const { error, unchanged } = await refused(bytesRef('liar.xlsx', bomb));
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/liar\.xlsx unpacks to more than \d+ MB.*zip bomb/);
    expect(error.details.expandedBytes as number).toBeGreaterThan(MAX_ENTRY_EXPANDED_BYTES);
    expect(error.details.expandedBytes as number).toBeLessThan(MAX_ENTRY_EXPANDED_BYTES + 64 * 1024 * 1024);
    expect(unchanged).toBe(true);
  }, 60_000);

  it('a damaged zip (directory cut off) is refused as unreadable, naming the file', async () => {
    const good = await smallWorkbook([rowXml(1, HEADER), rowXml(2, ['A1', 'XCHES', 'DX', '01/05/2023 10:00', '', '', 'Main'])]);
    const { error, unchanged } = await refused(bytesRef('cut.xlsx', good.subarray(0, good.length - 30)));
    expect(error.code).toBe('unreadable');
    expect(error.message).toMatch(/^cut\.xlsx could not be read as a workbook/);
    expect(unchanged).toBe(true);
  });

  it('a real workbook passes the check, which measures what it unpacks to and its last row', async () => {
    const good = await smallWorkbook([rowXml(1, HEADER), rowXml(2, ['A1', 'XCHES', 'DX', '01/05/2023 10:00', '', '', 'Main'])]);
    const check = await checkZippedWorkbook(good, 'good.xlsx');
    expect(check.entries).toBe(5);
    expect(check.lastRows).toEqual({ 'xl/worksheets/sheet1.xml': 2 });
    const engine = await freshEngine();
    const report = await engine.runImport({ source: bytesRef('good.xlsx', good), kind: 'ris', commit: true });
    expect(report.accepted).toBe(1);
  });
});

describe('workbooks with too many rows', () => {
  /** A sheet with a header, one row, and one more at row `last`: as deep as a full one, in a few kilobytes. */
  function sheetReaching(last: number): Promise<Uint8Array> {
    return smallWorkbook([
      rowXml(1, HEADER),
      rowXml(2, ['A1', 'XCHES', 'DX', '01/05/2023 10:00', '01/05/2023 12:00', 'R1', 'Main']),
      rowXml(last, ['A2', 'XCHES', 'DX', '02/05/2023 10:00', '', '', 'Main']),
    ]);
  }

  it('SheetJS reads such a sheet as that deep (so the check matches what the reader would do)', async () => {
    const book = XLSX.read(await sheetReaching(5000), { type: 'array', dense: true });
    expect(XLSX.utils.decode_range(book.Sheets['RIS extract']!['!ref']!).e.r + 1).toBe(5000);
  });

  it("one that reaches Excel's last row (1,048,576) is refused as cut off at Excel's limit", async () => {
    const { error, unchanged, ms } = await refused(bytesRef('full.xlsx', await sheetReaching(EXCEL_MAX_ROWS)), { preview: true });
    expect(error.code).toBe('too_large');
    expect(error.message).toBe(
      "full.xlsx fills every row Excel allows (1,048,576), so the export was almost certainly cut off at Excel's limit and rows are missing. Export the extract from the RIS as CSV, which has no row limit, and import that instead.",
    );
    expect(unchanged).toBe(true);
    expect(ms).toBeLessThan(5_000);
  });

  it('one with more than 1,000,000 rows is refused with the limit and the way round it', async () => {
    const { error, unchanged } = await refused(bytesRef('big.xlsx', await sheetReaching(1_000_001)));
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/^big\.xlsx has 1,000,001 rows; RadBench reads at most 1,000,000 rows from a workbook\. Export it as CSV/);
    expect(unchanged).toBe(true);
  });
});

describe('files too large to import', () => {
  it('a 2 GB file is refused from its size alone, without reading it', async () => {
    // A sparse file: 2 GB as far as the file system says, a few bytes on disk.
    const path = join(dir, 'two-gigabytes.csv');
    const fd = openSync(path, 'w');
    writeSync(fd, `${HEADER.join(',')}\n`);
    ftruncateSync(fd, 2 * 1024 * 1024 * 1024);
    closeSync(fd);
    const { error, unchanged, ms } = await refused({ kind: 'path', name: 'two-gigabytes.csv', path }, { preview: true });
    expect(error.code).toBe('too_large');
    expect(error.message).toBe(
      'two-gigabytes.csv is 2,048 MB; RadBench imports files of up to 1,024 MB at a time (about 4 million RIS rows). Split the extract by year or quarter and import the parts one after another.',
    );
    expect(unchanged).toBe(true);
    expect(ms).toBeLessThan(2_000);
  });

  it('a source whose stream turns out longer than its stated size is stopped at the limit', async () => {
    const liar: ByteSource = {
      name: 'liar.csv',
      size: 10,
      async *stream() {
        for (let i = 0; i < 100; i++) yield new Uint8Array(100).fill(0x41);
      },
    };
    const limited = limitImportSize(liar, 1000);
    let read = 0;
    await expect(
      (async () => {
        for await (const chunk of limited.stream()) read += chunk.byteLength;
      })(),
    ).rejects.toThrow(/liar\.csv is 0 MB; RadBench imports files of up to 0 MB/);
    expect(read).toBe(1000);
  });

  it('a CSV whose one line runs past 1 MB is refused, naming the line', async () => {
    const bytes = encoder.encode(`${HEADER.join(',')}\n${'A'.repeat(3 * 1024 * 1024)}\nA2,XCHES,DX,02/05/2023 10:00,,,Main\n`);
    const { error, unchanged } = await refused(bytesRef('one-line.csv', bytes));
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/^one-line\.csv: line 2 runs on for more than 1 MB of text without a line break\./);
    expect(unchanged).toBe(true);
  });
});

describe('damaged text', () => {
  it('NUL bytes deep in a file reject those rows with a reason, and the rest imports', async () => {
    const good = (n: number) => `A${n},XCHES,DX,01/05/2023 10:00,01/05/2023 12:00,R1,Main`;
    const lines = [HEADER.join(','), ...Array.from({ length: 2000 }, (_, i) => good(i + 1))];
    const head = encoder.encode(lines.join('\n') + '\n');
    const damagedRow = new Uint8Array([...encoder.encode('Z1,XCH'), 0, 0, 0, ...encoder.encode('ES,DX,01/05/2023 10:00,,,Main\n')]);
    const tail = encoder.encode(`${good(9999)}\n`);
    const bytes = new Uint8Array([...head, ...damagedRow, ...tail]);
    expect(head.length).toBeGreaterThan(64 * 1024);
    const engine = await freshEngine();
    const report = await engine.runImport({ source: bytesRef('nul.csv', bytes), kind: 'ris', commit: true });
    expect(report.accepted).toBe(2001);
    expect(report.rejected).toBe(1);
    const issue = report.issues.find((i) => i.severity === 'error');
    expect(issue).toMatchObject({ file: 'nul.csv', row: 2002 });
    expect(issue?.reason).toMatch(/NUL characters/);
  });

  it('NUL bytes at the top are refused as a binary file, leaving the database unchanged', async () => {
    const bytes = new Uint8Array([...encoder.encode(HEADER.join(',')), 0, 0, 0, 0, ...encoder.encode('\nA1,XCHES,DX,01/05/2023 10:00,,,Main\n')]);
    const { error, unchanged } = await refused(bytesRef('binary.csv', bytes));
    expect(error.code).toBe('binary');
    expect(error.message).toMatch(/^binary\.csv is not a text\/CSV file/);
    expect(unchanged).toBe(true);
  });

  it('mixed encodings: UTF-8 that turns Windows-1252 part-way reads every row, each £ and é as written', async () => {
    const lines = [HEADER.join(','), ...Array.from({ length: 3000 }, (_, i) => `A${i},XCHES,DX,01/05/2023 10:00,01/05/2023 12:00,R1,Main café`)];
    const utf8 = encoder.encode(lines.join('\n') + '\n');
    // A legacy tool appended rows in Windows-1252: "é" is the single byte 0xE9 there.
    const legacy = new Uint8Array([...encoder.encode('B1,XCHES,DX,02/05/2023 10:00,02/05/2023 11:00,R2,North caf'), 0xe9, 0x0a]);
    const engine = await freshEngine();
    const report = await engine.runImport({ source: bytesRef('mixed.csv', new Uint8Array([...utf8, ...legacy])), kind: 'ris', commit: true });
    expect(report.accepted).toBe(3001);
    const sites = (await engine.filterOptions()).sites;
    expect(sites).toEqual(expect.arrayContaining(['Main café', 'North café']));
  });

  it('UTF-16 with a byte-order mark reads like UTF-8', async () => {
    const text = `\uFEFF${HEADER.join(',')}\r\nA1,XCHES,DX,01/05/2023 10:00,01/05/2023 12:00,R1,Ward £\r\n`;
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) new DataView(bytes.buffer).setUint16(i * 2, text.charCodeAt(i), true);
    const engine = await freshEngine();
    const report = await engine.runImport({ source: bytesRef('utf16.csv', bytes), kind: 'ris', commit: true });
    expect(report.accepted).toBe(1);
    expect((await engine.filterOptions()).sites).toEqual(['Ward £']);
  });
});
