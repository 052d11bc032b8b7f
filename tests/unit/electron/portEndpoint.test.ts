import * as Comlink from 'comlink';
import { MessageChannel, type MessagePort as NodeMessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineApi, ImportProgress, ImportRequest } from '../../../shared/contract';
import { engineFacade, guardEndpoint, isAllowedEngineMessage, ENGINE_METHODS } from '../../../electron/engineGuard';
import { exposeOnPort } from '../../../electron/engineHost';
import { decodePorts, encodePorts, MainPortEndpoint, relayPorts, type WebPortLike } from '../../../electron/portEndpoint';
import { fakeEngine } from './fakeEngine';
import { mainChannel, type FakeMainPort } from './fakes';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const port of open.splice(0)) port.close();
});

function track<T extends { close(): void }>(port: T): T {
  open.push(port);
  return port;
}

const importRequest: ImportRequest = { source: { kind: 'path', name: 'ris.csv', path: '/data/ris.csv' }, kind: 'ris', commit: true };

describe('encodePorts / decodePorts', () => {
  it('moves ports out of nested data and puts them back', () => {
    const a = { name: 'port a' };
    const b = { name: 'port b' };
    const data = { id: 'x', argumentList: [{ type: 'RAW', value: 1 }, { type: 'HANDLER', name: 'proxy', value: b }], extra: [a] };
    const encoded = encodePorts(data, [a, b]);
    expect(JSON.stringify(encoded)).not.toContain('port a');
    expect(encoded).toEqual({
      id: 'x',
      argumentList: [{ type: 'RAW', value: 1 }, { type: 'HANDLER', name: 'proxy', value: { __radbenchPort: 1 } }],
      extra: [{ __radbenchPort: 0 }],
    });
    expect(decodePorts(encoded, [a, b], (p) => p)).toEqual(data);
  });

  it('leaves data alone when no port travels, and keeps typed arrays as they are', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const data = { bytes, when: new Date(0) };
    expect(encodePorts(data, [])).toBe(data);
    const encoded = encodePorts(data, [{}]) as typeof data;
    expect(encoded.bytes).toBe(bytes);
    expect(encoded.when).toBe(data.when);
  });

  it('does not take look-alike user data for a marker', () => {
    const data = { __radbenchPort: 0, other: 1 };
    expect(decodePorts(data, ['p'], (p) => p)).toEqual(data);
  });
});

describe('comlink over Electron-like MessagePortMain', () => {
  /** page ⇄ (preload relay) ⇄ utility process, as in the app. */
  function connect(engine: EngineApi, viaRelay: boolean) {
    const { web: engineSide, main: utilityPort } = mainChannel();
    track(engineSide);
    track(utilityPort);
    const endpoint = exposeOnPort(utilityPort, engineFacade(engine));
    if (!viaRelay) return { remote: Comlink.wrap<EngineApi>(engineSide as unknown as Comlink.Endpoint), endpoint };
    const { port1: pagePort, port2: relayPort } = new MessageChannel();
    track(pagePort);
    track(relayPort);
    relayPorts(relayPort as unknown as WebPortLike, engineSide as unknown as WebPortLike);
    return { remote: Comlink.wrap<EngineApi>(pagePort as unknown as Comlink.Endpoint), endpoint };
  }

  it('reproduces the Electron limitation: a proxied callback sent straight to the utility process is lost', async () => {
    const { remote } = connect(fakeEngine(), false);
    expect((await remote.info()).schemaVersion).toBe(1);
    const call = remote.runImport(importRequest, Comlink.proxy(() => undefined));
    const outcome = await Promise.race([call.then(() => 'answered'), new Promise((done) => setTimeout(() => done('lost'), 300))]);
    expect(outcome).toBe('lost');
  });

  it('through the preload relay, calls, progress callbacks and bytes all arrive', async () => {
    const engine = fakeEngine();
    engine.data = new Uint8Array([9, 8, 7]);
    const { remote } = connect(engine, true);
    const progress: ImportProgress[] = [];
    const report = await remote.runImport(
      importRequest,
      Comlink.proxy((p: ImportProgress) => void progress.push(p)),
    );
    expect(report.status).toBe('committed');
    expect(progress.map((p) => p.rowsRead)).toEqual([1, 2, 3]);
    const bytes = await remote.exportDatabase();
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes]).toEqual([9, 8, 7, 1]);
  });

  it('refuses anything but a call of an engine method, with an error instead of silence', async () => {
    const { remote } = connect(fakeEngine(), true);
    const anyRemote = remote as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>;
    await expect(anyRemote.constructor!.constructor!('return process')).rejects.toThrow('not part of the engine API');
    await expect(Promise.resolve(remote.info as unknown)).rejects.toThrow('not part of the engine API');
    await expect((anyRemote as unknown as Record<string, (key: string) => Promise<unknown>>).hasOwnProperty!('x')).rejects.toThrow(
      'not part of the engine API',
    );
    expect((await remote.info()).exams).toBe(0);
  });

  it('stops listening when the page end goes away', async () => {
    const { web, main } = mainChannel();
    const endpoint = new MainPortEndpoint(main);
    let received = 0;
    endpoint.addEventListener('message', () => received++);
    endpoint.start();
    const closed = new Promise<void>((done) => (main as FakeMainPort).once('close', () => done()));
    endpoint.onClose(() => endpoint.close());
    web.postMessage({ hello: 1 });
    await new Promise((done) => setTimeout(done, 50));
    (web as NodeMessagePort).close();
    await closed;
    expect(received).toBe(1);
    expect((main as FakeMainPort).listenerCount('message')).toBe(0);
  });
});

describe('isAllowedEngineMessage', () => {
  it('allows APPLY of one engine method and RELEASE, nothing else', () => {
    expect(isAllowedEngineMessage({ id: '1', type: 'APPLY', path: ['dashboard'], argumentList: [] })).toBe(true);
    expect(isAllowedEngineMessage({ id: '1', type: 'RELEASE' })).toBe(true);
    expect(isAllowedEngineMessage({ id: '1', type: 'GET', path: ['dashboard'] })).toBe(false);
    expect(isAllowedEngineMessage({ id: '1', type: 'SET', path: ['x'], value: 1 })).toBe(false);
    expect(isAllowedEngineMessage({ id: '1', type: 'APPLY', path: ['constructor'] })).toBe(false);
    expect(isAllowedEngineMessage({ id: '1', type: 'APPLY', path: ['__proto__', 'toString'] })).toBe(false);
    expect(isAllowedEngineMessage({ id: '1', type: 'CONSTRUCT', path: [] })).toBe(false);
    expect(isAllowedEngineMessage({ id: '1', type: 'ENDPOINT' })).toBe(false);
    expect(isAllowedEngineMessage(null)).toBe(false);
  });

  it('engineFacade exposes only the API, without a prototype to climb', () => {
    const facade = engineFacade(fakeEngine()) as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(facade)).toBeNull();
    // Exactly the EngineApi method names; the fake engine's extra fields (data, calls) stay out.
    expect(Object.keys(facade).sort()).toEqual(Object.keys(ENGINE_METHODS).sort());
    expect(facade.constructor).toBeUndefined();
    expect(facade.data).toBeUndefined();
    expect(Object.isFrozen(facade)).toBe(true);
  });

  it('guardEndpoint passes allowed messages through untouched', () => {
    const seen: unknown[] = [];
    const posted: unknown[] = [];
    let listener: ((e: { data: unknown }) => void) | undefined;
    const inner = {
      postMessage: (m: unknown) => posted.push(m),
      addEventListener: (_t: string, l: unknown) => (listener = l as typeof listener),
      removeEventListener: () => undefined,
    };
    const guarded = guardEndpoint(inner as unknown as Comlink.Endpoint);
    guarded.addEventListener('message', (e: Event) => void seen.push((e as MessageEvent).data));
    const call = { id: 'a', type: 'APPLY', path: ['info'], argumentList: [] };
    listener?.({ data: call });
    listener?.({ data: { id: 'b', type: 'GET', path: ['info'] } });
    expect(seen).toEqual([call]);
    expect(posted).toMatchObject([{ id: 'b', type: 'HANDLER', name: 'throw' }]);
  });
});
