/**
 * What the preload exposes as window.radbench, built from an ipcRenderer-like object so it can be
 * tested without Electron. Named functions only: the page never gets ipcRenderer or a channel name.
 */
import { Channels } from './channels';
import { relayPorts, type WebPortLike } from './portEndpoint';
import type {
  DesktopDocumentState,
  DesktopFileInfo,
  DesktopRecoveryEntry,
  MenuCommand,
  PassphraseRequest,
  RadbenchDesktopApi,
  RestoreResult,
} from './preloadApi';

/** The part of ipcRenderer used here. */
type IpcListener = (event: { ports: readonly WebPortLike[] }, ...args: unknown[]) => void;

export interface PreloadIpc {
  send(channel: string, ...args: unknown[]): void;
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

const MENU_COMMANDS = new Set<string>(['new', 'open', 'save', 'save-as', 'import', 'export', 'about', 'privacy', 'set-passphrase', 'remove-passphrase']);

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS.has(value) || /^open-recent:.+/s.test(value));
}

function isDocumentState(value: unknown): value is DesktopDocumentState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (v.path === null || typeof v.path === 'string') && typeof v.readOnly === 'boolean' && Array.isArray(v.recent);
}

export function isPassphraseRequest(value: unknown): value is PassphraseRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'number' &&
    (v.purpose === 'unlock' || v.purpose === 'set' || v.purpose === 'remove') &&
    typeof v.fileName === 'string' &&
    (v.error === null || typeof v.error === 'string')
  );
}

export function isRecoveryList(value: unknown): value is DesktopRecoveryEntry[] {
  return (
    Array.isArray(value) &&
    value.every((e: unknown) => {
      if (typeof e !== 'object' || e === null) return false;
      const v = e as Record<string, unknown>;
      return typeof v.id === 'string' && (v.originalPath === null || typeof v.originalPath === 'string') && typeof v.savedAt === 'string';
    })
  );
}

export function createDesktopApi(ipc: PreloadIpc, getPathForFile: (file: File) => string, version: string): RadbenchDesktopApi {
  function subscribe<T>(channel: string, accept: (value: unknown) => value is T, listener: (value: T) => void): () => void {
    const handler = (_event: unknown, value: unknown) => {
      if (accept(value)) listener(value);
    };
    ipc.on(channel, handler);
    return () => {
      ipc.removeListener(channel, handler);
    };
  }

  return {
    version,
    requestEnginePort: () => ipc.send(Channels.requestEnginePort),
    pickImportFiles: () => ipc.invoke(Channels.pickImportFiles) as Promise<DesktopFileInfo[]>,
    pathForDroppedFile: (file) => getPathForFile(file),
    newDatabase: () => ipc.invoke(Channels.newDatabase) as Promise<DesktopDocumentState>,
    openDatabase: (path) => ipc.invoke(Channels.openDatabase, path) as Promise<DesktopDocumentState | null>,
    saveDatabase: () => ipc.invoke(Channels.saveDatabase) as Promise<DesktopDocumentState | null>,
    saveDatabaseAs: () => ipc.invoke(Channels.saveDatabaseAs) as Promise<DesktopDocumentState | null>,
    saveExport: (defaultName, bytes) => ipc.invoke(Channels.saveExport, defaultName, bytes) as Promise<string | null>,
    exportPdf: (defaultName) => ipc.invoke(Channels.exportPdf, defaultName) as Promise<string | null>,
    documentState: () => ipc.invoke(Channels.documentState) as Promise<DesktopDocumentState>,
    onMenuCommand: (listener) => subscribe(Channels.menuCommand, isMenuCommand, listener),
    onDocumentState: (listener) => subscribe(Channels.documentStateChanged, isDocumentState, listener),
    setPassphrase: () => ipc.invoke(Channels.setPassphrase) as Promise<DesktopDocumentState | null>,
    removePassphrase: () => ipc.invoke(Channels.removePassphrase) as Promise<DesktopDocumentState | null>,
    onPassphraseRequest: (listener) => subscribe(Channels.passphraseRequest, isPassphraseRequest, listener),
    answerPassphrase: async (id, passphrase) => {
      await ipc.invoke(Channels.answerPassphrase, id, passphrase);
    },
    listRecovery: () => ipc.invoke(Channels.listRecovery) as Promise<DesktopRecoveryEntry[]>,
    restoreRecovery: (id) => ipc.invoke(Channels.restoreRecovery, id) as Promise<RestoreResult | null>,
    discardRecovery: (id) => ipc.invoke(Channels.discardRecovery, id) as Promise<DesktopRecoveryEntry[]>,
    onRecoveryAvailable: (listener) => subscribe(Channels.recoveryAvailable, isRecoveryList, listener),
  };
}

/**
 * Each engine port main sends is relayed through a fresh MessageChannel, whose other end goes to
 * the page (`toPage`); a newer port (reload, engine restart) closes the previous relay.
 */
export function forwardEnginePorts(
  ipc: PreloadIpc,
  toPage: (port: MessagePort) => void,
  createChannel: () => { port1: MessagePort; port2: MessagePort } = () => new MessageChannel(),
): void {
  let closeRelay: (() => void) | null = null;
  ipc.on(Channels.enginePort, (event) => {
    const enginePort = event.ports[0];
    if (!enginePort) return;
    closeRelay?.();
    const { port1, port2 } = createChannel();
    closeRelay = relayPorts(port1, enginePort);
    toPage(port2);
  });
}
