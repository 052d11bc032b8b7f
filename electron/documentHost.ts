/**
 * The engine host's side of the open `.radbench` file: open, new, save (atomic, locked), autosave after
 * every committed change, a copy of a file before its schema is upgraded, recovery copies while work is
 * unsaved, and passphrase protection. It wraps the engine so that the page's calls keep the document state
 * right; it knows nothing of imports or metrics beyond which calls change data.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { EngineApi, ImportReport } from '../shared/contract';
import { atomicWrite } from './atomicSave';
import { acquireLock, type FileLock, type LockResult } from './fileLock';
import type { HostDocState, HostErrorCode, HostMessage, HostRequest } from './hostProtocol';
import {
  DatabaseKey,
  DEFAULT_KDF,
  EncryptionError,
  decryptDatabase,
  encryptDatabase,
  isEncryptedDatabase,
  type KdfParams,
} from './node/encryptedDatabase';
import type { RecoveryStore } from './recovery';

export interface RecoveryOptions {
  store: RecoveryStore;
  /** This host's session: main offers only other sessions' copies. */
  session: string;
  /** A recovery copy is written this long after the first unsaved change (default 20 s). */
  delayMs?: number;
}

export interface DocumentHostDeps {
  engine: EngineApi;
  post: (message: HostMessage) => void;
  readFile?: (path: string) => Promise<Uint8Array>;
  /** Atomic replace; keeps `<path>.bak` unless `backup` is false. */
  writeFile?: (path: string, bytes: Uint8Array, options?: { backup?: boolean }) => Promise<void>;
  acquireLock?: (path: string) => Promise<LockResult>;
  listDir?: (dir: string) => Promise<string[]>;
  recovery?: RecoveryOptions | null;
  /** scrypt settings for new passphrases (tests use cheap ones). */
  kdf?: KdfParams;
  now?: () => Date;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function fileError(path: string, action: 'open' | 'save', error: unknown): string {
  const code = errorCode(error);
  const name = basename(path);
  if (code === 'ENOENT') return `${name} was not found at ${path}. It may have been moved or deleted.`;
  if (code === 'EACCES' || code === 'EPERM') return `RadBench may not ${action} ${path}. Check the folder's permissions, or choose another folder.`;
  if (code === 'ENOSPC') return `The disk is full, so ${name} could not be saved. Free some space and save again.`;
  if (code === 'ERR_FS_FILE_TOO_LARGE') return `${name} is too large to open.`;
  return `Could not ${action} ${name}: ${describe(error)}`;
}

async function readBytes(path: string): Promise<Uint8Array> {
  const buffer = await readFile(path);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/** PRAGMA user_version as stored in a SQLite file's header (bytes 60–63), or null for anything else. */
export function sqliteUserVersion(bytes: Uint8Array): number | null {
  if (bytes.length < 100) return null;
  for (let i = 0; i < SQLITE_MAGIC.length; i++) if (bytes[i] !== SQLITE_MAGIC.charCodeAt(i)) return null;
  return ((bytes[60]! << 24) | (bytes[61]! << 16) | (bytes[62]! << 8) | bytes[63]!) >>> 0;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** The copy kept of a file before a schema upgrade: `dept.radbench.v3.bak`. */
export function migrationBackupPath(path: string, fromVersion: number, stamp?: string): string {
  return stamp ? `${path}.v${fromVersion}-${stamp}.bak` : `${path}.v${fromVersion}.bak`;
}

type Unlocked = { ok: true; plain: Uint8Array; key: DatabaseKey | null } | { ok: false; message: string; code?: HostErrorCode };

export class DocumentHost {
  /** The engine as the page sees it: same API, with document bookkeeping around the calls that change data. */
  readonly api: EngineApi;

  private path: string | null = null;
  private readOnly = false;
  private lock: FileLock | null = null;
  /** The document's passphrase key, in memory only while the document is open. */
  private key: DatabaseKey | null = null;
  /** Bumped on every change to the data; a save records the revision it wrote. */
  private revision = 0;
  private savedRevision = 0;
  /** Bumped whenever a different database is loaded, so a queued autosave never writes it to the old path. */
  private generation = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private autosaveQueued = false;

  private recoveryId: string | null = null;
  private recoveredRevision = -1;
  private recoveryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  private readonly engine: EngineApi;
  private readonly post: (message: HostMessage) => void;
  private readonly read: (path: string) => Promise<Uint8Array>;
  private readonly write: (path: string, bytes: Uint8Array, options?: { backup?: boolean }) => Promise<void>;
  private readonly lockFile: (path: string) => Promise<LockResult>;
  private readonly listDir: (dir: string) => Promise<string[]>;
  private readonly recovery: RecoveryOptions | null;
  private readonly kdf: KdfParams;
  private readonly now: () => Date;

  constructor(deps: DocumentHostDeps) {
    this.engine = deps.engine;
    this.post = deps.post;
    this.read = deps.readFile ?? readBytes;
    this.write = deps.writeFile ?? ((path, bytes, options) => atomicWrite(path, bytes, { backup: options?.backup ?? true }));
    this.lockFile = deps.acquireLock ?? ((path) => acquireLock(path));
    this.listDir = deps.listDir ?? ((dir) => readdir(dir));
    this.recovery = deps.recovery ?? null;
    this.kdf = deps.kdf ?? DEFAULT_KDF;
    this.now = deps.now ?? (() => new Date());
    this.api = this.wrapEngine(deps.engine);
  }

  get state(): HostDocState {
    return { path: this.path, readOnly: this.readOnly, dirty: this.revision !== this.savedRevision, encrypted: this.key !== null };
  }

  /** Resolves once every queued save (and request) has finished. */
  async idle(): Promise<void> {
    let current: Promise<unknown>;
    do {
      current = this.queue;
      await current;
    } while (current !== this.queue);
  }

  /** Handles one control request from main; replies through `post`. Never throws. */
  async handle(request: HostRequest): Promise<void> {
    switch (request.type) {
      case 'new':
        return this.runExclusive(() => this.newDocument(request.id));
      case 'open':
        return this.runExclusive(() => this.open(request.id, request.path, request.passphrase));
      case 'save':
        return this.runExclusive(() => this.saveAs(request.id, request.path));
      case 'restore':
        return this.runExclusive(() => this.restore(request.id, request.recoveryId, request.passphrase));
      case 'protect':
        return this.runExclusive(() => this.protect(request.id, request.passphrase));
      case 'unprotect':
        return this.runExclusive(() => this.unprotect(request.id, request.passphrase));
      case 'shutdown':
        return this.runExclusive(async () => {
          // Main asked about unsaved changes before quitting: what is left was saved or deliberately discarded.
          this.closed = true;
          this.cancelRecoveryTimer();
          await this.removeRecovery();
          await this.replaceLock(null);
          // No save may follow without the lock.
          this.readOnly = true;
          this.post({ type: 'closed', id: request.id });
        });
      case 'port':
        return;
    }
  }

  /** Writes the recovery copy now if one is due (tests, and the timer). */
  flushRecovery(): Promise<void> {
    this.cancelRecoveryTimer();
    return this.runExclusive(() => this.writeRecovery());
  }

  /** Runs after every queued save, and holds later ones back until it is done. */
  private runExclusive(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async newDocument(id: number): Promise<void> {
    try {
      await this.engine.open(null);
    } catch (error) {
      this.post({ type: 'error', id, message: `Could not start a new database: ${describe(error)}`, doc: this.state });
      return;
    }
    await this.replaceLock(null);
    await this.loaded(null, false, null);
    this.post({ type: 'opened', id, doc: this.state, readOnlyReason: null });
  }

  /** The database bytes of a file or copy, decrypted when it is protected. */
  private async unlock(bytes: Uint8Array, name: string, passphrase: string | undefined): Promise<Unlocked> {
    if (!isEncryptedDatabase(bytes)) return { ok: true, plain: bytes, key: null };
    if (passphrase === undefined) {
      return { ok: false, code: 'passphrase-required', message: `${name} is protected with a passphrase.` };
    }
    try {
      const { plain, key } = await decryptDatabase(bytes, passphrase);
      return { ok: true, plain, key };
    } catch (error) {
      if (error instanceof EncryptionError) {
        const code = error.code === 'wrong-passphrase' ? 'wrong-passphrase' : undefined;
        const message = code ? `That passphrase does not open ${name}. Check it and try again.` : `${name} cannot be opened. ${error.message}`;
        return code ? { ok: false, code, message } : { ok: false, message };
      }
      return { ok: false, message: `${name} cannot be opened: ${describe(error)}` };
    }
  }

  private async open(id: number, path: string, passphrase: string | undefined): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = await this.read(path);
    } catch (error) {
      this.post({ type: 'error', id, message: fileError(path, 'open', error), doc: this.state });
      return;
    }
    const unlocked = await this.unlock(bytes, basename(path), passphrase);
    if (!unlocked.ok) {
      this.post({ type: 'error', id, message: unlocked.message, doc: this.state, ...(unlocked.code ? { code: unlocked.code } : {}) });
      return;
    }
    const fileVersion = sqliteUserVersion(unlocked.plain);
    const locked = await this.lockFile(path);
    let schemaVersion: number;
    try {
      schemaVersion = (await this.engine.open(unlocked.plain)).schemaVersion;
    } catch (error) {
      if (locked.ok && locked.lock !== this.lock && path !== this.path) await locked.lock.release();
      // The engine may have dropped the previous database while failing: say so through the state.
      this.post({ type: 'error', id, message: `Could not open ${basename(path)}: ${describe(error)}`, doc: this.state });
      return;
    }
    let readOnlyReason = locked.ok ? null : locked.reason;
    let notice: string | null = null;
    if (fileVersion !== null && fileVersion < schemaVersion && locked.ok) {
      // The upgraded database replaces the file at the first save: keep the original as it was on disk first.
      try {
        const backup = await this.keepMigrationBackup(path, bytes, fileVersion);
        notice = `${basename(path)} was made by an earlier version of RadBench and has been upgraded. The original file is kept unchanged as ${basename(backup)}.`;
      } catch (error) {
        readOnlyReason = `${basename(path)} was made by an earlier version of RadBench and needs upgrading, but a copy of the original could not be kept beside it (${describe(error)}). It was opened read-only so the original stays as it is; use Save As to save the upgraded database under another name.`;
      }
    }
    await this.replaceLock(locked.ok && readOnlyReason === null ? locked.lock : null);
    if (locked.ok && readOnlyReason !== null) await locked.lock.release();
    await this.loaded(path, readOnlyReason !== null, unlocked.key);
    this.post({ type: 'opened', id, doc: this.state, readOnlyReason, notice });
  }

  /** Writes `<path>.v<N>.bak` once; an existing different copy is kept and the new one gets a time stamp. */
  private async keepMigrationBackup(path: string, original: Uint8Array, fromVersion: number): Promise<string> {
    let target = migrationBackupPath(path, fromVersion);
    const existing = await this.read(target).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    });
    if (existing && sameBytes(existing, original)) return target;
    if (existing) target = migrationBackupPath(path, fromVersion, this.now().toISOString().replace(/[-:]/g, '').replace(/\..*$/, ''));
    await this.write(target, original, { backup: false });
    return target;
  }

  private async restore(id: number, recoveryId: string, passphrase: string | undefined): Promise<void> {
    const recovery = this.recovery;
    if (!recovery) {
      this.post({ type: 'error', id, message: 'Recovery copies are not available in this session.', doc: this.state });
      return;
    }
    let copy: Awaited<ReturnType<RecoveryStore['read']>>;
    try {
      copy = await recovery.store.read(recoveryId);
    } catch (error) {
      this.post({ type: 'error', id, message: `The recovery copy could not be read: ${describe(error)}`, doc: this.state });
      return;
    }
    const original = copy.meta.originalPath;
    const name = original ? basename(original) : 'The untitled database';
    const unlocked = await this.unlock(copy.bytes, original ? `The recovery copy of ${name}` : 'The recovery copy', passphrase);
    if (!unlocked.ok) {
      this.post({ type: 'error', id, message: unlocked.message, doc: this.state, ...(unlocked.code ? { code: unlocked.code } : {}) });
      return;
    }
    const locked = original ? await this.lockFile(original) : null;
    try {
      await this.engine.open(unlocked.plain);
    } catch (error) {
      if (locked?.ok && locked.lock !== this.lock && original !== this.path) await locked.lock.release();
      this.post({ type: 'error', id, message: `The recovery copy could not be opened: ${describe(error)}`, doc: this.state });
      return;
    }
    await this.replaceLock(locked?.ok ? locked.lock : null);
    await this.loaded(original, locked !== null && !locked.ok, unlocked.key);
    // Unsaved work: the user decides whether it goes over the file. The copy stays until then, now this session's.
    this.revision = 1;
    this.recoveryId = recoveryId;
    this.recoveredRevision = this.revision;
    await recovery.store.claim(recoveryId, recovery.session).catch(() => undefined);
    const readOnlyReason = locked && !locked.ok ? locked.reason : null;
    const savedAt = new Date(copy.meta.savedAt);
    const notice = `Restored the work kept at ${savedAt.toLocaleString('en-GB')}. It is not saved yet: ${original ? `save to write it to ${basename(original)}` : 'use Save As to keep it'}.`;
    this.post({ type: 'opened', id, doc: this.state, readOnlyReason, notice });
  }

  private async saveAs(id: number, path: string): Promise<void> {
    if (path === this.path && this.readOnly) {
      this.post({
        type: 'error',
        id,
        message: `${basename(path)} is open read-only. Use Save As to save a copy under another name.`,
        doc: this.state,
      });
      return;
    }
    let lock = this.lock;
    if (path !== this.path) {
      const locked = await this.lockFile(path);
      if (!locked.ok) {
        this.post({ type: 'error', id, message: locked.reason, doc: this.state });
        return;
      }
      lock = locked.lock;
    }
    try {
      await this.writeDatabase(path);
    } catch (error) {
      if (lock && lock !== this.lock && path !== this.path) await lock.release();
      this.post({ type: 'error', id, message: fileError(path, 'save', error), doc: this.state });
      return;
    }
    if (path !== this.path) {
      await this.replaceLock(lock);
      this.path = path;
      this.readOnly = false;
    }
    this.post({ type: 'saved', id, doc: this.state, autosave: false });
  }

  /** The database as it goes to disk: sealed when the document has a passphrase. */
  private async diskBytes(): Promise<Uint8Array> {
    const plain = await this.engine.exportDatabase();
    return this.key ? encryptDatabase(plain, this.key) : plain;
  }

  private async writeDatabase(path: string, options: { backup?: boolean } = {}): Promise<void> {
    const revision = this.revision;
    const bytes = await this.diskBytes();
    await this.write(path, bytes, options);
    this.savedRevision = revision;
    if (!this.state.dirty) await this.removeRecovery();
  }

  private async protect(id: number, passphrase: string): Promise<void> {
    if (this.path !== null && this.readOnly) {
      this.post({ type: 'error', id, message: `${basename(this.path)} is open read-only. Use Save As to save your own copy, then protect that.`, doc: this.state });
      return;
    }
    let key: DatabaseKey;
    try {
      key = await DatabaseKey.create(passphrase, this.kdf);
    } catch (error) {
      this.post({ type: 'error', id, code: 'weak-passphrase', message: describe(error), doc: this.state });
      return;
    }
    const previous = this.key;
    this.key = key;
    const path = this.path;
    if (path !== null) {
      try {
        // The previous version would stay readable in the .bak: seal it too (it becomes this same save).
        await this.writeDatabase(path, { backup: false });
        await this.sealCompanions(path);
      } catch (error) {
        this.key = previous;
        this.post({ type: 'error', id, message: `${basename(path)} could not be protected: ${fileError(path, 'save', error)}`, doc: this.state });
        return;
      }
    }
    // A recovery copy on disk must not stay readable either.
    if (this.recoveryId !== null) {
      this.recoveredRevision = -1;
      await this.writeRecovery();
    }
    this.post({ type: 'protected', id, doc: this.state });
  }

  /** Re-seals the copies kept beside the file (`.bak`, and `.v<N>.bak` from upgrades) that are still readable. */
  private async sealCompanions(path: string): Promise<void> {
    const key = this.key;
    if (!key) return;
    const name = basename(path);
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const companion = new RegExp(`^${escaped}(\\.v\\d+(-[0-9T]+)?)?\\.bak$`);
    let names: string[];
    try {
      names = await this.listDir(dirname(path));
    } catch {
      return;
    }
    for (const file of names) {
      if (!companion.test(file)) continue;
      const full = join(dirname(path), file);
      const bytes = await this.read(full);
      if (isEncryptedDatabase(bytes)) continue;
      await this.write(full, encryptDatabase(bytes, key), { backup: false });
    }
  }

  private async unprotect(id: number, passphrase: string): Promise<void> {
    const key = this.key;
    if (!key) {
      this.post({ type: 'protected', id, doc: this.state });
      return;
    }
    let matches = false;
    try {
      matches = await key.matches(passphrase);
    } catch {
      matches = false;
    }
    if (!matches) {
      this.post({ type: 'error', id, code: 'wrong-passphrase', message: 'That is not the passphrase of this database. Check it and try again.', doc: this.state });
      return;
    }
    if (this.path !== null && this.readOnly) {
      this.post({ type: 'error', id, message: `${basename(this.path)} is open read-only, so its protection cannot be removed here.`, doc: this.state });
      return;
    }
    this.key = null;
    if (this.path !== null) {
      try {
        await this.writeDatabase(this.path);
      } catch (error) {
        this.key = key;
        this.post({ type: 'error', id, message: fileError(this.path, 'save', error), doc: this.state });
        return;
      }
    }
    if (this.recoveryId !== null) {
      this.recoveredRevision = -1;
      await this.writeRecovery();
    }
    this.post({ type: 'protected', id, doc: this.state });
  }

  private async loaded(path: string | null, readOnly: boolean, key: DatabaseKey | null): Promise<void> {
    // Another database replaces this one: main settled its unsaved changes first (saved or discarded).
    this.cancelRecoveryTimer();
    await this.removeRecovery();
    this.generation++;
    this.path = path;
    this.readOnly = readOnly;
    this.key = key;
    this.revision = 0;
    this.savedRevision = 0;
  }

  private async replaceLock(next: FileLock | null): Promise<void> {
    const previous = this.lock;
    this.lock = next;
    if (previous && previous !== next && previous.path !== next?.path) await previous.release();
  }

  /** The data changed: mark dirty, autosave when the change is one the user committed, and plan a recovery copy. */
  private changed(autosave: boolean): void {
    this.revision++;
    this.post({ type: 'state', doc: this.state });
    if (autosave) this.queueAutosave();
    this.scheduleRecovery();
  }

  private queueAutosave(): void {
    if (this.autosaveQueued || this.path === null || this.readOnly) return;
    this.autosaveQueued = true;
    const generation = this.generation;
    const run = async () => {
      this.autosaveQueued = false;
      const path = this.path;
      if (generation !== this.generation || path === null || this.readOnly) return;
      try {
        await this.writeDatabase(path);
        this.post({ type: 'saved', id: null, doc: this.state, autosave: true });
      } catch (error) {
        this.post({ type: 'error', id: null, message: `Autosave failed. ${fileError(path, 'save', error)}`, doc: this.state });
      }
    };
    this.queue = this.queue.then(run, run);
  }

  private scheduleRecovery(): void {
    if (!this.recovery || this.recoveryTimer || this.closed) return;
    this.recoveryTimer = setTimeout(() => {
      this.recoveryTimer = null;
      void this.runExclusive(() => this.writeRecovery());
    }, this.recovery.delayMs ?? 20_000);
    this.recoveryTimer.unref?.();
  }

  private cancelRecoveryTimer(): void {
    if (this.recoveryTimer) clearTimeout(this.recoveryTimer);
    this.recoveryTimer = null;
  }

  /** Keeps the unsaved state in the recovery folder; a saved document needs no copy. */
  private async writeRecovery(): Promise<void> {
    const recovery = this.recovery;
    if (!recovery || this.closed) return;
    if (!this.state.dirty) {
      await this.removeRecovery();
      return;
    }
    if (this.revision === this.recoveredRevision) return;
    const revision = this.revision;
    let bytes: Uint8Array;
    try {
      bytes = await this.diskBytes();
    } catch {
      // An import is waiting for commit or discard: try again later.
      this.scheduleRecovery();
      return;
    }
    this.recoveryId ??= recovery.store.newId();
    try {
      await recovery.store.save(this.recoveryId, bytes, { session: recovery.session, originalPath: this.path, encrypted: this.key !== null });
      this.recoveredRevision = revision;
    } catch (error) {
      this.post({ type: 'error', id: null, message: `Autosave failed. The recovery copy of your unsaved work could not be written: ${describe(error)}`, doc: this.state });
    }
  }

  private async removeRecovery(): Promise<void> {
    const id = this.recoveryId;
    this.recoveryId = null;
    this.recoveredRevision = -1;
    if (id && this.recovery) await this.recovery.store.remove(id).catch(() => undefined);
  }

  /** The page loaded other data into the engine itself: the file no longer matches it. */
  private async detached(dirty: boolean): Promise<void> {
    await this.replaceLock(null);
    await this.loaded(null, false, null);
    if (dirty) this.changed(false);
    else this.post({ type: 'state', doc: this.state });
  }

  private wrapEngine(engine: EngineApi): EngineApi {
    const committed = (report: ImportReport) => {
      if (report.status === 'committed') this.changed(true);
      return report;
    };
    // Rules and aliases live in the database file, so any change to them is a change to save.
    const changedAfter = <T>(result: T): T => {
      this.changed(true);
      return result;
    };
    return {
      open: async (bytes) => {
        const info = await engine.open(bytes);
        await this.detached(bytes !== null);
        return info;
      },
      info: () => engine.info(),
      exportDatabase: () => engine.exportDatabase(),
      loadDemo: async () => {
        const info = await engine.loadDemo();
        // Demo data never goes into the user's file, and needs no "save changes?" (it can be regenerated).
        await this.detached(false);
        return info;
      },
      previewImport: (req) => engine.previewImport(req),
      runImport: async (req, onProgress) => committed(await engine.runImport(req, onProgress)),
      commitImport: async (importId) => committed(await engine.commitImport(importId)),
      discardImport: (importId) => engine.discardImport(importId),
      cancelImport: (importId) => engine.cancelImport(importId),
      getRejects: (ref) => engine.getRejects(ref),
      listBatches: () => engine.listBatches(),
      undoBatch: async (batchId) => {
        const result = await engine.undoBatch(batchId);
        this.changed(true);
        return result;
      },
      listPresets: () => engine.listPresets(),
      savePreset: async (preset) => {
        await engine.savePreset(preset);
        this.changed(true);
      },
      deletePreset: async (name) => {
        await engine.deletePreset(name);
        this.changed(true);
      },
      listStaff: () => engine.listStaff(),
      saveStaff: async (row) => {
        const saved = await engine.saveStaff(row);
        this.changed(true);
        return saved;
      },
      deleteStaff: async (staffId) => {
        await engine.deleteStaff(staffId);
        this.changed(true);
      },
      unclassifiedReporters: (period) => engine.unclassifiedReporters(period),
      filterOptions: () => engine.filterOptions(),
      analyse: (req) => engine.analyse(req),
      dashboard: (req) => engine.dashboard(req),
      drillDown: (req) => engine.drillDown(req),
      metricDefinitions: () => engine.metricDefinitions(),
      finance: (period) => engine.finance(period),
      ledgerLines: (period, filter) => engine.ledgerLines(period, filter),
      listRules: () => engine.listRules(),
      previewRule: (rule) => engine.previewRule(rule),
      saveRule: async (rule) => changedAfter(await engine.saveRule(rule)),
      deleteRule: async (id) => changedAfter(await engine.deleteRule(id)),
      addRulesInFront: async (rules) => changedAfter(await engine.addRulesInFront(rules)),
      listAliases: () => engine.listAliases(),
      saveAlias: async (alias, provider) => changedAfter(await engine.saveAlias(alias, provider)),
      deleteAlias: async (alias) => changedAfter(await engine.deleteAlias(alias)),
      importBenchmarks: async (req) => changedAfter(await engine.importBenchmarks(req)),
      listBenchmarkSets: () => engine.listBenchmarkSets(),
      chooseBenchmarkSet: async (id) => changedAfter(await engine.chooseBenchmarkSet(id)),
      deleteBenchmarkSet: async (id) => changedAfter(await engine.deleteBenchmarkSet(id)),
      definePeerGroup: async (group) => changedAfter(await engine.definePeerGroup(group)),
      benchmarkView: (req) => engine.benchmarkView(req),
      exportWorkbook: (req) => engine.exportWorkbook(req),
      getWeights: () => engine.getWeights(),
      saveWeights: async (weights) => changedAfter(await engine.saveWeights(weights)),
      listTariffs: () => engine.listTariffs(),
      saveTariff: async (row) => changedAfter(await engine.saveTariff(row)),
      deleteTariff: async (id) => changedAfter(await engine.deleteTariff(id)),
      reconciliation: (req) => engine.reconciliation(req),
      reconcileLines: (req) => engine.reconcileLines(req),
      decideLines: async (req) => changedAfter(await engine.decideLines(req)),
      exportDisputePack: (req) => engine.exportDisputePack(req),
      scenarioBaseline: (req) => engine.scenarioBaseline(req),
      evaluateScenario: (req) => engine.evaluateScenario(req),
      listScenarios: () => engine.listScenarios(),
      saveScenario: async (scenario) => changedAfter(await engine.saveScenario(scenario)),
      deleteScenario: async (id) => changedAfter(await engine.deleteScenario(id)),
      duplicateScenario: async (id, name) => changedAfter(await engine.duplicateScenario(id, name)),
      exportBusinessCase: (req) => engine.exportBusinessCase(req),
    };
  }
}
