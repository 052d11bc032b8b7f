import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { SPEND_LAYOUT } from '../../../shared/ingest/headerDetect';
import type { LedgerCategory } from '../../../shared/model';
import { convertFixture, fixtureBytes, simplePence, type ConvertedFile } from './fixtures';

/**
 * The three real spend-over-£25,000 files (FY 2020/21, OGL v3). Independent expectations:
 * - CSV rows and totals come from the raw bytes decoded as Windows-1252, split into lines, and the last quoted field
 *   turned into pence by string surgery (no embedded newlines or commas outside the quoted amount's own).
 * - XLSX rows and totals come from SheetJS's own formatted cell text ("40,182.00"), not from the app's reader.
 * Totals hand-checked with Python's decimal module:
 *   CHWE 07 - October.csv   113 lines, £16,888,326.63 (no credits)
 *   LEGR 08 - November.csv   89 lines, £13,142,280.86 (two credits: -39,806.52 and -37,866.00)
 *   NMID 09 - December.xlsx  69 lines, £14,484,128.63 (two credits: -6,811.86 and -18,943.20)
 */
const HAND_CHECKED: Record<string, { lines: number; pence: number; period: string }> = {
  'CHWE 07 - October.csv': { lines: 113, pence: 1_688_832_663, period: '2020-10' },
  'LEGR 08 - November.csv': { lines: 89, pence: 1_314_228_086, period: '2020-11' },
  'NMID 09 - December.xlsx': { lines: 69, pence: 1_448_412_863, period: '2020-12' },
};

function csvExpectation(name: string): { lines: number; pence: number } {
  const text = new TextDecoder('windows-1252').decode(fixtureBytes(name));
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(1);
  let pence = 0;
  for (const line of lines) {
    const amount = /"([^"]*)"\s*$/.exec(line);
    if (!amount) throw new Error(`no quoted amount at the end of ${line}`);
    pence += simplePence(amount[1]!);
  }
  return { lines: lines.length, pence };
}

function xlsxExpectation(name: string): { lines: number; pence: number } {
  const wb = XLSX.read(fixtureBytes(name));
  const sheet = wb.Sheets[wb.SheetNames[0]!]!;
  const range = XLSX.utils.decode_range(sheet['!ref']!);
  let lines = 0;
  let pence = 0;
  for (let r = range.s.r + 1; r <= range.e.r; r++) {
    const amount = sheet[XLSX.utils.encode_cell({ r, c: 7 })] as XLSX.CellObject | undefined;
    if (!amount) continue;
    lines++;
    pence += simplePence(String(amount.w));
  }
  return { lines, pence };
}

const sumPence = (f: ConvertedFile, pick: (r: ConvertedFile['records'][number]['record']) => boolean = () => true) =>
  f.records.filter((x) => pick(x.record)).reduce((s, x) => s + x.record.amountPence, 0);

function categoriesOf(f: ConvertedFile, supplier: string): Set<LedgerCategory> {
  return new Set(f.records.filter((x) => x.record.supplier === supplier).map((x) => x.record.category));
}

describe.each(Object.keys(HAND_CHECKED))('%s', (name) => {
  const expected = HAND_CHECKED[name]!;
  let file: ConvertedFile;
  const load = async () => (file ??= await convertFixture(name));

  it('is recognised as a spend-over-£25,000 file with supplier, amount and date mapped', async () => {
    const f = await load();
    expect(f.detection.layout).toBe(SPEND_LAYOUT);
    expect(f.detection.missingRequired).toEqual([]);
    expect(f.mapping['supplier']).not.toBeNull();
    expect(f.mapping['amount']).not.toBeNull();
    expect(f.mapping['transactionDate']).not.toBeNull();
    expect(f.mapping['subjectiveName']).not.toBeNull();
  });

  it('accepts every data row without an error', async () => {
    const f = await load();
    const independent = name.endsWith('.csv') ? csvExpectation(name) : xlsxExpectation(name);
    expect(independent.lines).toBe(expected.lines);
    expect(f.dataRows).toBe(expected.lines);
    expect(f.rejected).toBe(0);
    expect(f.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(f.records).toHaveLength(expected.lines);
  });

  it('keeps the total exact to the penny', async () => {
    const f = await load();
    const independent = name.endsWith('.csv') ? csvExpectation(name) : xlsxExpectation(name);
    expect(independent.pence).toBe(expected.pence);
    expect(sumPence(f)).toBe(expected.pence);
    expect(f.records.every((x) => Number.isSafeInteger(x.record.amountPence))).toBe(true);
  });

  it('puts every line in the month it was paid', async () => {
    const f = await load();
    expect(new Set(f.records.map((x) => x.record.periodMonth))).toEqual(new Set([expected.period]));
    expect(f.records.every((x) => x.record.transactionDate?.startsWith(expected.period))).toBe(true);
  });
});

describe('classification of the real suppliers', () => {
  it('CHWE: Medica is outsourced reporting, Alliance Medical imaging, Alliance Healthcare (Distribution) other', async () => {
    const f = await convertFixture('CHWE 07 - October.csv');
    const medica = 'Medica Reporting Ltd (Medica Group)';
    expect(categoriesOf(f, medica)).toEqual(new Set(['outsourced_reporting']));
    // Both the "Image Exchange Portal" and the "Non-Nhs Contracts" lines: 6 lines, £339,586.49.
    expect(f.records.filter((x) => x.record.supplier === medica)).toHaveLength(6);
    expect(sumPence(f, (r) => r.supplier === medica)).toBe(33_958_649);
    expect(new Set(f.records.filter((x) => x.record.supplier === medica).map((x) => x.record.supplierCanonical))).toEqual(new Set(['Medica']));

    expect(categoriesOf(f, 'Alliance Medical Limited')).toEqual(new Set(['outsourced_imaging']));
    expect(sumPence(f, (r) => r.supplier === 'Alliance Medical Limited')).toBe(24_058_845);

    const wholesaler = f.records.filter((x) => x.record.supplier === 'Alliance Healthcare (Distribution ) Ltd');
    expect(wholesaler).toHaveLength(1);
    expect(wholesaler[0]!.record).toMatchObject({ category: 'other', ruleId: null, supplierCanonical: null, radiology: false });

    // Agency nurses are agency; nothing else in the file is outsourcing.
    expect(categoriesOf(f, 'Care Providers Ltd')).toEqual(new Set(['agency_locum']));
    expect(sumPence(f, (r) => r.category === 'outsourced_reporting')).toBe(33_958_649);
    expect(sumPence(f, (r) => r.category === 'outsourced_imaging')).toBe(24_058_845);
  });

  it('CHWE: unclassified radiology lines are flagged for review', async () => {
    const f = await convertFixture('CHWE 07 - October.csv');
    const review = f.records.filter((x) => x.record.category === 'other' && x.record.radiology).map((x) => x.record.supplier);
    // Sectra (PACS maintenance, Radiology) and GE (equipment for an X-ray room) are radiology but not outsourcing.
    expect(new Set(review)).toEqual(new Set(['Sectra Ltd', 'Ge Medical Systems Ltd (Ge Healthcare)']));
  });

  it('LEGR: Telemedicine Clinic is outsourced reporting, six lines, £209,713.60', async () => {
    const f = await convertFixture('LEGR 08 - November.csv');
    expect(categoriesOf(f, 'TELEMEDICINE CLINIC LTD')).toEqual(new Set(['outsourced_reporting']));
    expect(sumPence(f, (r) => r.category === 'outsourced_reporting')).toBe(20_971_360);
    expect(new Set(f.records.filter((x) => x.record.category === 'outsourced_reporting').map((x) => x.record.supplierCanonical))).toEqual(
      new Set(['Telemedicine Clinic']),
    );
    // A credit note keeps its sign.
    expect(f.records.find((x) => x.record.supplier === 'GE MEDICAL SYSTEMS LTD')?.record.amountPence).toBe(-3_980_652);
    // Recruitment agency fees are not agency staff; agency nursing is.
    expect(categoriesOf(f, 'DRAKE PERSONNEL LTD')).toEqual(new Set(['other']));
    expect(categoriesOf(f, 'REDSPOT CARE LTD')).toEqual(new Set(['agency_locum']));
  });

  it('NMID: Everlight is outsourced reporting, Alliance Healthcare Distribution is other, Pulse is agency', async () => {
    const f = await convertFixture('NMID 09 - December.xlsx');
    expect(categoriesOf(f, 'Everlight Radiology')).toEqual(new Set(['outsourced_reporting']));
    expect(sumPence(f, (r) => r.category === 'outsourced_reporting')).toBe(16_194_194);
    expect(categoriesOf(f, 'Alliance Healthcare Distribution Ltd')).toEqual(new Set(['other']));
    expect(categoriesOf(f, 'Pulse Healthcare Ltd')).toEqual(new Set(['agency_locum']));
    expect(f.records.find((x) => x.record.supplier === 'Everlight Radiology')?.record.supplierCanonical).toBe('Everlight');
    expect(f.records.find((x) => x.record.reference === '785292')?.record.amountPence).toBe(7_650_652);
  });
});
