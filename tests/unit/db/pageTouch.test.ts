/**
 * Touching a database image's pages from another thread must never change a byte, even while SQLite writes the
 * same pages: the touch is an atomic add of zero.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { openDatabase, queryValue } from '../../../shared/db/connection';
import { reopenWithHeadroom } from '../../../shared/db/headroom';
import { PAGE_BYTES, touchSharedPages } from '../../../shared/db/pageTouch';

const wasmPath = join(dirname(createRequire(import.meta.url).resolve('sql.js')), 'sql-wasm.wasm');

describe('touchSharedPages', () => {
  it('touches page by page up to the limit asked, and changes nothing', () => {
    const buffer = new SharedArrayBuffer(10 * PAGE_BYTES + 100);
    const bytes = new Uint8Array(buffer);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) & 255;
    const before = bytes.slice();
    const words = new Int32Array(buffer, 0, buffer.byteLength >> 2);
    // From the middle of page 1: the first touch is page 2; three pages' worth ends at the start of page 5.
    expect(touchSharedPages(words, PAGE_BYTES + 10, 3 * PAGE_BYTES)).toBe(5 * PAGE_BYTES);
    expect(touchSharedPages(words, 5 * PAGE_BYTES, 100 * PAGE_BYTES)).toBe(words.length * 4);
    expect(touchSharedPages(words, words.length * 4, PAGE_BYTES)).toBe(words.length * 4);
    expect(bytes).toEqual(before);
  });

  it('leaves a sound database while another thread touches its headroom as SQLite writes it', async () => {
    const SQL = await initSqlJs({ locateFile: () => wasmPath });
    const { db } = openDatabase(SQL, null);
    const { db: reopened, warmer } = reopenWithHeadroom(SQL, db, 16 * 1024 * 1024, { shared: true });
    const headroom = warmer!.shared()!;
    expect(headroom.buffer).toBeInstanceOf(SharedArrayBuffer);
    // A thread that touches every page of the headroom over and over (the conversion worker does it once).
    const stop = new SharedArrayBuffer(4);
    const toucher = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const words = new Int32Array(workerData.buffer, 0, workerData.buffer.byteLength >> 2);
       const stop = new Int32Array(workerData.stop);
       parentPort.postMessage('started');
       let rounds = 0;
       while (Atomics.load(stop, 0) === 0) {
         for (let at = workerData.from; at < words.length * 4; at += 4096) Atomics.add(words, at >> 2, 0);
         rounds++;
       }
       parentPort.postMessage(rounds);`,
      { eval: true, workerData: { buffer: headroom.buffer, from: headroom.from, stop } },
    );
    const replies: unknown[] = [];
    const finished = new Promise<void>((resolve) => toucher.on('message', (m: unknown) => replies.push(m) === 2 && resolve()));
    await new Promise((resolve) => toucher.once('message', resolve));

    reopened.run('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    reopened.run('BEGIN');
    const stmt = reopened.prepare('INSERT INTO filler (id, body) VALUES (?, ?)');
    const body = (id: number) => `row ${id} `.repeat(30);
    for (let id = 0; id < 40_000; id++) stmt.run([id, body(id)]);
    stmt.free();
    reopened.run('COMMIT');
    Atomics.store(new Int32Array(stop), 0, 1);
    await finished;
    await toucher.terminate();
    expect(replies[1]).toBeGreaterThan(0);

    const again = new SQL.Database(reopened.export());
    expect(queryValue(again, 'PRAGMA integrity_check')).toBe('ok');
    expect(queryValue(again, 'SELECT count(*) FROM filler')).toBe(40_000);
    const stored = again.exec('SELECT id, body FROM filler ORDER BY id')[0]!.values;
    expect(stored.filter(([id, text]) => text !== body(id as number))).toEqual([]);
    again.close();
    reopened.close();
  });
});
