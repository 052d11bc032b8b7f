import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../../shared/io/openTable';
import { bytesSource } from '../../../shared/io/sources';
import { ImportError } from '../../../shared/io/types';
import { fixture, readAll, rejection, utf16, utf8 } from './helpers';

function book(bookType: XLSX.BookType): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x']]), 'First');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Acc', 'Amount'], ['A1', 5]]), 'Second');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType }) as ArrayBuffer);
}

function plainZip(): Uint8Array {
  const zip = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(zip, 'readme.txt', utf8('not a workbook'));
  return new Uint8Array(XLSX.CFB.write(zip, { type: 'array', fileType: 'zip' }) as ArrayBuffer);
}

describe('openTable', () => {
  it('reads XLSX by its zip signature, whatever the name, and passes the sheet on', async () => {
    const reader = await openTable(bytesSource('export.csv', book('xlsx'), 16), { sheet: 'Second' });
    expect(reader.info).toMatchObject({ format: 'xlsx', sheet: 'Second', sheets: ['First', 'Second'] });
    expect((await readAll(reader)).rows).toEqual([['Acc', 'Amount'], ['A1', 5]]);
  });

  it('reads XLS by its OLE2 signature', async () => {
    const bytes = book('biff8');
    expect([...bytes.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    const reader = await openTable(bytesSource('old.xls', bytes));
    expect(reader.info).toMatchObject({ format: 'xls', sheet: 'First' });
  });

  it('reads anything else as delimited text, such as "Unicode text" saved with an .xls name', async () => {
    const reader = await openTable(bytesSource('ris.xls', utf16('Acc\tExam Date\r\nA1\t01/02/2024\r\n', 'le')));
    expect(reader.info).toMatchObject({ format: 'csv', encoding: 'utf-16le', delimiter: '\t' });
    expect((await readAll(reader)).rows).toEqual([['Acc', 'Exam Date'], ['A1', '01/02/2024']]);
  });

  it("throws 'binary' for a PNG or a non-workbook zip renamed .csv", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    for (const bytes of [png, plainZip()]) {
      const error = (await rejection(openTable(bytesSource('data.csv', bytes)))) as ImportError;
      expect(error).toBeInstanceOf(ImportError);
      expect(error.code).toBe('binary');
      expect(error.message).toContain('data.csv is not a text/CSV file');
    }
  });

  it("throws 'unreadable' for a zip named .xlsx that is not a workbook", async () => {
    const error = (await rejection(openTable(bytesSource('data.xlsx', plainZip())))) as ImportError;
    expect(error.code).toBe('unreadable');
  });

  it("throws 'empty' for an empty file of any name", async () => {
    for (const name of ['a.csv', 'a.xlsx']) {
      expect(((await rejection(openTable(bytesSource(name, new Uint8Array(0))))) as ImportError).code).toBe('empty');
    }
  });

  it("passes cancellation on ('cancelled')", async () => {
    const controller = new AbortController();
    controller.abort();
    for (const [name, bytes] of [['a.csv', utf8('a,b\n1,2\n')], ['a.xlsx', book('xlsx')]] as const) {
      const error = (await rejection(openTable(bytesSource(name, bytes), { signal: controller.signal }))) as ImportError;
      expect(error.code).toBe('cancelled');
    }
  });

  it.each([
    ['CHWE 07 - October.csv', 'csv', 114],
    ['LEGR 08 - November.csv', 'csv', 90],
    ['NMID 09 - December.xlsx', 'xlsx', 70],
  ] as const)('opens the published file %s', async (name, format, count) => {
    const reader = await openTable(bytesSource(name, fixture(name)));
    expect(reader.info.format).toBe(format);
    expect((await readAll(reader)).rows).toHaveLength(count);
  });
});
