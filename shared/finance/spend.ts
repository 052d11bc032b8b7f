/**
 * Spend metrics over ledger_line (METRICS.md). Sums are taken in integer pence by SQLite and turned into pounds
 * once, at the end (pence / 100 gives at most 2 decimal places), so no float error accumulates.
 * A period is whole months; a line counts in it by its ledger period month.
 */
import type { Database } from 'sql.js';
import type { Period, ProviderFigures } from '../contract';
import { LEDGER_CATEGORIES, type LedgerCategory } from '../model';
import { queryRows, queryValue } from '../db/connection';
import type { ProviderIndex } from './providers';

type Params = (string | number | null)[];

const monthRange = (period: Pick<Period, 'from' | 'to'>): [string, string] => [period.from.slice(0, 7), period.to.slice(0, 7)];

/** Integer pence → pounds with at most 2 decimal places. */
export const penceToPounds = (pence: number): number => pence / 100;

/** The key a line is grouped under by provider: its canonical provider, else its supplier as written. */
const PROVIDER_SQL = `COALESCE(supplier_canonical, NULLIF(supplier, ''), '(no supplier)')`;

function isCategory(c: string): c is LedgerCategory {
  return (LEDGER_CATEGORIES as readonly string[]).includes(c);
}

function tableExists(db: Database): boolean {
  return queryValue(db, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger_line'`) !== null;
}

/** Whether any ledger line exists (in the period, when one is given). */
export function hasLedger(db: Database, period?: Pick<Period, 'from' | 'to'>): boolean {
  if (!tableExists(db)) return false;
  if (!period) return queryValue(db, 'SELECT 1 FROM ledger_line LIMIT 1') !== null;
  return queryValue(db, 'SELECT 1 FROM ledger_line WHERE period_month BETWEEN ? AND ? LIMIT 1', monthRange(period)) !== null;
}

export function spendByCategoryPence(db: Database, period: Pick<Period, 'from' | 'to'>): Record<LedgerCategory, number> {
  const out = Object.fromEntries(LEDGER_CATEGORIES.map((c) => [c, 0])) as Record<LedgerCategory, number>;
  if (!tableExists(db)) return out;
  const rows = queryRows<{ category: string; pence: number }>(
    db,
    `SELECT category, SUM(amount_pence) AS pence FROM ledger_line WHERE period_month BETWEEN ? AND ? GROUP BY category`,
    monthRange(period),
  );
  // A category no longer known (an old rule file) still counts, as other, so the totals stay whole.
  for (const r of rows) out[isCategory(r.category) ? r.category : 'other'] += r.pence;
  return out;
}

/** Net spend per category in pounds; every category present. */
export function spendByCategory(db: Database, period: Pick<Period, 'from' | 'to'>): Record<LedgerCategory, number> {
  const pence = spendByCategoryPence(db, period);
  return Object.fromEntries(LEDGER_CATEGORIES.map((c) => [c, penceToPounds(pence[c])])) as Record<LedgerCategory, number>;
}

export interface MonthCategorySpend {
  month: string;
  category: LedgerCategory;
  pence: number;
}

/** Net spend per month and category (only the cells with lines), by month then category order. */
export function spendByMonth(db: Database, period: Pick<Period, 'from' | 'to'>): MonthCategorySpend[] {
  if (!tableExists(db)) return [];
  const rows = queryRows<{ month: string; category: string; pence: number }>(
    db,
    `SELECT period_month AS month, category, SUM(amount_pence) AS pence FROM ledger_line
     WHERE period_month BETWEEN ? AND ? GROUP BY 1, 2`,
    monthRange(period),
  );
  const merged = new Map<string, MonthCategorySpend>();
  for (const r of rows) {
    const category = isCategory(r.category) ? r.category : 'other';
    const key = `${r.month}|${category}`;
    const cell = merged.get(key);
    if (cell) cell.pence += r.pence;
    else merged.set(key, { month: r.month, category, pence: r.pence });
  }
  const order = (c: LedgerCategory) => LEDGER_CATEGORIES.indexOf(c);
  return [...merged.values()].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : order(a.category) - order(b.category)));
}

/** Net pence per provider (canonical name, else the supplier as written) in one category. */
export function spendByProvider(db: Database, period: Pick<Period, 'from' | 'to'>, category: LedgerCategory): Map<string, number> {
  const out = new Map<string, number>();
  if (!tableExists(db)) return out;
  const rows = queryRows<{ provider: string; pence: number }>(
    db,
    `SELECT ${PROVIDER_SQL} AS provider, SUM(amount_pence) AS pence FROM ledger_line
     WHERE period_month BETWEEN ? AND ? AND category = ? GROUP BY 1 ORDER BY 2 DESC, 1`,
    [...monthRange(period), category],
  );
  for (const r of rows) out.set(r.provider, r.pence);
  return out;
}

export interface SupplierTotal {
  supplier: string;
  provider: string | null;
  category: LedgerCategory;
  lines: number;
  pence: number;
}

/** Totals per supplier (as written) and category, largest first: the Finance view's supplier table. */
export function supplierTotals(db: Database, period: Pick<Period, 'from' | 'to'>): SupplierTotal[] {
  if (!tableExists(db)) return [];
  return queryRows<{ supplier: string; provider: string | null; category: string; lines: number; pence: number }>(
    db,
    `SELECT COALESCE(supplier, '') AS supplier, supplier_canonical AS provider, category, COUNT(*) AS lines,
            SUM(amount_pence) AS pence
     FROM ledger_line WHERE period_month BETWEEN ? AND ?
     GROUP BY 1, 2, 3 ORDER BY pence DESC, supplier, category`,
    monthRange(period),
  ).map((r) => ({ ...r, category: isCategory(r.category) ? r.category : 'other' }));
}

export interface LedgerLineRow {
  id: number;
  batchId: number;
  srcRow: number | null;
  periodMonth: string;
  transactionDate: string | null;
  supplier: string | null;
  provider: string | null;
  costCentre: string | null;
  subjectiveCode: string | null;
  subjectiveName: string | null;
  expenseArea: string | null;
  narrative: string | null;
  reference: string | null;
  entity: string | null;
  amountPence: number;
  category: LedgerCategory;
  ruleId: string | null;
  radiology: boolean;
}

export interface LedgerFilter {
  category?: LedgerCategory | null;
  /** Canonical provider, or the supplier as written for a line with none (the spendByProvider key). */
  provider?: string | null;
  /** The supplier exactly as written. */
  supplier?: string | null;
  /** 'YYYY-MM': one month of the period. */
  month?: string | null;
  ruleId?: string | null;
  /** Only lines no rule matched. */
  unmatched?: boolean;
  radiologyOnly?: boolean;
  limit?: number;
  offset?: number;
}

export interface LedgerLinesResult {
  rows: LedgerLineRow[];
  /** Lines matching the filter, and their net amount, before limit/offset: the drill-down's total. */
  total: number;
  pence: number;
}

const LINE_COLUMNS = `id, batch_id AS batchId, src_row AS srcRow, period_month AS periodMonth, transaction_date AS transactionDate,
  supplier, supplier_canonical AS provider, cost_centre AS costCentre, subjective_code AS subjectiveCode,
  subjective_name AS subjectiveName, expense_area AS expenseArea, narrative, reference, entity,
  amount_pence AS amountPence, category, rule_id AS ruleId, radiology`;

function toRow(r: Record<string, unknown>): LedgerLineRow {
  const category = String(r['category']);
  return { ...(r as unknown as LedgerLineRow), category: isCategory(category) ? category : 'other', radiology: r['radiology'] === 1 };
}

/** The ledger lines behind a figure, for drill-down: by month, then largest amount first. */
export function ledgerLines(db: Database, period: Pick<Period, 'from' | 'to'>, filter: LedgerFilter = {}): LedgerLinesResult {
  if (!tableExists(db)) return { rows: [], total: 0, pence: 0 };
  const params: Params = [...monthRange(period)];
  let where = 'period_month BETWEEN ? AND ?';
  const add = (sql: string, ...values: Params) => {
    where += ` AND ${sql}`;
    params.push(...values);
  };
  if (filter.category) add('category = ?', filter.category);
  if (filter.provider) add(`${PROVIDER_SQL} = ?`, filter.provider);
  if (filter.supplier) add('supplier = ?', filter.supplier);
  if (filter.month) add('period_month = ?', filter.month);
  if (filter.ruleId) add('rule_id = ?', filter.ruleId);
  if (filter.unmatched) add('rule_id IS NULL');
  if (filter.radiologyOnly) add('radiology = 1');
  const totals = queryRows<{ n: number; pence: number | null }>(
    db,
    `SELECT COUNT(*) AS n, SUM(amount_pence) AS pence FROM ledger_line WHERE ${where}`,
    params,
  )[0];
  const limit = Math.max(0, Math.floor(filter.limit ?? 500));
  const offset = Math.max(0, Math.floor(filter.offset ?? 0));
  const rows = queryRows(
    db,
    `SELECT ${LINE_COLUMNS} FROM ledger_line WHERE ${where}
     ORDER BY period_month, abs(amount_pence) DESC, id LIMIT ? OFFSET ?`,
    [...params, limit, offset],
  ).map(toRow);
  return { rows, total: totals?.n ?? 0, pence: totals?.pence ?? 0 };
}

/** Radiology-looking lines that no rule classified ('other'), largest first: for the user to classify. */
export function reviewQueue(db: Database, period: Pick<Period, 'from' | 'to'>): LedgerLineRow[] {
  if (!tableExists(db)) return [];
  return queryRows(
    db,
    `SELECT ${LINE_COLUMNS} FROM ledger_line INDEXED BY ledger_line_review
     WHERE category = 'other' AND radiology = 1 AND period_month BETWEEN ? AND ?
     ORDER BY abs(amount_pence) DESC, period_month, id`,
    monthRange(period),
  ).map(toRow);
}

// --- the analysis's finance figures -------------------------------------------------------------------

/** Pounds per report to the penny: integer pence divided and rounded once. */
const perReport = (pence: number, reports: number): number => Math.round(pence / reports) / 100;

export interface ReportCounts {
  /** All reports in the period. */
  total: number;
  outsourced: number;
  insourced: number;
  /** Outsourced reports by the RIS provider name as written ('' when none). */
  byProvider: Map<string, number>;
}

export interface FinanceFigures {
  spendByCategory: Record<LedgerCategory, number>;
  outsourcing: { spend: number; costPerReport: number | null; byProvider: ProviderFigures[] };
  insourcing: { spend: number; costPerReport: number | null };
  externalSpendPerReport: number | null;
}

/**
 * The finance part of the analysis (METRICS.md): spend by category; outsourcing and insourcing spend and cost per
 * report, overall and by provider; external spend per report. RIS provider names and ledger suppliers are joined
 * through the provider aliases. Per-report figures are null without reports, or without any ledger line in the period.
 */
export function financeFigures(
  db: Database,
  period: Pick<Period, 'from' | 'to'>,
  reports: ReportCounts,
  providers: ProviderIndex,
): FinanceFigures {
  const pence = spendByCategoryPence(db, period);
  const ledger = hasLedger(db, period);
  const cost = (spend: number, n: number): number | null => (ledger && n > 0 ? perReport(spend, n) : null);

  const merged = new Map<string, { reports: number; pence: number }>();
  const entry = (name: string) => {
    let e = merged.get(name);
    if (!e) merged.set(name, (e = { reports: 0, pence: 0 }));
    return e;
  };
  for (const [raw, n] of reports.byProvider) {
    const name = providers.resolve(raw) ?? (raw.trim() || 'Unknown provider');
    entry(name).reports += n;
  }
  for (const [name, p] of spendByProvider(db, period, 'outsourced_reporting')) entry(name).pence += p;
  const byProvider: ProviderFigures[] = [...merged]
    .sort((a, b) => b[1].reports - a[1].reports || b[1].pence - a[1].pence || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([provider, e]) => ({ provider, reports: e.reports, spend: penceToPounds(e.pence), costPerReport: cost(e.pence, e.reports) }));

  const external = pence.outsourced_reporting + pence.insourcing + pence.outsourced_imaging;
  return {
    spendByCategory: Object.fromEntries(LEDGER_CATEGORIES.map((c) => [c, penceToPounds(pence[c])])) as Record<LedgerCategory, number>,
    outsourcing: {
      spend: penceToPounds(pence.outsourced_reporting),
      costPerReport: cost(pence.outsourced_reporting, reports.outsourced),
      byProvider,
    },
    insourcing: { spend: penceToPounds(pence.insourcing), costPerReport: cost(pence.insourcing, reports.insourced) },
    externalSpendPerReport: cost(external, reports.total),
  };
}
