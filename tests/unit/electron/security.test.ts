import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';

// security.ts only needs Electron's types; the mock makes sure no test ever loads the real module.
vi.mock('electron', () => ({}));

const { applySessionSecurity, hardenWebContents, isAllowedRequestUrl, secureWebPreferences } = await import(
  '../../../electron/security'
);

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and strips the renderer of Node, webviews and insecure content', () => {
    const prefs = secureWebPreferences('/app/dist-electron/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });

  it('enables DevTools only when asked (unpackaged runs)', () => {
    expect(secureWebPreferences('/p.cjs', { devTools: true }).devTools).toBe(true);
  });
});

describe('isAllowedRequestUrl', () => {
  it.each([
    'radbench://app/index.html',
    'radbench://app/assets/engine.worker-abc.js',
    'radbench://app/assets/sql-wasm-browser.wasm',
    'devtools://devtools/bundled/inspector.html',
    'blob:radbench://app/6f1c2b1e-0000-4000-8000-000000000000',
    'data:image/png;base64,iVBORw0KGgo=',
  ])('allows %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(true);
  });

  it.each([
    'https://www.nhs.uk/',
    'http://127.0.0.1:5173/',
    'http://localhost/api',
    'ws://localhost:5173/',
    'wss://example.org/socket',
    'file:///etc/passwd',
    'file:///C:/Users/me/ris.csv',
    'ftp://example.org/file',
    'chrome-extension://abc/page.html',
    'radbench://evil/index.html',
    'radbench://app.evil.example/index.html',
    'not a url',
    '',
  ])('cancels %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(false);
  });
});

function fakeSession() {
  const events = new EventEmitter();
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setSpellCheckerEnabled: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
    on: vi.fn((name: string, listener: (...args: unknown[]) => void) => events.on(name, listener)),
    events,
  };
}

describe('applySessionSecurity', () => {
  const session = fakeSession();
  applySessionSecurity(session as unknown as Session);

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem', 'hid', 'serial', 'usb'])(
    'denies the %s permission request',
    (permission) => {
      const handler = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
        wc: unknown,
        permission: string,
        callback: (granted: boolean) => void,
      ) => void;
      const callback = vi.fn();
      handler({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    },
  );

  it('answers every permission check and device request with no', () => {
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    for (const permission of ['media', 'clipboard-sanitized-write', 'background-sync', 'hid', 'usb']) {
      expect(check({}, permission, 'radbench://app', {})).toBe(false);
    }
    expect(device({ deviceType: 'usb', origin: 'radbench://app' })).toBe(false);
  });

  it('turns the spellchecker (which downloads dictionaries) off', () => {
    expect(session.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
  });

  it('cancels requests that leave the app and lets the app load', () => {
    const filter = session.webRequest.onBeforeRequest.mock.calls[0]?.[0] as (
      details: { url: string },
      callback: (response: { cancel: boolean }) => void,
    ) => void;
    const decide = (url: string) => {
      const callback = vi.fn();
      filter({ url }, callback);
      return callback.mock.calls[0]?.[0];
    };
    expect(decide('radbench://app/index.html')).toEqual({ cancel: false });
    expect(decide('https://fonts.googleapis.com/css')).toEqual({ cancel: true });
    expect(decide('http://192.168.0.1/upload')).toEqual({ cancel: true });
    expect(decide('ws://localhost:5173/')).toEqual({ cancel: true });
    expect(decide('file:///home/me/.ssh/id_rsa')).toEqual({ cancel: true });
  });

  it('lets the page save its own blob: downloads but no remote download', () => {
    const download = (url: string) => {
      const event = { preventDefault: vi.fn() };
      session.events.emit('will-download', event, { getURL: () => url });
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(download('blob:radbench://app/1234')).toBe(false);
    expect(download('data:text/csv,a,b')).toBe(false);
    expect(download('https://example.org/malware.exe')).toBe(true);
  });
});

describe('hardenWebContents', () => {
  function fakeContents() {
    const emitter = new EventEmitter();
    return Object.assign(emitter, { setWindowOpenHandler: vi.fn() });
  }

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (name) => {
    const contents = fakeContents();
    hardenWebContents(contents as unknown as WebContents);
    const event = { preventDefault: vi.fn() };
    contents.emit(name, event, 'https://example.org/');
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('denies every window.open', () => {
    const contents = fakeContents();
    hardenWebContents(contents as unknown as WebContents);
    const handler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as (details: { url: string }) => unknown;
    expect(handler({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'radbench://app/index.html' })).toEqual({ action: 'deny' });
  });
});
