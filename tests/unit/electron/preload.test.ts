import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { MessageChannel } from 'node:worker_threads';
import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import { Channels } from '../../../electron/channels';
import { createDesktopApi, forwardEnginePorts, isMenuCommand, type PreloadIpc } from '../../../electron/desktopApi';
import type { WebPortLike } from '../../../electron/portEndpoint';

type Listener = (event: { ports: readonly WebPortLike[] }, ...args: unknown[]) => void;

function fakeIpc() {
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    send: vi.fn(),
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })),
    on: vi.fn((channel: string, listener: Listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => listeners.get(channel)?.delete(listener)),
    emit(channel: string, value: unknown, ports: WebPortLike[] = []) {
      for (const l of listeners.get(channel) ?? []) l({ ports }, value);
    },
    count: (channel: string) => listeners.get(channel)?.size ?? 0,
  };
  return ipc;
}

describe('createDesktopApi', () => {
  it('maps each named function to its own channel', async () => {
    const ipc = fakeIpc();
    const api = createDesktopApi(ipc as PreloadIpc, () => '/dropped/ris.csv', '1.2.3');
    expect(api.version).toBe('1.2.3');
    api.requestEnginePort();
    expect(ipc.send).toHaveBeenCalledWith(Channels.requestEnginePort);
    expect(await api.openDatabase('/a.radbench')).toEqual({ channel: Channels.openDatabase, args: ['/a.radbench'] });
    const bytes = new Uint8Array([1]);
    expect(await api.saveExport('report.csv', bytes)).toEqual({ channel: Channels.saveExport, args: ['report.csv', bytes] });
    expect(await api.exportPdf('report.pdf')).toEqual({ channel: Channels.exportPdf, args: ['report.pdf'] });
    for (const [call, channel] of [
      [api.pickImportFiles, Channels.pickImportFiles],
      [api.newDatabase, Channels.newDatabase],
      [api.saveDatabase, Channels.saveDatabase],
      [api.saveDatabaseAs, Channels.saveDatabaseAs],
      [api.documentState, Channels.documentState],
    ] as const) {
      expect(await call()).toEqual({ channel, args: [] });
    }
    expect(api.pathForDroppedFile({} as File)).toBe('/dropped/ris.csv');
    expect(await api.restoreRecovery('1700000000000-0123456789ab')).toEqual({ channel: Channels.restoreRecovery, args: ['1700000000000-0123456789ab'] });
    expect(await api.discardRecovery('1700000000000-0123456789ab')).toEqual({ channel: Channels.discardRecovery, args: ['1700000000000-0123456789ab'] });
    for (const [call, channel] of [
      [api.setPassphrase, Channels.setPassphrase],
      [api.removePassphrase, Channels.removePassphrase],
      [api.listRecovery, Channels.listRecovery],
    ] as const) {
      expect(await call()).toEqual({ channel, args: [] });
    }
    expect(await api.answerPassphrase(3, 'secret passphrase')).toBeUndefined();
    expect(ipc.invoke).toHaveBeenLastCalledWith(Channels.answerPassphrase, 3, 'secret passphrase');
  });

  it('delivers only well-formed passphrase requests and recovery lists', () => {
    const ipc = fakeIpc();
    const api = createDesktopApi(ipc as PreloadIpc, () => '', '1');
    const requests: unknown[] = [];
    const lists: unknown[] = [];
    api.onPassphraseRequest((r) => requests.push(r));
    api.onRecoveryAvailable((l) => lists.push(l));
    ipc.emit(Channels.passphraseRequest, { id: 1, purpose: 'unlock', fileName: 'dept.radbench', error: null });
    ipc.emit(Channels.passphraseRequest, { id: 2, purpose: 'format-disk', fileName: 'x', error: null });
    ipc.emit(Channels.passphraseRequest, 'junk');
    ipc.emit(Channels.recoveryAvailable, [{ id: '1700000000000-0123456789ab', originalPath: null, savedAt: '2025-01-01T00:00:00Z', encrypted: false, bytes: 4 }]);
    ipc.emit(Channels.recoveryAvailable, [{ id: 5 }]);
    expect(requests).toEqual([{ id: 1, purpose: 'unlock', fileName: 'dept.radbench', error: null }]);
    expect(lists).toHaveLength(1);
  });

  it('delivers only well-formed menu commands and document states, and unsubscribes', () => {
    const ipc = fakeIpc();
    const api = createDesktopApi(ipc as PreloadIpc, () => '', '1');
    const commands: string[] = [];
    const off = api.onMenuCommand((c) => commands.push(c));
    ipc.emit(Channels.menuCommand, 'save-as');
    ipc.emit(Channels.menuCommand, 'open-recent:/data/a.radbench');
    ipc.emit(Channels.menuCommand, 'format-disk');
    ipc.emit(Channels.menuCommand, { cmd: 'new' });
    expect(commands).toEqual(['save-as', 'open-recent:/data/a.radbench']);
    off();
    expect(ipc.count(Channels.menuCommand)).toBe(0);

    const states: unknown[] = [];
    api.onDocumentState((s) => states.push(s));
    ipc.emit(Channels.documentStateChanged, { path: null, readOnly: false, dirty: true, recent: [] });
    ipc.emit(Channels.documentStateChanged, 'junk');
    expect(states).toEqual([{ path: null, readOnly: false, dirty: true, recent: [] }]);
  });

  it('isMenuCommand', () => {
    expect(isMenuCommand('privacy')).toBe(true);
    expect(isMenuCommand('open-recent:')).toBe(false);
    expect(isMenuCommand(3)).toBe(false);
  });
});

describe('forwardEnginePorts', () => {
  it('hands the page a relayed port for each engine port, closing the previous relay', async () => {
    const ipc = fakeIpc();
    const toPage: MessagePort[] = [];
    forwardEnginePorts(ipc as PreloadIpc, (p) => toPage.push(p), () => new MessageChannel() as never);

    const first = new MessageChannel();
    ipc.emit(Channels.enginePort, null, [first.port1 as unknown as WebPortLike]);
    expect(toPage).toHaveLength(1);
    const echoed = new Promise((done) => first.port2.once('message', done));
    (toPage[0] as unknown as { postMessage(m: unknown): void }).postMessage({ hello: 'engine' });
    expect(await echoed).toEqual({ hello: 'engine' });

    const second = new MessageChannel();
    const firstClosed = new Promise((done) => first.port2.once('close', done));
    ipc.emit(Channels.enginePort, null, [second.port1 as unknown as WebPortLike]);
    await firstClosed;
    expect(toPage).toHaveLength(2);
    ipc.emit(Channels.enginePort, null, []);
    expect(toPage).toHaveLength(2);
    for (const p of [second.port2, ...toPage]) (p as unknown as { close(): void }).close();
  });
});

describe('the bundled preload', () => {
  it('requires only electron and exposes functions (and the version), never ipcRenderer', async () => {
    const result = await build({
      entryPoints: [resolve('electron/preload.cts')],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'browser',
      external: ['electron'],
      tsconfig: resolve('tsconfig.electron.json'),
      define: { __RADBENCH_VERSION__: '"9.9.9"' },
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';

    const exposed: Record<string, unknown> = {};
    const ipcRenderer = { send: vi.fn(), invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() };
    const electron = {
      contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => (exposed[key] = api)) },
      ipcRenderer,
      webUtils: { getPathForFile: vi.fn(() => '/x') },
    };
    const required: string[] = [];
    const fakeRequire = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    };
    const module = { exports: {} };
    runInNewContext(code, { require: fakeRequire, module, exports: module.exports, window: { postMessage: vi.fn() }, MessageChannel });

    expect(required).toEqual(['electron']);
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const api = exposed.radbench as Record<string, unknown>;
    expect(api.version).toBe('9.9.9');
    for (const [key, value] of Object.entries(api)) {
      if (key !== 'version') expect(typeof value, key).toBe('function');
    }
    expect(Object.values(api)).not.toContain(ipcRenderer);
    expect(Object.keys(api).sort()).toEqual(
      [
        'documentState',
        'newDatabase',
        'onDocumentState',
        'onMenuCommand',
        'openDatabase',
        'pathForDroppedFile',
        'pickImportFiles',
        'requestEnginePort',
        'saveDatabase',
        'saveDatabaseAs',
        'saveExport',
        'exportPdf',
        'setPassphrase',
        'removePassphrase',
        'onPassphraseRequest',
        'answerPassphrase',
        'listRecovery',
        'restoreRecovery',
        'discardRecovery',
        'onRecoveryAvailable',
        'version',
      ].sort(),
    );
    expect(ipcRenderer.on).toHaveBeenCalledWith(Channels.enginePort, expect.any(Function));
  });
});
