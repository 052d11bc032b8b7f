import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dialogs, UnsavedChoice } from '../../../electron/dialogs';
import { DocumentController } from '../../../electron/documents';
import type { HostRequestBody } from '../../../electron/engineProcess';
import type { HostDocState, HostMessage } from '../../../electron/hostProtocol';
import type { DesktopDocumentState, DesktopRecoveryEntry, PassphraseRequest } from '../../../electron/preloadApi';
import { RecentFiles } from '../../../electron/recentFiles';
import type { RecoveryMeta } from '../../../electron/recovery';

const win = {} as BrowserWindow;
let dir: string;
let requests: HostRequestBody[];
let respond: (body: HostRequestBody) => HostMessage;
let dialogs: Dialogs & { unsaved: UnsavedChoice };
let broadcasts: DesktopDocumentState[];
let recent: RecentFiles;
let controller: DocumentController;
let asked: Omit<PassphraseRequest, 'id'>[];
let answers: (string | null)[];
let copies: RecoveryMeta[];
let offered: DesktopRecoveryEntry[][];

const COPY_ID = '1740819600000-0123456789ab';
const copy = (originalPath: string | null): RecoveryMeta => ({
  format: 1,
  id: COPY_ID,
  session: 'crashed',
  originalPath,
  savedAt: '2025-03-01T09:00:00.000Z',
  encrypted: false,
  bytes: 10,
});

const doc = (path: string | null, dirty = false, readOnly = false, encrypted = false): HostDocState => ({ path, readOnly, dirty, encrypted });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'radbench-documents-'));
  requests = [];
  respond = (body) => {
    if (body.type === 'open') return { type: 'opened', id: 1, doc: doc(body.path), readOnlyReason: null };
    if (body.type === 'save') return { type: 'saved', id: 1, doc: doc(body.path), autosave: false };
    return { type: 'opened', id: 1, doc: doc(null), readOnlyReason: null };
  };
  dialogs = {
    unsaved: 'cancel',
    pickImportFiles: vi.fn(),
    pickDatabaseToOpen: vi.fn(async () => join(dir, 'picked.radbench')),
    pickDatabaseSaveTarget: vi.fn(async () => join(dir, 'saved.radbench')),
    pickExportTarget: vi.fn(),
    confirmUnsaved: vi.fn(async () => dialogs.unsaved),
    showError: vi.fn(async () => undefined),
    showWarning: vi.fn(async () => undefined),
    showInfo: vi.fn(async () => undefined),
  };
  broadcasts = [];
  asked = [];
  answers = [];
  copies = [];
  offered = [];
  recent = new RecentFiles(dir, false);
  await recent.load();
  controller = new DocumentController({
    askPassphrase: async (_win, request) => {
      asked.push(request);
      return answers.shift() ?? null;
    },
    recovery: {
      list: async () => copies,
      meta: async (id) => copies.find((c) => c.id === id) ?? null,
      remove: async (id) => void (copies = copies.filter((c) => c.id !== id)),
    },
    offerRecovery: (entries) => offered.push(entries),
    request: async (body) => {
      requests.push(body);
      return respond(body);
    },
    recent,
    dialogs,
    documentsDir: dir,
    broadcast: (s) => broadcasts.push(s),
    recentChanged: () => undefined,
  });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('DocumentController', () => {
  it('opens through the dialog, remembers the file and tells the page to reload', async () => {
    const state = await controller.openDatabase(win);
    const path = join(dir, 'picked.radbench');
    expect(requests).toEqual([{ type: 'open', path }]);
    expect(state).toMatchObject({ path, dirty: false, recent: [path], generation: 1 });
    expect(broadcasts.at(-1)).toEqual(state);
  });

  it('refuses a path from the page that is not in the recent list', async () => {
    await expect(controller.openDatabase(win, '/etc/shadow')).rejects.toThrow('Open Recent');
    expect(requests).toEqual([]);
    await recent.add('/data/dept.radbench');
    await controller.openDatabase(win, '/data/dept.radbench');
    expect(requests).toEqual([{ type: 'open', path: '/data/dept.radbench' }]);
  });

  it('lets the OS open any path (double-click, command line)', async () => {
    await controller.openDatabase(win, '/mnt/share/dept.radbench', 'system');
    expect(requests).toEqual([{ type: 'open', path: '/mnt/share/dept.radbench' }]);
  });

  it('asks before replacing unsaved changes, and Cancel keeps them', async () => {
    controller.hostMessage({ type: 'state', doc: doc(null, true) }, win);
    dialogs.unsaved = 'cancel';
    expect(await controller.openDatabase(win)).toBeNull();
    expect((await controller.newDatabase(win)).dirty).toBe(true);
    expect(requests).toEqual([]);
  });

  it("Don't Save discards; Save saves first", async () => {
    controller.hostMessage({ type: 'state', doc: doc(null, true) }, win);
    dialogs.unsaved = 'discard';
    await controller.newDatabase(win);
    expect(requests).toEqual([{ type: 'new' }]);

    controller.hostMessage({ type: 'state', doc: doc(null, true) }, win);
    dialogs.unsaved = 'save';
    requests = [];
    await controller.openDatabase(win);
    expect(requests.map((r) => r.type)).toEqual(['save', 'open']);
  });

  it('Save on an untitled or read-only database goes through Save As', async () => {
    await controller.saveDatabase(win);
    expect(dialogs.pickDatabaseSaveTarget).toHaveBeenCalledWith(win, join(dir, 'RadBench.radbench'));
    expect(requests).toEqual([{ type: 'save', path: join(dir, 'saved.radbench') }]);

    controller.hostMessage({ type: 'state', doc: doc('/shared/dept.radbench', false, true) }, win);
    requests = [];
    await controller.saveDatabase(win);
    expect(requests).toEqual([{ type: 'save', path: join(dir, 'saved.radbench') }]);
  });

  it('shows the host error and keeps the state when a save fails', async () => {
    respond = () => ({ type: 'error', id: 1, message: 'The disk is full.', doc: doc(null, true) });
    expect(await controller.saveDatabaseAs(win)).toBeNull();
    expect(dialogs.showError).toHaveBeenCalledWith(win, 'Could not save saved.radbench', 'The disk is full.');
  });

  it('warns when a file opens read-only because it is open elsewhere', async () => {
    respond = (body) => ({
      type: 'opened',
      id: 1,
      doc: doc(body.type === 'open' ? body.path : null, false, true),
      readOnlyReason: 'It is open in process 42 on ward-pc.',
    });
    const state = await controller.openDatabase(win);
    expect(state?.readOnly).toBe(true);
    expect(dialogs.showWarning).toHaveBeenCalledWith(win, 'picked.radbench was opened read-only', 'It is open in process 42 on ward-pc.');
  });

  it('after an engine crash, reopens the file from its last save and says changes were lost', async () => {
    await controller.openDatabase(win);
    controller.hostMessage({ type: 'state', doc: doc(join(dir, 'picked.radbench'), true) }, win);
    requests = [];
    await controller.engineRestarted(win);
    expect(requests).toEqual([{ type: 'open', path: join(dir, 'picked.radbench') }]);
    expect(broadcasts.at(-1)).toMatchObject({ dirty: false, generation: 2 });
    expect(vi.mocked(dialogs.showWarning).mock.calls.at(-1)?.[2]).toContain('Changes made since then were lost');
  });

  it('reports an autosave failure to the user', () => {
    controller.hostMessage({ type: 'error', id: null, message: 'Autosave failed. The disk is full.', doc: doc('/a.radbench', true) }, win);
    expect(dialogs.showError).toHaveBeenCalledWith(win, 'RadBench could not save', 'Autosave failed. The disk is full.');
    expect(broadcasts.at(-1)).toMatchObject({ path: '/a.radbench', dirty: true });
  });

  it('asks for the passphrase of a protected file until it is right, showing why the last one failed', async () => {
    const path = join(dir, 'picked.radbench');
    respond = (body) => {
      if (body.type !== 'open') return { type: 'error', id: 1, message: '?', doc: doc(null) };
      if (body.passphrase === undefined) return { type: 'error', id: 1, code: 'passphrase-required', message: 'picked.radbench is protected with a passphrase.', doc: doc(null) };
      if (body.passphrase !== 'right one') return { type: 'error', id: 1, code: 'wrong-passphrase', message: 'That passphrase does not open picked.radbench.', doc: doc(null) };
      return { type: 'opened', id: 1, doc: doc(path, false, false, true), readOnlyReason: null };
    };
    answers = ['wrong one', 'right one'];
    const state = await controller.openDatabase(win);
    expect(state).toMatchObject({ path, encrypted: true });
    expect(asked).toEqual([
      { purpose: 'unlock', fileName: 'picked.radbench', error: null },
      { purpose: 'unlock', fileName: 'picked.radbench', error: 'That passphrase does not open picked.radbench.' },
    ]);
    expect(requests.map((r) => (r.type === 'open' ? r.passphrase : null))).toEqual([undefined, 'wrong one', 'right one']);
    expect(dialogs.showError).not.toHaveBeenCalled();
  });

  it('cancelling the passphrase opens nothing and shows no error', async () => {
    respond = () => ({ type: 'error', id: 1, code: 'passphrase-required', message: 'protected', doc: doc(null) });
    answers = [null];
    expect(await controller.openDatabase(win)).toBeNull();
    expect(requests).toHaveLength(1);
    expect(dialogs.showError).not.toHaveBeenCalled();
    expect(recent.items).toEqual([]);
  });

  it('tells the user when an older file was upgraded and where its original is kept', async () => {
    respond = (body) => ({ type: 'opened', id: 1, doc: doc(body.type === 'open' ? body.path : null), readOnlyReason: null, notice: 'The original file is kept unchanged as picked.radbench.v3.bak.' });
    await controller.openDatabase(win);
    expect(dialogs.showInfo).toHaveBeenCalledWith(win, 'picked.radbench was upgraded', 'The original file is kept unchanged as picked.radbench.v3.bak.');
  });

  it('sets a passphrase (asking again while it is too weak) and removes it after confirming the current one', async () => {
    controller.hostMessage({ type: 'state', doc: doc('/data/dept.radbench') }, win);
    respond = (body) => {
      if (body.type === 'protect') {
        return body.passphrase.length < 8
          ? { type: 'error', id: 1, code: 'weak-passphrase', message: 'Choose a passphrase of at least 8 characters.', doc: doc('/data/dept.radbench') }
          : { type: 'protected', id: 1, doc: doc('/data/dept.radbench', false, false, true) };
      }
      if (body.type === 'unprotect') {
        return body.passphrase === 'long enough now'
          ? { type: 'protected', id: 1, doc: doc('/data/dept.radbench') }
          : { type: 'error', id: 1, code: 'wrong-passphrase', message: 'That is not the passphrase of this database.', doc: doc('/data/dept.radbench', false, false, true) };
      }
      return { type: 'error', id: 1, message: '?', doc: doc(null) };
    };
    answers = ['short', 'long enough now'];
    expect(await controller.setPassphrase(win)).toMatchObject({ encrypted: true });
    expect(asked.map((a) => [a.purpose, a.fileName, a.error])).toEqual([
      ['set', 'dept.radbench', null],
      ['set', 'dept.radbench', 'Choose a passphrase of at least 8 characters.'],
    ]);
    expect(broadcasts.at(-1)).toMatchObject({ encrypted: true });

    asked = [];
    answers = ['guess', 'long enough now'];
    expect(await controller.removePassphrase(win)).toMatchObject({ encrypted: false });
    expect(asked.map((a) => [a.purpose, a.error])).toEqual([
      ['remove', null],
      ['remove', 'That is not the passphrase of this database.'],
    ]);
  });

  it('a read-only database cannot be protected, and removing from an unprotected one asks nothing', async () => {
    controller.hostMessage({ type: 'state', doc: doc('/shared/dept.radbench', false, true) }, win);
    expect(await controller.setPassphrase(win)).toBeNull();
    expect(dialogs.showError).toHaveBeenCalled();
    expect(await controller.removePassphrase(win)).toMatchObject({ encrypted: false });
    expect(asked).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('lists, restores and discards recovery copies', async () => {
    copies = [copy('/data/dept.radbench')];
    expect(await controller.listRecovery()).toEqual([
      { id: COPY_ID, originalPath: '/data/dept.radbench', savedAt: '2025-03-01T09:00:00.000Z', encrypted: false, bytes: 10 },
    ]);
    respond = () => ({ type: 'opened', id: 1, doc: doc('/data/dept.radbench', true), readOnlyReason: null, notice: 'Restored the work kept at 01/03/2025.' });
    const restored = await controller.restoreRecovery(win, COPY_ID);
    expect(requests).toEqual([{ type: 'restore', recoveryId: COPY_ID }]);
    expect(restored).toMatchObject({ state: { path: '/data/dept.radbench', dirty: true, generation: 1 }, notice: 'Restored the work kept at 01/03/2025.' });
    expect(recent.items).toEqual(['/data/dept.radbench']);

    expect(await controller.discardRecovery(COPY_ID)).toEqual([]);
    await expect(controller.restoreRecovery(win, '../../etc/passwd')).rejects.toThrow('not a recovery copy id');
    await expect(controller.discardRecovery('x')).rejects.toThrow('not a recovery copy id');
    expect(await controller.restoreRecovery(win, COPY_ID)).toBeNull();
    expect(dialogs.showError).toHaveBeenCalledWith(win, 'The recovery copy is gone', expect.any(String));
  });

  it('asks about unsaved changes before restoring over them', async () => {
    copies = [copy(null)];
    controller.hostMessage({ type: 'state', doc: doc(null, true) }, win);
    dialogs.unsaved = 'cancel';
    expect(await controller.restoreRecovery(win, COPY_ID)).toBeNull();
    expect(requests).toEqual([]);
  });

  it('after an engine crash with unsaved work, offers the recovery copy it left', async () => {
    await controller.openDatabase(win);
    controller.hostMessage({ type: 'state', doc: doc(join(dir, 'picked.radbench'), true) }, win);
    copies = [copy(join(dir, 'picked.radbench'))];
    await controller.engineRestarted(win);
    expect(vi.mocked(dialogs.showWarning).mock.calls.at(-1)?.[2]).toContain('A recovery copy of the unsaved work was kept');
    expect(offered).toEqual([[expect.objectContaining({ id: COPY_ID })]]);
  });
});
