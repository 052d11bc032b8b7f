/**
 * A static audit of the Electron security settings, after the checks Electronegativity makes (its rule
 * names are given with each test). Electronegativity itself cannot see through secureWebPreferences() and
 * the protocol's CSP header, so it reports false alarms here; these tests read the real window options
 * (Electron mocked) and scan the shipped sources instead.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const created = vi.hoisted(() => ({ windows: [] as { options: Record<string, unknown>; urls: string[] }[] }));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class BrowserWindow extends EventEmitter {
    readonly record: { options: Record<string, unknown>; urls: string[] };
    constructor(options: Record<string, unknown>) {
      super();
      this.record = { options, urls: [] };
      created.windows.push(this.record);
    }
    loadURL(url: string) {
      this.record.urls.push(url);
      return Promise.resolve();
    }
    show() {}
  }
  return { BrowserWindow };
});

const { createMainWindow } = await import('../../../electron/window');
const ROOT = join(__dirname, '..', '..', '..');

function sources(dir: string, exts = ['.ts', '.cts', '.vue', '.html']): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full, exts));
    else if (exts.some((e) => name.endsWith(e))) out.push(full);
  }
  return out;
}

/** Everything that ships in the app (main, preload, engine host, renderer, page). */
const shipped = [...sources(join(ROOT, 'electron')), ...sources(join(ROOT, 'renderer')), join(ROOT, 'index.html')]
  .filter((file) => !file.includes(`${join('electron', 'cli')}`))
  .map((file) => ({ file: relative(ROOT, file), text: readFileSync(file, 'utf8') }));

/** Files whose code (comments removed) matches `pattern`. */
function using(pattern: RegExp): string[] {
  return shipped.filter(({ text }) => pattern.test(text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ''))).map(({ file }) => file);
}

describe('the main window as created (Electron mocked)', () => {
  const win = () => {
    created.windows.length = 0;
    createMainWindow({ bundleDir: '/opt/RadBench/resources/app.asar/dist-electron', title: 'RadBench', isDev: false });
    const record = created.windows[0]!;
    return { prefs: record.options.webPreferences as Record<string, unknown>, options: record.options, urls: record.urls };
  };

  it('isolates the page: contextIsolation on, sandbox on, no Node in page, workers or frames (CONTEXT_ISOLATION, SANDBOX, NODE_INTEGRATION)', () => {
    const { prefs } = win();
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security, refuses insecure content, experimental and Blink features, and webviews (WEB_SECURITY, INSECURE_CONTENT, EXPERIMENTAL_FEATURES, BLINK_FEATURES, WEBVIEW)', () => {
    const { prefs } = win();
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.devTools).toBe(false);
  });

  it('loads its own preload from the bundle, and its page from the app scheme, never http or file (PRELOAD, HTTP_RESOURCES)', () => {
    const { prefs, urls } = win();
    expect(prefs.preload).toBe(join('/opt/RadBench/resources/app.asar/dist-electron', 'preload.cjs'));
    expect(urls).toEqual(['radbench://app/index.html']);
  });

  it('sets only known webPreferences (a new one must be reviewed and added here)', () => {
    expect(Object.keys(win().prefs).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'devTools',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });
});

describe('the shipped sources', () => {
  it('create windows in one place only, with the secure preferences', () => {
    expect(using(/new BrowserWindow\s*\(/)).toEqual([join('electron', 'window.ts')]);
    expect(using(/new BrowserView\s*\(|new WebContentsView\s*\(/)).toEqual([]);
    const window = shipped.find((s) => s.file === join('electron', 'window.ts'))!.text;
    expect(window).toMatch(/webPreferences:\s*secureWebPreferences\(/);
  });

  it.each([
    ['NODE_INTEGRATION', /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/],
    ['CONTEXT_ISOLATION', /contextIsolation\s*:\s*false/],
    ['SANDBOX', /sandbox\s*:\s*false|no-sandbox/],
    ['WEB_SECURITY', /webSecurity\s*:\s*false|disable-web-security/],
    ['INSECURE_CONTENT', /allowRunningInsecureContent\s*:\s*true/],
    ['EXPERIMENTAL_FEATURES', /experimentalFeatures\s*:\s*true/],
    ['BLINK_FEATURES', /enableBlinkFeatures/],
    ['WEBVIEW / ALLOWPOPUPS', /webviewTag\s*:\s*true|<webview|allowpopups/i],
    ['CUSTOM_ARGUMENTS', /additionalArguments|commandLine\.appendSwitch|appendArgument/],
    ['REMOTE_MODULE', /enableRemoteModule|@electron\/remote/],
    ['DANGEROUS_FUNCTIONS', /\.executeJavaScript\s*\(|\.insertCSS\s*\(|\beval\s*\(|new Function\s*\(/],
    ['OPEN_EXTERNAL', /shell\.openExternal|openPath\s*\(/],
    ['CERTIFICATE_ERROR_EVENT / CERTIFICATE_VERIFY_PROC', /certificate-error|setCertificateVerifyProc|ignore-certificate-errors/],
    ['PERMISSION_REQUEST_HANDLER granting', /callback\(\s*true\s*\)/],
    ['NAVIGATION to http(s)', /loadURL\(\s*['"`]https?:|loadFile\s*\(/],
    ['HTML injection (v-html, innerHTML)', /v-html|\.innerHTML\s*=|outerHTML\s*=|document\.write\s*\(/],
  ])('use no %s', (_rule, pattern) => {
    expect(using(pattern)).toEqual([]);
  });

  it('the page never gets ipcRenderer: only the preload may use it, and only through named functions', () => {
    expect(using(/ipcRenderer/).filter((f) => !f.startsWith('electron'))).toEqual([]);
    expect(using(/exposeInMainWorld\s*\(/)).toEqual([join('electron', 'preload.cts')]);
  });

  it('every IPC handler goes through the sender check', () => {
    expect(using(/ipcMain\.(handle|on|once|handleOnce)\s*\(/)).toEqual([join('electron', 'ipc.ts')]);
    const ipc = shipped.find((s) => s.file === join('electron', 'ipc.ts'))!.text;
    expect(ipc).toMatch(/ipcMain\.handle\(channel, \(event, \.\.\.args: unknown\[\]\) => handler\(trustedWindow\(event\), args\)\)/);
    expect(ipc).toMatch(/if \(isTrustedSender\(event as SenderInfo, deps\.windowFor\)\) deps\.connectEngine/);
  });

  it('the sandbox is enabled for every renderer, and the app is single-instance (SANDBOX)', () => {
    const main = shipped.find((s) => s.file === join('electron', 'main.ts'))!.text;
    expect(main).toMatch(/app\.enableSandbox\(\)/);
    expect(main).toMatch(/app\.on\('web-contents-created', \(_event, contents\) => hardenWebContents\(contents\)\)/);
    expect(main).toMatch(/requestSingleInstanceLock\(\)/);
  });

  it('a pinned, current Electron (ELECTRON_VERSION)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(pkg.devDependencies.electron!.split('.')[0])).toBeGreaterThanOrEqual(40);
  });
});
