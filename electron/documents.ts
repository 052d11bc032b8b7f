/**
 * Main's side of the open database: New, Open, Save, Save As through native dialogs, the recent
 * list, the unsaved-changes question, and the state the page is told about. The engine host does
 * the file work; this only decides which file and keeps everyone informed.
 */
import type { BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Dialogs } from './dialogs';
import type { HostRequestBody } from './engineProcess';
import type { HostDocState, HostMessage } from './hostProtocol';
import type { DesktopDocumentState } from './preloadApi';
import type { RecentFiles } from './recentFiles';

export interface DocumentControllerDeps {
  request: (body: HostRequestBody) => Promise<HostMessage>;
  recent: RecentFiles;
  dialogs: Dialogs;
  /** Where Save As starts for an untitled database. */
  documentsDir: string;
  broadcast: (state: DesktopDocumentState) => void;
  /** The recent list changed (rebuild the menu). */
  recentChanged: (recent: string[]) => void;
  /** The OS's own recent documents (macOS dock, Windows jump list). */
  addOsRecent?: (path: string) => void;
}

export type OpenOrigin = 'renderer' | 'system';

export class DocumentController {
  private doc: HostDocState = { path: null, readOnly: false, dirty: false };
  private generation = 0;
  private readonly deps: DocumentControllerDeps;

  constructor(deps: DocumentControllerDeps) {
    this.deps = deps;
  }

  get state(): DesktopDocumentState {
    return { ...this.doc, recent: this.deps.recent.items, generation: this.generation };
  }

  get dirty(): boolean {
    return this.doc.dirty;
  }

  private displayName(): string {
    return this.doc.path ? basename(this.doc.path) : 'the untitled database';
  }

  private publish(): DesktopDocumentState {
    const state = this.state;
    this.deps.broadcast(state);
    return state;
  }

  private async remember(path: string): Promise<void> {
    const recent = await this.deps.recent.add(path).catch(() => this.deps.recent.items);
    this.deps.addOsRecent?.(path);
    this.deps.recentChanged(recent);
  }

  async clearRecent(): Promise<void> {
    const recent = await this.deps.recent.clear().catch(() => this.deps.recent.items);
    this.deps.recentChanged(recent);
    this.publish();
  }

  /** Asks about unsaved changes; true when it is fine to replace or close the database. */
  async settleUnsaved(win: BrowserWindow): Promise<boolean> {
    if (!this.doc.dirty) return true;
    const choice = await this.deps.dialogs.confirmUnsaved(win, this.displayName());
    if (choice === 'cancel') return false;
    if (choice === 'discard') return true;
    return (await this.saveDatabase(win)) !== null;
  }

  async newDatabase(win: BrowserWindow): Promise<DesktopDocumentState> {
    if (!(await this.settleUnsaved(win))) return this.state;
    const reply = await this.deps.request({ type: 'new' });
    if (reply.type === 'error') {
      await this.deps.dialogs.showError(win, 'Could not start a new database', reply.message);
      this.doc = reply.doc;
      return this.publish();
    }
    if (reply.type === 'opened') {
      this.doc = reply.doc;
      this.generation++;
    }
    return this.publish();
  }

  /**
   * Opens a database. A path from the page must be one of the recent files (the page cannot make
   * main open arbitrary paths); the OS (double-click, command line) may pass any.
   */
  async openDatabase(win: BrowserWindow, path?: string, origin: OpenOrigin = 'renderer'): Promise<DesktopDocumentState | null> {
    if (path !== undefined && origin === 'renderer' && !this.deps.recent.has(path)) {
      throw new Error('Only a file from the Open Recent list can be opened by path.');
    }
    if (!(await this.settleUnsaved(win))) return null;
    const target = path ?? (await this.deps.dialogs.pickDatabaseToOpen(win, this.doc.path ?? undefined));
    if (!target) return null;

    const reply = await this.deps.request({ type: 'open', path: target });
    if (reply.type === 'error') {
      if (!existsSync(target) && this.deps.recent.has(target)) {
        const recent = await this.deps.recent.remove(target).catch(() => this.deps.recent.items);
        this.deps.recentChanged(recent);
      }
      await this.deps.dialogs.showError(win, `Could not open ${basename(target)}`, reply.message);
      this.doc = reply.doc;
      this.publish();
      return null;
    }
    if (reply.type !== 'opened') return null;
    this.doc = reply.doc;
    this.generation++;
    await this.remember(target);
    const state = this.publish();
    if (reply.readOnlyReason) {
      void this.deps.dialogs.showWarning(win, `${basename(target)} is open elsewhere`, reply.readOnlyReason);
    }
    return state;
  }

  async saveDatabase(win: BrowserWindow): Promise<DesktopDocumentState | null> {
    if (!this.doc.path || this.doc.readOnly) return this.saveDatabaseAs(win);
    return this.saveTo(win, this.doc.path);
  }

  async saveDatabaseAs(win: BrowserWindow): Promise<DesktopDocumentState | null> {
    const defaultPath = this.doc.path ?? join(this.deps.documentsDir, 'RadBench.radbench');
    const target = await this.deps.dialogs.pickDatabaseSaveTarget(win, defaultPath);
    if (!target) return null;
    return this.saveTo(win, target);
  }

  private async saveTo(win: BrowserWindow, path: string): Promise<DesktopDocumentState | null> {
    const reply = await this.deps.request({ type: 'save', path });
    if (reply.type === 'error') {
      await this.deps.dialogs.showError(win, `Could not save ${basename(path)}`, reply.message);
      return null;
    }
    if (reply.type !== 'saved') return null;
    this.doc = reply.doc;
    await this.remember(path);
    return this.publish();
  }

  /** Unsolicited news from the engine host: dirty flag, autosaves, autosave failures. */
  hostMessage(message: HostMessage, win: BrowserWindow | null): void {
    if (message.type === 'state' || message.type === 'saved' || message.type === 'error') {
      this.doc = message.doc;
      this.publish();
    }
    if (message.type === 'error') {
      const title = message.message.startsWith('Autosave') ? 'RadBench could not save' : 'The RadBench engine reported a problem';
      void this.deps.dialogs.showError(win, title, message.message);
    }
  }

  /** The engine process was restarted: reopen the file from its last save, and say what was lost. */
  async engineRestarted(win: BrowserWindow | null): Promise<void> {
    const { path, dirty } = this.doc;
    let reopened = false;
    if (path) {
      const reply = await this.deps.request({ type: 'open', path }).catch(() => null);
      if (reply?.type === 'opened') {
        this.doc = reply.doc;
        reopened = true;
      }
    }
    if (!reopened) this.doc = { path: null, readOnly: false, dirty: false };
    this.generation++;
    this.publish();
    const detail = reopened
      ? `${basename(path ?? '')} was reopened from its last save.${dirty ? ' Changes made since then were lost.' : ''}`
      : path
        ? `${basename(path)} could not be reopened; open it again from File ▸ Open Recent.`
        : 'The untitled database was lost. Import the files again, and save the database to keep it.';
    void this.deps.dialogs.showWarning(win, 'The RadBench engine stopped unexpectedly and was restarted', detail);
  }
}
