/**
 * What differs between the Electron shell and a plain browser, behind one small interface:
 * how a picked or dropped file reaches the engine, how a file is saved, and where menu commands come from.
 */
import type { SourceRef } from '../../shared/contract';
import type {
  DesktopDocumentState,
  DesktopRecoveryEntry,
  MenuCommand,
  PassphraseRequest,
  RadbenchDesktopApi,
} from '../../electron/preloadApi';

export interface Host {
  readonly kind: 'desktop' | 'browser';
  readonly version: string;
  /** Files from a file input or a drop, as the engine can open them. */
  sourcesFromFiles(files: Iterable<File>): SourceRef[];
  /** The native open dialog (desktop only); null in a browser, where the file input does the job. */
  pickImportFiles(): Promise<SourceRef[] | null>;
  /** Saves bytes as a file the user chooses (desktop) or downloads it (browser). False when cancelled. */
  saveFile(name: string, bytes: Uint8Array, mimeType: string): Promise<boolean>;
  /**
   * The page as an A4 report (print.css applies): desktop prints it to a PDF saved where the user chooses;
   * a browser opens its print dialog, which offers "Save as PDF". False when cancelled.
   */
  printReport(defaultName: string): Promise<boolean>;
  /** Application-menu commands (desktop); a no-op subscription in a browser. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** The Electron document API, when running there. */
  readonly desktop: RadbenchDesktopApi | null;
}

export type { DesktopDocumentState, DesktopRecoveryEntry, MenuCommand, PassphraseRequest };

function downloadInBrowser(name: string, bytes: Uint8Array, mimeType: string): boolean {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType });
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    a.style.display = 'none';
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // Revoke after the click has been handled; revoking synchronously can cancel the download.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return true;
}

function printInBrowser(): boolean {
  window.print();
  return true;
}

export function desktopHost(desktop: RadbenchDesktopApi): Host {
  return {
    kind: 'desktop',
    version: desktop.version,
    desktop,
    sourcesFromFiles: (files) => Array.from(files, (file) => ({ kind: 'path', name: file.name, path: desktop.pathForDroppedFile(file) })),
    async pickImportFiles() {
      const picked = await desktop.pickImportFiles();
      return picked.map((f) => ({ kind: 'path', name: f.name, path: f.path }));
    },
    async saveFile(name, bytes) {
      return (await desktop.saveExport(name, bytes)) !== null;
    },
    async printReport(name) {
      // An older preload may lack exportPdf: Chromium's print dialog still works there.
      if (typeof desktop.exportPdf !== 'function') return printInBrowser();
      return (await desktop.exportPdf(name)) !== null;
    },
    onMenuCommand: (listener) => desktop.onMenuCommand(listener),
  };
}

export function browserHost(): Host {
  return {
    kind: 'browser',
    version: import.meta.env.APP_VERSION ?? 'development',
    desktop: null,
    // The File is a Blob: it is structured-cloned to the worker by reference, never copied here.
    sourcesFromFiles: (files) => Array.from(files, (file) => ({ kind: 'blob', name: file.name, blob: file })),
    pickImportFiles: async () => null,
    saveFile: async (name, bytes, mimeType) => downloadInBrowser(name, bytes, mimeType),
    printReport: async () => printInBrowser(),
    onMenuCommand: () => () => undefined,
  };
}

let current: Host | null = null;

export function host(): Host {
  current ??= typeof window !== 'undefined' && window.radbench ? desktopHost(window.radbench) : browserHost();
  return current;
}

/** Tests swap the host. */
export function setHost(next: Host | null): void {
  current = next;
}

/** The start of a passphrase-protected .radbench file (electron/node/encryptedDatabase.ts): "RBENC\0\r\n". */
const ENCRYPTED_MAGIC = [0x52, 0x42, 0x45, 0x4e, 0x43, 0x00, 0x0d, 0x0a];

export function looksEncrypted(bytes: Uint8Array): boolean {
  return bytes.length >= ENCRYPTED_MAGIC.length && ENCRYPTED_MAGIC.every((b, i) => bytes[i] === b);
}

/** SQLite's 16-byte file header: catches a wrong file before the engine is asked to open it. */
export function looksLikeSqlite(bytes: Uint8Array): boolean {
  const magic = 'SQLite format 3\0';
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}
