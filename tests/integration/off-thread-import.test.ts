import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerOffThreadRis } from '../../electron/node/offThreadRis';
import { demoRisCsvLines } from '../../shared/demo/csv';
import type { Engine } from '../../shared/engine/engine';
import type { OffThreadRis } from '../../shared/engine/risImport';
import type { ImportReport } from '../../shared/contract';
import { WORKER, engineWith, wasmPath } from './offThreadEngine';


let dir: string;
let extract: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'radbench-offthread-'));
  extract = join(dir, 'ris-extract.csv');
  // The demo extract with its planted broken rows, under title rows and above a totals row, as trusts send it.
  const lines = [...demoRisCsvLines({ scale: 0.02, years: 1, errors: true })];
  writeFileSync(extract, ['Radiology activity,,,', 'Run 01/04/2025,,,', '\r\n', ...lines, '\r\n', 'Total,' + (lines.length - 1) + '\r\n'].join(''));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));


/** Counts the conversions a worker was asked for, and the messages it really sent back. */
function counted(offThread: OffThreadRis): OffThreadRis & { calls: number; messages: number } {
  const spy = {
    minBytes: offThread.minBytes,
    calls: 0,
    messages: 0,
    start: async (...args: Parameters<OffThreadRis['start']>) => {
      spy.calls++;
      const replies = await offThread.start(...args);
      return (async function* () {
        for await (const message of replies) {
          spy.messages++;
          yield message;
        }
      })();
    },
  };
  return spy;
}

/** Every table's rows, sorted, so that two databases compare by content. */
async function contents(engine: Engine): Promise<Record<string, unknown[][]>> {
  const SQL = await initSqlJs({ locateFile: () => wasmPath });
  const db = new SQL.Database(await engine.exportDatabase());
  const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]!.values.map((r) => String(r[0]));
  const out: Record<string, unknown[][]> = {};
  for (const table of tables) {
    const width = db.exec(`SELECT count(*) FROM pragma_table_info('${table}')`)[0]!.values[0]![0] as number;
    const order = Array.from({ length: width }, (_, i) => i + 1).join(', ');
    out[table] = db.exec(`SELECT * FROM "${table}" ORDER BY ${order}`)[0]?.values ?? [];
  }
  db.close();
  return out;
}

const sourceOf = (path: string) => ({ kind: 'path' as const, name: 'ris-extract.csv', path });
const comparable = (report: ImportReport) => ({ ...report, durationMs: 0, importId: '' });

describe('RIS conversion in a worker thread', () => {
  it('writes exactly the database, report and issues that converting in-process writes', async () => {
    const worker = counted(workerOffThreadRis(WORKER, 0));
    const offThread = await engineWith(worker);
    const inProcess = await engineWith();
    const a = await offThread.runImport({ source: sourceOf(extract), kind: 'ris', commit: true });
    const b = await inProcess.runImport({ source: sourceOf(extract), kind: 'ris', commit: true });
    expect(worker.messages).toBeGreaterThan(2);
    expect(a.rejected).toBe(9);
    expect(a.issues.some((i) => /totals row/.test(i.reason))).toBe(true);
    expect(comparable(a)).toEqual(comparable(b));
    expect(await contents(offThread)).toEqual(await contents(inProcess));

    // A re-import replaces every row (the summaries subtract what it replaced) alike in both.
    const again = await offThread.runImport({ source: sourceOf(extract), kind: 'ris', commit: true });
    const againHere = await inProcess.runImport({ source: sourceOf(extract), kind: 'ris', commit: true });
    expect(again.updated).toBe(a.inserted);
    expect(comparable(again)).toEqual(comparable(againHere));
    expect(await contents(offThread)).toEqual(await contents(inProcess));
  });

  it('writes the same database into shared-memory headroom that the worker touches ahead', async () => {
    // Large enough (over 2 MB) for the engine to make headroom, which it puts in shared memory for the worker.
    const larger = join(dir, 'larger.csv');
    writeFileSync(larger, [...demoRisCsvLines({ scale: 0.12, years: 1 })].join(''));
    const worker = counted(workerOffThreadRis(WORKER, 0));
    const offThread = await engineWith(worker);
    const inProcess = await engineWith();
    const a = await offThread.runImport({ source: sourceOf(larger), kind: 'ris', commit: true });
    const b = await inProcess.runImport({ source: sourceOf(larger), kind: 'ris', commit: true });
    expect(a.accepted).toBeGreaterThan(25_000);
    expect(worker.messages).toBeGreaterThan(2);
    expect(comparable(a)).toEqual(comparable(b));
    expect(await contents(offThread)).toEqual(await contents(inProcess));
  });

  it('runs as the packaged app bundles it (one CommonJS file) with the same result', async () => {
    // As scripts/build-electron.mjs bundles dist-electron/risStageWorker.cjs.
    const bundled = join(dir, 'risStageWorker.cjs');
    await build({ entryPoints: ['electron/node/risStageWorker.ts'], outfile: bundled, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
    const worker = counted(workerOffThreadRis(bundled, 0));
    const packaged = await engineWith(worker);
    const inProcess = await engineWith();
    const a = await packaged.runImport({ source: sourceOf(extract), kind: 'ris', commit: true });
    const b = await inProcess.runImport({ source: sourceOf(extract), kind: 'ris', commit: true });
    expect(worker.messages).toBeGreaterThan(2);
    expect(comparable(a)).toEqual(comparable(b));
  });

  it('converts a file below the host’s threshold in-process, where a worker would not pay', async () => {
    const worker = counted(workerOffThreadRis(WORKER, 1024 * 1024 * 1024));
    const engine = await engineWith(worker);
    const report = await engine.runImport({ source: sourceOf(extract), kind: 'ris', commit: true });
    expect(report.accepted).toBeGreaterThan(1000);
    expect(worker.calls).toBe(0);
  });

  it('converts in-process when the worker cannot start', async () => {
    const missing = counted(workerOffThreadRis(join(dir, 'no-such-worker.cjs'), 0));
    const engine = await engineWith(missing);
    const report = await engine.runImport({ source: sourceOf(extract), kind: 'ris', commit: true });
    const inProcess = await engineWith();
    const expected = await inProcess.runImport({ source: sourceOf(extract), kind: 'ris', commit: true });
    expect([missing.calls, missing.messages]).toEqual([1, 0]);
    expect(comparable(report)).toEqual(comparable(expected));
  });

  it('fails with the worker’s own import error and changes nothing', async () => {
    // A valid head, then a line of over a megabyte: the parser's error is raised in the worker.
    const broken = join(dir, 'broken.csv');
    const lines = [...demoRisCsvLines({ scale: 0.01, years: 1 })];
    writeFileSync(broken, [...lines.slice(0, 3000), 'X'.repeat(1_200_000) + '\r\n', ...lines.slice(3000)].join(''));
    const worker = counted(workerOffThreadRis(WORKER, 0));
    const engine = await engineWith(worker);
    const inProcess = await engineWith();
    const failure = await engine.runImport({ source: sourceOf(broken), kind: 'ris', commit: true }).catch((e: unknown) => e);
    // The worker converted the rows before the long line, then raised the parser's error.
    expect(worker.messages).toBeGreaterThan(0);
    const expected = await inProcess.runImport({ source: sourceOf(broken), kind: 'ris', commit: true }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'ImportError', code: (expected as { code: string }).code, message: (expected as Error).message });
    expect((await engine.info()).exams).toBe(0);
    expect(await engine.listBatches()).toEqual([]);
  });

  it('stops the worker when the import is cancelled, leaving nothing behind', async () => {
    const engine = await engineWith(workerOffThreadRis(WORKER, 0));
    let cancelled = false;
    const failure = await engine
      .runImport({ source: sourceOf(extract), kind: 'ris', commit: true, importId: 'cancel-me' }, (progress) => {
        if (progress.phase === 'reading' && progress.rowsRead > 0 && !cancelled) {
          cancelled = true;
          void engine.cancelImport('cancel-me');
        }
      })
      .catch((e: unknown) => e);
    expect(cancelled).toBe(true);
    expect(failure).toMatchObject({ name: 'ImportError', code: 'cancelled' });
    expect((await engine.info()).exams).toBe(0);
  });
});
