/**
 * The user's decisions on reconciliation lines, kept by line key (see api.ts). The rules:
 * - any line can be accepted, disputed (with a note) or resolved, and reopened;
 * - accepted and resolved lines are locked: nothing but a reopen changes them;
 * - each decision records the status the line had, so a later run that gives the line another status shows
 *   the change beside the decision instead of changing it.
 */
import type { Database } from 'sql.js';
import { queryRows } from '../db/connection';
import { LOCKING_DECISIONS, MAX_NOTE_LENGTH, type DecideRequest, type LineDecision, type LineStatus } from './api';

export { MAX_NOTE_LENGTH };

export interface StoredDecision {
  key: string;
  decision: LineDecision;
  note: string | null;
  status: LineStatus;
  decidedAt: string;
}

const DECISIONS: readonly LineDecision[] = ['open', 'accepted', 'disputed', 'resolved'];

export class DecisionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionError';
  }
}

export function isLocked(decision: LineDecision | null | undefined): boolean {
  return decision !== null && decision !== undefined && LOCKING_DECISIONS.includes(decision);
}

/** The request checked: a known decision, a note where one is needed and not too long, some keys. */
export function checkDecideRequest(req: DecideRequest): { keys: string[]; decision: LineDecision; note: string | null } {
  if (!DECISIONS.includes(req.decision)) throw new DecisionError(`"${String(req.decision)}" is not a decision (open, accepted, disputed or resolved).`);
  const keys = [...new Set((req.keys ?? []).filter((k) => typeof k === 'string' && k !== ''))];
  if (keys.length === 0) throw new DecisionError('Choose at least one line.');
  const note = typeof req.note === 'string' && req.note.trim() ? req.note.trim() : null;
  if (req.decision === 'disputed' && note === null) throw new DecisionError('Say why the line is disputed: a dispute needs a note.');
  if (note !== null && note.length > MAX_NOTE_LENGTH) throw new DecisionError(`The note is longer than ${MAX_NOTE_LENGTH} characters.`);
  return { keys, decision: req.decision, note };
}

/** The decisions of one provider in some months, by key. */
export function loadDecisions(db: Database, provider: string, months: readonly string[]): Map<string, StoredDecision> {
  const rows = queryRows<StoredDecision & Record<string, unknown>>(
    db,
    `SELECT key, decision, note, status, decided_at AS decidedAt FROM recon_decision
     WHERE provider = ? AND month IN (SELECT value FROM json_each(?))`,
    [provider, JSON.stringify(months)],
  );
  return new Map(rows.map((r) => [r.key, r]));
}

export interface DecisionTarget {
  key: string;
  provider: string;
  month: string;
  status: LineStatus;
}

/**
 * Applies one decision to lines (all found beforehand), inside the caller's transaction. A locked line takes only
 * a reopen. A note given replaces the line's note; none given keeps it (a reopen keeps the history of why).
 */
export function applyDecision(
  db: Database,
  targets: readonly DecisionTarget[],
  existing: ReadonlyMap<string, StoredDecision>,
  request: { decision: LineDecision; note: string | null },
  decidedAt: string,
): { changed: number; locked: number } {
  let changed = 0;
  let locked = 0;
  for (const t of targets) {
    const before = existing.get(t.key);
    if (isLocked(before?.decision) && request.decision !== 'open') {
      locked++;
      continue;
    }
    const note = request.note ?? before?.note ?? null;
    if (before && before.decision === request.decision && before.note === note && before.status === t.status) continue;
    if (!before && request.decision === 'open' && note === null) continue;
    db.run(
      `INSERT INTO recon_decision (key, provider, month, decision, note, status, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET decision = excluded.decision, note = excluded.note, status = excluded.status,
         decided_at = excluded.decided_at`,
      [t.key, t.provider, t.month, request.decision, note, t.status, decidedAt],
    );
    changed++;
  }
  return { changed, locked };
}
