/**
 * Outsourcing reconciliation: tariffs, provider statements, line statuses, decisions and the dispute pack.
 * Part of the EngineApi (shared/contract.ts extends it). Method names are wired into every host; types may grow.
 */
import type { PeriodSpec } from '../contract';

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
}
export type TariffInput = Omit<TariffRow, 'id'> & { id?: number };

export type LineStatus = 'matched' | 'billed_not_in_ris' | 'not_billed' | 'billed_twice' | 'price_differs' | 'reported_by_other';
export type LineDecision = 'open' | 'accepted' | 'disputed' | 'resolved';

export interface ReconcileRequest {
  period?: PeriodSpec | null;
  provider?: string | null;
}

/** One provider and month a statement covers (CLI.md's reconciliation JSON, money in pence here). */
export interface ReconciliationRow {
  provider: string;
  month: string; // YYYY-MM
  statementLines: number;
  matched: number;
  billedNotInRis: number;
  notBilled: number;
  billedTwice: number;
  priceVariance: number;
  reportedByOther: number;
  expectedCostPence: number;
  statementTotalPence: number;
  ledgerSpendPence: number;
}

export interface ReconciliationSummary {
  rows: ReconciliationRow[];
}

export interface ReconcileLinesRequest {
  provider: string;
  month: string;
  status?: LineStatus | null;
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
  reportedAt: string | null;
  unitPricePence: number | null;
  amountPence: number | null;
  tariffPence: number | null;
  differencePence: number | null;
  reporter: string | null;
  decision: LineDecision;
  note: string | null;
  locked: boolean;
}

export interface ReconcileLinesResult {
  lines: ReconcileLine[];
  total: number;
}

export interface DecideRequest {
  keys: string[];
  decision: LineDecision;
  note?: string | null;
}

export interface ReconcileApi {
  listTariffs(): Promise<TariffRow[]>;
  saveTariff(row: TariffInput): Promise<TariffRow>;
  deleteTariff(id: number): Promise<void>;
  reconciliation(req: ReconcileRequest): Promise<ReconciliationSummary>;
  reconcileLines(req: ReconcileLinesRequest): Promise<ReconcileLinesResult>;
  decideLines(req: DecideRequest): Promise<{ changed: number; locked: number }>;
  exportDisputePack(req: ReconcileRequest): Promise<Uint8Array>;
}
