import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { runCli } from '../../electron/cli/main';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'radbench-cli-reconcile-'));
});

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return path;
}

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

const RIS = [
  'Accession Number,Exam Code,Exam Name,Modality,Priority,Exam Date,Date Reported,Reported By,Outsourcing Provider',
  'A1,CHEAD,CT Head,CT,Routine,01/10/2025,02/10/2025,MED-1,Medica',
  'A2,CHEAD,CT Head,CT,Urgent,01/10/2025,03/10/2025,MED-1,Medica',
  'A3,XCHES,XR Chest,DX,Routine,01/10/2025,03/10/2025,MED-2,Medica',
  'A4,MBRAI,MR Brain,MR,Routine,01/10/2025,04/10/2025,RAD01,',
  'A5,CHEAD,CT Head,CT,Routine,01/10/2025,06/10/2025,EVL-1,Everlight Radiology',
];
const STAFF = ['Reporter Code,Name,Staff Group,WTE', 'RAD01,"Davies, R",Radiologist,1'];
const TARIFF = [
  'Provider,Modality,Priority,Unit Price,Effective From,Effective To',
  'Medica,CT,,£38.00,01/04/2025,',
  'Medica,CT,Urgent,£55.00,01/04/2025,',
  'Medica,XR,,£9.00,01/04/2025,',
  'Medica,MR,,£44.00,01/04/2025,',
  'Everlight,CT,,£36.00,01/04/2025,',
];
// A1 billed twice, A2 below the urgent rate, A3 not billed, A4 reported in-house, Z9 not in the RIS.
const MEDICA = [
  'Accession,Exam Code,Examination,Priority,Date Reported,Unit Price,Line Amount',
  'A1,CHEAD,CT Head,Routine,02/10/2025,38.00,38.00',
  'A2,CHEAD,CT Head,Urgent,03/10/2025,50.00,50.00',
  'A1,CHEAD,CT Head,Routine,02/10/2025,38.00,38.00',
  'A4,MBRAI,MR Brain,Routine,04/10/2025,44.00,44.00',
  'Z9,CHEAD,CT Head,Routine,05/10/2025,38.00,38.00',
];
const EVERLIGHT = ['Provider,Acc No,Modality,Report Date,Fee', 'Everlight Radiology,A5,CT,06-Oct-2025,36.00'];
const LEDGER = ['Supplier,Description,Period,Amount', 'Medica Reporting Ltd,Teleradiology Oct-25,2025/26 M07,208.00', 'Everlight Radiology Ltd,Teleradiology Oct-25,2025/26 M07,36.00'];

const KEYS = [
  'provider', 'month', 'statementLines', 'matched', 'billedNotInRis', 'notBilled', 'billedTwice', 'priceVariance', 'reportedByOther',
  'expectedCost', 'statementTotal', 'ledgerSpend',
];

function inputs(): string[] {
  return [
    '--staff', file('staff.csv', STAFF), '--ris', file('ris.csv', RIS), '--tariff', file('tariff.csv', TARIFF),
    '--statement', file('Medica statement October 2025.csv', MEDICA), '--statement', file('everlight-oct.csv', EVERLIGHT),
    '--ledger', file('ledger.csv', LEDGER),
  ];
}

describe('radbench reconcile', () => {
  it('prints the reconciliation JSON of CLI.md, every key present, money in pounds', async () => {
    const r = await cli('reconcile', ...inputs(), '--format', 'json');
    expect(r.code).toBe(0);
    const json = r.json();
    expect(Object.keys(json)).toEqual(['reconciliations']);
    for (const row of json.reconciliations) expect(Object.keys(row)).toEqual(KEYS);
    expect(json.reconciliations).toEqual([
      {
        provider: 'Everlight', month: '2025-10', statementLines: 1, matched: 1, billedNotInRis: 0, notBilled: 0, billedTwice: 0, priceVariance: 0,
        reportedByOther: 0, expectedCost: 36, statementTotal: 36, ledgerSpend: 36,
      },
      {
        provider: 'Medica', month: '2025-10', statementLines: 5, matched: 2, billedNotInRis: 1, notBilled: 1, billedTwice: 1, priceVariance: 1,
        reportedByOther: 1, expectedCost: 102, statementTotal: 208, ledgerSpend: 208,
      },
    ]);
    expect(r.stdout).not.toMatch(/NaN|undefined|null/);
  });

  it('prints a readable table by default, with each month’s status and why', async () => {
    const r = await cli('reconcile', ...inputs());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Provider\s+Month\s+Status\s+Lines/);
    expect(r.stdout).toMatch(/Everlight\s+2025-10\s+GREEN\s+1\s+1/);
    expect(r.stdout).toMatch(/Medica\s+2025-10\s+RED\s+5\s+2/);
    expect(r.stdout).toContain('not yet accepted or resolved: 1 line billed twice, 1 billed but not in the RIS, 1 reported by someone else');
    expect(r.stdout).toContain('£208.00');
  });

  it('writes the dispute pack with --out, and only the pack with --format xlsx', async () => {
    const pack = join(dir, 'pack.xlsx');
    const r = await cli('reconcile', ...inputs(), '--format', 'json', '--out', pack);
    expect(r.code).toBe(0);
    expect(r.json().reconciliations).toHaveLength(2);
    expect(r.stderr).toContain(`Wrote the dispute pack to ${pack}.`);
    const wb = XLSX.read(readFileSync(pack));
    expect(wb.SheetNames[0]).toBe('Summary');
    expect(wb.SheetNames).toHaveLength(7);
    const twice = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Billed twice']!, { header: 1 });
    expect(twice[3]!.slice(0, 4)).toEqual(['Medica', expect.any(Number), 'A1', 'CHEAD']);

    const only = join(dir, 'only.xlsx');
    const x = await cli('reconcile', ...inputs(), '--format', 'xlsx', '--out', only);
    expect([x.code, x.stdout]).toEqual([0, '']);
    expect(statSync(only).size).toBeGreaterThan(1000);
    expect((await cli('reconcile', ...inputs(), '--format', 'xlsx')).code).toBe(2);
  });

  it('limits the months to --period, and reconciles statements kept in --db', async () => {
    const db = join(dir, 'dept.radbench');
    const imported = await cli('import', '--db', db, ...inputs(), '--format', 'json');
    expect(imported.code).toBe(0);
    expect(imported.json().imports.map((i: { kind: string }) => i.kind)).toEqual(['staff', 'ris', 'ledger', 'tariff', 'statement', 'statement']);
    const r = await cli('reconcile', '--db', db, '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.json().reconciliations.map((x: { provider: string }) => x.provider)).toEqual(['Everlight', 'Medica']);
    expect((await cli('reconcile', '--db', db, '--format', 'json', '--period', '2025-11')).json()).toEqual({ reconciliations: [] });
  });

  it('exits 2 on a usage error and 3 on a file it cannot use, writing nothing', async () => {
    const none = await cli('reconcile', '--ris', file('ris-only.csv', RIS));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('reconcile needs at least one --statement FILE');
    expect((await cli('reconcile', ...inputs(), '--period', 'sometime')).code).toBe(2);

    const db = join(dir, 'never.radbench');
    const out = join(dir, 'never.xlsx');
    const bad = await cli('reconcile', '--db', db, '--ris', file('ris2.csv', RIS), '--statement', file('statement.csv', MEDICA), '--out', out);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('statement.csv: cannot import as a provider statement: no column for Provider.');
    expect(bad.stderr).toContain('Headers seen: "Accession", "Exam Code"');
    expect(existsSync(db)).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it('lists rejected statement rows with --rejects', async () => {
    const rejects = join(dir, 'rejects.csv');
    const r = await cli('reconcile', '--statement', file('medica-bad.csv', [...MEDICA, 'A7,CHEAD,CT Head,Routine,32/10/2025,38.00,38.00']), '--rejects', rejects, '--format', 'json');
    expect(r.code).toBe(0);
    expect(readFileSync(rejects, 'utf8').trim().split('\r\n')).toEqual(['file,row,column,value,reason', 'medica-bad.csv,7,Date Reported,32/10/2025,not a real date: 32/10/2025']);
  });
});

describe('radbench analyse with statements and tariffs', () => {
  it('imports them like the other files and counts them in imports', async () => {
    const r = await cli('analyse', ...inputs(), '--period', '2025/26', '--format', 'json');
    expect(r.code).toBe(0);
    const imports = r.json().imports;
    expect(imports.filter((i: { kind: string }) => i.kind === 'tariff' || i.kind === 'statement')).toEqual([
      { file: 'tariff.csv', kind: 'tariff', rowsRead: 5, accepted: 5, updated: 0, rejected: 0 },
      { file: 'Medica statement October 2025.csv', kind: 'statement', rowsRead: 5, accepted: 5, updated: 0, rejected: 0 },
      { file: 'everlight-oct.csv', kind: 'statement', rowsRead: 1, accepted: 1, updated: 0, rejected: 0 },
    ]);
    expect(r.json().reports.total).toBe(5);
  });
});
