import { hash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import initSqlJs from 'sql.js';
import type { SourceRef } from '../../shared/contract';
import { createEngine, type Engine } from '../../shared/engine/engine';
import { bytesSource, limitImportSize } from '../../shared/io/sources';
import { fileSource } from './fileSource';

/** Where sql.js's wasm sits: next to the bundle when packaged, else in node_modules. */
function defaultWasmPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('sql.js')), 'sql-wasm.wasm');
}

/** An import source; one over the size limit is refused here, before the engine makes room for it. */
export function openNodeSource(ref: SourceRef) {
  if (ref.kind === 'path') return limitImportSize(fileSource(ref.path, ref.name));
  if (ref.kind === 'bytes') return limitImportSize(bytesSource(ref.name, ref.bytes));
  throw new Error('A Blob source is only available in the browser host.');
}

/** The engine in-process, for the CLI, tests and the Electron utility process. */
export function createNodeEngine(options: { wasmPath?: string; now?: () => Date } = {}): Engine {
  const wasmPath = options.wasmPath ?? defaultWasmPath();
  return createEngine({
    loadSql: () => initSqlJs({ locateFile: () => wasmPath }),
    openSource: openNodeSource,
    // The one-shot digest: no Hash object per patient identifier (1M of them in a large import).
    sha256Hex: (text) => hash('sha256', text, 'hex'),
    now: options.now,
  });
}
