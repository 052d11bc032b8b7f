import type { Database, SqlJsStatic } from 'sql.js';
import { migrate } from './schema';
import { seedFinanceDefaults } from '../finance/store';

/**
 * Pragmas for an in-memory sql.js database. The rollback journal stays (in memory) so that a failed,
 * cancelled or discarded import can be rolled back; sql.js has no disk to sync.
 */
export function applyPragmas(db: Database): void {
  db.exec('PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384;');
}

export interface OpenedDatabase {
  db: Database;
  migratedFrom: number;
}

/** Opens a saved database (bytes) or creates an empty one, then brings its schema up to date. */
export function openDatabase(SQL: SqlJsStatic, bytes: Uint8Array | null): OpenedDatabase {
  let db: Database;
  try {
    db = bytes ? new SQL.Database(bytes) : new SQL.Database();
    db.exec('SELECT count(*) FROM sqlite_master');
  } catch {
    throw new Error('This file is not a RadBench database (it is not a readable SQLite file). Nothing was changed.');
  }
  try {
    applyPragmas(db);
    const { from } = migrate(db);
    seedFinanceDefaults(db);
    return { db, migratedFrom: from };
  } catch (error) {
    db.close();
    throw error;
  }
}

export function queryValue(db: Database, sql: string, params: (string | number | null)[] = []): unknown {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    return stmt.step() ? stmt.get()[0] : null;
  } finally {
    stmt.free();
  }
}

export function queryRows<T extends Record<string, unknown>>(
  db: Database,
  sql: string,
  params: (string | number | null)[] = [],
): T[] {
  const stmt = db.prepare(sql);
  const rows: T[] = [];
  try {
    stmt.bind(params);
    while (stmt.step()) rows.push(stmt.getAsObject() as T);
  } finally {
    stmt.free();
  }
  return rows;
}
