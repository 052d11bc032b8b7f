/** Wiring of the main process, with every Electron module faked. */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const userData = mkdtempSync(join(tmpdir(), 'radbench-main-'));
afterAll(() => rmSync(userData, { recursive: true, force: true }));

const e = vi.hoisted(() => {
  const order: string[] = [];
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  return { order, ready, resolveReady: () => resolveReady(), windows: [] as unknown[], forks: [] as unknown[][] };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    isPackaged: true,
    enableSandbox: vi.fn(() => e.order.push('enableSandbox')),
    setAppUserModelId: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => e.ready),
    isReady: vi.fn(() => false),
    getPath: vi.fn(() => userData),
    addRecentDocument: vi.fn(),
    quit: vi.fn(),
  });
  class BrowserWindow extends Emitter {
    static getAllWindows = () => e.windows;
    options: unknown;
    webContents = Object.assign(new Emitter(), { send: vi.fn(), postMessage: vi.fn(), isDestroyed: () => false });
    loadURL = vi.fn(async () => undefined);
    isDestroyed = () => false;
    show = vi.fn();
    constructor(options: unknown) {
      super();
      this.options = options;
      e.windows.push(this);
    }
  }
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      setSpellCheckerEnabled: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
      on: vi.fn(),
      protocol: { handle: vi.fn() },
    },
  };
  return {
    app,
    BrowserWindow,
    session,
    protocol: { registerSchemesAsPrivileged: vi.fn(() => e.order.push('registerSchemes')) },
    utilityProcess: {
      fork: vi.fn((...args: unknown[]) => {
        e.forks.push(args);
        return Object.assign(new Emitter(), { postMessage: vi.fn(), kill: vi.fn() });
      }),
    },
    MessageChannelMain: class {
      port1 = { close: vi.fn() };
      port2 = { close: vi.fn() };
    },
    ipcMain: { handle: vi.fn(), on: vi.fn(), removeHandler: vi.fn(), removeListener: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) },
    dialog: { showMessageBox: vi.fn(), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
  };
});

const electron = await import('electron');
await import('../../../electron/main');

describe('main process wiring', () => {
  it('before ready: registers the scheme and enables the sandbox, and takes the single-instance lock', () => {
    expect(e.order).toEqual(['registerSchemes', 'enableSandbox']);
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(0);
  });

  it('after ready: locks the session, serves the app, starts the engine and opens one secure window', async () => {
    e.resolveReady();
    await vi.waitFor(() => expect(e.windows).toHaveLength(1));
    const session = electron.session.defaultSession;
    expect(session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect(vi.mocked(session.protocol.handle).mock.calls[0]?.[0]).toBe('radbench');

    const [modulePath, args, options] = e.forks[0] as [string, string[], { serviceName: string }];
    expect(modulePath).toMatch(/engineHost\.cjs$/);
    // The host keeps recovery copies in userData/recovery, under a session token of its own.
    expect(args).toEqual(['--recovery-dir', join(userData, 'recovery'), '--session', expect.stringMatching(/^[0-9a-f]{16}$/)]);
    expect(options.serviceName).toBe('RadBench engine');

    const win = e.windows[0] as { options: { webPreferences: Record<string, unknown> }; loadURL: ReturnType<typeof vi.fn> };
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false });
    expect(String(win.options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(win.loadURL).toHaveBeenCalledWith('radbench://app/index.html');
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(vi.mocked(electron.ipcMain.handle).mock.calls.length).toBeGreaterThanOrEqual(7);
  });

  it('hardens every web contents created later', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});
