/**
 * The engine host end to end with the real engine: control messages as main sends them over
 * parentPort, and engine calls from a page through the preload relay and an Electron-like port.
 */
import * as Comlink from 'comlink';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import type { ParentPort } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../../shared/contract';
import type { StaffRecord } from '../../../shared/model';
import { hostOptionsFromArgs, runEngineHost } from '../../../electron/engineHost';
import { lockPath } from '../../../electron/fileLock';
import type { HostMessage, HostRequest } from '../../../electron/hostProtocol';
import { createNodeEngine } from '../../../electron/node/nodeEngine';
import { relayPorts, type WebPortLike } from '../../../electron/portEndpoint';
import { mainChannel } from './fakes';

let dir: string;
const messages: HostMessage[] = [];
const parent = Object.assign(new EventEmitter(), { postMessage: (m: HostMessage) => void messages.push(m) });
const closers: { close(): void }[] = [];

function send(data: HostRequest, ports: unknown[] = []) {
  parent.emit('message', { data, ports });
}

async function reply(id: number): Promise<HostMessage> {
  for (let i = 0; i < 400; i++) {
    const found = messages.find((m) => 'id' in m && m.id === id);
    if (found) return found;
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error(`no reply to request ${id}`);
}

const staff = (code: string): StaffRecord => ({
  code,
  name: `Radiologist ${code}`,
  group: 'radiologist',
  wte: 0.5,
  validFrom: '2024-04-01',
  validTo: null,
  grade: null,
  provider: null,
});

function connectPage(): Comlink.Remote<EngineApi> {
  const { web: preloadSide, main: utilityPort } = mainChannel();
  const { port1: page, port2: relay } = new MessageChannel();
  closers.push(preloadSide, page, relay, utilityPort);
  relayPorts(relay as unknown as WebPortLike, preloadSide as unknown as WebPortLike);
  send({ type: 'port' }, [utilityPort]);
  return Comlink.wrap<EngineApi>(page as unknown as Comlink.Endpoint);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'radbench-host-'));
  runEngineHost(parent as unknown as ParentPort, createNodeEngine());
});
afterAll(() => {
  for (const c of closers) c.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('engine host', () => {
  const path = () => join(dir, 'trust.radbench');

  it('starts an empty database and answers a page over its port', async () => {
    const engine = connectPage();
    const info = await engine.info();
    expect(info.exams).toBe(0);
    expect(messages[0]).toEqual({ type: 'ready' });
  });

  it('saves what the page entered, atomically and locked, then reopens it', async () => {
    const engine = connectPage();
    await engine.saveStaff(staff('AB123'));
    await engine.saveStaff(staff('CD456'));
    expect(messages.at(-1)).toMatchObject({ type: 'state', doc: { path: null, dirty: true } });

    send({ type: 'save', id: 1, path: path() });
    expect(await reply(1)).toMatchObject({ type: 'saved', doc: { path: path(), dirty: false, readOnly: false } });
    expect(readFileSync(path()).subarray(0, 15).toString()).toBe('SQLite format 3');
    expect(existsSync(lockPath(path()))).toBe(true);

    send({ type: 'new', id: 2 });
    expect(await reply(2)).toMatchObject({ type: 'opened', doc: { path: null } });
    expect((await engine.info()).staff).toBe(0);
    expect(existsSync(lockPath(path()))).toBe(false);

    send({ type: 'open', id: 3, path: path() });
    expect(await reply(3)).toMatchObject({ type: 'opened', doc: { path: path(), readOnly: false }, readOnlyReason: null });
    expect((await engine.listStaff()).map((s) => s.code).sort()).toEqual(['AB123', 'CD456']);
  });

  it('autosaves a staff edit to the open file', async () => {
    const engine = connectPage();
    const before = readFileSync(path());
    const row = await engine.saveStaff(staff('ZZ999'));
    expect(row.id).toBeGreaterThan(0);
    for (let i = 0; i < 400 && !messages.some((m) => m.type === 'saved' && m.autosave); i++) {
      await new Promise((done) => setTimeout(done, 25));
    }
    expect(messages.filter((m) => m.type === 'saved' && m.autosave)).toHaveLength(1);
    expect(readFileSync(path()).equals(before)).toBe(false);
    expect(readFileSync(`${path()}.bak`).equals(before)).toBe(true);
  });

  it('refuses a file that is not a RadBench database, keeping the open one', async () => {
    const engine = connectPage();
    const bogus = join(dir, 'bogus.radbench');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bogus, 'this is not sqlite');
    send({ type: 'open', id: 4, path: bogus });
    const error = await reply(4);
    expect(error).toMatchObject({ type: 'error', doc: { path: path() } });
    expect((await engine.info()).staff).toBeGreaterThan(0);
  });

  it('shutdown releases the lock', async () => {
    send({ type: 'shutdown', id: 5 });
    expect(await reply(5)).toEqual({ type: 'closed', id: 5 });
    expect(existsSync(lockPath(path()))).toBe(false);
  });
});

describe('hostOptionsFromArgs', () => {
  it('reads the recovery folder and session main passes when forking the host', () => {
    expect(hostOptionsFromArgs(['node', 'engineHost.cjs', '--recovery-dir', '/home/me/.config/RadBench/recovery', '--session', 'abc123'])).toEqual({
      recoveryDir: '/home/me/.config/RadBench/recovery',
      session: 'abc123',
    });
    expect(hostOptionsFromArgs(['node', 'engineHost.cjs'])).toEqual({ recoveryDir: null, session: `pid-${process.pid}` });
  });
});
