/**
 * The engine host's side of the open `.radbench` file: open, new, save (atomic, locked) and
 * autosave after every committed change. It wraps the engine so that the page's calls keep the
 * document state right; it knows nothing of imports or metrics beyond which calls change data.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { EngineApi, ImportReport } from '../shared/contract';
import { atomicWrite } from './atomicSave';
import { acquireLock, type FileLock, type LockResult } from './fileLock';
import type { HostDocState, HostMessage, HostRequest } from './hostProtocol';

export interface DocumentHostDeps {
  engine: EngineApi;
  post: (message: HostMessage) => void;
  readFile?: (path: string) => Promise<Uint8Array>;
  writeFile?: (path: string, bytes: Uint8Array) => Promise<void>;
  acquireLock?: (path: string) => Promise<LockResult>;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function fileError(path: string, action: 'open' | 'save', error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
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

export class DocumentHost {
  /** The engine as the page sees it: same API, with document bookkeeping around the calls that change data. */
  readonly api: EngineApi;

  private path: string | null = null;
  private readOnly = false;
  private lock: FileLock | null = null;
  /** Bumped on every change to the data; a save records the revision it wrote. */
  private revision = 0;
  private savedRevision = 0;
  /** Bumped whenever a different database is loaded, so a queued autosave never writes it to the old path. */
  private generation = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private autosaveQueued = false;

  private readonly engine: EngineApi;
  private readonly post: (message: HostMessage) => void;
  private readonly read: (path: string) => Promise<Uint8Array>;
  private readonly write: (path: string, bytes: Uint8Array) => Promise<void>;
  private readonly lockFile: (path: string) => Promise<LockResult>;

  constructor(deps: DocumentHostDeps) {
    this.engine = deps.engine;
    this.post = deps.post;
    this.read = deps.readFile ?? readBytes;
    this.write = deps.writeFile ?? ((path, bytes) => atomicWrite(path, bytes));
    this.lockFile = deps.acquireLock ?? ((path) => acquireLock(path));
    this.api = this.wrapEngine(deps.engine);
  }

  get state(): HostDocState {
    return { path: this.path, readOnly: this.readOnly, dirty: this.revision !== this.savedRevision };
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
        return this.runExclusive(() => this.open(request.id, request.path));
      case 'save':
        return this.runExclusive(() => this.saveAs(request.id, request.path));
      case 'shutdown':
        return this.runExclusive(async () => {
          await this.replaceLock(null);
          // No save may follow without the lock.
          this.readOnly = true;
          this.post({ type: 'closed', id: request.id });
        });
      case 'port':
        return;
    }
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
    this.loaded(null, false);
    this.post({ type: 'opened', id, doc: this.state, readOnlyReason: null });
  }

  private async open(id: number, path: string): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = await this.read(path);
    } catch (error) {
      this.post({ type: 'error', id, message: fileError(path, 'open', error), doc: this.state });
      return;
    }
    const locked = await this.lockFile(path);
    try {
      await this.engine.open(bytes);
    } catch (error) {
      if (locked.ok && locked.lock !== this.lock && path !== this.path) await locked.lock.release();
      // The engine may have dropped the previous database while failing: say so through the state.
      this.post({ type: 'error', id, message: `Could not open ${basename(path)}: ${describe(error)}`, doc: this.state });
      return;
    }
    await this.replaceLock(locked.ok ? locked.lock : null);
    this.loaded(path, !locked.ok);
    this.post({ type: 'opened', id, doc: this.state, readOnlyReason: locked.ok ? null : locked.reason });
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

  private async writeDatabase(path: string): Promise<void> {
    const revision = this.revision;
    const bytes = await this.engine.exportDatabase();
    await this.write(path, bytes);
    this.savedRevision = revision;
  }

  private loaded(path: string | null, readOnly: boolean): void {
    this.generation++;
    this.path = path;
    this.readOnly = readOnly;
    this.revision = 0;
    this.savedRevision = 0;
  }

  private async replaceLock(next: FileLock | null): Promise<void> {
    const previous = this.lock;
    this.lock = next;
    if (previous && previous !== next && previous.path !== next?.path) await previous.release();
  }

  /** The data changed: mark dirty, and autosave when the change is one the user committed. */
  private changed(autosave: boolean): void {
    this.revision++;
    this.post({ type: 'state', doc: this.state });
    if (autosave) this.queueAutosave();
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

  /** The page loaded other data into the engine itself: the file no longer matches it. */
  private async detached(dirty: boolean): Promise<void> {
    await this.replaceLock(null);
    this.loaded(null, false);
    if (dirty) this.revision++;
    this.post({ type: 'state', doc: this.state });
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
