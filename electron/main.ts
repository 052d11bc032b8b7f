/**
 * Electron main-process entry (bundled to dist-electron/main.cjs). It only wires the pieces:
 * security, the app protocol, the window, the menu, IPC and the engine's utility process.
 */
import {
  app,
  BrowserWindow,
  MessageChannelMain,
  protocol,
  session,
  utilityProcess,
  type WebContents,
} from 'electron';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import appInfo from '../resources/app.json';
import { Channels } from './channels';
import { nativeDialogs } from './dialogs';
import { DocumentController } from './documents';
import { EngineProcess } from './engineProcess';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { PassphrasePrompter } from './passphrasePrompt';
import type { MenuCommand } from './preloadApi';
import { registerAppScheme, serveApp } from './protocol';
import { RecentFiles } from './recentFiles';
import { RecoveryStore } from './recovery';
import { applySessionSecurity, hardenWebContents } from './security';
import { createMainWindow } from './window';

const bundleDir = __dirname;
const distDir = resolve(bundleDir, '..', 'dist');
const isDev = !app.isPackaged;
const isMac = process.platform === 'darwin';

// Before 'ready': the scheme's privileges, and the sandbox for every renderer.
registerAppScheme(protocol);
app.enableSandbox();
if (process.platform === 'win32') app.setAppUserModelId(appInfo.appId);

/** A .radbench path among command-line arguments (file association, "Open with"). */
function databaseArgument(argv: readonly string[]): string | null {
  const ext = `.${appInfo.databaseExtension}`;
  return argv.slice(1).find((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(ext)) ?? null;
}

function start(): void {
  let win: BrowserWindow | null = null;
  let closeConfirmed = false;
  let quitting = false;
  const pendingOpen: string[] = [];

  const recent = new RecentFiles(app.getPath('userData'));
  const recoveryDir = join(app.getPath('userData'), 'recovery');
  const recovery = new RecoveryStore(recoveryDir);
  const prompter = new PassphrasePrompter();
  // Each engine host process writes its recovery copies under its own session, so what a crashed one
  // left is told apart from what the running one keeps.
  let engineSession = '';
  let menuProtected = false;
  const windowFor = (contents: WebContents) => (win && !win.isDestroyed() && win.webContents === contents ? win : null);

  const engine = new EngineProcess({
    fork: () => {
      engineSession = randomBytes(8).toString('hex');
      return utilityProcess.fork(join(bundleDir, 'engineHost.cjs'), ['--recovery-dir', recoveryDir, '--session', engineSession], {
        serviceName: 'RadBench engine',
      });
    },
    createChannel: () => new MessageChannelMain(),
    onMessage: (message) => documents.hostMessage(message, win),
    onRestart: () => void documents.engineRestarted(win),
    onGiveUp: () =>
      void nativeDialogs.showError(
        win,
        'The RadBench engine keeps stopping',
        'RadBench cannot continue. Your last saved database is safe on disk. Quit RadBench and start it again.',
      ),
  });

  const documents = new DocumentController({
    request: (body) => engine.request(body),
    recent,
    dialogs: nativeDialogs,
    documentsDir: app.getPath('documents'),
    broadcast: (state) => {
      if (win && !win.isDestroyed()) win.webContents.send(Channels.documentStateChanged, state);
      if ((state.encrypted ?? false) !== menuProtected) {
        menuProtected = state.encrypted ?? false;
        rebuildMenu();
      }
    },
    recentChanged: () => rebuildMenu(),
    addOsRecent: (path) => app.addRecentDocument(path),
    askPassphrase: (target, request) => prompter.ask(target && !target.isDestroyed() ? target.webContents : null, request),
    recovery: {
      list: () => recovery.list(engineSession),
      meta: (id) => recovery.meta(id),
      remove: (id) => recovery.remove(id),
    },
    offerRecovery: (entries) => {
      if (win && !win.isDestroyed()) win.webContents.send(Channels.recoveryAvailable, entries);
    },
  });

  function send(command: MenuCommand): void {
    if (win && !win.isDestroyed()) {
      win.webContents.send(Channels.menuCommand, command);
      return;
    }
    // macOS: the app can run with no window; open one and deliver once its page is up.
    const created = openWindow();
    win = created;
    created.webContents.once('did-finish-load', () => created.webContents.send(Channels.menuCommand, command));
  }

  function rebuildMenu(): void {
    installMenu({
      appName: appInfo.productName,
      isMac,
      isDev,
      recent: recent.items,
      protectedDocument: menuProtected,
      send,
      clearRecent: () => void documents.clearRecent(),
    });
  }

  function openFromSystem(path: string): void {
    if (!win || win.isDestroyed()) win = openWindow();
    void documents.openDatabase(win, path, 'system');
  }

  function openWindow(): BrowserWindow {
    const created = createMainWindow({ bundleDir, title: appInfo.productName, isDev });
    closeConfirmed = false;
    created.on('close', (event) => {
      if (closeConfirmed || !documents.dirty) return;
      event.preventDefault();
      void documents.settleUnsaved(created).then((ok) => {
        if (!ok) {
          quitting = false;
          return;
        }
        closeConfirmed = true;
        created.close();
      });
    });
    created.on('closed', () => {
      if (win === created) win = null;
    });
    return created;
  }

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('second-instance', (_event, argv) => {
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    const path = databaseArgument(argv);
    if (path) openFromSystem(path);
  });

  // macOS delivers double-clicked files this way, possibly before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (app.isReady()) openFromSystem(path);
    else pendingOpen.push(path);
  });

  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });

  app.on('before-quit', () => {
    quitting = true;
  });

  // Let a queued autosave finish and release the file lock before the engine goes.
  let shutdownDone = false;
  app.on('will-quit', (event) => {
    if (shutdownDone || !engine.running) return;
    event.preventDefault();
    const timeout = new Promise((done) => setTimeout(done, 10_000));
    void Promise.race([engine.request({ type: 'shutdown' }).catch(() => undefined), timeout]).then(() => {
      shutdownDone = true;
      engine.stop();
      app.quit();
    });
  });

  void app.whenReady().then(async () => {
    applySessionSecurity(session.defaultSession);
    serveApp(session.defaultSession.protocol, distDir);
    await recent.load();
    registerIpc({
      windowFor,
      documents,
      dialogs: nativeDialogs,
      connectEngine: (contents) => engine.connect(contents),
      prompter,
      documentsDir: app.getPath('documents'),
    });
    engine.start();
    rebuildMenu();
    win = openWindow();

    const first = pendingOpen.shift() ?? databaseArgument(process.argv);
    if (first) openFromSystem(first);

    app.on('activate', () => {
      if (!quitting && BrowserWindow.getAllWindows().length === 0) win = openWindow();
    });
  });
}

// One instance: a second launch hands its file to the first (whose window comes to the front).
if (app.requestSingleInstanceLock()) start();
else app.quit();
