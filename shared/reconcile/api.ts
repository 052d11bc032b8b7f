/**
 * Outsourcing reconciliation: tariffs, provider statements, line statuses, decisions and the dispute pack.
 * Part of the EngineApi (shared/contract.ts extends it). Method names are wired into every host; types may grow.
 *
 * How a statement line gets its status (shared/reconcile/match.ts):
 * - It is matched to a RIS examination on the accession number, then the examination code, else the modality
 *   (a line that names neither matches any examination of the accession).
 * - `billed_not_in_ris`: no RIS examination has that accession (and code or modality).
 * - `billed_twice`: an earlier line (of any statement from the provider) billed the same examination; the first
 *   line keeps its own status.
 * - `reported_by_other`: the RIS shows the report issued by an in-house reporter, or by another provider.
 * - `price_differs`: matched, but the unit price is not the tariff's (the tariff in force on the date reported).
 * - `matched`: none of these.
 * - `not_billed`: a RIS examination the provider reported (RIS provider column, or a registered reporter of the
 *   provider) in a month one of its statements covers, which no statement line of the provider bills.
 *
 * Prices (shared/reconcile/tariffBook.ts): a statement line is priced by the tariff in force on its date reported;
 * a RIS examination (the expected cost, a line not billed) on its RIS report date. The most specific tariff row
 * wins: examination code, then priority, then the modality alone. Overlapping explicit periods for one key are
 * refused (a row-level error on import); an open-ended price runs until a later one for the same key starts.
 *
 * Statement month (shared/reconcile/statementRows.ts): the statement's period column, else the month most of the
 * file's lines were reported in (a month with under a tenth of the lines joins it).
 *
 * Decisions: each line and not-billed examination has a stable key (provider, statement month, accession,
 * examination code or modality, and for repeats the occurrence), so a decision outlives re-imports and re-runs.
 * Accepted and resolved lines are locked: later runs show a changed status beside the decision but never change
 * it; only `open` (reopen) unlocks them.
 */
import type { PeriodSpec } from '../contract';
import type { StaffGroup } from '../model';

/** One price: provider × modality (× priority, × examination code), effective between two dates. Money in pence. */
export interface TariffRow {
  id: number;
  provider: string;
  modality: string;
  priority: string | null;
  examCode: string | null;
  unitPricePence: number;
  effectiveFrom: string; // YYYY-MM-DD
  effectiveTo: string | null; // YYYY-MM-DD inclusive
  /** The import batch the row came from; null once edited in the app (or entered there). */
  batchId?: number | null;
}
export type TariffInput = Omit<TariffRow, 'id'> & { id?: number };

export type LineStatus = 'matched' | 'billed_not_in_ris' | 'not_billed' | 'billed_twice' | 'price_differs' | 'reported_by_other';
/** The longest note a decision may carry (the engine refuses longer; the dialog stops typing there). */
export const MAX_NOTE_LENGTH = 2000;

export type LineDecision = 'open' | 'accepted' | 'disputed' | 'resolved';

/** Every status, in the order the views and the dispute pack list them. */
export const LINE_STATUSES: readonly LineStatus[] = ['matched', 'price_differs', 'billed_twice', 'billed_not_in_ris', 'reported_by_other', 'not_billed'];

export const LINE_STATUS_NAMES: Record<LineStatus, string> = {
  matched: 'Matched',
  price_differs: 'Price differs from tariff',
  billed_twice: 'Billed twice',
  billed_not_in_ris: 'Billed, not in RIS',
  reported_by_other: 'Reported by someone else',
  not_billed: 'In RIS, not billed',
};

export const LINE_DECISION_NAMES: Record<LineDecision, string> = {
  open: 'Open',
  accepted: 'Accepted',
  disputed: 'Disputed',
  resolved: 'Resolved',
};

/** Decisions that lock a line. */
export const LOCKING_DECISIONS: readonly LineDecision[] = ['accepted', 'resolved'];

export interface ReconcileRequest {
  /** Months to show; null or absent: every month a statement covers. */
  period?: PeriodSpec | null;
  provider?: string | null;
}

/** Green: nothing to do. Amber: something to look at. Red: money at stake. See TRAFFIC_LIGHT_RULES. */
export type TrafficLight = 'green' | 'amber' | 'red';

/** One provider and month a statement covers (CLI.md's reconciliation JSON, money in pence here). */
export interface ReconciliationRow {
  provider: string;
  month: string; // YYYY-MM
  statementLines: number;
  /** Lines matched to a RIS examination, including those at a price other than the tariff and first billings of a repeat. */
  matched: number;
  billedNotInRis: number;
  /** RIS examinations (not statement lines) reported by the provider in the month and billed on no line. */
  notBilled: number;
  billedTwice: number;
  priceVariance: number;
  reportedByOther: number;
  /** RIS examinations reported by the provider in the month, each at its tariff price. */
  expectedCostPence: number;
  statementTotalPence: number;
  /** The provider's outsourced_reporting spend in the ledger month. */
  ledgerSpendPence: number;
  /** RIS examinations reported by the provider in the month (the count behind expectedCost). */
  expectedReports: number;
  /** Of those, examinations no tariff prices: they add nothing to expectedCost. */
  unpricedReports: number;
  /** statementTotal − expectedCost. */
  statementVariancePence: number;
  /** ledgerSpend − statementTotal; null when the ledger holds no line at all for the month. */
  ledgerVariancePence: number | null;
  /** Whether any ledger line (of any supplier) falls in the month. */
  hasLedger: boolean;
  /** Sum of (unit price − tariff) over the lines at a price other than the tariff. */
  priceDifferencePence: number;
  /** Lines and not-billed examinations with a status other than matched, not yet accepted or resolved. */
  openIssues: number;
  disputed: number;
  /** Lines and examinations accepted or resolved (locked). */
  settled: number;
  status: TrafficLight;
  /** Why the status is not green, in words, most serious first. */
  reasons: string[];
  /** The statement files behind the month. */
  statements: { batchId: number; file: string; lines: number }[];
}

export interface ReconciliationSummary {
  rows: ReconciliationRow[];
  /** How the traffic light is set, for the view to show beside it. */
  statusRules: string[];
}

export interface ReconcileLinesRequest {
  provider: string;
  month: string;
  status?: LineStatus | null;
  decision?: LineDecision | null;
  limit?: number;
  offset?: number;
}

export interface ReconcileLine {
  key: string;
  status: LineStatus;
  accession: string;
  examCode: string | null;
  modality: string | null;
  priority: string | null;
  /** The statement's date reported ('YYYY-MM-DD'); for a not-billed examination, the RIS report date-time. */
  reportedAt: string | null;
  unitPricePence: number | null;
  amountPence: number | null;
  /** The tariff price in force (for a not-billed examination: what it would cost). */
  tariffPence: number | null;
  /** unit price − tariff, when both are known. */
  differencePence: number | null;
  /** The RIS reporter (code, and name when known) of the matched examination. */
  reporter: string | null;
  decision: LineDecision;
  note: string | null;
  locked: boolean;
  provider: string;
  /** The statement month the line is billed in (for a not-billed examination, its report month). */
  month: string;
  source: 'statement' | 'ris';
  examName: string | null;
  /** Why the line has its status, in words. */
  reason: string;
  /** The statement file and its 1-based row; null for a not-billed examination. */
  file: string | null;
  row: number | null;
  batchId: number | null;
  /** The RIS examination matched (or not billed). */
  risExamAt: string | null;
  risReportedAt: string | null;
  risGroup: StaffGroup | null;
  risProvider: string | null;
  /** For a line billed twice: the key of the line that billed the examination first. */
  duplicateOf: string | null;
  /** A credit (negative amount): it never counts as a repeat and is not priced. */
  credit: boolean;
  /** The status when the decision was taken, when that differs from the status now. */
  decidedStatus: LineStatus | null;
  statusChanged: boolean;
  decidedAt: string | null;
}

export interface ReconcileLinesResult {
  lines: ReconcileLine[];
  total: number;
}

export interface DecideRequest {
  keys: string[];
  /** `open` reopens a line (the only change a locked line takes). `disputed` needs a note. */
  decision: LineDecision;
  note?: string | null;
}

export interface ReconcileApi {
  listTariffs(): Promise<TariffRow[]>;
  saveTariff(row: TariffInput): Promise<TariffRow>;
  deleteTariff(id: number): Promise<void>;
  reconciliation(req: ReconcileRequest): Promise<ReconciliationSummary>;
  reconcileLines(req: ReconcileLinesRequest): Promise<ReconcileLinesResult>;
  /** `changed`: lines whose decision or note changed; `locked`: lines left alone because they are locked. */
  decideLines(req: DecideRequest): Promise<{ changed: number; locked: number }>;
  exportDisputePack(req: ReconcileRequest): Promise<Uint8Array>;
}
