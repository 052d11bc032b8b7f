import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { CSV_BOM, csvOf } from '../../../shared/export/csv';

describe('csvOf', () => {
  it('writes RFC 4180 CSV with CRLF line ends and quotes only where needed', () => {
    const text = csvOf(
      ['Accession', 'Provider', 'Hours', 'Note'],
      [
        ['A1', 'Medica', 12.5, null],
        ['A2', 'Smith, Jones & Co', 0.0000001, 'said "urgent"'],
        ['A3', 'Line\nbreak', -3, ''],
      ],
    );
    expect(text).toBe(
      'Accession,Provider,Hours,Note\r\n' +
        'A1,Medica,12.5,\r\n' +
        'A2,"Smith, Jones & Co",0.0000001,"said ""urgent"""\r\n' +
        'A3,"Line\nbreak",-3,\r\n',
    );
    const parsed = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[2]).toEqual(['A2', 'Smith, Jones & Co', '0.0000001', 'said "urgent"']);
  });

  it('neutralises formula-injection text but not numbers', () => {
    const text = csvOf(['=Header'], [['=HYPERLINK("http://x","y")'], ['+44 1234'], ['@SUM(1)'], ['-2+3'], [-2], ['\tx']]);
    const fields = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' }).data.map((r) => r[0]);
    expect(fields).toEqual(["'=Header", `'=HYPERLINK("http://x","y")`, "'+44 1234", "'@SUM(1)", "'-2+3", '-2', "'\tx"]);
  });

  it('writes an empty field for non-finite numbers and offers a BOM for Excel', () => {
    expect(csvOf(['a', 'b'], [[Number.NaN, Number.POSITIVE_INFINITY]])).toBe('a,b\r\n,\r\n');
    expect(CSV_BOM).toBe('\uFEFF');
  });
});
