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

/**
 * Reopens the database on an image with zeroed headroom after its pages. sql.js keeps the file in an in-memory
 * array that otherwise grows by 12.5% at a time, copying itself on every growth; a big import then spends more
 * time copying than inserting. SQLite trusts the page count in the header, writes new pages into the headroom
 * and truncates the unused rest at commit or rollback, so the saved file is unchanged (integrity is tested).
 */
export function reopenWithHeadroom(SQL: SqlJsStatic, db: Database, extraBytes: number): Database {
  const current = db.export();
  let reopened: Database;
  try {
    const image = new OwnedImage(current.byteLength + extraBytes);
    image.set(current);
    db.close();
    reopened = new SQL.Database(image);
  } catch {
    // No memory for the headroom: carry on without it (the import grows the file as it goes), never with a
    // closed database. `current` is the whole database: nothing is uncommitted between imports.
    try {
      db.close();
    } catch {
      // Already closed.
    }
    reopened = new SQL.Database(current);
  }
  applyPragmas(reopened);
  return reopened;
}

/**
 * A database image that sql.js may keep rather than copy. sql.js stores a new file's bytes with `slice()`, which
 * copies the whole image and so touches every page of the zeroed headroom at once (on some machines ~3 s a GB);
 * kept as it is, a page is touched only when SQLite first writes it. Any other slice copies as usual.
 */
class OwnedImage extends Uint8Array {
  override slice(start?: number, end?: number): Uint8Array<ArrayBuffer> {
    if ((start ?? 0) === 0 && (end ?? this.length) === this.length) return this;
    return super.slice(start, end);
  }
}
