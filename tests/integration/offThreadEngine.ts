/** Engines for the off-thread conversion tests, as the Node host makes them, with a pinned salt and clock. */
import { hash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import initSqlJs from 'sql.js';
import { openNodeSource } from '../../electron/node/nodeEngine';
import { createEngine, type Engine } from '../../shared/engine/engine';
import type { OffThreadRis } from '../../shared/engine/risImport';

export const wasmPath = join(dirname(createRequire(import.meta.url).resolve('sql.js')), 'sql-wasm.wasm');

/** The conversion worker as it starts from source (under tsx). */
export const WORKER = new URL('../../electron/node/risStageWorker.dev.mjs', import.meta.url);

/** An open engine; the same salt and clock in every one, so that two databases can be compared. */
export async function engineWith(offThreadRis?: OffThreadRis): Promise<Engine> {
  const engine = createEngine({
    loadSql: () => initSqlJs({ locateFile: () => wasmPath }),
    openSource: openNodeSource,
    sha256Hex: (text) => hash('sha256', text, 'hex'),
    randomBytes: (n) => new Uint8Array(n).fill(7),
    now: () => new Date('2026-11-30T09:00:00Z'),
    offThreadRis,
  });
  await engine.open(null);
  return engine;
}
