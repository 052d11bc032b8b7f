import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { openDatabase, queryValue } from '../../../shared/db/connection';
import { reopenWithHeadroom } from '../../../shared/db/headroom';

const wasmPath = join(dirname(createRequire(import.meta.url).resolve('sql.js')), 'sql-wasm.wasm');

/** sql.js whose Database refuses any image larger than `limit` bytes, as when memory runs out. */
function withMemoryLimit(SQL: SqlJsStatic, limit: number): SqlJsStatic {
  const Real = SQL.Database;
  const Limited = function (data?: ArrayLike<number> | Buffer | null) {
    if (data && data.length > limit) throw new RangeError('Array buffer allocation failed');
    return new Real(data);
  } as unknown as SqlJsStatic['Database'];
  return { ...SQL, Database: Limited };
}

describe('reopenWithHeadroom', () => {
  it('gives an open database holding the same rows, with room after its pages', async () => {
    const SQL = await initSqlJs({ locateFile: () => wasmPath });
    const { db } = openDatabase(SQL, null);
    db.run("INSERT INTO meta (key, value) VALUES ('probe', 'kept')");
    const { db: reopened, warmer } = reopenWithHeadroom(SQL, db, 8 * 1024 * 1024);
    expect(warmer?.remaining).toBe(8 * 1024 * 1024);
    expect(queryValue(reopened, "SELECT value FROM meta WHERE key = 'probe'")).toBe('kept');
    expect(queryValue(reopened, 'PRAGMA journal_mode')).toBe('memory');
    reopened.close();
  });

  it('carries on without headroom, never with a closed database, when the room cannot be allocated', async () => {
    const SQL = await initSqlJs({ locateFile: () => wasmPath });
    const { db } = openDatabase(SQL, null);
    db.run("INSERT INTO meta (key, value) VALUES ('probe', 'kept')");
    const size = db.export().byteLength;
    const { db: reopened, warmer } = reopenWithHeadroom(withMemoryLimit(SQL, size), db, 64 * 1024 * 1024);
    expect(warmer).toBeNull();
    expect(queryValue(reopened, "SELECT value FROM meta WHERE key = 'probe'")).toBe('kept');
    reopened.run("INSERT INTO meta (key, value) VALUES ('after', 'writable')");
    expect(queryValue(reopened, "SELECT value FROM meta WHERE key = 'after'")).toBe('writable');
    reopened.close();
  });

  it('keeps a sound file through writes past the headroom, a rollback and an export', async () => {
    const SQL = await initSqlJs({ locateFile: () => wasmPath });
    const { db } = openDatabase(SQL, null);
    const { db: reopened } = reopenWithHeadroom(SQL, db, 1024 * 1024);
    reopened.run('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = (from: number, rows: number) => {
      const stmt = reopened.prepare('INSERT INTO filler (id, body) VALUES (?, ?)');
      for (let id = from; id < from + rows; id++) stmt.run([id, `row ${id} `.repeat(40)]);
      stmt.free();
    };
    reopened.run('BEGIN');
    insert(0, 20_000); // about 6 MB: beyond the 1 MB of headroom
    reopened.run('COMMIT');
    reopened.run('BEGIN');
    insert(20_000, 5_000);
    reopened.run('ROLLBACK');

    const pages = Number(queryValue(reopened, 'PRAGMA page_count')) * Number(queryValue(reopened, 'PRAGMA page_size'));
    const saved = reopened.export();
    expect(saved.byteLength).toBe(pages);
    reopened.close();
    const again = new SQL.Database(saved);
    expect(queryValue(again, 'PRAGMA integrity_check')).toBe('ok');
    expect(queryValue(again, 'SELECT count(*) FROM filler')).toBe(20_000);
    expect(queryValue(again, 'SELECT body FROM filler WHERE id = 19999')).toBe('row 19999 '.repeat(40));
    again.close();
  });

  it('warms the headroom without changing the file, while SQLite writes between its steps', async () => {
    const SQL = await initSqlJs({ locateFile: () => wasmPath });
    const { db } = openDatabase(SQL, null);
    const { db: reopened, warmer } = reopenWithHeadroom(SQL, db, 6 * 1024 * 1024);
    reopened.run('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    reopened.run('BEGIN');
    const stop = warmer!.start();
    const stmt = reopened.prepare('INSERT INTO filler (id, body) VALUES (?, ?)');
    // Rows written in between the warmer's steps, into the pages it touches.
    for (let round = 0; warmer!.remaining > 0; round++) {
      for (let id = round * 500; id < (round + 1) * 500; id++) stmt.run([id, `row ${id} `.repeat(20)]);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    stmt.free();
    stop();
    reopened.run('COMMIT');
    const rows = Number(queryValue(reopened, 'SELECT count(*) FROM filler'));
    expect(rows).toBeGreaterThan(0);
    const again = new SQL.Database(reopened.export());
    expect(queryValue(again, 'PRAGMA integrity_check')).toBe('ok');
    expect(queryValue(again, 'SELECT count(*) FROM filler')).toBe(rows);
    expect(queryValue(again, `SELECT body FROM filler WHERE id = ${rows - 1}`)).toBe(`row ${rows - 1} `.repeat(20));
    again.close();
    reopened.close();
  });

  it('stops warming when told', async () => {
    const SQL = await initSqlJs({ locateFile: () => wasmPath });
    const { db } = openDatabase(SQL, null);
    const { db: reopened, warmer } = reopenWithHeadroom(SQL, db, 64 * 1024 * 1024);
    const stop = warmer!.start();
    stop();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(warmer!.remaining).toBe(64 * 1024 * 1024);
    reopened.close();
  });
});
