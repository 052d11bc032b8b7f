import type { SqlJsStatic } from 'sql.js';
import type { SourceRef } from '../contract';
import type { ByteSource } from '../io/types';
import type { OffThreadRis } from './risImport';

/** What a host gives the engine: a way to load sql.js (wasm located by the host) and to open files it was handed. */
export interface EngineDeps {
  loadSql: () => Promise<SqlJsStatic>;
  openSource: (ref: SourceRef) => ByteSource;
  /** Random bytes for salts and ids; defaults to crypto.getRandomValues. */
  randomBytes?: (n: number) => Uint8Array;
  /**
   * SHA-256 of a UTF-8 string as hex, when the host has a faster one than WebAssembly (Node's crypto).
   * It must be plain SHA-256: the same patient hashes alike in every host.
   */
  sha256Hex?: (text: string) => string;
  /** Converts large RIS CSV files on another thread while the engine writes (the Node host's worker). */
  offThreadRis?: OffThreadRis;
  /** Clock, for import timestamps; tests pin it. */
  now?: () => Date;
}
