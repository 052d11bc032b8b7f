import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentHost } from '../../../electron/documentHost';
import { lockPath } from '../../../electron/fileLock';
import type { HostMessage } from '../../../electron/hostProtocol';
import { fakeEngine, type FakeEngine } from './fakeEngine';

let dir: string;
let engine: FakeEngine;
let messages: HostMessage[];
let host: DocumentHost;

const fileBytes = (path: string) => [...readFileSync(path)];
const reply = (id: number) => messages.find((m) => 'id' in m && m.id === id);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'radbench-doc-'));
  engine = fakeEngine();
  messages = [];
  host = new DocumentHost({ engine, post: (m) => messages.push(m) });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('DocumentHost', () => {
  it('saves to a path, locks it, and then autosaves after a committed import', async () => {
    const path = join(dir, 'dept.radbench');
    await host.handle({ type: 'save', id: 1, path });
    expect(reply(1)).toMatchObject({ type: 'saved', doc: { path, readOnly: false, dirty: false } });
    expect(fileBytes(path)).toEqual([0]);
    expect(existsSync(lockPath(path))).toBe(true);

    await host.api.runImport({ source: { kind: 'path', name: 'a.csv', path: '/a.csv' }, kind: 'ris', commit: true });
    await host.idle();
    expect(fileBytes(path)).toEqual([0, 1]);
    expect(fileBytes(`${path}.bak`)).toEqual([0]);
    expect(messages.at(-1)).toMatchObject({ type: 'saved', id: null, autosave: true, doc: { dirty: false } });

    await host.api.commitImport('imp-2');
    await host.idle();
    expect(fileBytes(path)).toEqual([0, 1, 2]);
  });

  it('does not autosave a pending import, and marks the database dirty only when data changes', async () => {
    const path = join(dir, 'dept.radbench');
    await host.handle({ type: 'save', id: 1, path });
    const report = await host.api.runImport({ source: { kind: 'path', name: 'a.csv', path: '/a.csv' }, kind: 'ris', commit: false });
    expect(report.status).toBe('pending');
    await host.idle();
    expect(fileBytes(path)).toEqual([0]);
    expect(host.state.dirty).toBe(false);
    await host.api.listStaff();
    expect(host.state.dirty).toBe(false);
  });

  it('autosaves staff edits and undo too', async () => {
    const path = join(dir, 'dept.radbench');
    await host.handle({ type: 'save', id: 1, path });
    await host.api.saveStaff({ code: 'R1', name: null, group: 'radiologist', wte: 1, validFrom: '2024-04-01', validTo: null, grade: null, provider: null });
    await host.api.undoBatch(1);
    await host.idle();
    expect(fileBytes(path)).toEqual([0, 4, 3]);
    expect(host.state.dirty).toBe(false);
  });

  it('keeps an untitled database in memory: changes make it dirty, nothing is written', async () => {
    await host.api.commitImport('imp-1');
    await host.idle();
    expect(host.state).toEqual({ path: null, readOnly: false, dirty: true, encrypted: false });
    expect(messages).toContainEqual({ type: 'state', doc: { path: null, readOnly: false, dirty: true, encrypted: false } });
    expect(engine.calls).not.toContain('export');
  });

  it('opens a file, and reports a missing one with its path', async () => {
    const path = join(dir, 'saved.radbench');
    writeFileSync(path, new Uint8Array([5, 6]));
    await host.handle({ type: 'open', id: 2, path });
    expect(reply(2)).toEqual({ type: 'opened', id: 2, doc: { path, readOnly: false, dirty: false, encrypted: false }, readOnlyReason: null, notice: null });
    expect([...engine.data]).toEqual([5, 6]);

    const missing = join(dir, 'gone.radbench');
    await host.handle({ type: 'open', id: 3, path: missing });
    const error = reply(3);
    expect(error).toMatchObject({ type: 'error', doc: { path } });
    expect(error && 'message' in error ? error.message : '').toContain(missing);
  });

  it('keeps the current file when the engine refuses the new one (e.g. a newer schema)', async () => {
    const good = join(dir, 'good.radbench');
    const newer = join(dir, 'newer.radbench');
    writeFileSync(good, new Uint8Array([1]));
    writeFileSync(newer, new Uint8Array([0xee]));
    await host.handle({ type: 'open', id: 1, path: good });
    await host.handle({ type: 'open', id: 2, path: newer });
    expect(reply(2)).toMatchObject({ type: 'error', doc: { path: good } });
    expect((reply(2) as { message: string }).message).toContain('newer RadBench');
    expect(existsSync(lockPath(newer))).toBe(false);
    expect(existsSync(lockPath(good))).toBe(true);
  });

  it('opens a file locked by another live process read-only, and refuses to save over it', async () => {
    const path = join(dir, 'shared.radbench');
    writeFileSync(path, new Uint8Array([7]));
    writeFileSync(lockPath(path), JSON.stringify({ pid: process.ppid, host: hostname(), since: '2025-01-01T00:00:00Z' }));
    await host.handle({ type: 'open', id: 1, path });
    const opened = reply(1);
    expect(opened).toMatchObject({ type: 'opened', doc: { path, readOnly: true } });
    expect(opened && 'readOnlyReason' in opened ? opened.readOnlyReason : '').toContain(`process ${process.ppid}`);

    await host.api.commitImport('imp-1');
    await host.idle();
    expect(fileBytes(path)).toEqual([7]);
    await host.handle({ type: 'save', id: 2, path });
    expect(reply(2)).toMatchObject({ type: 'error' });
    expect(fileBytes(path)).toEqual([7]);

    const copy = join(dir, 'copy.radbench');
    await host.handle({ type: 'save', id: 3, path: copy });
    expect(reply(3)).toMatchObject({ type: 'saved', doc: { path: copy, readOnly: false, dirty: false } });
    expect(fileBytes(copy)).toEqual([7, 2]);
  });

  it('Save As moves the lock to the new file', async () => {
    const first = join(dir, 'first.radbench');
    const second = join(dir, 'second.radbench');
    await host.handle({ type: 'save', id: 1, path: first });
    await host.handle({ type: 'save', id: 2, path: second });
    expect(existsSync(lockPath(first))).toBe(false);
    expect(existsSync(lockPath(second))).toBe(true);
  });

  it('new releases the lock and starts an empty untitled database', async () => {
    const path = join(dir, 'dept.radbench');
    await host.handle({ type: 'save', id: 1, path });
    await host.api.commitImport('imp-1');
    await host.handle({ type: 'new', id: 2 });
    expect(reply(2)).toMatchObject({ type: 'opened', doc: { path: null, readOnly: false, dirty: false } });
    expect(existsSync(lockPath(path))).toBe(false);
    expect([...engine.data]).toEqual([0]);
  });

  it('loading the demo detaches from the file so demo data never lands in it', async () => {
    const path = join(dir, 'dept.radbench');
    await host.handle({ type: 'save', id: 1, path });
    await host.api.loadDemo();
    expect(host.state).toEqual({ path: null, readOnly: false, dirty: false, encrypted: false });
    await host.api.commitImport('imp-1');
    await host.idle();
    expect(fileBytes(path)).toEqual([0]);
    expect(host.state).toEqual({ path: null, readOnly: false, dirty: true, encrypted: false });
    expect(existsSync(lockPath(path))).toBe(false);
  });

  it('shutdown waits for a queued autosave, then releases the lock', async () => {
    const path = join(dir, 'dept.radbench');
    await host.handle({ type: 'save', id: 1, path });
    await host.api.commitImport('imp-1');
    await host.handle({ type: 'shutdown', id: 9 });
    expect(fileBytes(path)).toEqual([0, 2]);
    expect(existsSync(lockPath(path))).toBe(false);
    expect(reply(9)).toEqual({ type: 'closed', id: 9 });
  });

  it('reports a failed autosave and stays dirty', async () => {
    let failing = false;
    host = new DocumentHost({
      engine,
      post: (m) => messages.push(m),
      writeFile: async (path, bytes) => {
        if (failing) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
        writeFileSync(path, bytes);
      },
      acquireLock: async (path) => ({ ok: true, lock: { path, release: async () => undefined } }),
    });
    const path = join(dir, 'dept.radbench');
    await host.handle({ type: 'save', id: 1, path });
    failing = true;
    await host.api.commitImport('imp-1');
    await host.idle();
    expect(messages.at(-1)).toMatchObject({ type: 'error', id: null, doc: { path, dirty: true } });
    expect((messages.at(-1) as { message: string }).message).toContain('disk is full');
    expect(fileBytes(path)).toEqual([0]);
  });
});
