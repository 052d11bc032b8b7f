/**
 * Main's side of the open database: New, Open, Save, Save As through native dialogs, the recent
 * list, the unsaved-changes question, passphrases (asked through the page) and recovery copies, and
 * the state the page is told about. The engine host does the file work; this only decides which file
 * and keeps everyone informed.
 */
import type { BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Dialogs } from './dialogs';
import type { HostRequestBody } from './engineProcess';
import type { HostDocState, HostMessage } from './hostProtocol';
import type { DesktopDocumentState, DesktopRecoveryEntry, PassphraseRequest, RestoreResult } from './preloadApi';
import type { RecentFiles } from './recentFiles';
import { isRecoveryId, type RecoveryMeta } from './recovery';

/** Asks the page for a passphrase; null when cancelled. */
export type AskPassphrase = (win: BrowserWindow | null, request: Omit<PassphraseRequest, 'id'>) => Promise<string | null>;

/** Main's view of the recovery folder: copies left by other sessions of the engine host. */
export interface RecoveryAccess {
  list(): Promise<RecoveryMeta[]>;
  meta(id: string): Promise<RecoveryMeta | null>;
  remove(id: string): Promise<void>;
}

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
  askPassphrase?: AskPassphrase;
  recovery?: RecoveryAccess;
  /** Recovery copies to offer the page now (after the engine was restarted). */
  offerRecovery?: (entries: DesktopRecoveryEntry[]) => void;
}

export type OpenOrigin = 'renderer' | 'system';

type UnlockBody = Extract<HostRequestBody, { type: 'open' } | { type: 'restore' }>;

const EMPTY_DOC: HostDocState = { path: null, readOnly: false, dirty: false, encrypted: false };

export function recoveryEntry(meta: RecoveryMeta): DesktopRecoveryEntry {
  return { id: meta.id, originalPath: meta.originalPath, savedAt: meta.savedAt, encrypted: meta.encrypted, bytes: meta.bytes };
}

export class DocumentController {
  private doc: HostDocState = { ...EMPTY_DOC };
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

  private ask(win: BrowserWindow | null, request: Omit<PassphraseRequest, 'id'>): Promise<string | null> {
    return this.deps.askPassphrase ? this.deps.askPassphrase(win, request) : Promise.resolve(null);
  }

  /**
   * Sends an open or restore request, asking for the passphrase while the host says one is needed or wrong.
   * Null when the user cancelled the passphrase dialog (nothing was opened).
   */
  private async unlockRequest(win: BrowserWindow | null, body: UnlockBody, fileName: string): Promise<HostMessage | null> {
    let request: UnlockBody = body;
    for (;;) {
      const reply = await this.deps.request(request);
      if (reply.type !== 'error' || (reply.code !== 'passphrase-required' && reply.code !== 'wrong-passphrase')) return reply;
      const passphrase = await this.ask(win, { purpose: 'unlock', fileName, error: reply.code === 'wrong-passphrase' ? reply.message : null });
      if (passphrase === null) return null;
      request = { ...body, passphrase };
    }
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

    const reply = await this.unlockRequest(win, { type: 'open', path: target }, basename(target));
    if (reply === null) return null;
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
      void this.deps.dialogs.showWarning(win, `${basename(target)} was opened read-only`, reply.readOnlyReason);
    } else if (reply.notice) {
      void this.deps.dialogs.showInfo(win, `${basename(target)} was upgraded`, reply.notice);
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

  /** Protects the database with a passphrase the user chooses (asked twice in the page's dialog). */
  async setPassphrase(win: BrowserWindow): Promise<DesktopDocumentState | null> {
    if (this.doc.path && this.doc.readOnly) {
      await this.deps.dialogs.showError(win, 'This database is open read-only', `${basename(this.doc.path)} is open read-only. Use Save As to save your own copy, then protect that.`);
      return null;
    }
    return this.changeProtection(win, 'set', 'protect', 'weak-passphrase', 'The passphrase was not set');
  }

  /** Removes the protection once the current passphrase is confirmed. */
  async removePassphrase(win: BrowserWindow): Promise<DesktopDocumentState | null> {
    if (!this.doc.encrypted) return this.state;
    return this.changeProtection(win, 'remove', 'unprotect', 'wrong-passphrase', 'The passphrase was not removed');
  }

  /** Asks for a passphrase until the host takes it, asking again with the reason while it refuses it as `retryOn`. */
  private async changeProtection(
    win: BrowserWindow,
    purpose: 'set' | 'remove',
    type: 'protect' | 'unprotect',
    retryOn: 'weak-passphrase' | 'wrong-passphrase',
    failTitle: string,
  ): Promise<DesktopDocumentState | null> {
    let error: string | null = null;
    for (;;) {
      const passphrase = await this.ask(win, { purpose, fileName: this.displayName(), error });
      if (passphrase === null) return null;
      const reply = await this.deps.request({ type, passphrase });
      if (reply.type === 'protected') {
        this.doc = reply.doc;
        return this.publish();
      }
      if (reply.type === 'error' && reply.code === retryOn) {
        error = reply.message;
        continue;
      }
      if (reply.type === 'error') await this.deps.dialogs.showError(win, failTitle, reply.message);
      return null;
    }
  }

  /** Recovery copies left by sessions that did not close cleanly, newest first. */
  async listRecovery(): Promise<DesktopRecoveryEntry[]> {
    return ((await this.deps.recovery?.list()) ?? []).map(recoveryEntry);
  }

  async restoreRecovery(win: BrowserWindow, id: string): Promise<RestoreResult | null> {
    if (!isRecoveryId(id)) throw new Error('restoreRecovery: not a recovery copy id.');
    const meta = await this.deps.recovery?.meta(id);
    if (!meta) {
      await this.deps.dialogs.showError(win, 'The recovery copy is gone', 'That recovery copy is no longer there. It may have been restored or discarded already.');
      return null;
    }
    if (!(await this.settleUnsaved(win))) return null;
    const name = meta.originalPath ? basename(meta.originalPath) : 'the untitled database';
    const reply = await this.unlockRequest(win, { type: 'restore', recoveryId: id }, name);
    if (reply === null) return null;
    if (reply.type === 'error') {
      await this.deps.dialogs.showError(win, 'Could not restore the unsaved work', reply.message);
      this.doc = reply.doc;
      this.publish();
      return null;
    }
    if (reply.type !== 'opened') return null;
    this.doc = reply.doc;
    this.generation++;
    if (meta.originalPath) await this.remember(meta.originalPath);
    const state = this.publish();
    if (reply.readOnlyReason) void this.deps.dialogs.showWarning(win, `${name} was opened read-only`, reply.readOnlyReason);
    return { state, notice: reply.notice ?? null };
  }

  async discardRecovery(id: string): Promise<DesktopRecoveryEntry[]> {
    if (!isRecoveryId(id)) throw new Error('discardRecovery: not a recovery copy id.');
    await this.deps.recovery?.remove(id);
    return this.listRecovery();
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

  /** The engine process was restarted: reopen the file from its last save, and offer what the crash left. */
  async engineRestarted(win: BrowserWindow | null): Promise<void> {
    const { path, dirty } = this.doc;
    let reopened = false;
    if (path) {
      const reply = await this.unlockRequest(win, { type: 'open', path }, basename(path)).catch(() => null);
      if (reply?.type === 'opened') {
        this.doc = reply.doc;
        reopened = true;
      }
    }
    if (!reopened) this.doc = { ...EMPTY_DOC };
    this.generation++;
    this.publish();
    const kept = dirty ? await this.listRecovery().catch(() => []) : [];
    const lost = kept.length > 0 ? ' A recovery copy of the unsaved work was kept: RadBench offers to restore it.' : ' Changes made since then were lost.';
    const detail = reopened
      ? `${basename(path ?? '')} was reopened from its last save.${dirty ? lost : ''}`
      : path
        ? `${basename(path)} could not be reopened; open it again from File ▸ Open Recent.${dirty && kept.length > 0 ? lost : ''}`
        : kept.length > 0
          ? `The untitled database was closed.${lost}`
          : 'The untitled database was lost. Import the files again, and save the database to keep it.';
    void this.deps.dialogs.showWarning(win, 'The RadBench engine stopped unexpectedly and was restarted', detail);
    if (kept.length > 0) this.deps.offerRecovery?.(kept);
  }
}
