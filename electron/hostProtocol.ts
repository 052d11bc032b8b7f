/**
 * Control messages between the main process and the engine host (utility process), over
 * process.parentPort. Engine calls themselves go over the per-window MessagePorts, not here.
 * Passphrases travel only in these messages (main → host), never to disk or a log.
 */

/** The engine host's view of the open database file. */
export interface HostDocState {
  path: string | null;
  readOnly: boolean;
  dirty: boolean;
  /** The database is protected with a passphrase: its file, autosaves, backups and recovery copies are sealed. */
  encrypted: boolean;
}

export type HostRequest =
  /** Carries a MessagePortMain (in event.ports) to expose the engine on. */
  | { type: 'port' }
  | { type: 'new'; id: number }
  /** Opens a file; `passphrase` when it is protected (the host answers 'passphrase-required' without one). */
  | { type: 'open'; id: number; path: string; passphrase?: string }
  /** Saves to `path` and makes it the document's path (Save and Save As). */
  | { type: 'save'; id: number; path: string }
  /** Opens a recovery copy as an unsaved document tied to its original file. */
  | { type: 'restore'; id: number; recoveryId: string; passphrase?: string }
  /** Protects the document with a (new) passphrase and rewrites its file sealed. */
  | { type: 'protect'; id: number; passphrase: string }
  /** Removes the protection after the current passphrase is confirmed. */
  | { type: 'unprotect'; id: number; passphrase: string }
  /** Before quitting: finish any queued save and release the file lock. */
  | { type: 'shutdown'; id: number };

/** Why a request failed, where main acts on the reason (asks for the passphrase again). */
export type HostErrorCode = 'passphrase-required' | 'wrong-passphrase' | 'weak-passphrase';

export type HostMessage =
  | { type: 'ready' }
  | { type: 'opened'; id: number; doc: HostDocState; readOnlyReason: string | null; notice?: string | null }
  | { type: 'saved'; id: number | null; doc: HostDocState; autosave: boolean }
  | { type: 'protected'; id: number; doc: HostDocState }
  | { type: 'error'; id: number | null; message: string; doc: HostDocState; code?: HostErrorCode }
  | { type: 'closed'; id: number }
  /** Unsolicited: the document changed (dirty, or detached from its file by engine.open / loadDemo). */
  | { type: 'state'; doc: HostDocState };

const hasId = (m: Record<string, unknown>) => typeof m.id === 'number';
const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

export function isHostRequest(value: unknown): value is HostRequest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'port':
      return true;
    case 'new':
    case 'shutdown':
      return hasId(m);
    case 'open':
      return hasId(m) && typeof m.path === 'string' && m.path.length > 0 && optionalString(m.passphrase);
    case 'save':
      return hasId(m) && typeof m.path === 'string' && m.path.length > 0;
    case 'restore':
      return hasId(m) && typeof m.recoveryId === 'string' && optionalString(m.passphrase);
    case 'protect':
    case 'unprotect':
      return hasId(m) && typeof m.passphrase === 'string';
    default:
      return false;
  }
}

export function isHostMessage(value: unknown): value is HostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return (
    type === 'ready' ||
    type === 'opened' ||
    type === 'saved' ||
    type === 'protected' ||
    type === 'error' ||
    type === 'state' ||
    type === 'closed'
  );
}
