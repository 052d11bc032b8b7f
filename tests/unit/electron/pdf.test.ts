/** The desktop PDF export: main prints the sender's own window to A4 and writes the bytes atomically where the user chose. */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { Dialogs } from '../../../electron/dialogs';
import type { DocumentController } from '../../../electron/documents';

const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
    on: () => undefined,
    removeListener: () => undefined,
  },
}));
// The real atomic write, observed: the export must go through it rather than a plain writeFile.
vi.mock('../../../electron/atomicSave', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../electron/atomicSave')>();
  return { ...actual, atomicWrite: vi.fn(actual.atomicWrite) };
});

const { registerIpc } = await import('../../../electron/ipc');
const { Channels } = await import('../../../electron/channels');
const { atomicWrite } = await import('../../../electron/atomicSave');

// A minimal but real PDF header and trailer: the bytes must reach the disk unchanged.
const PDF = new TextEncoder().encode('%PDF-1.7\n% RadBench test\n%%EOF\n');

let dir: string;
let printToPDF: Mock;
let ourContents: WebContents;
let win: BrowserWindow;
let dialogs: Dialogs;
let unregister: () => void;

const trusted = () => ({ sender: ourContents, senderFrame: { url: 'radbench://app/index.html', parent: null } });

function invoke(event: unknown, ...args: unknown[]): Promise<unknown> {
  const handler = handlers.get(Channels.exportPdf);
  if (!handler) throw new Error('no exportPdf handler');
  return Promise.resolve().then(() => handler(event, ...args));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'radbench-pdf-'));
  printToPDF = vi.fn(async () => Buffer.from(PDF));
  ourContents = { id: 1, printToPDF } as unknown as WebContents;
  win = { webContents: ourContents } as unknown as BrowserWindow;
  dialogs = {
    pickImportFiles: vi.fn(),
    pickDatabaseToOpen: vi.fn(),
    pickDatabaseSaveTarget: vi.fn(),
    pickExportTarget: vi.fn(async (_win: BrowserWindow, defaultPath: string) => join(dir, defaultPath.split(/[\\/]/).pop() ?? 'x')),
    confirmUnsaved: vi.fn(),
    showError: vi.fn(async () => undefined),
    showWarning: vi.fn(async () => undefined),
  } as unknown as Dialogs;
  vi.mocked(atomicWrite).mockClear();
  unregister = registerIpc({
    windowFor: (contents) => (contents === ourContents ? win : null),
    documents: {} as DocumentController,
    dialogs,
    connectEngine: () => undefined,
    prompter: { answer: () => false },
    documentsDir: '/home/me/Documents',
  });
});
afterEach(() => {
  unregister();
  rmSync(dir, { recursive: true, force: true });
});

describe('exportPdf', () => {
  it('prints the window to A4 with backgrounds and writes the bytes atomically where the user chose', async () => {
    const saved = await invoke(trusted(), 'radbench-2024-25');
    expect(printToPDF).toHaveBeenCalledTimes(1);
    expect(printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true });
    // A .pdf name is suggested in the documents folder, even when the page left the extension off.
    expect(vi.mocked(dialogs.pickExportTarget).mock.calls[0]).toEqual([win, join('/home/me/Documents', 'radbench-2024-25.pdf')]);
    const target = join(dir, 'radbench-2024-25.pdf');
    expect(saved).toBe(target);
    expect(atomicWrite).toHaveBeenCalledTimes(1);
    expect(vi.mocked(atomicWrite).mock.calls[0]?.[0]).toBe(target);
    expect(new Uint8Array(readFileSync(target))).toEqual(PDF);
    // Nothing left behind: no temporary file, and an export keeps no .bak.
    expect(readdirSync(dir)).toEqual(['radbench-2024-25.pdf']);
  });

  it('keeps only the file name the page suggested', async () => {
    await invoke(trusted(), '../../etc/report.pdf');
    expect(vi.mocked(dialogs.pickExportTarget).mock.calls[0]?.[1]).toBe(join('/home/me/Documents', 'report.pdf'));
  });

  it('writes nothing when the user cancels the dialog', async () => {
    vi.mocked(dialogs.pickExportTarget).mockResolvedValueOnce(null);
    expect(await invoke(trusted(), 'report.pdf')).toBeNull();
    expect(atomicWrite).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('shows a failed write to the user and answers null', async () => {
    vi.mocked(dialogs.pickExportTarget).mockResolvedValueOnce(join(dir, 'missing-folder', 'report.pdf'));
    expect(await invoke(trusted(), 'report.pdf')).toBeNull();
    expect(dialogs.showError).toHaveBeenCalledWith(win, 'Could not save report.pdf', expect.any(String));
  });

  it('refuses a foreign sender before printing anything', async () => {
    const otherContents = { id: 2, printToPDF } as unknown as WebContents;
    const foreign = [
      { sender: ourContents, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: ourContents, senderFrame: { url: 'radbench://app/x.html', parent: {} } },
      { sender: otherContents, senderFrame: { url: 'radbench://app/index.html', parent: null } },
    ];
    for (const event of foreign) await expect(invoke(event, 'report.pdf')).rejects.toThrow('Refused');
    expect(printToPDF).not.toHaveBeenCalled();
    expect(dialogs.pickExportTarget).not.toHaveBeenCalled();
    expect(atomicWrite).not.toHaveBeenCalled();
  });

  it('refuses a file name that is not a string', async () => {
    await expect(invoke(trusted(), { name: 'x' })).rejects.toThrow('must be a string');
    expect(printToPDF).not.toHaveBeenCalled();
  });
});
