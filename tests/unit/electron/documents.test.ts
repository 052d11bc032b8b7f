import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dialogs, UnsavedChoice } from '../../../electron/dialogs';
import { DocumentController } from '../../../electron/documents';
import type { HostRequestBody } from '../../../electron/engineProcess';
import type { HostDocState, HostMessage } from '../../../electron/hostProtocol';
import type { DesktopDocumentState } from '../../../electron/preloadApi';
import { RecentFiles } from '../../../electron/recentFiles';

const win = {} as BrowserWindow;
let dir: string;
let requests: HostRequestBody[];
let respond: (body: HostRequestBody) => HostMessage;
let dialogs: Dialogs & { unsaved: UnsavedChoice };
let broadcasts: DesktopDocumentState[];
let recent: RecentFiles;
let controller: DocumentController;

const doc = (path: string | null, dirty = false, readOnly = false): HostDocState => ({ path, readOnly, dirty });

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
  };
  broadcasts = [];
  recent = new RecentFiles(dir, false);
  await recent.load();
  controller = new DocumentController({
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
    expect(dialogs.showWarning).toHaveBeenCalledWith(win, 'picked.radbench is open elsewhere', 'It is open in process 42 on ward-pc.');
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
});
