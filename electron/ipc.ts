/**
 * The main-process end of window.radbench. Every message is refused unless it comes from the top
 * frame of our own window showing our own origin; arguments are checked before use.
 */
import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { atomicWrite } from './atomicSave';
import { isAppUrl } from './appUrl';
import { Channels } from './channels';
import { ensureExtension, safeFileName, type Dialogs } from './dialogs';
import type { DocumentController } from './documents';
import type { PassphrasePrompter } from './passphrasePrompt';
import type { DesktopFileInfo } from './preloadApi';

/** The parts of an IPC event the sender check reads. */
export interface SenderInfo {
  sender: WebContents;
  senderFrame: { url: string; parent: unknown } | null;
}

/** True when the message comes from the top frame of one of our windows, showing radbench://app. */
export function isTrustedSender(event: SenderInfo, windowFor: (contents: WebContents) => BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!isAppUrl(frame.url)) return false;
  return windowFor(event.sender) !== null;
}

export interface IpcDeps {
  /** Our window showing these contents, or null. */
  windowFor: (contents: WebContents) => BrowserWindow | null;
  documents: DocumentController;
  dialogs: Dialogs;
  connectEngine: (contents: WebContents) => void;
  /** Receives the page's passphrase answers. */
  prompter: Pick<PassphrasePrompter, 'answer'>;
  documentsDir: string;
  writeFile?: (path: string, bytes: Uint8Array) => Promise<void>;
}

const MAX_EXPORT_BYTES = 1024 * 1024 * 1024;

/** Registers every handler; returns a function that removes them. */
export function registerIpc(deps: IpcDeps): () => void {
  const write = deps.writeFile ?? ((path, bytes) => atomicWrite(path, bytes, { backup: false }));

  function trustedWindow(event: IpcMainEvent | IpcMainInvokeEvent | SenderInfo): BrowserWindow {
    const win = isTrustedSender(event as SenderInfo, deps.windowFor) ? deps.windowFor(event.sender) : null;
    if (!win) throw new Error('Refused: this message did not come from the RadBench window.');
    return win;
  }

  /** The native save dialog in the user's documents folder, then an atomic write; a failed write is shown and answers null. */
  async function saveWhereChosen(win: BrowserWindow, name: string, bytes: Uint8Array): Promise<string | null> {
    const target = await deps.dialogs.pickExportTarget(win, join(deps.documentsDir, name));
    if (!target) return null;
    try {
      await write(target, bytes);
    } catch (error) {
      await deps.dialogs.showError(win, `Could not save ${basename(target)}`, error instanceof Error ? error.message : String(error));
      return null;
    }
    return target;
  }

  const handlers: Record<string, (win: BrowserWindow, args: unknown[]) => Promise<unknown>> = {
    [Channels.pickImportFiles]: async (win) => {
      const paths = await deps.dialogs.pickImportFiles(win);
      const files: DesktopFileInfo[] = [];
      for (const path of paths) {
        const info = await stat(path);
        if (info.isFile()) files.push({ path, name: basename(path), size: info.size });
      }
      return files;
    },
    [Channels.newDatabase]: (win) => deps.documents.newDatabase(win),
    [Channels.openDatabase]: (win, [path]) => {
      if (path !== undefined && path !== null && typeof path !== 'string') throw new Error('openDatabase: path must be a string.');
      return deps.documents.openDatabase(win, path ?? undefined);
    },
    [Channels.saveDatabase]: (win) => deps.documents.saveDatabase(win),
    [Channels.saveDatabaseAs]: (win) => deps.documents.saveDatabaseAs(win),
    [Channels.documentState]: async () => deps.documents.state,
    [Channels.setPassphrase]: (win) => deps.documents.setPassphrase(win),
    [Channels.removePassphrase]: (win) => deps.documents.removePassphrase(win),
    // Only the window that was asked can answer, and only its own question (see passphrasePrompt.ts).
    [Channels.answerPassphrase]: async (win, [id, passphrase]) => {
      if (typeof id !== 'number') throw new Error('answerPassphrase: the request id must be a number.');
      if (passphrase !== null && typeof passphrase !== 'string') throw new Error('answerPassphrase: the passphrase must be a string or null.');
      if (typeof passphrase === 'string' && passphrase.length > 4096) throw new Error('answerPassphrase: the passphrase is too long.');
      deps.prompter.answer(win.webContents, id, passphrase);
    },
    [Channels.listRecovery]: () => deps.documents.listRecovery(),
    [Channels.restoreRecovery]: (win, [id]) => {
      if (typeof id !== 'string') throw new Error('restoreRecovery: the id must be a string.');
      return deps.documents.restoreRecovery(win, id);
    },
    [Channels.discardRecovery]: async (_win, [id]) => {
      if (typeof id !== 'string') throw new Error('discardRecovery: the id must be a string.');
      return deps.documents.discardRecovery(id);
    },
    [Channels.saveExport]: async (win, [defaultName, bytes]) => {
      if (typeof defaultName !== 'string') throw new Error('saveExport: the file name must be a string.');
      if (!(bytes instanceof Uint8Array)) throw new Error('saveExport: the content must be a Uint8Array.');
      if (bytes.byteLength > MAX_EXPORT_BYTES) throw new Error('saveExport: the export is larger than 1 GB.');
      return saveWhereChosen(win, safeFileName(defaultName), bytes);
    },
    // Printed from the sender's own window, so the page cannot make main print anything else.
    [Channels.exportPdf]: async (win, [defaultName]) => {
      if (typeof defaultName !== 'string') throw new Error('exportPdf: the file name must be a string.');
      const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
      return saveWhereChosen(win, ensureExtension(safeFileName(defaultName, 'radbench-report'), 'pdf'), pdf);
    },
  };

  for (const [channel, handler] of Object.entries(handlers)) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => handler(trustedWindow(event), args));
  }
  const onPortRequest = (event: IpcMainEvent) => {
    if (isTrustedSender(event as SenderInfo, deps.windowFor)) deps.connectEngine(event.sender);
  };
  ipcMain.on(Channels.requestEnginePort, onPortRequest);

  return () => {
    for (const channel of Object.keys(handlers)) ipcMain.removeHandler(channel);
    ipcMain.removeListener(Channels.requestEnginePort, onPortRequest);
  };
}
