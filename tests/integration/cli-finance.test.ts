import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { readFileSync } from 'node:fs';
import { runCli } from '../../electron/cli/main';

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/public-spend/', import.meta.url));
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'radbench-fin-'));
  writeFileSync(join(dir, 'ris.csv'), RIS);
});

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

// Three outsourced reports in October and November 2020, to set against the published spend.
const RIS = [
  'Accession Number,Exam Code,Modality,Exam Date,Date Reported,Reported By,Outsourcing Provider',
  'T1,CHEAD,CT,01/10/2020 10:00,01/10/2020 12:00,MED1,MEDICA',
  'T2,CHEAD,CT,02/10/2020 10:00,02/10/2020 12:00,MED1,Medica',
  'T3,XCHES,DX,03/10/2020 10:00,03/10/2020 11:00,R1,',
  'T4,MBRAI,MR,04/11/2020 10:00,05/11/2020 12:00,TMC1,Telemedicine Clinic',
].join('\r\n');

describe('radbench analyse with ledgers', () => {
  it('imports all three published spend files with every row accepted and exact totals', async () => {
    const ok = await cli(
      'analyse', '--ledger', join(FIXTURES, 'CHWE 07 - October.csv'), '--ledger', join(FIXTURES, 'LEGR 08 - November.csv'),
      '--ledger', join(FIXTURES, 'NMID 09 - December.xlsx'), '--ris', join(dir, 'ris.csv'), '--period', '2020/21', '--format', 'json',
    );
    expect(ok.code).toBe(0);
    const json = JSON.parse(ok.stdout);
    const ledgers = json.imports.filter((i: { kind: string }) => i.kind === 'ledger');
    expect(ledgers.map((i: { rowsRead: number; accepted: number; rejected: number }) => [i.rowsRead, i.accepted, i.rejected])).toEqual([
      [113, 113, 0],
      [89, 89, 0],
      [69, 69, 0],
    ]);
    // Hand-checked file totals (Python decimal): £16,888,326.63 + £13,142,280.86 + £14,484,128.63.
    const total = Object.values(json.spendByCategory as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(Math.round(total * 100)).toBe(1_688_832_663 + 1_314_228_086 + 1_448_412_863);
    // Medica £339,586.49 + Telemedicine Clinic £209,713.60 + Everlight £161,941.94.
    expect(json.spendByCategory.outsourced_reporting).toBe(711_242.03);
    expect(json.spendByCategory.outsourced_imaging).toBe(240_588.45); // Alliance Medical only, never Alliance Healthcare
    expect(json.outsourcing.reports).toBe(3);
    expect(json.outsourcing.costPerReport).toBe(Math.round((71_124_203 / 3)) / 100);
    const medica = json.outsourcing.byProvider.find((p: { provider: string }) => p.provider === 'Medica');
    expect(medica).toEqual({ provider: 'Medica', reports: 2, spend: 339_586.49, costPerReport: 169_793.25 });
    expect(json.externalSpendPerReport).toBeGreaterThan(0);
  });

  it('puts --rules ahead of the defaults', async () => {
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, JSON.stringify([{ id: 'all-alliance-other', category: 'other', conditions: [{ field: 'supplier', op: 'contains', value: 'Alliance Medical' }] }]));
    const r = await cli('analyse', '--ledger', join(FIXTURES, 'CHWE 07 - October.csv'), '--rules', rules, '--period', '2020/21', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).spendByCategory.outsourced_imaging).toBe(0);
  });

  it('refuses an invalid rules file as a usage error', async () => {
    const rules = join(dir, 'bad-rules.json');
    writeFileSync(rules, JSON.stringify([{ id: 'x', category: 'nonsense', conditions: [] }]));
    const r = await cli('analyse', '--ledger', join(FIXTURES, 'CHWE 07 - October.csv'), '--rules', rules);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/x/);
  });

  it('refuses the same ledger twice into one database, naming the batch', async () => {
    const db = join(dir, 'twice.radbench');
    expect((await cli('import', '--db', db, '--ledger', join(FIXTURES, 'LEGR 08 - November.csv'))).code).toBe(0);
    const again = await cli('import', '--db', db, '--ledger', join(FIXTURES, 'LEGR 08 - November.csv'));
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/already imported \(batch 1/);
  });

  it('writes the workbook with --format xlsx --out', async () => {
    const out = join(dir, 'analysis.xlsx');
    const r = await cli('analyse', '--ris', join(dir, 'ris.csv'), '--ledger', join(FIXTURES, 'CHWE 07 - October.csv'), '--period', '2020/21', '--format', 'xlsx', '--out', out);
    expect(r.code).toBe(0);
    const book = XLSX.read(readFileSync(out));
    expect(book.SheetNames).toContain('Summary');
    expect(book.SheetNames).toContain('Spend');
    expect((await cli('analyse', '--format', 'xlsx')).code).toBe(2);
  });

  it('extends the benchmarks with a user file and reports its bad rows', async () => {
    const file = join(dir, 'bench.csv');
    writeFileSync(
      file,
      'metric,cohort,year,value,p25,median,p75,n,unit,source,url\r\n' +
        'skillMix.plainFilmRadiographerShare,peer:north,2023/24,0.2,,,,,share,Regional network survey,\r\n' +
        'skillMix.plainFilmRadiographerShare,national,2023/24,1.7,,,,,share,Somebody,\r\n',
    );
    const rejects = join(dir, 'bench-rejects.csv');
    const r = await cli('analyse', '--ris', join(dir, 'ris.csv'), '--benchmarks', file, '--period', '2020/21', '--format', 'json', '--rejects', rejects);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.benchmarks.find((b: { cohort: string }) => b.cohort === 'peer:north')).toMatchObject({ value: 0.2, ours: 0 });
    expect(json.benchmarks.find((b: { cohort: string }) => b.cohort === 'shelford')).toBeTruthy();
    expect(readFileSync(rejects, 'utf8')).toMatch(/bench\.csv,3,/);
  });
});
