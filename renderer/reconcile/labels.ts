/**
 * What each line status and decision means, in plain English, for the Reconcile view's explanations. The names
 * and their order are the engine's (shared/reconcile/api.ts), so the screen and the dispute pack say the same.
 */
import { LINE_DECISION_NAMES, LINE_STATUS_NAMES, LINE_STATUSES, type LineDecision, type LineStatus } from '../../shared/reconcile/api';

export { LINE_STATUSES };
export const STATUS_NAMES: Record<LineStatus, string> = LINE_STATUS_NAMES;
export const DECISION_NAMES: Record<LineDecision, string> = LINE_DECISION_NAMES;

export const STATUS_HELP: Record<LineStatus, string> = {
  matched: 'Billed once, at the tariff price, for an examination the RIS shows this provider reported.',
  price_differs: 'The examination is in the RIS, but the unit price billed is not the tariff in force on the date reported. The difference is billed minus tariff.',
  billed_twice: 'An earlier line, on this or another of the provider’s statements, billed the same examination. The first line keeps its own status; this repeat is the one to dispute.',
  billed_not_in_ris: 'No RIS examination has this accession number (with this examination code or modality). Either the provider billed for work the trust has no record of, or the RIS extract is incomplete.',
  reported_by_other: 'The RIS shows the report issued by someone else: an in-house reporter, or another provider.',
  not_billed: 'The RIS shows this provider reported the examination in a month its statements cover, but no statement line bills it. It may be billed on a later statement.',
};

/** Statuses that need a decision; matched lines agree with the RIS and the tariff. */
export const DISCREPANCIES: readonly LineStatus[] = LINE_STATUSES.filter((s) => s !== 'matched');

export const DECISION_HELP: Record<LineDecision, string> = {
  open: 'No decision yet. Reopening a locked line unlocks it, so it can be decided again.',
  accepted: 'You agree to pay the line as billed. Accepted lines are locked.',
  disputed: 'You are challenging the line with the provider; the note says why. Disputed lines go into the dispute pack.',
  resolved: 'The difference is settled, for example by a credit note. Resolved lines are locked.',
};

