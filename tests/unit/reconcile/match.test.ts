import { describe, expect, it } from 'vitest';
import type { LineStatus } from '../../../shared/reconcile/api';
import {
  expectedCost,
  matchStatement,
  parseLineKey,
  risExamKey,
  statementLineKey,
  type MatchInput,
  type RisExamInput,
  type StatementLineInput,
} from '../../../shared/reconcile/match';
import { TariffBook } from '../../../shared/reconcile/tariffBook';

const tariff = new TariffBook([
  { id: 1, provider: 'Medica', modality: 'CT', priority: null, examCode: null, unitPricePence: 3800, effectiveFrom: '2025-04-01', effectiveTo: null },
  { id: 2, provider: 'Medica', modality: 'CT', priority: 'Urgent', examCode: null, unitPricePence: 5500, effectiveFrom: '2025-04-01', effectiveTo: null },
  { id: 3, provider: 'Medica', modality: 'XR', priority: null, examCode: null, unitPricePence: 900, effectiveFrom: '2025-04-01', effectiveTo: null },
  { id: 4, provider: 'Medica', modality: 'MR', priority: null, examCode: null, unitPricePence: 4400, effectiveFrom: '2025-10-15', effectiveTo: null },
]);

let row = 2;
function line(p: Partial<StatementLineInput> & Pick<StatementLineInput, 'accession'>): StatementLineInput {
  const r = row++;
  return {
    id: r,
    batchId: 1,
    srcRow: r,
    file: 'medica-oct.csv',
    month: '2025-10',
    examCode: 'CHEAD',
    examName: 'CT Head',
    modality: 'CT',
    priority: 'Routine',
    reportedOn: '2025-10-02',
    unitPricePence: 3800,
    amountPence: 3800,
    ...p,
  };
}

function exam(p: Partial<RisExamInput> & Pick<RisExamInput, 'accession'>): RisExamInput {
  return {
    examCode: 'CHEAD',
    examName: 'CT Head',
    modality: 'CT',
    priority: 'Routine',
    examAt: '2025-10-01T10:00',
    reportedAt: '2025-10-02T09:00',
    reporterCode: 'MED-001',
    reporterName: null,
    group: 'outsourced',
    provider: 'Medica',
    ...p,
  };
}

function run(lines: StatementLineInput[], exams: RisExamInput[], providerExams: RisExamInput[] = exams.filter((e) => e.provider === 'Medica')): ReturnType<typeof matchStatement> {
  const byAccession = new Map<string, RisExamInput[]>();
  for (const e of exams) byAccession.set(e.accession, [...(byAccession.get(e.accession) ?? []), e]);
  const input: MatchInput = { provider: 'Medica', lines, examsByAccession: byAccession, providerExams, tariff };
  return matchStatement(input);
}

const statuses = (items: ReturnType<typeof matchStatement>): [string, LineStatus][] => items.map((i) => [i.line?.accession ?? i.exam!.accession, i.status]);

describe('matching statement lines to the RIS', () => {
  it('matches a line on accession and examination code at the tariff', () => {
    const [item] = run([line({ accession: 'A1' })], [exam({ accession: 'A1' })]);
    expect(item).toMatchObject({ status: 'matched', tariffPence: 3800, differencePence: 0, duplicateOf: null, source: 'statement' });
    expect(item!.exam?.accession).toBe('A1');
    expect(item!.reason).toBe('matched at the tariff (£38.00)');
  });

  it('billed, not in RIS: an accession the RIS does not hold', () => {
    const [item] = run([line({ accession: 'ZZ9' })], [exam({ accession: 'A1' })]);
    expect(item).toMatchObject({ status: 'billed_not_in_ris', exam: null });
    expect(item!.reason).toBe('no RIS examination has accession ZZ9');
  });

  it('billed, not in RIS: the accession is held, but for another modality', () => {
    const [item] = run([line({ accession: 'A1', examCode: 'MBRAI', examName: 'MR Brain', modality: 'MR' })], [exam({ accession: 'A1' })]);
    expect(item!.status).toBe('billed_not_in_ris');
    expect(item!.reason).toMatch(/the RIS has accession A1, but not for MBRAI \(it holds CHEAD\)/);
  });

  it("matches on the modality when the provider's code is not the trust's, and on the accession alone when the line names neither", () => {
    const items = run(
      [line({ accession: 'A1', examCode: 'CT001' }), line({ accession: 'A2', examCode: '', examName: null, modality: null, unitPricePence: 900, amountPence: 900 })],
      [exam({ accession: 'A1' }), exam({ accession: 'A2', examCode: 'XCHES', modality: 'XR' })],
    );
    expect(statuses(items)).toEqual([['A1', 'matched'], ['A2', 'matched']]);
    expect(items[1]!.tariffPence).toBe(900);
  });

  it('in RIS, not billed: an examination the provider reported that no line bills', () => {
    const items = run([line({ accession: 'A1' })], [exam({ accession: 'A1' }), exam({ accession: 'A2', reportedAt: '2025-10-05T11:00' })]);
    expect(statuses(items)).toEqual([['A1', 'matched'], ['A2', 'not_billed']]);
    expect(items[1]).toMatchObject({ source: 'ris', line: null, month: '2025-10', tariffPence: 3800, key: risExamKey('Medica', '2025-10', 'A2', 'CHEAD') });
    expect(items[1]!.reason).toBe('the RIS shows it reported by Medica on 05/10/2025; no statement line bills it (tariff £38.00)');
  });

  it('billed twice on one statement: the first line keeps its status, the repeat points at it', () => {
    const items = run([line({ accession: 'A1' }), line({ accession: 'A1' })], [exam({ accession: 'A1' })]);
    expect(statuses(items)).toEqual([['A1', 'matched'], ['A1', 'billed_twice']]);
    expect(items[1]!.duplicateOf).toBe(items[0]!.key);
    expect(items.map((i) => i.key)).toEqual([statementLineKey('Medica', '2025-10', 'A1', 'CHEAD', 1), statementLineKey('Medica', '2025-10', 'A1', 'CHEAD', 2)]);
  });

  it('billed twice across two statements, whatever order they were imported in', () => {
    const october = line({ accession: 'A1', batchId: 1, month: '2025-10', file: 'oct.csv' });
    const november = line({ accession: 'A1', batchId: 0, month: '2025-11', file: 'nov.csv', reportedOn: '2025-10-02' });
    const items = run([november, october], [exam({ accession: 'A1' })]);
    expect(items.map((i) => [i.month, i.status])).toEqual([['2025-10', 'matched'], ['2025-11', 'billed_twice']]);
    expect(items[1]!.reason).toMatch(/billed on oct\.csv row \d+ \(October 2025\)/);
  });

  it('billed twice also for a repeated line the RIS does not hold', () => {
    const items = run([line({ accession: 'Z1' }), line({ accession: 'Z1' })], []);
    expect(statuses(items)).toEqual([['Z1', 'billed_not_in_ris'], ['Z1', 'billed_twice']]);
  });

  it('two examinations on one accession are two lines, not a repeat', () => {
    const items = run(
      [line({ accession: 'A1', examCode: '' }), line({ accession: 'A1', examCode: '' })],
      [exam({ accession: 'A1' }), exam({ accession: 'A1', examCode: 'CSPIC', examName: 'CT Spine cervical' })],
    );
    expect(statuses(items)).toEqual([['A1', 'matched'], ['A1', 'matched']]);
    expect(items.map((i) => i.exam!.examCode)).toEqual(['CHEAD', 'CSPIC']);
  });

  it('price differs: above and below the tariff in force on the date reported, with the difference', () => {
    const items = run(
      [line({ accession: 'A1', unitPricePence: 5500, amountPence: 5500 }), line({ accession: 'A2', priority: 'Urgent', unitPricePence: 5000, amountPence: 5000 })],
      [exam({ accession: 'A1' }), exam({ accession: 'A2', priority: 'Urgent' })],
    );
    expect(items.map((i) => [i.status, i.tariffPence, i.differencePence])).toEqual([
      ['price_differs', 3800, 1700],
      ['price_differs', 5500, -500],
    ]);
    expect(items[0]!.reason).toBe('billed £55.00; the tariff on 02/10/2025 is £38.00 (+£17.00)');
  });

  it('matched without a price check where no tariff is in force that day', () => {
    const [item] = run([line({ accession: 'A1', examCode: 'MBRAI', modality: 'MR', reportedOn: '2025-10-14', unitPricePence: 1 })], [exam({ accession: 'A1', examCode: 'MBRAI', modality: 'MR' })]);
    expect(item).toMatchObject({ status: 'matched', tariffPence: null, differencePence: null });
    expect(item!.reason).toBe('matched; no tariff for MR (Routine) on 14/10/2025');
  });

  it('reported by someone else: an in-house reporter, or another provider', () => {
    const items = run(
      [line({ accession: 'A1' }), line({ accession: 'A2' }), line({ accession: 'A3' })],
      [
        exam({ accession: 'A1', group: 'radiologist', provider: null, reporterCode: 'RAD04' }),
        exam({ accession: 'A2', group: 'outsourced', provider: 'Everlight', reporterCode: 'EVL-001' }),
        exam({ accession: 'A3', group: 'unclassified', provider: null, reporterCode: 'LOC99' }),
      ],
    );
    expect(statuses(items)).toEqual([['A1', 'reported_by_other'], ['A2', 'reported_by_other'], ['A3', 'matched']]);
    expect(items[0]!.reason).toBe('the RIS shows it reported in-house by a radiologist on 02/10/2025');
    expect(items[1]!.reason).toBe('the RIS shows it reported by Everlight on 02/10/2025');
    // The reasons go to the provider in the dispute pack: no reporter is named.
    expect(items.map((i) => i.reason).join(' ')).not.toMatch(/RAD04|EVL-001|LOC99/);
  });

  it('a credit is matched against the examination it credits and is never a repeat', () => {
    const items = run([line({ accession: 'A1' }), line({ accession: 'A1', unitPricePence: -3800, amountPence: -3800 })], [exam({ accession: 'A1' })]);
    expect(items.map((i) => [i.status, i.credit, i.differencePence])).toEqual([
      ['matched', false, 0],
      ['matched', true, null],
    ]);
    expect(items[1]!.reason).toBe('a credit of £38.00');
  });

  it('gives every status once in one run, in line order then the examinations not billed', () => {
    const items = run(
      [
        line({ accession: 'M1' }),
        line({ accession: 'P1', unitPricePence: 4000, amountPence: 4000 }),
        line({ accession: 'M1' }),
        line({ accession: 'X1' }),
        line({ accession: 'H1' }),
      ],
      [exam({ accession: 'M1' }), exam({ accession: 'P1' }), exam({ accession: 'H1', group: 'sonographer', provider: null }), exam({ accession: 'N1' })],
    );
    expect(statuses(items)).toEqual([
      ['M1', 'matched'],
      ['P1', 'price_differs'],
      ['M1', 'billed_twice'],
      ['X1', 'billed_not_in_ris'],
      ['H1', 'reported_by_other'],
      ['N1', 'not_billed'],
    ]);
  });
});

describe('line keys', () => {
  it('stay the same when the lines come back in another import (new ids and batch)', () => {
    const first = run([line({ accession: 'A1' }), line({ accession: 'A1' })], [exam({ accession: 'A1' })]).map((i) => i.key);
    const again = run([line({ accession: 'A1', batchId: 9 }), line({ accession: 'A1', batchId: 9 })], [exam({ accession: 'A1' })]).map((i) => i.key);
    expect(again).toEqual(first);
  });

  it('parse back to their provider and month, names with spaces and bars included', () => {
    const key = statementLineKey('Global Diagnostics | UK', '2025-10', 'A|1', 'CT', 2);
    expect(parseLineKey(key)).toEqual({ source: 'statement', provider: 'Global Diagnostics | UK', month: '2025-10' });
    expect(parseLineKey(risExamKey('Medica', '2026-01', 'A1', ''))).toEqual({ source: 'ris', provider: 'Medica', month: '2026-01' });
    expect(parseLineKey('S|Medica|October|A1|CT|1')).toBeNull();
    expect(parseLineKey('nonsense')).toBeNull();
  });
});

describe('expected cost', () => {
  it('prices each RIS examination at the tariff on its report date and counts the unpriced', () => {
    const result = expectedCost(tariff, 'Medica', [
      exam({ accession: 'A1' }),
      exam({ accession: 'A2', priority: 'URGENT' }),
      exam({ accession: 'A3', examCode: 'MBRAI', modality: 'MR', reportedAt: '2025-10-14T10:00' }),
      exam({ accession: 'A4', examCode: 'MBRAI', modality: 'MR', reportedAt: '2025-10-15T10:00' }),
    ]);
    expect(result).toEqual({ pence: 3800 + 5500 + 4400, reports: 4, unpriced: 1 });
  });
});
