/**
 * The browser engine host: the engine runs here, off the UI thread, and is reached with Comlink.
 * The database lives in memory and is saved to the origin-private file system after each committed change.
 */
import * as Comlink from 'comlink';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { EngineApi, SourceRef } from '../../shared/contract';
import { createEngine } from '../../shared/engine/engine';
import { blobSource, bytesSource, limitImportSize } from '../../shared/io/sources';
import type { ByteSource } from '../../shared/io/types';
import { createOpfsStore, opfsSupported, type DatabaseStore } from './opfsStore';
import { withPersistence } from './persistingEngine';

let sql: Promise<SqlJsStatic> | null = null;
const loadSql = () => (sql ??= initSqlJs({ locateFile: () => wasmUrl }));

/** An import source; one over the size limit is refused here, before the engine makes room for it. */
function openSource(ref: SourceRef): ByteSource {
  switch (ref.kind) {
    case 'blob':
      return limitImportSize(blobSource(ref.name, ref.blob));
    case 'bytes':
      return limitImportSize(bytesSource(ref.name, ref.bytes));
    case 'path':
      throw new Error(`${ref.name}: a browser cannot open files by path. Pick or drop the file instead.`);
  }
}

/** Without OPFS (e.g. a private window in some browsers) the app still works, but only for this session. */
const memoryOnly: DatabaseStore = { load: async () => null, save: async () => undefined, keepCopy: async () => undefined };

const engine = createEngine({ loadSql, openSource });
const store = opfsSupported() ? createOpfsStore() : memoryOnly;

const ready = (async () => {
  let saved: Uint8Array | null = null;
  try {
    saved = await store.load();
  } catch (err) {
    console.error('RadBench: could not read the saved database', err);
  }
  try {
    await engine.open(saved);
  } catch (err) {
    // Set the unreadable file aside before the next save replaces it, then start empty.
    console.error('RadBench: the saved database could not be opened; starting empty', err);
    if (saved) await store.keepCopy(`radbench-unreadable-${Date.now()}.radbench`, saved).catch(() => undefined);
    await engine.open(null);
  }
})();

const api: EngineApi = withPersistence(engine, store, ready);
Comlink.expose(api);
