/**
 * IPC channel names shared by the preload and the main process.
 * The preload may only use these; main checks the sender of every one.
 */
export const Channels = {
  /** renderer → main (send): please create a fresh engine port for this window. */
  requestEnginePort: 'radbench:request-engine-port',
  /** main → renderer: the engine port (a MessagePort in event.ports). */
  enginePort: 'radbench:engine-port',
  pickImportFiles: 'radbench:pick-import-files',
  newDatabase: 'radbench:new-database',
  openDatabase: 'radbench:open-database',
  saveDatabase: 'radbench:save-database',
  saveDatabaseAs: 'radbench:save-database-as',
  saveExport: 'radbench:save-export',
  /** The window's own page as an A4 PDF (webContents.printToPDF), saved where the user chooses. */
  exportPdf: 'radbench:export-pdf',
  documentState: 'radbench:document-state',
  setPassphrase: 'radbench:set-passphrase',
  removePassphrase: 'radbench:remove-passphrase',
  /** renderer → main: the passphrase dialog's answer (request id, passphrase or null). */
  answerPassphrase: 'radbench:answer-passphrase',
  listRecovery: 'radbench:list-recovery',
  restoreRecovery: 'radbench:restore-recovery',
  discardRecovery: 'radbench:discard-recovery',
  /** main → renderer: show the passphrase dialog. */
  passphraseRequest: 'radbench:passphrase-request',
  /** main → renderer: recovery copies to offer. */
  recoveryAvailable: 'radbench:recovery-available',
  /** main → renderer */
  menuCommand: 'radbench:menu-command',
  /** main → renderer */
  documentStateChanged: 'radbench:document-state-changed',
} as const;

/** The message type the preload uses to hand the engine port to the page (window.postMessage). */
export const ENGINE_PORT_MESSAGE = 'radbench:engine-port';
