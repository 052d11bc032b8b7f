import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { Dialogs } from '../../../electron/dialogs';
import type { DocumentController } from '../../../electron/documents';

const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
    on: (channel: string, fn: (event: unknown, ...args: unknown[]) => void) => listeners.set(channel, fn),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

const { isTrustedSender, registerIpc } = await import('../../../electron/ipc');
const { Channels } = await import('../../../electron/channels');

const ourContents = { id: 1 } as unknown as WebContents;
const otherContents = { id: 2 } as unknown as WebContents;
const win = { webContents: ourContents } as unknown as BrowserWindow;
const windowFor = (contents: WebContents) => (contents === ourContents ? win : null);

const topFrame = (url: string) => ({ url, parent: null });
const trusted = { sender: ourContents, senderFrame: topFrame('radbench://app/index.html') };
const foreignEvents: [string, unknown][] = [
  ['an https page', { sender: ourContents, senderFrame: topFrame('https://evil.example/') }],
  ['a file: page', { sender: ourContents, senderFrame: topFrame('file:///tmp/x.html') }],
  ['another radbench host', { sender: ourContents, senderFrame: topFrame('radbench://evil/index.html') }],
  ['a sub-frame of our page', { sender: ourContents, senderFrame: { url: 'radbench://app/x.html', parent: {} } }],
  ['a disposed frame', { sender: ourContents, senderFrame: null }],
  ['another web contents', { sender: otherContents, senderFrame: topFrame('radbench://app/index.html') }],
];

let dir: string;
let documents: {
  newDatabase: Mock;
  openDatabase: Mock;
  saveDatabase: Mock;
  saveDatabaseAs: Mock;
  setPassphrase: Mock;
  removePassphrase: Mock;
  listRecovery: Mock;
  restoreRecovery: Mock;
  discardRecovery: Mock;
  state: unknown;
};
let dialogs: Dialogs;
let connectEngine: Mock<(contents: WebContents) => void>;
let prompter: { answer: Mock };
let unregister: () => void;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'radbench-ipc-'));
  documents = {
    newDatabase: vi.fn(async () => ({ path: null })),
    openDatabase: vi.fn(async () => ({ path: '/x.radbench' })),
    saveDatabase: vi.fn(async () => null),
    saveDatabaseAs: vi.fn(async () => null),
    setPassphrase: vi.fn(async () => ({ encrypted: true })),
    removePassphrase: vi.fn(async () => ({ encrypted: false })),
    listRecovery: vi.fn(async () => []),
    restoreRecovery: vi.fn(async () => null),
    discardRecovery: vi.fn(async () => []),
    state: { path: null, readOnly: false, dirty: false, recent: [] },
  };
  prompter = { answer: vi.fn(() => true) };
  dialogs = {
    pickImportFiles: vi.fn(async () => [join(dir, 'ris.csv')]),
    pickDatabaseToOpen: vi.fn(),
    pickDatabaseSaveTarget: vi.fn(),
    pickExportTarget: vi.fn(async (_win: BrowserWindow, defaultPath: string) => join(dir, defaultPath.split(/[\\/]/).pop() ?? 'x')),
    confirmUnsaved: vi.fn(),
    showError: vi.fn(async () => undefined),
    showWarning: vi.fn(async () => undefined),
  } as unknown as Dialogs;
  connectEngine = vi.fn<(contents: WebContents) => void>();
  unregister = registerIpc({
    windowFor,
    documents: documents as unknown as DocumentController,
    dialogs,
    connectEngine,
    prompter,
    documentsDir: '/home/me/Documents',
  });
});
afterEach(() => {
  unregister();
  rmSync(dir, { recursive: true, force: true });
});

const invoke = (channel: string, event: unknown, ...args: unknown[]) => {
  const handler = handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return Promise.resolve().then(() => handler(event, ...args));
};

describe('isTrustedSender', () => {
  it('accepts only the top frame of our window on radbench://app', () => {
    expect(isTrustedSender(trusted, windowFor)).toBe(true);
    for (const [, event] of foreignEvents) expect(isTrustedSender(event as never, windowFor)).toBe(false);
  });
});

describe('registerIpc', () => {
  it('registers a handler for every invoke channel of the preload API', () => {
    expect([...handlers.keys()].sort()).toEqual(
      [
        Channels.pickImportFiles,
        Channels.newDatabase,
        Channels.openDatabase,
        Channels.saveDatabase,
        Channels.saveDatabaseAs,
        Channels.saveExport,
        Channels.exportPdf,
        Channels.documentState,
        Channels.setPassphrase,
        Channels.removePassphrase,
        Channels.answerPassphrase,
        Channels.listRecovery,
        Channels.restoreRecovery,
        Channels.discardRecovery,
      ].sort(),
    );
    expect(listeners.has(Channels.requestEnginePort)).toBe(true);
  });

  it.each(foreignEvents)('refuses every channel from %s', async (_name, event) => {
    for (const channel of handlers.keys()) {
      await expect(invoke(channel, event)).rejects.toThrow('Refused');
    }
    expect(documents.newDatabase).not.toHaveBeenCalled();
    expect(dialogs.pickImportFiles).not.toHaveBeenCalled();
    expect(prompter.answer).not.toHaveBeenCalled();
    expect(documents.restoreRecovery).not.toHaveBeenCalled();
    expect(documents.discardRecovery).not.toHaveBeenCalled();
  });

  it('passes a passphrase answer to the prompter with the asking window, and checks its types', async () => {
    await invoke(Channels.answerPassphrase, trusted, 7, 'a long passphrase');
    expect(prompter.answer).toHaveBeenCalledWith(ourContents, 7, 'a long passphrase');
    await invoke(Channels.answerPassphrase, trusted, 8, null);
    expect(prompter.answer).toHaveBeenLastCalledWith(ourContents, 8, null);
    await expect(invoke(Channels.answerPassphrase, trusted, '7', 'x')).rejects.toThrow('must be a number');
    await expect(invoke(Channels.answerPassphrase, trusted, 7, { passphrase: 'x' })).rejects.toThrow('string or null');
    await expect(invoke(Channels.answerPassphrase, trusted, 7, 'x'.repeat(5000))).rejects.toThrow('too long');
    expect(prompter.answer).toHaveBeenCalledTimes(2);
  });

  it('passes passphrase and recovery calls to the document controller, checking the ids', async () => {
    expect(await invoke(Channels.setPassphrase, trusted)).toEqual({ encrypted: true });
    expect(documents.setPassphrase).toHaveBeenCalledWith(win);
    expect(await invoke(Channels.removePassphrase, trusted)).toEqual({ encrypted: false });
    expect(documents.removePassphrase).toHaveBeenCalledWith(win);
    await invoke(Channels.listRecovery, trusted);
    expect(documents.listRecovery).toHaveBeenCalled();
    await invoke(Channels.restoreRecovery, trusted, '1700000000000-0123456789ab');
    expect(documents.restoreRecovery).toHaveBeenCalledWith(win, '1700000000000-0123456789ab');
    await expect(invoke(Channels.restoreRecovery, trusted, 42)).rejects.toThrow('must be a string');
    await invoke(Channels.discardRecovery, trusted, '1700000000000-0123456789ab');
    expect(documents.discardRecovery).toHaveBeenCalledWith('1700000000000-0123456789ab');
    await expect(invoke(Channels.discardRecovery, trusted, ['x'])).rejects.toThrow('must be a string');
  });

  it('gives no engine port to a foreign frame', () => {
    listeners.get(Channels.requestEnginePort)?.(foreignEvents[0]?.[1]);
    expect(connectEngine).not.toHaveBeenCalled();
    listeners.get(Channels.requestEnginePort)?.(trusted);
    expect(connectEngine).toHaveBeenCalledWith(ourContents);
  });

  it('passes trusted calls to the document controller with the window', async () => {
    await invoke(Channels.newDatabase, trusted);
    expect(documents.newDatabase).toHaveBeenCalledWith(win);
    await invoke(Channels.openDatabase, trusted, '/x.radbench');
    expect(documents.openDatabase).toHaveBeenCalledWith(win, '/x.radbench');
    await invoke(Channels.openDatabase, trusted);
    expect(documents.openDatabase).toHaveBeenLastCalledWith(win, undefined);
    await expect(invoke(Channels.openDatabase, trusted, { path: '/x' })).rejects.toThrow('must be a string');
    expect(await invoke(Channels.documentState, trusted)).toEqual(documents.state);
  });

  it('returns picked import files with their name and size', async () => {
    writeFileSync(join(dir, 'ris.csv'), 'a,b\n1,2\n');
    expect(await invoke(Channels.pickImportFiles, trusted)).toEqual([{ path: join(dir, 'ris.csv'), name: 'ris.csv', size: 8 }]);
  });

  it('saves an export where the user chose, using only the file name the page suggested', async () => {
    const bytes = new TextEncoder().encode('month,reports\n2024-04,10\n');
    const saved = await invoke(Channels.saveExport, trusted, '../../etc/report.csv', bytes);
    expect(saved).toBe(join(dir, 'report.csv'));
    expect(vi.mocked(dialogs.pickExportTarget).mock.calls[0]?.[1]).toBe(join('/home/me/Documents', 'report.csv'));
    expect(readFileSync(join(dir, 'report.csv'), 'utf8')).toBe('month,reports\n2024-04,10\n');
    await expect(invoke(Channels.saveExport, trusted, 'x.csv', 'not bytes')).rejects.toThrow('Uint8Array');
  });
});
