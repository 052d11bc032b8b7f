import * as XLSX from 'xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesSource } from '../../../shared/io/sources';
import { ImportError, type Cell } from '../../../shared/io/types';
import { openWorkbook } from '../../../shared/io/xlsx';
import { fixture, readAll, rejection } from './helpers';

/** Builds a workbook in memory; each sheet is an array of rows, where a cell may be a SheetJS cell object. */
function workbook(sheets: Record<string, unknown[][]>, bookType: XLSX.BookType = 'xlsx'): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = XLSX.utils.aoa_to_sheet(rows, { UTC: true });
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType }) as ArrayBuffer);
}

const dateCell = (serial: number, z = 'dd/mm/yyyy') => ({ t: 'n', v: serial, z });

const TYPED_SHEET: unknown[][] = [
  ['Spend over £25,000 — December 2020'],
  [],
  ['Date', 'Supplier', 'Amount', 'Paid', 'Doubled', 'Error', 'Reported at'],
  [dateCell(44166), 'Everlight Radiology', 1234.56, true, { t: 'n', v: 2469.12, f: 'C4*2' }, { t: 'e', v: 0x2a }, dateCell(44166.5625, 'dd/mm/yyyy hh:mm')],
  [dateCell(44196), 'Medica Reporting Ltd', -5, false, null, null, null, ''],
  ['Total', null, 1229.56],
];

describe('openWorkbook: cells', () => {
  it.each(['xlsx', 'biff8'] as const)('reads typed cells from %s, rows from spreadsheet row 1', async (bookType) => {
    const bytes = workbook({ Spend: TYPED_SHEET }, bookType);
    const reader = await openWorkbook(bytesSource(`spend.${bookType === 'xlsx' ? 'xlsx' : 'xls'}`, bytes));
    expect(reader.info).toEqual({ format: bookType === 'xlsx' ? 'xlsx' : 'xls', encoding: null, delimiter: null, sheets: ['Spend'], sheet: 'Spend' });
    const { rows, batches } = await readAll(reader);
    expect(batches[0]?.firstRowNumber).toBe(1);
    expect(batches.at(-1)?.bytesRead).toBe(bytes.length);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual(['Spend over £25,000 — December 2020']);
    expect(rows[1]).toEqual([]);
    expect(rows[2]).toEqual(['Date', 'Supplier', 'Amount', 'Paid', 'Doubled', 'Error', 'Reported at']);
    const [date, supplier, amount, paid, doubled, error, reportedAt] = rows[3] as Cell[];
    expect(date).toBeInstanceOf(Date);
    expect((date as Date).toISOString()).toBe('2020-12-01T00:00:00.000Z'); // 01/12/2020 in the sheet
    expect(supplier).toBe('Everlight Radiology');
    expect(amount).toBe(1234.56);
    expect(paid).toBe(true);
    expect(doubled).toBe(2469.12); // the formula's cached value
    expect(error).toBe('#N/A');
    expect((reportedAt as Date).toISOString()).toBe('2020-12-01T13:30:00.000Z');
    // Blank cells are null and the row stops at its last value (the empty string in column H is empty too).
    expect(rows[4]).toEqual([new Date('2020-12-31T00:00:00.000Z'), 'Medica Reporting Ltd', -5, false]);
    expect(rows[5]).toEqual(['Total', null, 1229.56]);
  });

  describe('dates do not depend on the machine timezone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      process.env.TZ = original;
    });

    it.each(['UTC', 'Europe/London', 'America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'])('in %s', async (tz) => {
      const bytes = workbook({ S: [['Exam date'], [dateCell(44166)], [dateCell(43922.99930555556, 'dd/mm/yyyy hh:mm')]] });
      process.env.TZ = tz;
      // The zone really is in force: local midnight of 1 Dec 2020 is not UTC midnight except in UTC/London (GMT in December).
      const offset = new Date(2020, 11, 1).getTimezoneOffset();
      expect(tz === 'UTC' || tz === 'Europe/London' ? offset === 0 : offset !== 0).toBe(true);
      const { rows } = await readAll(await openWorkbook(bytesSource('d.xlsx', bytes)));
      expect((rows[1]?.[0] as Date).toISOString()).toBe('2020-12-01T00:00:00.000Z');
      expect((rows[2]?.[0] as Date).toISOString()).toBe('2020-04-01T23:59:00.000Z'); // summer time in the UK
    });
  });
});

describe('openWorkbook: sheets', () => {
  const bytes = () => workbook({ Notes: [], Activity: [['Acc', 'Date'], ['A1', dateCell(44166)]], Finance: [['Supplier'], ['TMC']] });

  it('defaults to the first sheet with cells and lists every sheet', async () => {
    const reader = await openWorkbook(bytesSource('book.xlsx', bytes()));
    expect(reader.info.sheets).toEqual(['Notes', 'Activity', 'Finance']);
    expect(reader.info.sheet).toBe('Activity');
    expect((await readAll(reader)).rows[0]).toEqual(['Acc', 'Date']);
  });

  it('reads the sheet asked for, forgiving case and spaces', async () => {
    const exact = await openWorkbook(bytesSource('book.xlsx', bytes()), { sheet: 'Finance' });
    expect(exact.info.sheet).toBe('Finance');
    expect((await readAll(exact)).rows).toEqual([['Supplier'], ['TMC']]);
    const loose = await openWorkbook(bytesSource('book.xlsx', bytes()), { sheet: ' finance ' });
    expect(loose.info.sheet).toBe('Finance');
  });

  it("throws 'no_sheet' for an unknown sheet, naming the sheets there are", async () => {
    const error = (await rejection(openWorkbook(bytesSource('book.xlsx', bytes()), { sheet: 'Sheet9' }))) as ImportError;
    expect(error.code).toBe('no_sheet');
    expect(error.message).toContain('Notes, Activity, Finance');
    expect(error.details).toMatchObject({ sheet: 'Sheet9', sheets: ['Notes', 'Activity', 'Finance'] });
  });

  it("throws 'empty' for an empty chosen sheet or a workbook without cells", async () => {
    expect(((await rejection(openWorkbook(bytesSource('book.xlsx', bytes()), { sheet: 'Notes' }))) as ImportError).code).toBe('empty');
    expect(((await rejection(openWorkbook(bytesSource('blank.xlsx', workbook({ A: [], B: [[null]] }))))) as ImportError).code).toBe('empty');
  });

  it("throws 'too_large' when SheetJS silently drops a sheet (as it does past ~950k rows)", async () => {
    // Reproduce the silent drop with a sheet whose XML SheetJS cannot parse: it points at a shared string that does not exist.
    const zip = XLSX.CFB.read(workbook({ Big: [['a'], [1]] }), { type: 'array' });
    const entry = zip.FileIndex[zip.FullPaths.findIndex((p: string) => p.endsWith('xl/worksheets/sheet1.xml'))];
    const xml = new TextEncoder().encode('<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData></worksheet>');
    Object.assign(entry as object, { content: xml, size: xml.length });
    const broken = new Uint8Array(XLSX.CFB.write(zip, { type: 'array', fileType: 'zip' }) as ArrayBuffer);
    for (const sheet of [null, 'Big']) {
      const error = (await rejection(openWorkbook(bytesSource('big.xlsx', broken), { sheet }))) as ImportError;
      expect(error.code).toBe('too_large');
      expect(error.message).toMatch(/Export it as CSV/);
    }
  });
});

describe('openWorkbook: failures', () => {
  it("throws 'unreadable' for a damaged workbook", async () => {
    const bytes = workbook({ S: [['a']] }).slice(0, 200);
    const error = (await rejection(openWorkbook(bytesSource('broken.xlsx', bytes)))) as ImportError;
    expect(error.code).toBe('unreadable');
    expect(error.file).toBe('broken.xlsx');
  });

  it("throws 'too_large' past maxBytes and 'cancelled' when aborted", async () => {
    const bytes = workbook({ S: [['a']] });
    expect(((await rejection(openWorkbook(bytesSource('b.xlsx', bytes), { maxBytes: 100 }))) as ImportError).code).toBe('too_large');
    const controller = new AbortController();
    controller.abort();
    expect(((await rejection(openWorkbook(bytesSource('b.xlsx', bytes), { signal: controller.signal }))) as ImportError).code).toBe('cancelled');
  });

  it("stops with 'cancelled' between batches", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`A${i}`, i]);
    const controller = new AbortController();
    const reader = await openWorkbook(bytesSource('b.xlsx', workbook({ S: rows })), { signal: controller.signal });
    let seen = 0;
    const error = await rejection(
      (async () => {
        for await (const batch of reader.batches()) {
          seen += batch.rows.length;
          controller.abort();
        }
      })(),
    );
    expect((error as ImportError).code).toBe('cancelled');
    expect(seen).toBe(2000);
  });
});

describe('openWorkbook: real published file', () => {
  it('NMID (XLSX with Excel dates and an empty trailing column)', async () => {
    const bytes = fixture('NMID 09 - December.xlsx');
    const reader = await openWorkbook(bytesSource('NMID 09 - December.xlsx', bytes));
    expect(reader.info).toMatchObject({ format: 'xlsx', sheets: ['Sheet1'], sheet: 'Sheet1' });
    const { rows } = await readAll(reader);
    // Independent count: SheetJS's own row export, without blank rows.
    const reference = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(bytes, { type: 'array' }).Sheets.Sheet1 as XLSX.WorkSheet, {
      header: 1,
      blankrows: false,
    });
    expect(rows).toHaveLength(reference.length);
    expect(rows).toHaveLength(70);
    expect(rows[0]).toEqual(['Department family', 'Entity', 'Date Paid', 'Expense Type', 'Expense Area', 'Supplier', 'Transaction Number', 'Amount']);
    const data = rows.slice(1);
    expect(data.every((r) => r.length === 8)).toBe(true); // the empty column I is not padded in
    expect(data.every((r) => r[2] instanceof Date && (r[2] as Date).toISOString().startsWith('2020-12-'))).toBe(true);
    expect(data.every((r) => typeof r[7] === 'number')).toBe(true);
    expect(rows[1]).toEqual([
      'Department of Health and Social Care',
      'North Middlesex University Hospital NHS Trust',
      new Date('2020-12-04T00:00:00.000Z'),
      'Consultancy',
      'Human Resources',
      'April Strategy Llp',
      784531,
      40182,
    ]);
    expect(data.some((r) => r[5] === 'Everlight Radiology')).toBe(true);
  });
});
