import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { runCli } from '../../electron/cli/main';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'radbench-cli-'));
});

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

const HEADER = 'Accession Number,Exam Code,Exam Name,Modality,Exam Date,Exam Time,Date Reported,Time Reported,Reported By';
const GOOD = [
  HEADER,
  'A1,XCHES,XR Chest,DX,01/05/2023,10:00,01/05/2023,12:00,R1',
  'A2,CHEAD,CT Head,CT,02/05/2023,09:00,02/05/2023,10:30,R1',
  'A3,UABDO,US Abdomen,US,03/05/2023,09:00,,,',
].join('\r\n');

describe('radbench analyse / import', () => {
  it('analyses a good file and prints the JSON contract with every key', async () => {
    const r = await cli('analyse', '--ris', file('good.csv', GOOD), '--period', '2023/24', '--format', 'json');
    expect(r.code).toBe(0);
    const json = r.json();
    expect(Object.keys(json)).toEqual([
      'period', 'imports', 'exams', 'reports', 'wte', 'reportsPerWte', 'weightedReportsPerWte', 'skillMix', 'outsourcing',
      'insourcing', 'spendByCategory', 'externalSpendPerReport', 'turnaround', 'backlog', 'breaches28d',
      'unclassifiedReporters', 'benchmarks', 'dataQuality',
    ]);
    expect(json.imports).toEqual([{ file: 'good.csv', kind: 'ris', rowsRead: 3, accepted: 3, updated: 0, rejected: 0 }]);
    expect(json.reports.total).toBe(2);
    expect(json.turnaround.overall).toEqual({ n: 2, medianHours: 1.75, p90Hours: 1.95 });
    expect(json.spendByCategory).toEqual({ outsourced_reporting: 0, outsourced_imaging: 0, insourcing: 0, agency_locum: 0, waiting_list_initiative: 0, other: 0 });
    expect(JSON.stringify(json)).not.toMatch(/NaN|undefined/);
    expect(json.benchmarks.find((b: { metric: string }) => b.metric === 'skillMix.plainFilmRadiographerShare')).toMatchObject({ cohort: 'shelford', year: '2016/17', value: 0.15, ours: 0 });
  });

  it('prints a readable text summary by default', async () => {
    const r = await cli('analyse', '--ris', file('good2.csv', GOOD), '--period', '2023/24');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('01/04/2023 to 31/03/2024');
    expect(r.stdout).toMatch(/Reports\s+2/);
  });

  it('defaults to the latest financial year holding reports', async () => {
    const r = await cli('analyse', '--ris', file('good3.csv', GOOD), '--format', 'json');
    expect(r.json().period).toEqual({ from: '2023-04-01', to: '2024-03-31', months: 12 });
  });

  it('imports a semicolon-delimited Windows-1252 file with a title row above the header', async () => {
    const text = 'Radiology activity report\r\n\r\n' + GOOD.replace(/,/g, ';').replace('XR Chest', 'XR Chest £ café');
    const bytes = Uint8Array.from([...text].map((c) => (c === '£' ? 0xa3 : c === 'é' ? 0xe9 : c.charCodeAt(0))));
    const r = await cli('analyse', '--ris', file('semi.csv', bytes), '--period', '2023/24', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.json().imports[0]).toMatchObject({ accepted: 3, rejected: 0 });
  });

  it('rejects an impossible date and writes the rejects CSV, exit 0', async () => {
    const rejects = join(dir, 'rejects.csv');
    const r = await cli(
      'analyse', '--ris', file('feb31.csv', GOOD + '\r\nA4,XCHES,XR Chest,DX,31/02/2024,10:00,,,'), '--period', '2023/24',
      '--format', 'json', '--rejects', rejects,
    );
    expect(r.code).toBe(0);
    expect(r.json().imports[0]).toMatchObject({ rowsRead: 4, accepted: 3, rejected: 1 });
    const csv = readFileSync(rejects, 'utf8').trim().split(/\r\n/);
    expect(csv[0]).toBe('file,row,column,value,reason');
    expect(csv[1]).toMatch(/^feb31\.csv,5,Exam Date,31\/02\/2024,.*31\/02\/2024/);
  });

  it('keeps a report dated before its examination but excludes it from turnaround', async () => {
    const r = await cli('analyse', '--ris', file('neg.csv', GOOD + '\r\nA5,XCHES,XR Chest,DX,05/05/2023,10:00,04/05/2023,10:00,R1'), '--period', '2023/24', '--format', 'json');
    const json = r.json();
    expect(json.imports[0].accepted).toBe(4);
    expect(json.dataQuality.negativeTurnaround).toBe(1);
    expect(json.turnaround.overall.n).toBe(2);
  });

  it('counts duplicate keys within one file', async () => {
    const r = await cli('analyse', '--ris', file('dup.csv', GOOD + '\r\nA1,XCHES,XR Chest,DX,01/05/2023,10:00,01/05/2023,12:30,R1'), '--period', '2023/24', '--format', 'json');
    const json = r.json();
    expect(json.dataQuality.duplicateKeysInFile).toBe(1);
    expect(json.exams.total).toBe(3);
  });

  it('reports an unbalanced quote as a rejected row', async () => {
    const r = await cli('analyse', '--ris', file('quote.csv', GOOD + '\r\nA6,XCHES,"XR Chest,DX,06/05/2023,10:00,,,'), '--period', '2023/24', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.json().imports[0]).toMatchObject({ accepted: 3, rejected: 1 });
  });

  it.each([
    ['empty.csv', '', /empty/],
    ['header-only.csv', HEADER + '\r\n', /no data rows/],
    ['colon.csv', GOOD.replace(/,/g, ':'), /no column for Accession number|Accession/],
  ])('fails %s with exit 3, naming the problem, and writes nothing', async (name, content, message) => {
    const db = join(dir, `${name}.radbench`);
    const r = await cli('analyse', '--db', db, '--ris', file(name, content), '--format', 'json');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(name);
    expect(r.stdout).toBe('');
    expect(existsSync(db)).toBe(false);
  });

  it('names the missing fields and the headers seen', async () => {
    const r = await cli('analyse', '--ris', file('nohdr.csv', 'Foo,Bar,Baz\r\n1,2,3\r\n'));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Accession/i);
    expect(r.stderr).toContain('"Foo", "Bar", "Baz"');
  });

  it('fails a binary file renamed .csv with exit 3', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]);
    const r = await cli('analyse', '--ris', file('image.csv', png));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('image.csv');
  });

  it('leaves an existing database untouched when a later file fails', async () => {
    const db = join(dir, 'keep.radbench');
    expect((await cli('import', '--db', db, '--ris', file('k1.csv', GOOD))).code).toBe(0);
    const before = readFileSync(db);
    const r = await cli('import', '--db', db, '--ris', file('k2.csv', GOOD), '--ris', file('k3.csv', ''));
    expect(r.code).toBe(3);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('re-imports an overlapping extract into a saved database without duplicates', async () => {
    const db = join(dir, 'overlap.radbench');
    await cli('import', '--db', db, '--ris', file('o1.csv', GOOD));
    const second = [HEADER, 'A3,UABDO,US Abdomen,US,03/05/2023,09:00,04/05/2023,09:00,S1', 'A4,MKNEL,MR Knee,MR,04/05/2023,09:00,,,'].join('\r\n');
    const r = await cli('import', '--db', db, '--ris', file('o2.csv', second), '--format', 'json');
    expect(r.json().imports[0]).toMatchObject({ accepted: 2, inserted: 1, updated: 1 });
    const a = await cli('analyse', '--db', db, '--period', '2023/24', '--format', 'json');
    expect(a.json().exams.total).toBe(4);
    expect(a.json().reports.total).toBe(3);
    expect(statSync(db).size).toBeGreaterThan(0);
  });

  it('gives usage errors exit 2', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('analyse', '--period', 'last week')).code).toBe(2);
    expect((await cli('analyse', '--format', 'yaml')).code).toBe(2);
    expect((await cli('import', '--ris', 'x.csv')).code).toBe(2);
    expect((await cli('analyse', '--bogus')).code).toBe(2);
  });

  it('runs through npm as the README says', () => {
    const path = file('npm.csv', GOOD);
    const out = execFileSync('npm', ['run', '--silent', 'radbench', '--', 'analyse', '--ris', path, '--format', 'json'], { encoding: 'utf8' });
    expect(JSON.parse(out).reports.total).toBe(2);
    const bad = spawnSync('npm', ['run', '--silent', 'radbench', '--', 'analyse', '--ris', file('npm-empty.csv', '')], { encoding: 'utf8' });
    expect(bad.status).toBe(3);
  });
});
