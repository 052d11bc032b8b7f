import { hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import initSqlJs from 'sql.js';
import { createEngine, type Engine } from '../../shared/engine/engine';
import { openNodeSource } from './fileSource';
import { OFF_THREAD_MIN_BYTES, workerOffThreadRis } from './offThreadRis';

/** Where sql.js's wasm sits: next to the bundle when packaged, else in node_modules. */
function defaultWasmPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('sql.js')), 'sql-wasm.wasm');
}

/** The conversion worker beside this module when it runs from source (under tsx), if it is there. */
function defaultRisWorker(): URL | null {
  const dev = new URL('./risStageWorker.dev.mjs', import.meta.url);
  return dev.protocol === 'file:' && existsSync(fileURLToPath(dev)) ? dev : null;
}

export interface NodeEngineOptions {
  wasmPath?: string;
  now?: () => Date;
  /**
   * The RIS conversion worker's script (the bundled risStageWorker.cjs when packaged); null converts in-process.
   * Defaults to the source worker when running under tsx.
   */
  risWorker?: URL | string | null;
  /** Smallest CSV converted in the worker (tests lower it). */
  offThreadMinBytes?: number;
}

/** The engine for the CLI, tests and the Electron utility process; large RIS CSVs convert in a worker thread. */
export function createNodeEngine(options: NodeEngineOptions = {}): Engine {
  const wasmPath = options.wasmPath ?? defaultWasmPath();
  const risWorker = options.risWorker === undefined ? defaultRisWorker() : options.risWorker;
  return createEngine({
    loadSql: () => initSqlJs({ locateFile: () => wasmPath }),
    openSource: openNodeSource,
    // The one-shot digest: no Hash object per patient identifier (1M of them in a large import).
    sha256Hex: (text) => hash('sha256', text, 'hex'),
    offThreadRis: risWorker ? workerOffThreadRis(risWorker, options.offThreadMinBytes ?? OFF_THREAD_MIN_BYTES) : undefined,
    now: options.now,
  });
}

export { openNodeSource };
