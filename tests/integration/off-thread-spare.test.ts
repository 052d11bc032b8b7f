/**
 * The conversion worker started ahead: when a large RIS import is on its way (its preview, or the start of the
 * run) the host starts a worker so that it is ready by the time the engine asks for it. Counts real Worker threads.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { workerOffThreadRis } from '../../electron/node/offThreadRis';
import { demoRisCsvLines } from '../../shared/demo/csv';
import { WORKER, engineWith } from './offThreadEngine';

const threads = vi.hoisted(() => ({ started: [] as { terminate(): Promise<number> }[] }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:worker_threads')>();
  class CountedWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args);
      threads.started.push(this);
    }
  }
  return { ...actual, Worker: CountedWorker };
});


let dir: string;
let extract: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'radbench-spare-'));
  extract = join(dir, 'ris-extract.csv');
  writeFileSync(extract, [...demoRisCsvLines({ scale: 0.01, years: 1 })].join(''));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  threads.started.length = 0;
});


const source = () => ({ kind: 'path' as const, name: 'ris-extract.csv', path: extract });
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

describe('a conversion worker started ahead', () => {
  it('is started by the preview of a large RIS file, once, and is the worker that converts the run', async () => {
    const engine = await engineWith(workerOffThreadRis(WORKER, 0));
    const expected = await (await engineWith()).runImport({ source: source(), kind: 'ris', commit: true });
    await engine.previewImport({ source: source() });
    await engine.previewImport({ source: source(), kind: 'ris' });
    expect(threads.started).toHaveLength(1);
    await settle();
    const report = await engine.runImport({ source: source(), kind: 'ris', commit: true });
    expect(threads.started).toHaveLength(1);
    expect({ ...report, durationMs: 0, importId: '' }).toEqual({ ...expected, durationMs: 0, importId: '' });
  });

  it('is started when the run itself begins, so that it loads while the engine reads the head', async () => {
    const engine = await engineWith(workerOffThreadRis(WORKER, 0));
    const report = await engine.runImport({ source: source(), kind: 'ris', commit: true });
    expect(threads.started).toHaveLength(1);
    expect(report.accepted).toBeGreaterThan(1000);
  });

  it('is not started for a file the worker would not take', async () => {
    const engine = await engineWith(workerOffThreadRis(WORKER, 1024 * 1024 * 1024));
    await engine.previewImport({ source: source() });
    await engine.runImport({ source: source(), kind: 'ris', commit: true });
    expect(threads.started).toHaveLength(0);
  });

  it('is replaced when it stopped before it was needed', async () => {
    const offThread = workerOffThreadRis(WORKER, 0);
    offThread.prepare!();
    await settle();
    await threads.started[0]!.terminate();
    const engine = await engineWith(offThread);
    const report = await engine.runImport({ source: source(), kind: 'ris', commit: true });
    expect(threads.started).toHaveLength(2);
    expect(report.accepted).toBeGreaterThan(1000);
  });
});
