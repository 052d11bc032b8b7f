/**
 * Reconciliation end to end through the engine: a month built by construction, with a few of each discrepancy
 * planted, imported as files; each planted discrepancy must be found and nothing else.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../shared/engine/engine';
import type { ImportKind } from '../../shared/model';
import type { LineStatus, ReconcileLine } from '../../shared/reconcile/api';
import { csvBytes, freshEngine } from '../helpers/engine';

const RIS_HEADER = 'Accession Number,Exam Code,Exam Name,Modality,Priority,Exam Date,Date Reported,Reported By,Outsourcing Provider';
const CODES = [
  { code: 'CHEAD', name: 'CT Head', modality: 'CT' },
  { code: 'MBRAI', name: 'MR Brain', modality: 'MR' },
  { code: 'XCHES', name: 'XR Chest', modality: 'XR' },
] as const;

interface Exam {
  accession: string;
  code: (typeof CODES)[number];
  priority: 'Routine' | 'Urgent';
  reported: string; // YYYY-MM-DD
  reporter: string;
  provider: string;
}

const day = (d: number, month = '10') => `2025-${month}-${String(d).padStart(2, '0')}`;
const uk = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Medica's 40 October reports and 5 September ones, two in-house reports and one by Everlight. */
function buildExams(): Exam[] {
  const exams: Exam[] = [];
  for (let i = 1; i <= 40; i++) {
    exams.push({
      accession: `M${String(i).padStart(3, '0')}`,
      code: CODES[i % 3]!,
      priority: i % 4 === 0 ? 'Urgent' : 'Routine',
      reported: day(((i * 7) % 28) + 1),
      reporter: `MED-${i % 5}`,
      provider: 'Medica',
    });
  }
  for (let i = 1; i <= 5; i++) {
    exams.push({ accession: `S00${i}`, code: CODES[0], priority: 'Routine', reported: day(10 + i, '09'), reporter: 'MED-1', provider: 'Medica' });
  }
  exams.push({ accession: 'H001', code: CODES[0], priority: 'Routine', reported: day(9), reporter: 'RAD01', provider: '' });
  exams.push({ accession: 'H002', code: { code: 'UABDO', name: 'US Abdomen', modality: 'US' } as never, priority: 'Routine', reported: day(9), reporter: 'SON01', provider: '' });
  exams.push({ accession: 'E001', code: CODES[0], priority: 'Routine', reported: day(12), reporter: 'EVL-1', provider: 'Everlight' });
  return exams;
}

/** The Medica tariff: MR is re-priced from 16 October (the earlier price has an explicit end). */
const TARIFF = [
  'Provider,Modality,Priority,Exam Code,Unit Price,Effective From,Effective To',
  'Medica,CT,,,£38.00,01/04/2025,',
  'Medica,CT,Urgent,,£55.00,01/04/2025,',
  'Medica,MR,,,£44.00,01/04/2025,15/10/2025',
  'Medica,MR,,,£45.50,16/10/2025,',
  'Medica,XR,,,£9.00,01/04/2025,',
];

function tariffPence(e: Pick<Exam, 'code' | 'priority' | 'reported'>): number {
  switch (e.code.modality) {
    case 'CT':
      return e.priority === 'Urgent' ? 5500 : 3800;
    case 'MR':
      return e.reported <= '2025-10-15' ? 4400 : 4550;
    default:
      return 900;
  }
}

const money = (pence: number) => (pence / 100).toFixed(2);

interface Planted {
  accession: string;
  status: Exclude<LineStatus, 'matched'>;
}

/** The October statement, with the planted discrepancies; Medica as the supplier's long name in a provider column. */
function buildOctober(exams: Exam[]): { lines: string[]; planted: Planted[] } {
  const header = 'Provider,Accession,Exam Code,Examination,Modality,Priority,Date Reported,Unit Price,Line Amount';
  const row = (e: Pick<Exam, 'accession' | 'code' | 'priority' | 'reported'>, pence = tariffPence(e)) =>
    ['MEDICA REPORTING LTD', e.accession, e.code.code, e.code.name, e.code.modality, e.priority, uk(e.reported), money(pence), money(pence)].join(',');
  const planted: Planted[] = [];
  const lines = [header];
  const byAcc = new Map(exams.map((e) => [e.accession, e]));
  for (const e of exams.filter((x) => x.provider === 'Medica' && x.reported.startsWith('2025-10'))) {
    if (e.accession === 'M007' || e.accession === 'M023') {
      planted.push({ accession: e.accession, status: 'not_billed' });
      continue;
    }
    if (e.accession === 'M004') {
      lines.push(row(e, tariffPence(e) + 200));
      planted.push({ accession: 'M004', status: 'price_differs' });
      continue;
    }
    lines.push(row(e));
    if (e.accession === 'M010') {
      lines.push(row(e));
      planted.push({ accession: 'M010', status: 'billed_twice' });
    }
  }
  // MR reported after the re-pricing, billed at the old price.
  const m019 = byAcc.get('M019')!;
  expect(m019.code.modality).toBe('MR');
  expect(m019.reported > '2025-10-15').toBe(true);
  lines[lines.findIndex((l) => l.includes(',M019,'))] = row(m019, 4400);
  planted.push({ accession: 'M019', status: 'price_differs' });
  // September's S003 billed again on October's statement.
  lines.push(row(byAcc.get('S003')!));
  planted.push({ accession: 'S003', status: 'billed_twice' });
  // An accession the RIS does not hold, and one it holds for another examination (an in-house ultrasound).
  lines.push(row({ accession: 'Z001', code: CODES[0], priority: 'Routine', reported: day(20) }));
  lines.push(row({ accession: 'H002', code: CODES[1], priority: 'Routine', reported: day(9) }, 4400));
  planted.push({ accession: 'Z001', status: 'billed_not_in_ris' }, { accession: 'H002', status: 'billed_not_in_ris' });
  // Reported in-house, and by Everlight.
  lines.push(row(byAcc.get('H001')!), row(byAcc.get('E001')!));
  planted.push({ accession: 'H001', status: 'reported_by_other' }, { accession: 'E001', status: 'reported_by_other' });
  return { lines, planted };
}

/** September: no provider column (the file name names Medica), a title row, and every line right. */
function buildSeptember(exams: Exam[]): string[] {
  const lines = ['Medica Group - monthly activity statement', '', 'Acc No,Exam Code,Study Description,Urgency,Report Date,Fee (£)'];
  for (const e of exams.filter((x) => x.reported.startsWith('2025-09'))) {
    lines.push([e.accession, e.code.code, e.code.name, e.priority, uk(e.reported), `£${money(tariffPence(e))}`].join(','));
  }
  return lines;
}

async function load(engine: Engine, name: string, kind: ImportKind, lines: string[]) {
  return engine.runImport({ source: { kind: 'bytes', name, bytes: csvBytes(lines) }, kind, commit: true });
}

async function allLines(engine: Engine, provider: string, month: string): Promise<ReconcileLine[]> {
  return (await engine.reconcileLines({ provider, month, limit: 10_000 })).lines;
}

const discrepancies = (lines: ReconcileLine[]) =>
  lines
    .filter((l) => l.status !== 'matched')
    .map((l) => ({ accession: l.accession, status: l.status }))
    .sort((a, b) => (a.accession + a.status < b.accession + b.status ? -1 : 1));

describe('a generated month with planted discrepancies', () => {
  let engine: Engine;
  let exams: Exam[];
  let planted: Planted[];
  let octoberLines: string[];

  beforeEach(async () => {
    engine = await freshEngine();
    exams = buildExams();
    await load(engine, 'staff.csv', 'staff', ['Reporter Code,Name,Staff Group,WTE', 'RAD01,"Davies, R",Radiologist,1', 'SON01,"Allen, R",Sonographer,1']);
    await load(engine, 'ris.csv', 'ris', [
      RIS_HEADER,
      ...exams.map((e) => [e.accession, e.code.code, e.code.name, e.code.modality, e.priority, uk(e.reported), uk(e.reported), e.reporter, e.provider].join(',')),
    ]);
    const tariff = await load(engine, 'tariff.csv', 'tariff', TARIFF);
    expect([tariff.accepted, tariff.rejected]).toEqual([5, 0]);
    const september = await load(engine, 'Medica statement September 2025.csv', 'statement', buildSeptember(exams));
    expect([september.accepted, september.rejected]).toEqual([5, 0]);
    ({ lines: octoberLines, planted } = buildOctober(exams));
    const october = await load(engine, 'october.csv', 'statement', octoberLines);
    expect([october.accepted, october.rejected]).toEqual([octoberLines.length - 1, 0]);
  });

  it('finds each planted discrepancy and nothing else', async () => {
    const lines = await allLines(engine, 'Medica', '2025-10');
    expect(discrepancies(lines)).toEqual([...planted].sort((a, b) => (a.accession + a.status < b.accession + b.status ? -1 : 1)));
    expect(discrepancies(await allLines(engine, 'Medica', '2025-09'))).toEqual([]);
    const repeat = lines.find((l) => l.accession === 'S003')!;
    expect(repeat.duplicateOf).toMatch(/^S\|Medica\|2025-09\|S003\|CHEAD\|1$/);
    const late = lines.find((l) => l.accession === 'M019')!;
    expect([late.tariffPence, late.differencePence]).toEqual([4550, -150]);
    expect(lines.find((l) => l.accession === 'M004')!.differencePence).toBe(200);
    expect(lines.find((l) => l.accession === 'H002')!.reason).toBe('the RIS has accession H002, but not for MBRAI (it holds UABDO)');
  });

  it('summarises the month as CLI.md counts it, prices the RIS at the tariff, and reads the ledger', async () => {
    await load(engine, 'ledger.csv', 'ledger', ['Supplier,Description,Period,Amount', 'Medica Reporting Ltd,Teleradiology Oct-25,2025/26 M07,"1,234.56"']);
    const { rows, statusRules } = await engine.reconciliation({});
    expect(rows.map((r) => [r.provider, r.month])).toEqual([
      ['Medica', '2025-09'],
      ['Medica', '2025-10'],
    ]);
    const oct = rows[1]!;
    const medicaOct = exams.filter((e) => e.provider === 'Medica' && e.reported.startsWith('2025-10'));
    const expected = medicaOct.reduce((s, e) => s + tariffPence(e), 0);
    const statementTotal = octoberLines.slice(1).reduce((s, l) => s + Math.round(Number(l.split(',').at(-1)) * 100), 0);
    expect(oct).toMatchObject({
      statementLines: octoberLines.length - 1,
      matched: 38 - 2 + 2,
      billedNotInRis: 2,
      notBilled: 2,
      billedTwice: 2,
      priceVariance: 2,
      reportedByOther: 2,
      expectedReports: 40,
      unpricedReports: 0,
      expectedCostPence: expected,
      statementTotalPence: statementTotal,
      ledgerSpendPence: 123_456,
      ledgerVariancePence: 123_456 - statementTotal,
      status: 'red',
      openIssues: 10,
    });
    expect(oct.statementLines).toBe(oct.matched + oct.billedNotInRis + oct.billedTwice + oct.reportedByOther);
    // September: every line right, but the ledger holds nothing for that month yet.
    expect(rows[0]).toMatchObject({ statementLines: 5, matched: 5, notBilled: 0, status: 'amber', hasLedger: false, ledgerVariancePence: null });
    expect(rows[0]!.reasons).toEqual(['the ledger holds nothing for September 2025']);
    expect(statusRules).toHaveLength(3);
    // The period and the provider narrow the summary.
    expect((await engine.reconciliation({ period: { spec: '2025-09' } })).rows.map((r) => r.month)).toEqual(['2025-09']);
    expect((await engine.reconciliation({ provider: 'Everlight' })).rows).toEqual([]);
    expect((await engine.reconciliation({ provider: 'medica reporting ltd' })).rows).toHaveLength(2);
  });

  it('pages and filters the lines', async () => {
    const twice = await engine.reconcileLines({ provider: 'Medica', month: '2025-10', status: 'billed_twice' });
    expect(twice.total).toBe(2);
    const page = await engine.reconcileLines({ provider: 'Medica', month: '2025-10', limit: 5, offset: 5 });
    expect(page.lines).toHaveLength(5);
    expect(page.total).toBe(octoberLines.length - 1 + 2);
    await expect(engine.reconcileLines({ provider: 'Medica', month: 'Oct' })).rejects.toThrow(/not a month/);
  });

  it('keeps decisions through re-runs, a re-import of the statement and a change of status', async () => {
    const lines = await allLines(engine, 'Medica', '2025-10');
    const key = (acc: string, status: LineStatus) => lines.find((l) => l.accession === acc && l.status === status)!.key;
    expect(await engine.decideLines({ keys: [key('M010', 'billed_twice'), key('Z001', 'billed_not_in_ris')], decision: 'accepted' })).toEqual({ changed: 2, locked: 0 });
    await expect(engine.decideLines({ keys: [key('M004', 'price_differs')], decision: 'disputed' })).rejects.toThrow(/needs a note/);
    expect(await engine.decideLines({ keys: [key('M004', 'price_differs')], decision: 'disputed', note: 'Routine CT is £38 =HYPERLINK("x")' })).toEqual({ changed: 1, locked: 0 });
    expect(await engine.decideLines({ keys: [key('M007', 'not_billed')], decision: 'resolved', note: 'Billed next month' })).toEqual({ changed: 1, locked: 0 });

    // Re-running changes nothing; a locked line refuses another decision.
    const again = await allLines(engine, 'Medica', '2025-10');
    expect(again.filter((l) => l.decision !== 'open').map((l) => [l.accession, l.decision, l.locked])).toEqual([
      ['M004', 'disputed', false],
      ['M010', 'accepted', true],
      ['Z001', 'accepted', true],
      ['M007', 'resolved', true],
    ]);
    expect(await engine.decideLines({ keys: [key('M010', 'billed_twice'), key('M004', 'price_differs')], decision: 'disputed', note: 'x' })).toEqual({ changed: 1, locked: 1 });

    // Undo the statement and import it again: the lines come back with their decisions.
    const batch = (await engine.listBatches()).find((b) => b.file === 'october.csv')!;
    await engine.undoBatch(batch.id);
    expect(await allLines(engine, 'Medica', '2025-10')).toEqual([]);
    await load(engine, 'october.csv', 'statement', octoberLines);
    const back = await allLines(engine, 'Medica', '2025-10');
    expect(back.filter((l) => l.decision !== 'open').map((l) => [l.accession, l.decision, l.note])).toEqual([
      ['M004', 'disputed', 'x'],
      ['M010', 'accepted', null],
      ['Z001', 'accepted', null],
      ['M007', 'resolved', 'Billed next month'],
    ]);

    // The RIS later shows Z001 (a late extract): the line is now matched, and the decision stays, with the change shown.
    await load(engine, 'ris-late.csv', 'ris', [RIS_HEADER, `Z001,CHEAD,CT Head,CT,Routine,${uk(day(20))},${uk(day(20))},MED-1,Medica`]);
    const z = (await allLines(engine, 'Medica', '2025-10')).find((l) => l.accession === 'Z001')!;
    expect(z).toMatchObject({ status: 'matched', decision: 'accepted', locked: true, decidedStatus: 'billed_not_in_ris', statusChanged: true });

    // Reopening unlocks a line; then it takes a new decision.
    expect(await engine.decideLines({ keys: [z.key], decision: 'open' })).toEqual({ changed: 1, locked: 0 });
    const reopened = (await allLines(engine, 'Medica', '2025-10')).find((l) => l.accession === 'Z001')!;
    expect(reopened).toMatchObject({ decision: 'open', locked: false, statusChanged: false });
    await expect(engine.decideLines({ keys: ['S|Medica|2025-10|NOPE|CT|1'], decision: 'accepted' })).rejects.toThrow(/no longer exist/);
  });

  it('counts settled lines and lets the month go green once everything is decided and paid', async () => {
    const lines = await allLines(engine, 'Medica', '2025-09');
    const total = lines.reduce((s, l) => s + (l.amountPence ?? 0), 0);
    await load(engine, 'ledger-sep.csv', 'ledger', ['Supplier,Description,Period,Amount', `Medica,Teleradiology Sep-25,2025/26 M06,${money(total)}`]);
    expect((await engine.reconciliation({ period: { spec: '2025-09' } })).rows[0]).toMatchObject({ status: 'green', reasons: [] });
    const oct = await allLines(engine, 'Medica', '2025-10');
    await engine.decideLines({ keys: oct.filter((l) => l.status !== 'matched').map((l) => l.key), decision: 'resolved', note: 'Credited' });
    const row = (await engine.reconciliation({ period: { spec: '2025-10' } })).rows[0]!;
    expect(row).toMatchObject({ openIssues: 0, settled: 10, status: 'amber' });
    // Not green yet: settled is not paid, and the statement still differs from the RIS at the tariff.
    expect(row.reasons).toEqual([expect.stringMatching(/^the statement total is £\d+\.\d\d above the expected cost/), 'the ledger holds nothing for October 2025']);
  });

  it('writes a dispute pack with a summary and a sheet per status, text neutralised', async () => {
    const lines = await allLines(engine, 'Medica', '2025-10');
    await engine.decideLines({ keys: [lines.find((l) => l.status === 'price_differs')!.key], decision: 'disputed', note: '=HYPERLINK("http://x")' });
    const XLSX = await import('xlsx');
    const wb = XLSX.read(await engine.exportDisputePack({ period: { spec: '2025-10' } }));
    expect(wb.SheetNames).toEqual(['Summary', 'Price differs from tariff', 'Billed twice', 'Billed, not in RIS', 'Reported by someone else', 'In RIS, not billed', 'Matched']);
    const sheet = (name: string) => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1 });
    const priced = sheet('Price differs from tariff');
    const header = priced[2] as string[];
    const body = priced.slice(3).filter((r) => r.length > 0 && r[0] !== 'Total');
    expect(body.map((r) => r[header.indexOf('Accession number')]).sort()).toEqual(['M004', 'M019']);
    const m004 = body.find((r) => r[header.indexOf('Accession number')] === 'M004')!;
    expect(m004[header.indexOf('Difference')]).toBe(2);
    expect(m004[header.indexOf('Note')]).toBe(`'=HYPERLINK("http://x")`);
    expect(m004[header.indexOf('Decision')]).toBe('Disputed');
    expect(sheet('In RIS, not billed').slice(3).filter((r) => r.length && r[0] !== 'Total').map((r) => r[2])).toEqual(['M007', 'M023']);
    const summary = sheet('Summary');
    const head = summary.find((r) => r[0] === 'Provider' && r[1] === 'Month') as string[];
    const octRow = summary.find((r) => r[0] === 'Medica' && typeof r[1] === 'number')!;
    expect(octRow[head.indexOf('Billed twice')]).toBe(2);
    expect(octRow[head.indexOf('Status')]).toBe('Red');
  });
});

describe('importing provider statements', () => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await freshEngine();
  });

  const STATEMENT = ['Accession,Modality,Date Reported,Unit Price', 'A1,CT,02/10/2025,£38.00', 'A2,MR,03/10/2025,£44.00'];

  it('previews a statement with its kind, mapping and the provider the file name gives', async () => {
    const preview = await engine.previewImport({ source: { kind: 'bytes', name: 'Everlight Oct-25.csv', bytes: csvBytes(STATEMENT) } });
    expect(preview.kind).toBe('statement');
    expect(preview.missingRequired).toEqual([]);
    expect(preview.columns.map((c) => c.field)).toEqual(['accession', 'modality', 'reportDate', 'unitPrice']);
    expect(preview.warnings).toContain("No provider column: every line is taken as Everlight's, as the file name or title says.");
    // The alternatives say so, so that the import page can ask for one of them.
    const alternatives = preview.fields.filter((f) => f.oneOf).map((f) => [f.id, f.oneOf]);
    expect(alternatives).toEqual([
      ['unitPrice', 'Line amount or unit price'],
      ['amount', 'Line amount or unit price'],
    ]);
    expect(preview.fields.find((f) => f.id === 'accession')).not.toHaveProperty('oneOf');
  });

  it('refuses a statement that names no provider anywhere, naming the file and the headers; nothing is written', async () => {
    const before = await engine.listBatches();
    await expect(load(engine, 'october.csv', 'statement', STATEMENT)).rejects.toThrow(
      /october\.csv: cannot import as a provider statement: no column for Provider\. Headers seen: "Accession", "Modality", "Date Reported", "Unit Price"/,
    );
    await expect(load(engine, 'medica.csv', 'statement', ['Accession,Date Reported', 'A1,02/10/2025'])).rejects.toThrow(/no column for Line amount or unit price/);
    expect(await engine.listBatches()).toEqual(before);
  });

  it('rejects bad rows with file, row, column, value and reason, and keeps the rest', async () => {
    const report = await load(engine, 'medica.csv', 'statement', [
      'Provider,Accession,Modality,Date Reported,Unit Price,Line Amount',
      'Medica,A1,CT,02/10/2025,38.00,38.00',
      'Medica,,CT,02/10/2025,38.00,38.00',
      'Medica,A3,CT,31/09/2025,38.00,38.00',
      'Medica,A4,CT,02/10/2025,thirty,',
      'Medica,A5,CT,02/10/2025,38.00,76.00',
      'Acme Teleradiology,A6,CT,02/10/2025,,40.00',
      ',A7,CT,02/10/2025,38.00,38.00',
    ]);
    expect([report.rowsRead, report.accepted, report.rejected]).toEqual([7, 4, 3]);
    const errors = report.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.column, i.value, i.reason]);
    expect(errors).toEqual([
      [3, 'Accession', '', 'the accession number is empty'],
      [4, 'Date Reported', '31/09/2025', expect.stringMatching(/not a real date/)],
      [5, 'Unit Price', 'thirty', expect.stringMatching(/not an amount/)],
    ]);
    const warnings = report.issues.filter((i) => i.severity === 'warning').map((i) => [i.row, i.column, i.reason]);
    expect(warnings).toEqual([
      [6, 'Line Amount', 'the line amount (£76.00) is not the unit price (£38.00); the amount is what is billed'],
      [7, 'Provider', expect.stringMatching(/^not a known provider name: kept as written/)],
      [8, 'Provider', 'the provider is empty: taken as Medica, as the file name or title says (and for any other empty provider)'],
    ]);
    // The empty provider falls back to the file name's.
    const rows = (await engine.reconciliation({})).rows.map((r) => [r.provider, r.statementLines, r.statementTotalPence]);
    expect(rows).toEqual([
      ['Acme Teleradiology', 1, 4000],
      ['Medica', 3, 3800 + 7600 + 3800],
    ]);
  });

  it('refuses the same statement file twice, and warns when a provider-month already has a statement', async () => {
    const first = await load(engine, 'medica-oct.csv', 'statement', STATEMENT);
    await expect(load(engine, 'medica-oct-copy.csv', 'statement', STATEMENT)).rejects.toThrow(/already imported \(batch \d+, same SHA-256\)\. Importing the same statement again/);
    const second = await load(engine, 'medica-oct-extra.csv', 'statement', [...STATEMENT.slice(0, 2), 'A3,XR,04/10/2025,£9.00']);
    expect(second.issues.map((i) => i.reason)).toEqual([
      "no provider column: every line is taken as Medica's, as the file name or title says",
      `Medica already has a statement for October 2025 (medica-oct.csv, import batch ${first.batchId}): an examination billed on both counts as billed twice. Undo batch ${first.batchId} first if this statement replaces it.`,
    ]);
    const lines = await allLines(engine, 'Medica', '2025-10');
    expect(lines.map((l) => [l.accession, l.status])).toEqual([
      ['A1', 'billed_not_in_ris'],
      ['A2', 'billed_not_in_ris'],
      ['A1', 'billed_twice'],
      ['A3', 'billed_not_in_ris'],
    ]);
  });

  it('gives lines their statement month: the period column, else the month most lines were reported in', async () => {
    const folded = await load(engine, 'medica-nov.csv', 'statement', [
      'Accession,Modality,Date Reported,Unit Price',
      'B1,CT,31/10/2025,38',
      ...Array.from({ length: 12 }, (_, i) => `N${i},CT,${String(i + 1).padStart(2, '0')}/11/2025,38`),
    ]);
    expect(folded.issues.map((i) => [i.row, i.reason])).toEqual([
      [1, "no provider column: every line is taken as Medica's, as the file name or title says"],
      [2, '1 line reported in October 2025 is taken as part of the November 2025 statement, the month most lines were reported in'],
    ]);
    const quarter = await load(engine, 'medica-q3.csv', 'statement', [
      'Accession,Modality,Date Reported,Unit Price,Statement Month',
      'Q1,CT,30/09/2025,38,Oct-25',
      'Q2,CT,15/12/2025,38,Dec-25',
    ]);
    expect(quarter.issues.map((i) => i.severity)).toEqual(['warning']);
    expect((await engine.reconciliation({})).rows.map((r) => [r.month, r.statementLines])).toEqual([
      ['2025-10', 1],
      ['2025-11', 13],
      ['2025-12', 1],
    ]);
  });

  it('cancels a statement import midway and leaves the database exactly as before', async () => {
    await load(engine, 'medica-sep.csv', 'statement', ['Accession,Modality,Date Reported,Unit Price', 'S1,CT,02/09/2025,38']);
    const before = await engine.exportDatabase();
    const big = ['Accession,Modality,Date Reported,Unit Price', ...Array.from({ length: 20_000 }, (_, i) => `B${i},CT,02/10/2025,38.00`)];
    let cancelled = false;
    const run = engine.runImport({ source: { kind: 'bytes', name: 'medica-oct.csv', bytes: csvBytes(big) }, kind: 'statement', commit: true, importId: 'stop' }, (p) => {
      if (!cancelled && p.rowsRead > 2000) {
        cancelled = true;
        void engine.cancelImport('stop');
      }
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(Buffer.from(await engine.exportDatabase()).equals(Buffer.from(before))).toBe(true);
  });

  it('reads a layout detection does not know through a saved mapping preset, from a workbook sheet', async () => {
    const XLSX = await import('xlsx');
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Notes'], ['see other sheet']]), 'Cover');
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Qx Ref', 'Kind', 'Signed', 'Charge'],
        ['A1', 'CT', new Date(Date.UTC(2025, 9, 2)), 38],
        ['A2', 'MR', 45933, 44.5],
      ], { cellDates: true }),
      'Lines',
    );
    const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    await engine.savePreset({ name: 'Acme lines', kind: 'statement', headers: { qxref: 'accession', kind: 'modality', signed: 'reportDate', charge: 'amount' }, sheet: 'Lines' });
    const preview = await engine.previewImport({ source: { kind: 'bytes', name: 'medica-acme.xlsx', bytes }, presetName: 'Acme lines' });
    expect([preview.kind, preview.layout, preview.missingRequired]).toEqual(['statement', 'Acme lines', []]);
    const report = await engine.runImport({ source: { kind: 'bytes', name: 'medica-acme.xlsx', bytes }, kind: 'statement', presetName: 'Acme lines', commit: true });
    expect([report.accepted, report.rejected]).toEqual([2, 0]);
    const lines = await allLines(engine, 'Medica', '2025-10');
    expect(lines.map((l) => [l.accession, l.modality, l.reportedAt, l.amountPence])).toEqual([
      ['A1', 'CT', '2025-10-02', 3800],
      ['A2', 'MR', '2025-10-03', 4450],
    ]);
  });

  it('undoes a statement import by batch', async () => {
    const report = await load(engine, 'medica-oct.csv', 'statement', STATEMENT);
    expect(await engine.undoBatch(report.batchId!)).toEqual({ batchId: report.batchId, removed: 2, restored: 0 });
    expect((await engine.reconciliation({})).rows).toEqual([]);
  });

  it('discards a pending statement import without a trace', async () => {
    const report = await engine.runImport({ source: { kind: 'bytes', name: 'medica-oct.csv', bytes: csvBytes(STATEMENT) }, kind: 'statement', commit: false });
    await expect(engine.reconciliation({})).resolves.toMatchObject({ rows: [expect.objectContaining({ statementLines: 2 })] });
    await engine.discardImport(report.importId);
    expect((await engine.reconciliation({})).rows).toEqual([]);
    expect(await engine.listBatches()).toEqual([]);
  });
});

describe('tariffs', () => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await freshEngine();
  });

  it('import with effective dates; an overlapping period is a row-level error; a repeat re-prices and undo restores it', async () => {
    const first = await load(engine, 'Medica tariff.xlsx.csv', 'tariff', [
      'Modality,Priority,Unit Price,Effective From,Effective To',
      'CT,,38.00,01/04/2024,31/03/2025',
      'CT,,39.50,01/04/2025,',
      'CT,,40.00,01/01/2025,',
      'MRI,Urgent,62,01/04/2025,',
      'Ultrasound,,-5,01/04/2025,',
      'CT,,41,01/05/2025,01/04/2025',
    ]);
    expect([first.accepted, first.inserted, first.rejected]).toEqual([3, 3, 3]);
    expect(first.issues.map((i) => [i.row, i.column, i.reason])).toEqual([
      [1, null, "no provider column: every line is taken as Medica's, as the file name or title says"],
      [4, 'Effective From', 'its period overlaps row 2 of this file (Medica CT at £38.00 from 01/04/2024 to 31/03/2025): give the earlier price an end date before the later one starts'],
      [6, 'Unit Price', 'a unit price cannot be negative'],
      [7, 'Effective To', 'the effective-to date is before the effective-from date'],
    ]);
    expect((await engine.listTariffs()).map((t) => [t.provider, t.modality, t.priority, t.unitPricePence, t.effectiveFrom, t.effectiveTo])).toEqual([
      ['Medica', 'CT', null, 3800, '2024-04-01', '2025-03-31'],
      ['Medica', 'CT', null, 3950, '2025-04-01', null],
      ['Medica', 'MR', 'Urgent', 6200, '2025-04-01', null],
    ]);

    const second = await load(engine, 'medica-2025.csv', 'tariff', ['Modality,Unit Price,Effective From', 'CT,40.00,01/04/2025', 'XR,9,01/04/2025']);
    expect([second.inserted, second.updated]).toEqual([1, 1]);
    expect(second.issues.map((i) => i.reason)).toEqual([
      "no provider column: every line is taken as Medica's, as the file name or title says",
      're-prices Medica CT from 01/04/2025 (open-ended), held at £39.50',
    ]);
    expect((await engine.listTariffs()).find((t) => t.effectiveFrom === '2025-04-01' && t.modality === 'CT')!.unitPricePence).toBe(4000);

    expect(await engine.undoBatch(second.batchId!)).toEqual({ batchId: second.batchId, removed: 2, restored: 1 });
    expect((await engine.listTariffs()).map((t) => [t.modality, t.unitPricePence, t.batchId])).toEqual([
      ['CT', 3800, first.batchId],
      ['CT', 3950, first.batchId],
      ['MR', 6200, first.batchId],
    ]);
    await engine.undoBatch(first.batchId!);
    expect(await engine.listTariffs()).toEqual([]);
  });

  it('are edited in the app with validation, and an edited row leaves its import batch', async () => {
    const report = await load(engine, 'medica tariff.csv', 'tariff', ['Modality,Unit Price,Effective From', 'CT,38,01/04/2025']);
    const [ct] = await engine.listTariffs();
    const saved = await engine.saveTariff({ ...ct!, unitPricePence: 3900, effectiveTo: '2026-03-31' });
    expect(saved).toMatchObject({ id: ct!.id, unitPricePence: 3900, effectiveTo: '2026-03-31', batchId: null });
    const added = await engine.saveTariff({ provider: 'MEDICA REPORTING LTD', modality: 'ct', priority: ' Urgent ', examCode: ' cchea ', unitPricePence: 5500, effectiveFrom: '2025-04-01', effectiveTo: null });
    expect(added).toMatchObject({ provider: 'Medica', modality: 'CT', priority: 'Urgent', examCode: 'CCHEA' });

    await expect(engine.saveTariff({ ...ct!, id: undefined, unitPricePence: 4000, effectiveFrom: '2025-10-01', effectiveTo: null })).rejects.toThrow(
      /overlaps another price \(Medica CT at £39\.00 from 01\/04\/2025 to 31\/03\/2026\)/,
    );
    await expect(engine.saveTariff({ ...ct!, id: undefined })).rejects.toThrow(/already has a price from 01\/04\/2025/);
    await expect(engine.saveTariff({ ...ct!, id: undefined, modality: 'XX', unitPricePence: 1.5, effectiveFrom: '2025-02-30' })).rejects.toThrow(
      /"XX" is not a modality.*whole number of pence.*must be a date/,
    );
    const later = await engine.saveTariff({ ...ct!, id: undefined, unitPricePence: 4100, effectiveFrom: '2026-04-01', effectiveTo: null });

    // Undoing the import leaves the edited row alone.
    await engine.undoBatch(report.batchId!);
    expect((await engine.listTariffs()).map((t) => t.unitPricePence)).toEqual([3900, 4100, 5500]);
    await engine.deleteTariff(later.id);
    await expect(engine.deleteTariff(later.id)).rejects.toThrow(/no tariff row/);
    expect((await engine.listTariffs()).map((t) => t.unitPricePence)).toEqual([3900, 5500]);
  });
});
