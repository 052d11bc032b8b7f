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
}
