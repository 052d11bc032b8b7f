import type { SqlJsStatic } from 'sql.js';
import type { SourceRef } from '../contract';
import type { ByteSource } from '../io/types';

/** What a host gives the engine: a way to load sql.js (wasm located by the host) and to open files it was handed. */
export interface EngineDeps {
  loadSql: () => Promise<SqlJsStatic>;
  openSource: (ref: SourceRef) => ByteSource;
  /** Random bytes for salts and ids; defaults to crypto.getRandomValues. */
  randomBytes?: (n: number) => Uint8Array;
  /** Clock, for import timestamps; tests pin it. */
  now?: () => Date;
}
