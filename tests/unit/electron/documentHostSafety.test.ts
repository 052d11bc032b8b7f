/**
 * The document host's safety nets: a copy of a file before its schema is upgraded, passphrase protection
 * (file, autosaves, backups and recovery copies sealed), and recovery copies of unsaved work.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentHost, migrationBackupPath, sqliteUserVersion } from '../../../electron/documentHost';
import { lockPath } from '../../../electron/fileLock';
import type { HostMessage } from '../../../electron/hostProtocol';
import { DatabaseKey, decryptDatabase, encryptDatabase, isEncryptedDatabase, type KdfParams } from '../../../electron/node/encryptedDatabase';
import { createNodeEngine } from '../../../electron/node/nodeEngine';
import { RecoveryStore } from '../../../electron/recovery';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../shared/db/schema';
import { fakeEngine, type FakeEngine } from './fakeEngine';

const FAST: KdfParams = { logN: 10, r: 8, p: 1 };

let dir: string;
let engine: FakeEngine;
let messages: HostMessage[];
let recovery: RecoveryStore;
let host: DocumentHost;

const file = (path: string) => new Uint8Array(readFileSync(path));
const reply = (id: number) => messages.find((m) => 'id' in m && m.id === id);
const message = (id: number) => {
  const m = reply(id);
  return m && 'message' in m ? m.message : '';
};

/** A file whose header says SQLite with the given user_version (the fake engine keeps bytes as they are). */
function sqliteHeader(userVersion: number, extra: number[] = []): Uint8Array {
  const bytes = new Uint8Array(100 + extra.length);
  bytes.set(new TextEncoder().encode('SQLite format 3\0'));
  new DataView(bytes.buffer).setUint32(60, userVersion);
  bytes.set(extra, 100);
  return bytes;
}

function newHost(overrides: Partial<ConstructorParameters<typeof DocumentHost>[0]> = {}): DocumentHost {
  return new DocumentHost({ engine, post: (m) => messages.push(m), recovery: { store: recovery, session: 'this-session', delayMs: 60_000 }, kdf: FAST, ...overrides });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'radbench-safety-'));
  engine = fakeEngine();
  messages = [];
  recovery = new RecoveryStore(join(dir, 'userData', 'recovery'));
  host = newHost();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a file from an older RadBench', () => {
  it('is copied, unchanged, to <file>.v<N>.bak before the upgraded database can be saved over it', async () => {
    const path = join(dir, 'dept.radbench');
    const original = sqliteHeader(0, [9, 9]);
    writeFileSync(path, original);
    await host.handle({ type: 'open', id: 1, path });
    const opened = reply(1);
    expect(opened).toMatchObject({ type: 'opened', doc: { path, readOnly: false } });
    expect(opened && 'notice' in opened ? opened.notice : '').toContain('dept.radbench.v0.bak');
    expect(file(migrationBackupPath(path, 0))).toEqual(original);

    await host.api.commitImport('imp-1');
    await host.idle();
    expect([...file(path)]).toEqual([...original, 2]);
    expect(file(migrationBackupPath(path, 0))).toEqual(original);

    // Opening it again before any save keeps the one copy; a different original gets its own dated copy.
    writeFileSync(path, original);
    await host.handle({ type: 'open', id: 2, path });
    expect(readdirSync(dir).filter((n) => n.includes('.v0'))).toEqual(['dept.radbench.v0.bak']);
    const other = sqliteHeader(0, [7]);
    writeFileSync(path, other);
    await host.handle({ type: 'open', id: 3, path });
    const copies = readdirSync(dir).filter((n) => n.includes('.v0')).sort();
    expect(copies).toHaveLength(2);
    expect(file(join(dir, copies.find((n) => n !== 'dept.radbench.v0.bak')!))).toEqual(other);
  });

  it('opens read-only, writing nothing, when the copy cannot be kept', async () => {
    const path = join(dir, 'dept.radbench');
    const original = sqliteHeader(0);
    writeFileSync(path, original);
    host = newHost({
      writeFile: async (target) => {
        throw Object.assign(new Error(`EACCES: permission denied, open '${target}'`), { code: 'EACCES' });
      },
    });
    await host.handle({ type: 'open', id: 1, path });
    const opened = reply(1);
    expect(opened).toMatchObject({ type: 'opened', doc: { path, readOnly: true } });
    expect(opened && 'readOnlyReason' in opened ? opened.readOnlyReason : '').toMatch(/copy of the original could not be kept.*read-only/);
    expect(existsSync(lockPath(path))).toBe(false);
    await host.api.commitImport('imp-1');
    await host.idle();
    expect(file(path)).toEqual(original);
  });

  it('with the real engine: a v3 database is upgraded to the current schema, and the v3 original is kept byte for byte', async () => {
    const SQL = await initSqlJs();
    const old = new SQL.Database();
    for (let v = 0; v < 3; v++) old.exec(MIGRATIONS[v]!);
    old.exec('PRAGMA user_version = 3');
    const v3 = old.export();
    old.close();
    expect(sqliteUserVersion(v3)).toBe(3);

    const path = join(dir, 'trust.radbench');
    writeFileSync(path, v3);
    const real = createNodeEngine();
    const realHost = new DocumentHost({ engine: real, post: (m) => messages.push(m) });
    await realHost.handle({ type: 'open', id: 1, path });
    expect(reply(1)).toMatchObject({ type: 'opened', readOnlyReason: null });
    expect(file(`${path}.v3.bak`)).toEqual(v3);
    await realHost.api.saveStaff({ code: 'R1', name: null, group: 'radiologist', wte: 1, validFrom: '2024-04-01', validTo: null, grade: null, provider: null });
    await realHost.idle();
    expect(sqliteUserVersion(file(path))).toBe(SCHEMA_VERSION);
    expect(file(`${path}.v3.bak`)).toEqual(v3);
  });

  it('a current file is not copied', async () => {
    const path = join(dir, 'current.radbench');
    writeFileSync(path, sqliteHeader(1));
    await host.handle({ type: 'open', id: 1, path });
    expect(reply(1)).toMatchObject({ type: 'opened', notice: null });
    expect(readdirSync(dir).filter((n) => n.endsWith('.bak'))).toEqual([]);
  });
});

describe('passphrase protection', () => {
  async function protectedFile(path: string, content: number[], passphrase = 'open sesame please') {
    const key = await DatabaseKey.create(passphrase, FAST);
    writeFileSync(path, encryptDatabase(Uint8Array.from(content), key));
    return key;
  }

  it('asks for the passphrase, refuses a wrong one without touching anything, then opens and keeps autosaves sealed', async () => {
    const path = join(dir, 'secret.radbench');
    await protectedFile(path, [5, 6]);
    const sealed = file(path);

    await host.handle({ type: 'open', id: 1, path });
    expect(reply(1)).toMatchObject({ type: 'error', code: 'passphrase-required' });
    expect(message(1)).toBe('secret.radbench is protected with a passphrase.');
    await host.handle({ type: 'open', id: 2, path, passphrase: 'not the one' });
    expect(reply(2)).toMatchObject({ type: 'error', code: 'wrong-passphrase' });
    expect(message(2)).toContain('does not open secret.radbench');
    expect(message(2)).not.toContain('not the one');
    expect(file(path)).toEqual(sealed);
    expect(existsSync(lockPath(path))).toBe(false);
    expect(engine.calls).not.toContain('open');

    await host.handle({ type: 'open', id: 3, path, passphrase: 'open sesame please' });
    expect(reply(3)).toMatchObject({ type: 'opened', doc: { path, encrypted: true, dirty: false } });
    expect([...engine.data]).toEqual([5, 6]);

    await host.api.commitImport('imp-1');
    await host.idle();
    const saved = file(path);
    expect(isEncryptedDatabase(saved)).toBe(true);
    expect([...(await decryptDatabase(saved, 'open sesame please')).plain]).toEqual([5, 6, 2]);
    // The .bak is the previous sealed file.
    expect(file(`${path}.bak`)).toEqual(sealed);
  });

  it('says a damaged protected file is damaged (not a wrong passphrase)', async () => {
    const path = join(dir, 'damaged.radbench');
    await protectedFile(path, [1, 2, 3, 4]);
    const bytes = file(path);
    bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0xff;
    writeFileSync(path, bytes);
    await host.handle({ type: 'open', id: 1, path, passphrase: 'open sesame please' });
    expect(reply(1)).toMatchObject({ type: 'error' });
    expect(reply(1)).not.toHaveProperty('code');
    expect(message(1)).toMatch(/damaged or has been altered/);
  });

  it('Set passphrase seals the file and the readable copies beside it; Save As stays sealed', async () => {
    const path = join(dir, 'dept.radbench');
    await host.handle({ type: 'save', id: 1, path });
    await host.api.commitImport('imp-1');
    await host.idle();
    writeFileSync(migrationBackupPath(path, 0), sqliteHeader(0));
    expect(file(`${path}.bak`)).toEqual(Uint8Array.from([0]));

    await host.handle({ type: 'protect', id: 2, passphrase: 'short' });
    expect(reply(2)).toMatchObject({ type: 'error', code: 'weak-passphrase' });
    expect(message(2)).toContain('at least 8 characters');
    expect(isEncryptedDatabase(file(path))).toBe(false);

    await host.handle({ type: 'protect', id: 3, passphrase: 'a much longer one' });
    expect(reply(3)).toMatchObject({ type: 'protected', doc: { path, encrypted: true, dirty: false } });
    for (const name of ['dept.radbench', 'dept.radbench.bak', 'dept.radbench.v0.bak']) {
      expect(isEncryptedDatabase(file(join(dir, name))), name).toBe(true);
    }
    expect([...(await decryptDatabase(file(path), 'a much longer one')).plain]).toEqual([0, 2]);
    expect([...(await decryptDatabase(file(`${path}.bak`), 'a much longer one')).plain]).toEqual([0]);
    expect((await decryptDatabase(file(migrationBackupPath(path, 0)), 'a much longer one')).plain).toEqual(sqliteHeader(0));

    const copy = join(dir, 'copy.radbench');
    await host.handle({ type: 'save', id: 4, path: copy });
    expect(isEncryptedDatabase(file(copy))).toBe(true);
  });

  it('Remove passphrase needs the current passphrase, then writes the file readable again', async () => {
    const path = join(dir, 'dept.radbench');
    await host.handle({ type: 'save', id: 1, path });
    await host.handle({ type: 'protect', id: 2, passphrase: 'a much longer one' });
    const sealed = file(path);
    await host.handle({ type: 'unprotect', id: 3, passphrase: 'a guess at it' });
    expect(reply(3)).toMatchObject({ type: 'error', code: 'wrong-passphrase', doc: { encrypted: true } });
    expect(file(path)).toEqual(sealed);
    await host.handle({ type: 'unprotect', id: 4, passphrase: 'a much longer one' });
    expect(reply(4)).toMatchObject({ type: 'protected', doc: { encrypted: false } });
    expect([...file(path)]).toEqual([0]);
  });

  it('a read-only file cannot be protected in place', async () => {
    const path = join(dir, 'shared.radbench');
    writeFileSync(path, new Uint8Array([7]));
    host = newHost({ acquireLock: async () => ({ ok: false, owner: null, reason: 'It is open elsewhere.' }) });
    await host.handle({ type: 'open', id: 1, path });
    await host.handle({ type: 'protect', id: 2, passphrase: 'a much longer one' });
    expect(reply(2)).toMatchObject({ type: 'error', doc: { encrypted: false } });
    expect([...file(path)]).toEqual([7]);
  });

  it('a new document is unprotected, and the key is forgotten when another database is loaded', async () => {
    await host.handle({ type: 'protect', id: 1, passphrase: 'a much longer one' });
    expect(host.state.encrypted).toBe(true);
    await host.handle({ type: 'new', id: 2 });
    expect(host.state.encrypted).toBe(false);
  });
});

describe('recovery copies', () => {
  it('keeps unsaved work of an untitled database, and removes it once saved', async () => {
    await host.api.commitImport('imp-1');
    await host.flushRecovery();
    const [entry] = await recovery.list();
    expect(entry).toMatchObject({ originalPath: null, session: 'this-session', encrypted: false, bytes: 2 });
    expect([...(await recovery.read(entry!.id)).bytes]).toEqual([0, 2]);

    // Nothing new: no rewrite. A further change: the same copy is updated.
    await host.api.commitImport('imp-2');
    await host.flushRecovery();
    expect(await recovery.list()).toHaveLength(1);
    expect([...(await recovery.read(entry!.id)).bytes]).toEqual([0, 2, 2]);

    await host.handle({ type: 'save', id: 1, path: join(dir, 'saved.radbench') });
    expect(await recovery.list()).toEqual([]);
  });

  it('writes the copy by itself a while after the first unsaved change', async () => {
    host = newHost({ recovery: { store: recovery, session: 's', delayMs: 30 } });
    await host.api.saveStaff({ code: 'R1', name: null, group: 'radiologist', wte: 1, validFrom: '2024-04-01', validTo: null, grade: null, provider: null });
    expect(await recovery.list()).toEqual([]);
    await new Promise((done) => setTimeout(done, 80));
    await host.idle();
    expect(await recovery.list()).toHaveLength(1);
  });

  it('needs no copy for a file that autosaves, but keeps one while autosave fails', async () => {
    let failing = false;
    host = newHost({
      writeFile: async (path, bytes) => {
        if (failing) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
        writeFileSync(path, bytes);
      },
    });
    const path = join(dir, 'dept.radbench');
    await host.handle({ type: 'save', id: 1, path });
    await host.api.commitImport('imp-1');
    await host.flushRecovery();
    expect(await recovery.list()).toEqual([]);
    failing = true;
    await host.api.commitImport('imp-2');
    await host.flushRecovery();
    expect(await recovery.list()).toMatchObject([{ originalPath: path }]);
  });

  it('removes the copy on a clean shutdown (after main settled unsaved changes), and on loading another database', async () => {
    await host.api.commitImport('imp-1');
    await host.flushRecovery();
    await host.handle({ type: 'new', id: 1 });
    expect(await recovery.list()).toEqual([]);
    await host.api.commitImport('imp-2');
    await host.flushRecovery();
    expect(await recovery.list()).toHaveLength(1);
    await host.handle({ type: 'shutdown', id: 2 });
    expect(await recovery.list()).toEqual([]);
  });

  it('restores a crashed session’s copy as unsaved work tied to its file, and the next save goes there', async () => {
    const path = join(dir, 'dept.radbench');
    writeFileSync(path, new Uint8Array([1]));
    const id = recovery.newId();
    await recovery.save(id, new Uint8Array([1, 2, 3]), { session: 'crashed', originalPath: path, encrypted: false });

    await host.handle({ type: 'restore', id: 1, recoveryId: id });
    expect(reply(1)).toMatchObject({ type: 'opened', doc: { path, dirty: true, readOnly: false } });
    const restored = reply(1);
    expect(restored && 'notice' in restored ? restored.notice : '').toMatch(/not saved yet: save to write it to dept\.radbench/);
    expect([...engine.data]).toEqual([1, 2, 3]);
    expect([...file(path)]).toEqual([1]);
    expect(existsSync(lockPath(path))).toBe(true);
    // Now this session's copy: not offered again, still there until the work is saved.
    expect(await recovery.list('this-session')).toEqual([]);
    expect(await recovery.list()).toHaveLength(1);

    await host.handle({ type: 'save', id: 2, path });
    expect([...file(path)]).toEqual([1, 2, 3]);
    expect(await recovery.list()).toEqual([]);
  });

  it('seals the copy of a protected document, and restoring it asks for the passphrase', async () => {
    host = newHost({ writeFile: async () => Promise.reject(Object.assign(new Error('read-only media'), { code: 'EROFS' })) });
    await host.handle({ type: 'protect', id: 1, passphrase: 'a much longer one' });
    await host.api.commitImport('imp-1');
    await host.flushRecovery();
    const [entry] = await recovery.list();
    expect(entry).toMatchObject({ encrypted: true, originalPath: null });
    const stored = (await recovery.read(entry!.id)).bytes;
    expect(isEncryptedDatabase(stored)).toBe(true);
    expect([...(await decryptDatabase(stored, 'a much longer one')).plain]).toEqual([0, 2]);

    const other = newHost({ recovery: { store: recovery, session: 'next-session', delayMs: 60_000 } });
    const otherMessages = messages;
    await other.handle({ type: 'restore', id: 5, recoveryId: entry!.id });
    expect(otherMessages.find((m) => 'id' in m && m.id === 5)).toMatchObject({ type: 'error', code: 'passphrase-required' });
    await other.handle({ type: 'restore', id: 6, recoveryId: entry!.id, passphrase: 'a much longer one' });
    expect(otherMessages.find((m) => 'id' in m && m.id === 6)).toMatchObject({ type: 'opened', doc: { encrypted: true, dirty: true, path: null } });
    expect([...engine.data]).toEqual([0, 2]);
  });
});
