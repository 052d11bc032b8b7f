/**
 * The engine connection and the database as a whole: what is in it, whether the demo is loaded,
 * and a revision counter that other stores watch to refresh after any committed change.
 */
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { DbInfo, EngineApi } from '../../shared/contract';
import { connectEngine } from '../engine/client';
import { errorMessage } from '../errors';
import { host, looksEncrypted, looksLikeSqlite, type DesktopDocumentState, type DesktopRecoveryEntry, type PassphraseRequest } from '../platform/host';

export type EngineStatus = 'idle' | 'connecting' | 'ready' | 'failed';

/** Remembers, per browser profile or desktop install, that the first-run demo was offered. */
export const FIRST_RUN_KEY = 'radbench.firstRunDone';

export type EngineConnector = () => Promise<EngineApi>;

const defaultConnector: EngineConnector = () =>
  connectEngine({
    onFatal: (message) => useEngineStore().fail(message),
    onReconnect: (remote) => void useEngineStore().attach(remote),
  });

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const useEngineStore = defineStore('engine', () => {
  const status = ref<EngineStatus>('idle');
  const fatal = ref<string | null>(null);
  const info = ref<DbInfo | null>(null);
  const busy = ref<string | null>(null);
  const error = ref<string | null>(null);
  const notice = ref<string | null>(null);
  /** Bumped after every change to committed data; dashboard and staff reload on it. */
  const revision = ref(0);
  const documentState = ref<DesktopDocumentState | null>(null);
  /** The desktop shell is waiting for a passphrase (PassphraseDialog answers it). */
  const passphraseRequest = ref<PassphraseRequest | null>(null);
  /** Unsaved work kept by a session that did not close cleanly (RecoveryPrompt offers it). */
  const recoveryEntries = ref<DesktopRecoveryEntry[]>([]);
  /** The user chose "Decide later": not offered again until the next start. */
  const recoveryDeferred = ref(false);
  // The client is a Comlink proxy, which answers every property read (even Vue's __v_raw probes):
  // it must never enter Vue's reactivity, so it is a plain variable.
  let client: EngineApi | null = null;

  const ready = computed(() => status.value === 'ready');
  const isEmpty = computed(() => !!info.value && info.value.exams === 0 && info.value.staff === 0 && info.value.batches === 0);
  const synthetic = computed(() => info.value?.synthetic ?? false);

  function api(): EngineApi {
    if (!client) throw new Error('The RadBench engine is not connected yet. Wait a moment and try again.');
    return client;
  }

  async function attach(engine: EngineApi): Promise<void> {
    client = engine;
    info.value = await engine.info();
    status.value = 'ready';
    revision.value++;
  }

  async function connect(connector: EngineConnector = defaultConnector): Promise<void> {
    if (status.value === 'connecting' || status.value === 'ready') return;
    status.value = 'connecting';
    try {
      await attach(await connector());
      const desktop = host().desktop;
      if (desktop) {
        documentState.value = await desktop.documentState();
        desktop.onDocumentState((state) => (documentState.value = state));
        // Optional calls: a shell without these features (an older preload) simply offers none of them.
        desktop.onPassphraseRequest?.((request) => (passphraseRequest.value = request));
        desktop.onRecoveryAvailable?.((entries) => {
          recoveryEntries.value = entries;
          recoveryDeferred.value = false;
        });
        recoveryEntries.value = (await desktop.listRecovery?.().catch(() => [])) ?? [];
      }
    } catch (err) {
      fail(errorMessage(err));
    }
  }

  function fail(message: string): void {
    status.value = 'failed';
    fatal.value = message;
  }

  async function refresh(): Promise<DbInfo> {
    info.value = await api().info();
    return info.value;
  }

  /** Call after any change to committed data. */
  async function changed(): Promise<void> {
    revision.value++;
    await refresh();
  }

  /** Runs a whole-database task with a busy label; errors land in `error` and are rethrown. */
  async function task<T>(label: string, fn: (engine: EngineApi) => Promise<T>): Promise<T> {
    busy.value = label;
    error.value = null;
    try {
      return await fn(api());
    } catch (err) {
      error.value = errorMessage(err);
      throw err;
    } finally {
      busy.value = null;
    }
  }

  function markFirstRunDone(): void {
    storage()?.setItem(FIRST_RUN_KEY, new Date().toISOString());
  }

  /** True when this is a fresh, never-used database on a machine that has never been offered the demo. */
  const firstRunPending = computed(() => isEmpty.value && !info.value?.synthetic && !storage()?.getItem(FIRST_RUN_KEY));

  async function loadDemo(): Promise<void> {
    await task('Loading the synthetic demo…', async (engine) => {
      info.value = await engine.loadDemo();
    });
    markFirstRunDone();
    revision.value++;
    notice.value = 'Synthetic demo data loaded. None of it describes real patients or staff.';
  }

  /** First run: show the demo straight away, labelled synthetic; the user can start empty at any time. */
  async function firstRun(): Promise<void> {
    if (!firstRunPending.value) return;
    await loadDemo();
  }

  async function startEmpty(): Promise<void> {
    const desktop = host().desktop;
    await task('Starting an empty database…', async (engine) => {
      if (desktop) documentState.value = await desktop.newDatabase();
      else await engine.open(null);
    });
    markFirstRunDone();
    await changed();
    notice.value = 'You are working with an empty database. Import a RIS extract to begin.';
  }

  /** Browser: replace the database with an uploaded .radbench file. */
  async function openDatabaseFile(file: File): Promise<void> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (looksEncrypted(bytes)) {
      error.value = `${file.name} is protected with a passphrase. Protected databases open in the RadBench desktop app; save an unprotected copy there (File › Remove Passphrase…) to use it in a browser.`;
      return;
    }
    if (!looksLikeSqlite(bytes)) {
      error.value = `${file.name} is not a RadBench database. Choose a .radbench file saved from RadBench.`;
      return;
    }
    await task(`Opening ${file.name}…`, async (engine) => {
      info.value = await engine.open(bytes);
    });
    markFirstRunDone();
    revision.value++;
    notice.value = `Opened ${file.name}.`;
  }

  /** Browser: download the database; desktop: the same bytes through a native save dialog. */
  async function downloadDatabase(name = 'radbench.radbench'): Promise<void> {
    await task('Preparing the database file…', async (engine) => {
      const bytes = await engine.exportDatabase();
      if (await host().saveFile(name, bytes, 'application/vnd.sqlite3')) notice.value = `Saved ${name}.`;
    });
  }

  /** Desktop menu: New / Open / Save / Save As go through the main process, which owns the file. */
  async function desktopDocument(action: 'new' | 'open' | 'save' | 'save-as', path?: string): Promise<void> {
    const desktop = host().desktop;
    if (!desktop) return;
    const state = await task('Working…', async () => {
      if (action === 'new') return desktop.newDatabase();
      if (action === 'open') return desktop.openDatabase(path);
      if (action === 'save') return desktop.saveDatabase();
      return desktop.saveDatabaseAs();
    });
    if (state) documentState.value = state;
    if ((action === 'new' || action === 'open') && state) {
      markFirstRunDone();
      await changed();
    }
  }

  /** Sends the passphrase dialog's answer (null: cancelled) back to the desktop shell. */
  async function answerPassphrase(passphrase: string | null): Promise<void> {
    const request = passphraseRequest.value;
    passphraseRequest.value = null;
    if (request) await host().desktop?.answerPassphrase(request.id, passphrase);
  }

  /** File › Set / Change / Remove Passphrase: the shell asks for it through the passphrase dialog. */
  async function desktopPassphrase(action: 'set' | 'remove'): Promise<void> {
    const desktop = host().desktop;
    if (!desktop) return;
    error.value = null;
    try {
      const state = action === 'set' ? await desktop.setPassphrase() : await desktop.removePassphrase();
      if (!state) return;
      documentState.value = state;
      const name = state.path ? (state.path.split(/[\\/]/).pop() ?? state.path) : 'This database';
      notice.value =
        action === 'set'
          ? `${name} is now protected with a passphrase${state.path ? '' : ' and will be saved encrypted'}. Keep the passphrase safe: it cannot be recovered.`
          : `${name} is no longer protected with a passphrase.`;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  /** Opens kept unsaved work as an unsaved document (the shell asks about the current one first). */
  async function restoreRecovery(id: string): Promise<void> {
    const desktop = host().desktop;
    if (!desktop) return;
    const result = await task('Restoring unsaved work…', () => desktop.restoreRecovery(id));
    recoveryEntries.value = await desktop.listRecovery().catch(() => recoveryEntries.value.filter((e) => e.id !== id));
    if (!result) return;
    documentState.value = result.state;
    markFirstRunDone();
    await changed();
    notice.value = result.notice;
  }

  async function discardRecovery(id: string): Promise<void> {
    const desktop = host().desktop;
    if (!desktop) return;
    recoveryEntries.value = await task('Discarding the recovery copy…', () => desktop.discardRecovery(id));
  }

  function deferRecovery(): void {
    recoveryDeferred.value = true;
  }

  function dismissNotice(): void {
    notice.value = null;
  }

  return {
    status, fatal, info, busy, error, notice, revision, documentState, passphraseRequest, recoveryEntries, recoveryDeferred,
    ready, isEmpty, synthetic, firstRunPending,
    api, attach, connect, fail, refresh, changed, task,
    loadDemo, firstRun, startEmpty, openDatabaseFile, downloadDatabase, desktopDocument, dismissNotice, markFirstRunDone,
    answerPassphrase, desktopPassphrase, restoreRecovery, discardRecovery, deferRecovery,
  };
});

/**
 * Calls `reload` after every committed change (an import, undo, edit or demo load) while `shown()` says the
 * store's data has been loaded; a store not loaded yet loads when first shown instead.
 */
export function reloadOnChange(
  engine: ReturnType<typeof useEngineStore>,
  shown: () => boolean,
  reload: () => unknown,
  flush: 'sync' | 'pre' = 'sync',
): void {
  watch(
    () => engine.revision,
    () => {
      if (engine.ready && shown()) void reload();
    },
    { flush },
  );
}
