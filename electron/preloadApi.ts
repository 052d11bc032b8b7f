/**
 * The narrow API the sandboxed preload exposes to the renderer as `window.radbench`.
 * Types only: imported by the preload, the main process and the renderer.
 * The engine itself is reached over a MessagePort that the preload forwards with
 * window.postMessage({ type: 'radbench:engine-port' }, '*', [port]); bulk data never passes through main.
 */
export interface DesktopFileInfo {
  path: string;
  name: string;
  size: number;
}

export interface DesktopDocumentState {
  /** Path of the open .radbench file, or null for an unsaved database. */
  path: string | null;
  readOnly: boolean;
  dirty: boolean;
  recent: string[];
  /**
   * Bumped whenever a different database is loaded in the engine (new, open, engine restart):
   * the renderer should then reload everything it shows. Always set by the Electron shell.
   */
  generation?: number;
  /** The database is protected with a passphrase (its file, backups and recovery copies are sealed). */
  encrypted?: boolean;
}

/** What the page's passphrase dialog is asked for: open a protected file, protect this one, or remove protection. */
export type PassphrasePurpose = 'unlock' | 'set' | 'remove';

export interface PassphraseRequest {
  /** Answer with answerPassphrase(id, …). */
  id: number;
  purpose: PassphrasePurpose;
  /** The file (or 'the untitled database') the passphrase is for. */
  fileName: string;
  /** Why the last answer was not accepted, to show in the dialog; null the first time. */
  error: string | null;
}

/** Unsaved work kept by a session that did not close cleanly. */
export interface DesktopRecoveryEntry {
  id: string;
  /** The file it belongs to, or null for an untitled database. */
  originalPath: string | null;
  /** ISO time the copy was written. */
  savedAt: string;
  encrypted: boolean;
  bytes: number;
}

export interface RestoreResult {
  state: DesktopDocumentState;
  /** What was restored and what to do next, for the page to show. */
  notice: string | null;
}

export type MenuCommand =
  | 'new'
  | 'open'
  | 'save'
  | 'save-as'
  | 'import'
  | 'export'
  | 'about'
  | 'privacy'
  | 'set-passphrase'
  | 'remove-passphrase'
  | `open-recent:${string}`;

export interface RadbenchDesktopApi {
  readonly version: string;
  /** Ask main to (re)connect an engine port; it arrives via window 'message' event. */
  requestEnginePort(): void;
  /** Native open dialog for import files; returns paths the engine host may read. */
  pickImportFiles(): Promise<DesktopFileInfo[]>;
  /** Path of a File dropped on the window (webUtils.getPathForFile). */
  pathForDroppedFile(file: File): string;
  newDatabase(): Promise<DesktopDocumentState>;
  openDatabase(path?: string): Promise<DesktopDocumentState | null>;
  saveDatabase(): Promise<DesktopDocumentState | null>;
  saveDatabaseAs(): Promise<DesktopDocumentState | null>;
  /** Native save dialog for an export; main writes the bytes atomically. */
  saveExport(defaultName: string, bytes: Uint8Array): Promise<string | null>;
  /** The page as shown, printed to an A4 PDF (print stylesheet applies); native save dialog; main writes atomically. */
  exportPdf(defaultName: string): Promise<string | null>;
  documentState(): Promise<DesktopDocumentState>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onDocumentState(listener: (state: DesktopDocumentState) => void): () => void;
  /** Protect the open database with a passphrase (main asks for it through onPassphraseRequest). Null when cancelled. */
  setPassphrase(): Promise<DesktopDocumentState | null>;
  /** Remove the protection after the current passphrase is confirmed. Null when cancelled. */
  removePassphrase(): Promise<DesktopDocumentState | null>;
  /** Main needs a passphrase: show the dialog, then call answerPassphrase. */
  onPassphraseRequest(listener: (request: PassphraseRequest) => void): () => void;
  /** The dialog's answer; null when the user cancelled. The passphrase goes to the engine host and nowhere else. */
  answerPassphrase(id: number, passphrase: string | null): Promise<void>;
  /** Unsaved work left by a session that ended without closing cleanly, newest first. */
  listRecovery(): Promise<DesktopRecoveryEntry[]>;
  /** Opens a recovery copy as an unsaved document tied to its original file. Null when cancelled. */
  restoreRecovery(id: string): Promise<RestoreResult | null>;
  /** Deletes a recovery copy; returns the copies left. */
  discardRecovery(id: string): Promise<DesktopRecoveryEntry[]>;
  /** New recovery copies to offer (after the engine was restarted). */
  onRecoveryAvailable(listener: (entries: DesktopRecoveryEntry[]) => void): () => void;
}
