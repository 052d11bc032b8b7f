import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_CHARS, openCsv } from '../../../shared/io/csv';
import { bytesSource } from '../../../shared/io/sources';
import { ImportError, type ByteSource, type Cell } from '../../../shared/io/types';
import { cp1252, fixture, readAll, rejection, utf16, utf8, withBytes } from './helpers';

const open = (text: string, chunkSize?: number, batchSize?: number) =>
  openCsv(bytesSource('t.csv', utf8(text), chunkSize), batchSize ? { batchSize } : {});

async function rowsOf(text: string, chunkSize?: number): Promise<Cell[][]> {
  return (await readAll(await open(text, chunkSize))).rows;
}

describe('openCsv: dialect', () => {
  it.each([
    [',', 'comma'],
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ])('detects %j (%s) and splits on it', async (d) => {
    const text = ['Acc No', 'Exam Date', 'Amount'].join(d) + '\r\n' + ['A1', '01/02/2024', '1,5'].join(d) + '\r\n' + ['A2', '02/02/2024', '2,5'].join(d) + '\r\n';
    const reader = await open(text);
    expect(reader.info).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: d, sheets: [], sheet: null });
    const { rows } = await readAll(reader);
    expect(rows).toEqual(
      d === ','
        ? [['Acc No', 'Exam Date', 'Amount'], ['A1', '01/02/2024', '1', '5'], ['A2', '02/02/2024', '2', '5']]
        : [['Acc No', 'Exam Date', 'Amount'], ['A1', '01/02/2024', '1,5'], ['A2', '02/02/2024', '2,5']],
    );
  });

  it('prefers the delimiter with a consistent column count over one found inside values', async () => {
    const text = 'Date;Supplier;Amount\n01/10/2020;Acme, Ltd;1234,56\n02/10/2020;Beta;99,10\n03/10/2020;Gamma;5,00\n';
    expect((await open(text)).info.delimiter).toBe(';');
  });

  it('respects quotes when counting columns', async () => {
    const text = 'a;b\n"x;y";"1;2;3"\n"p";"q"\n';
    expect((await open(text)).info.delimiter).toBe(';');
    expect(await rowsOf(text)).toEqual([['a', 'b'], ['x;y', '1;2;3'], ['p', 'q']]);
  });

  it('sees past title rows to the table', async () => {
    const text = 'Expenditure over £25,000\r\nOctober 2020\r\n\r\nDate|Supplier|Amount\r\n01/10/2020|Medica|1\r\n02/10/2020|TMC|2\r\n';
    const reader = await open(text);
    expect(reader.info.delimiter).toBe('|');
    const { rows, batches } = await readAll(reader);
    expect(rows).toEqual([
      ['Expenditure over £25,000'],
      ['October 2020'],
      [],
      ['Date', 'Supplier', 'Amount'],
      ['01/10/2020', 'Medica', '1'],
      ['02/10/2020', 'TMC', '2'],
    ]);
    expect(batches[0]?.firstRowNumber).toBe(1);
  });

  it('defaults to comma for a single-column file', async () => {
    const reader = await open('Accession\nA1\nA2\n');
    expect(reader.info.delimiter).toBe(',');
    expect((await readAll(reader)).rows).toEqual([['Accession'], ['A1'], ['A2']]);
  });
});

describe('openCsv: fields and rows', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, untrimmed', async () => {
    const text = 'id,name,note\r\n1,"Smith, John","He said ""hi"""\r\n2," padded ","line one\r\nline two\nline three"\r\n3,plain , x\r\n';
    expect(await rowsOf(text)).toEqual([
      ['id', 'name', 'note'],
      ['1', 'Smith, John', 'He said "hi"'],
      ['2', ' padded ', 'line one\r\nline two\nline three'],
      ['3', 'plain ', ' x'],
    ]);
  });

  it('handles LF, CRLF, a mix of both, and bare CR line ends', async () => {
    const expected = [['a', 'b'], ['1', '2'], ['3', '4']];
    expect(await rowsOf('a,b\n1,2\n3,4\n')).toEqual(expected);
    expect(await rowsOf('a,b\r\n1,2\r\n3,4\r\n')).toEqual(expected);
    expect(await rowsOf('a,b\r\n1,2\n3,4\r\n')).toEqual(expected);
    expect(await rowsOf('a,b\r1,2\r3,4\r')).toEqual(expected);
    expect(await rowsOf('a,b\n1,2\n3,4')).toEqual(expected); // no final line break
  });

  it('keeps blank lines as empty rows so row numbers match the file', async () => {
    const { rows, batches } = await readAll(await open('title\n\n\na,b\n1,2\n\n3,4\n', undefined, 2));
    expect(rows).toEqual([['title'], [], [], ['a', 'b'], ['1', '2'], [], ['3', '4']]);
    expect(batches.map((b) => [b.firstRowNumber, b.rows.length])).toEqual([
      [1, 2],
      [3, 2],
      [5, 2],
      [7, 1],
    ]);
  });

  it('numbers rows by record, as a spreadsheet shows the file, across multi-line values', async () => {
    const text = 'h1,h2\n1,"a\nb\nc"\n2,x\n3,"unclosed\n4,y\n';
    const { rows, batches } = await readAll(await open(text, undefined, 1));
    expect(rows).toEqual([['h1', 'h2'], ['1', 'a\nb\nc'], ['2', 'x'], ['3', 'unclosed'], ['4', 'y']]);
    const problems = batches.flatMap((b) => b.problems);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.row).toBe(4);
    expect(problems[0]?.message).toMatch(/Unclosed quote/);
    expect(batches.find((b) => b.problems.length)?.firstRowNumber).toBe(4);
  });

  it('reports an unclosed quote on the last row', async () => {
    const { rows, batches } = await readAll(await open('a,b\n1,2\n3,"never closed'));
    expect(rows).toEqual([['a', 'b'], ['1', '2'], ['3', 'never closed']]);
    expect(batches.flatMap((b) => b.problems)).toEqual([{ row: 3, message: expect.stringMatching(/Unclosed quote/) }]);
  });

  it('reports rows with more fields than the rest, but not an empty trailing field', async () => {
    const text = 'a,b,c\n1,2,3\n7,8,9,extra\n10,11,12,\n13,14,15, \n4,5,6\n7,7,7\n';
    const { rows, batches } = await readAll(await open(text));
    expect(rows).toHaveLength(7);
    expect(rows[3]).toEqual(['10', '11', '12', '']);
    const problems = batches.flatMap((b) => b.problems);
    expect(problems.map((p) => p.row)).toEqual([3]);
    expect(problems[0]?.message).toMatch(/4 fields where the file's rows have 3/);
  });

  it('reports malformed quotes once per row', async () => {
    // papaparse keeps looking for a closing quote that is followed by a delimiter, so the next line joins this record.
    const text = 'a,b,c\n"x"y,5,6\n"p","q","r"\n7,8,9\n';
    const { rows, batches } = await readAll(await open(text));
    expect(rows.at(-1)).toEqual(['7', '8', '9']);
    expect(batches.flatMap((b) => b.problems)).toEqual([{ row: 2, message: expect.stringMatching(/Malformed quotes/) }]);
  });

  it('does not let a runaway unclosed quote swallow the rest of a large file', async () => {
    const filler = 'A0000001,CT Chest,01/10/2020\n'.repeat(Math.ceil((MAX_RECORD_CHARS * 1.5) / 28));
    const text = 'acc,exam,date\nA0,"CT Head,01/10/2020\n' + filler;
    const { rows, batches } = await readAll(await open(text));
    const problems = batches.flatMap((b) => b.problems);
    expect(problems).toEqual([{ row: 2, message: expect.stringMatching(/Unclosed quote/) }]);
    expect(rows[1]).toEqual(['A0', 'CT Head,01/10/2020']);
    expect(rows).toHaveLength(2 + filler.split('\n').length - 1);
    expect(rows.at(-1)).toEqual(['A0000001', 'CT Chest', '01/10/2020']);
  });

  it('gives the same rows whatever the chunk boundaries (inside quotes, CRLF pairs and multi-byte characters)', async () => {
    const text = 'Name,Note,Amount\r\n"Zoë, Ödegaard","said ""£5""\r\nthen left",£1\r\nRenée,—,"1,2"\r\nx,"",\r\n';
    const whole = await rowsOf(text);
    expect(whole).toEqual([
      ['Name', 'Note', 'Amount'],
      ['Zoë, Ödegaard', 'said "£5"\r\nthen left', '£1'],
      ['Renée', '—', '1,2'],
      ['x', '', ''],
    ]);
    for (let chunkSize = 1; chunkSize <= 9; chunkSize++) expect(await rowsOf(text, chunkSize)).toEqual(whole);
  });

  it('matches papaparse on the whole string for random tables at random chunk sizes', async () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'crlf\r\nin value', '£€—é', '', ' '),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 40 }),
        async (table, chunkSize) => {
          const rows = [['h1', 'h2', 'h3'], ...table];
          const text = Papa.unparse(rows, { newline: '\r\n', quotes: (v: unknown) => /[",\r\n]|^\s|\s$|^$/.test(String(v)) }) + '\r\n';
          expect(await rowsOf(text, chunkSize)).toEqual(rows);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('openCsv: encodings', () => {
  const text = 'Supplier,Amount\r\nBjörk Radiology Ltd,£1\r\nRenée Müller – Café,€2\r\n';
  const expected = [['Supplier', 'Amount'], ['Björk Radiology Ltd', '£1'], ['Renée Müller – Café', '€2']];
  it.each([
    ['utf-8', utf8(text)],
    ['utf-8-bom', withBytes([0xef, 0xbb, 0xbf], utf8(text))],
    ['utf-16le', utf16(text, 'le')],
    ['utf-16be', utf16(text, 'be')],
    ['windows-1252', cp1252(text)],
  ] as const)('reads %s', async (encoding, bytes) => {
    for (const chunkSize of [3, 1 << 20]) {
      const reader = await openCsv(bytesSource('enc.csv', bytes, chunkSize));
      expect(reader.info.encoding).toBe(encoding);
      expect((await readAll(reader)).rows).toEqual(expected);
    }
  });

  it('reports the switch to Windows-1252 in info once a late invalid byte is read', async () => {
    const bytes = withBytes([...utf8('a,b\n' + 'x,y\n'.repeat(20_000))], cp1252('Café,£3\n'));
    const reader = await openCsv(bytesSource('late.csv', bytes));
    expect(reader.info.encoding).toBe('utf-8');
    const { rows } = await readAll(reader);
    expect(rows.at(-1)).toEqual(['Café', '£3']);
    expect(reader.info.encoding).toBe('windows-1252');
  });
});

describe('openCsv: empty, header-only, binary', () => {
  it.each([
    ['0 bytes', new Uint8Array(0)],
    ['a BOM only', new Uint8Array([0xef, 0xbb, 0xbf])],
    ['whitespace and line breaks', utf8(' \r\n\t\n  \n')],
    ['a UTF-16 BOM and spaces', utf16('  \r\n', 'le')],
  ])("throws 'empty' for %s", async (_label, bytes) => {
    const error = await rejection(openCsv(bytesSource('empty.csv', bytes)));
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('empty');
    expect((error as ImportError).file).toBe('empty.csv');
  });

  it('reads a header-only file as one row', async () => {
    const { rows, batches } = await readAll(await open('Accession Number,Exam Date,Reporter\r\n'));
    expect(rows).toEqual([['Accession Number', 'Exam Date', 'Reporter']]);
    expect(batches.at(-1)?.bytesRead).toBe(utf8('Accession Number,Exam Date,Reporter\r\n').length);
  });

  it("throws 'binary' for a PNG renamed .csv", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);
    const error = await rejection(openCsv(bytesSource('scan.csv', png)));
    expect((error as ImportError).code).toBe('binary');
    expect((error as ImportError).message).toContain('scan.csv is not a text/CSV file');
  });
});

describe('openCsv: batches, progress and cancellation', () => {
  const big = 'acc,date,amount\n' + Array.from({ length: 30_000 }, (_, i) => `A${i},01/01/2024,${i}`).join('\n') + '\n';

  it('batches rows, counts rows right, and reports progress at least every 1% of the bytes', async () => {
    const bytes = utf8(big);
    const reader = await openCsv(bytesSource('big.csv', bytes), { batchSize: 5000 });
    const { rows, batches } = await readAll(reader);
    expect(rows).toHaveLength(30_001);
    expect(rows[30_000]).toEqual(['A29999', '01/01/2024', '29999']);
    expect(batches.every((b) => b.rows.length <= 5000)).toBe(true);
    let expectedFirst = 1;
    let previousBytes = 0;
    for (const batch of batches) {
      expect(batch.firstRowNumber).toBe(expectedFirst);
      expectedFirst += batch.rows.length;
      expect(batch.bytesRead).toBeGreaterThanOrEqual(previousBytes);
      expect(batch.bytesRead - previousBytes).toBeLessThanOrEqual(bytes.length / 100 + 32 * 1024);
      previousBytes = batch.bytesRead;
    }
    expect(previousBytes).toBe(bytes.length);
  });

  it('can read the file again from the top', async () => {
    const reader = await open(big);
    expect((await readAll(reader)).rows).toHaveLength(30_001);
    expect((await readAll(reader)).rows).toHaveLength(30_001);
  });

  it("throws 'cancelled' when aborted mid-file", async () => {
    const controller = new AbortController();
    const reader = await openCsv(bytesSource('big.csv', utf8(big), 4096), { signal: controller.signal, batchSize: 100 });
    let seen = 0;
    const error = await rejection(
      (async () => {
        for await (const batch of reader.batches()) {
          seen += batch.rows.length;
          if (seen >= 1000) controller.abort();
        }
      })(),
    );
    expect((error as ImportError).code).toBe('cancelled');
    expect(seen).toBeLessThan(30_001);
  });

  it("throws 'cancelled' from openCsv when already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(openCsv(bytesSource('x.csv', utf8('a,b\n')), { signal: controller.signal }));
    expect((error as ImportError).code).toBe('cancelled');
  });
});

describe('openCsv: real published files', () => {
  /** An independent count: decode the whole (small) file and let papaparse split it in one go. */
  function reference(bytes: Uint8Array, encoding: string): string[][] {
    const text = new TextDecoder(encoding).decode(bytes, { stream: true });
    const rows = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n' }).data;
    if (rows.at(-1)?.length === 1 && rows.at(-1)?.[0] === '') rows.pop();
    return rows;
  }

  it('CHWE (Windows-1252, header with a trailing space)', async () => {
    const bytes = fixture('CHWE 07 - October.csv');
    const reader = await openCsv(bytesSource('CHWE 07 - October.csv', bytes, 4096));
    expect(reader.info).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ',' });
    const { rows } = await readAll(reader);
    const expected = reference(bytes, 'windows-1252');
    expect(rows).toHaveLength(expected.length);
    expect(rows).toEqual(expected);
    expect(rows.length).toBe(114);
    expect(rows[0]).toEqual(['Department Family', 'Entity', 'Date Paid', 'Expense Type ', 'Expense Area', 'Supplier Name', 'Transaction Reference', 'amount']);
    const suppliers = new Set(rows.slice(1).map((r) => r[5]));
    expect(suppliers).toContain('Medica Reporting Ltd (Medica Group)');
    expect(suppliers).toContain('Alliance Medical Limited');
    expect(rows.some((r) => r[3] === 'Recharges – Pay and non-pay costs')).toBe(true); // byte 0x96, an en dash
    expect(rows.every((r) => r.length === 8)).toBe(true);
  });

  it('LEGR (UTF-8-compatible ASCII, amounts with trailing spaces)', async () => {
    const bytes = fixture('LEGR 08 - November.csv');
    const reader = await openCsv(bytesSource('LEGR 08 - November.csv', bytes, 1000));
    expect(reader.info).toMatchObject({ encoding: 'utf-8', delimiter: ',' });
    const { rows, batches } = await readAll(reader);
    expect(rows).toEqual(reference(bytes, 'utf-8'));
    expect(rows.length).toBe(90);
    expect(rows.find((r) => r[5] === 'TELEMEDICINE CLINIC LTD')?.[7]).toBe('33,807.00 ');
    expect(batches.at(-1)?.bytesRead).toBe(bytes.length);
  });
});

describe('openCsv: sources that chunk oddly', () => {
  it('reads a source whose chunks are all one byte', async () => {
    const bytes = cp1252('h\r\n£1,"a\r\nb"\r\n');
    const source: ByteSource = bytesSource('odd.csv', bytes, 1);
    expect((await readAll(await openCsv(source))).rows).toEqual([['h'], ['£1', 'a\r\nb']]);
  });
});
