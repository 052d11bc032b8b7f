import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRecoveryId, RecoveryStore } from '../../../electron/recovery';

let dir: string;
let clock: number;
let store: RecoveryStore;

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'radbench-recovery-')), 'recovery');
  clock = Date.parse('2025-03-01T09:00:00Z');
  store = new RecoveryStore(dir, { now: () => new Date(clock) });
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

describe('RecoveryStore', () => {
  it('saves a copy with its description in a private folder, and reads it back', async () => {
    const id = store.newId();
    expect(isRecoveryId(id)).toBe(true);
    const meta = await store.save(id, new Uint8Array([1, 2, 3]), { session: 's1', originalPath: '/data/dept.radbench', encrypted: false });
    expect(meta).toEqual({ format: 1, id, session: 's1', originalPath: '/data/dept.radbench', savedAt: '2025-03-01T09:00:00.000Z', encrypted: false, bytes: 3 });
    expect(readdirSync(dir).sort()).toEqual([`${id}.json`, `${id}.radbench`]);
    if (process.platform !== 'win32') expect(statSync(dir).mode & 0o777).toBe(0o700);
    const read = await store.read(id);
    expect([...read.bytes]).toEqual([1, 2, 3]);
    expect(read.meta).toEqual(meta);
  });

  it('lists whole copies newest first, leaving out a session’s own and anything incomplete or foreign', async () => {
    const older = store.newId();
    await store.save(older, new Uint8Array([1]), { session: 'crashed-a', originalPath: null, encrypted: false });
    clock += 60_000;
    const newer = store.newId();
    await store.save(newer, new Uint8Array([2]), { session: 'crashed-b', originalPath: '/x.radbench', encrypted: true });
    clock += 60_000;
    const mine = store.newId();
    await store.save(mine, new Uint8Array([3]), { session: 'running', originalPath: null, encrypted: false });
    // Debris: a database without its description, a torn description, a file that is no copy at all.
    writeFileSync(join(dir, '1700000000000-aaaaaaaaaaaa.radbench'), 'x');
    writeFileSync(join(dir, '1700000000001-bbbbbbbbbbbb.json'), '{"format":1,');
    writeFileSync(join(dir, '1700000000001-bbbbbbbbbbbb.radbench'), 'x');
    writeFileSync(join(dir, 'notes.json'), '{}');
    mkdirSync(join(dir, 'sub'));

    expect((await store.list('running')).map((m) => m.id)).toEqual([newer, older]);
    expect((await store.list()).map((m) => m.id)).toEqual([mine, newer, older]);
  });

  it('claims a copy for the running session, and removes it', async () => {
    const id = store.newId();
    await store.save(id, new Uint8Array([1]), { session: 'crashed', originalPath: null, encrypted: false });
    await store.claim(id, 'running');
    expect(await store.list('running')).toEqual([]);
    await store.remove(id);
    expect(readdirSync(dir)).toEqual([]);
    await expect(store.read(id)).rejects.toThrow('no longer there');
    await expect(store.claim(id, 'x')).rejects.toThrow('no longer there');
  });

  it('refuses ids that are not its own (no path tricks from the page)', async () => {
    for (const bad of ['../../etc/passwd', '1700000000000-0123456789ab/../x', '', 'abc', 42]) expect(isRecoveryId(bad)).toBe(false);
    await expect(store.read('../secrets')).rejects.toThrow();
    await expect(store.remove('../secrets')).rejects.toThrow('Not a recovery copy id');
  });

  it('lists nothing when the folder does not exist yet', async () => {
    expect(await new RecoveryStore(join(dir, 'missing')).list()).toEqual([]);
  });
});
