import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../electron/cli/main';
import { DatabaseKey, decryptDatabase, encryptDatabase, isEncryptedDatabase } from '../../electron/node/encryptedDatabase';
import { sqliteUserVersion } from '../../electron/documentHost';
import { freshEngine } from '../helpers/engine';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'radbench-cli-pass-'));
});

async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const saved = process.env.RADBENCH_PASSPHRASE;
  if ('RADBENCH_PASSPHRASE' in env) process.env.RADBENCH_PASSPHRASE = env.RADBENCH_PASSPHRASE;
  else delete process.env.RADBENCH_PASSPHRASE;
  let stdout = '';
  let stderr = '';
  try {
    const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  } finally {
    if (saved === undefined) delete process.env.RADBENCH_PASSPHRASE;
    else process.env.RADBENCH_PASSPHRASE = saved;
  }
}

const RIS = [
  'Accession Number,Exam Code,Modality,Exam Date,Date Reported,Reported By',
  'A1,XCHES,XR,01/05/2023 10:00,01/05/2023 12:00,R1',
  'A2,CHEAD,CT,02/05/2023 09:00,02/05/2023 10:30,R1',
].join('\r\n');

const PASSPHRASE = 'correct horse battery staple';

async function protectedDatabase(name: string): Promise<string> {
  const engine = await freshEngine();
  const key = await DatabaseKey.create(PASSPHRASE);
  const path = join(dir, name);
  writeFileSync(path, encryptDatabase(await engine.exportDatabase(), key));
  return path;
}

describe('radbench with a passphrase-protected --db', () => {
  it('refuses without the passphrase, and with a wrong one, leaving the file untouched (exit 3)', async () => {
    const db = await protectedDatabase('locked.radbench');
    const before = readFileSync(db);
    const ris = join(dir, 'ris.csv');
    writeFileSync(ris, RIS);
    const missing = await cli(['import', '--db', db, '--ris', ris]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('protected with a passphrase');
    const wrong = await cli(['import', '--db', db, '--ris', ris], { RADBENCH_PASSPHRASE: 'not the passphrase' });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain('passphrase is not right');
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('imports into it with --passphrase-file and saves it sealed again', async () => {
    const db = await protectedDatabase('dept.radbench');
    const ris = join(dir, 'ris2.csv');
    writeFileSync(ris, RIS);
    const secret = join(dir, 'passphrase.txt');
    writeFileSync(secret, `${PASSPHRASE}\n`);
    const run = await cli(['import', '--db', db, '--ris', ris, '--passphrase-file', secret]);
    expect(run.code, run.stderr).toBe(0);
    const saved = new Uint8Array(readFileSync(db));
    expect(isEncryptedDatabase(saved)).toBe(true);
    const { plain } = await decryptDatabase(saved, PASSPHRASE);
    const engine = await freshEngine();
    expect((await engine.open(plain)).exams).toBe(2);
    const analysed = await cli(['analyse', '--db', db, '--period', '2023-05', '--format', 'json'], { RADBENCH_PASSPHRASE: PASSPHRASE });
    expect(analysed.code, analysed.stderr).toBe(0);
    expect(JSON.parse(analysed.stdout).reports.total).toBe(2);
  });

  it('keeps the original file as name.vN.bak before saving an upgraded older database', async () => {
    const engine = await freshEngine();
    const current = await engine.exportDatabase();
    const old = Uint8Array.from(current);
    // A real schema-3 file (before reconciliation and scenarios), built from the first three migrations.
    const { default: initSqlJs } = await import('sql.js');
    const SQL = await initSqlJs();
    const v3 = new SQL.Database();
    const { MIGRATIONS } = await import('../../shared/db/schema');
    for (let v = 0; v < 3; v++) v3.exec(MIGRATIONS[v]!);
    v3.exec('PRAGMA user_version = 3');
    const olderBytes = v3.export();
    v3.close();
    expect(sqliteUserVersion(olderBytes)).toBe(3);
    expect(sqliteUserVersion(old)).toBeGreaterThan(3);
    const db = join(dir, 'older.radbench');
    writeFileSync(db, olderBytes);
    const ris = join(dir, 'ris3.csv');
    writeFileSync(ris, RIS);
    const run = await cli(['import', '--db', db, '--ris', ris]);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(`${db}.v3.bak`)).toBe(true);
    expect(new Uint8Array(readFileSync(`${db}.v3.bak`))).toEqual(olderBytes);
    expect(sqliteUserVersion(new Uint8Array(readFileSync(db)))).toBe(sqliteUserVersion(old));
  });
});
