/**
 * Control messages between the main process and the engine host (utility process), over
 * process.parentPort. Engine calls themselves go over the per-window MessagePorts, not here.
 */

/** The engine host's view of the open database file. */
export interface HostDocState {
  path: string | null;
  readOnly: boolean;
  dirty: boolean;
}

export type HostRequest =
  /** Carries a MessagePortMain (in event.ports) to expose the engine on. */
  | { type: 'port' }
  | { type: 'new'; id: number }
  | { type: 'open'; id: number; path: string }
  /** Saves to `path` and makes it the document's path (Save and Save As). */
  | { type: 'save'; id: number; path: string }
  /** Before quitting: finish any queued save and release the file lock. */
  | { type: 'shutdown'; id: number };

export type HostMessage =
  | { type: 'ready' }
  | { type: 'opened'; id: number; doc: HostDocState; readOnlyReason: string | null }
  | { type: 'saved'; id: number | null; doc: HostDocState; autosave: boolean }
  | { type: 'error'; id: number | null; message: string; doc: HostDocState }
  | { type: 'closed'; id: number }
  /** Unsolicited: the document changed (dirty, or detached from its file by engine.open / loadDemo). */
  | { type: 'state'; doc: HostDocState };

export function isHostRequest(value: unknown): value is HostRequest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'port':
      return true;
    case 'new':
    case 'shutdown':
      return typeof m.id === 'number';
    case 'open':
    case 'save':
      return typeof m.id === 'number' && typeof m.path === 'string' && m.path.length > 0;
    default:
      return false;
  }
}

export function isHostMessage(value: unknown): value is HostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'ready' || type === 'opened' || type === 'saved' || type === 'error' || type === 'state' || type === 'closed';
}
