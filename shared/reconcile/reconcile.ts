/**
 * Reconciliation over the database: for each provider, the months its statements cover; for a set of months,
 * the provider's lines and examinations matched (match.ts), decisions joined, and each month summarised
 * (summary.ts). Statuses are computed afresh on every call, from the data as it is; decisions are stored apart
 * and joined by line key, so a re-run or a re-import never changes a decision.
 */
import type { Database } from 'sql.js';
import { queryValue } from '../db/connection';
import type { ProviderIndex } from '../finance/providers';
import { storedProviders } from '../finance/store';
import { hasLedger, spendByProvider } from '../finance/spend';
import { monthEnd } from '../metrics/calendar';
import type { ReconcileLine, ReconciliationRow } from './api';
import { examsOfAccessions, examsReportedBy, coveredMonths, linesInMonths, linesOfAccessions, statementProviders } from './data';
import { isLocked, loadDecisions, type StoredDecision } from './decisions';
import { expectedCost, matchStatement, type ExpectedCost, type MatchedItem, type RisExamInput } from './match';
import { canonicalProvider } from './providerNames';
import { summariseMonth } from './summary';
import type { TariffBook } from './tariffBook';
import { loadTariffBook } from './tariffStore';

export interface ReconcileEnv {
  providers: ProviderIndex;
  canonical: (name: string) => string;
  tariff: TariffBook;
  /** Canonical provider → the names its statement lines are stored under. */
  statementNames: Map<string, string[]>;
}

export function reconcileEnv(db: Database): ReconcileEnv {
  const providers = storedProviders(db);
  const cache = new Map<string, string>();
  const canonical = (name: string): string => {
    let c = cache.get(name);
    if (c === undefined) cache.set(name, (c = canonicalProvider(providers, name)));
    return c;
  };
  return { providers, canonical, tariff: loadTariffBook(db, providers), statementNames: statementProviders(db, canonical) };
}

export interface ProviderRun {
  provider: string;
  months: string[];
  /** The months' lines and not-billed examinations, in match order. */
  items: MatchedItem[];
  expected: Map<string, ExpectedCost>;
}

/** Matches one provider's statements in the given months (a subset of the months they cover). */
export function runProvider(db: Database, env: ReconcileEnv, provider: string, months: readonly string[]): ProviderRun {
  const names = env.statementNames.get(provider) ?? [];
  const wanted = new Set(months);
  const lines = linesInMonths(db, names, months);
  const providerExams = examsReportedBy(db, provider, months, env.canonical);
  const accessions = [...new Set([...lines.map((l) => l.accession), ...providerExams.map((e) => e.accession)])];
  const earlierOrLater = linesOfAccessions(db, names, months, accessions);
  const items = matchStatement({
    provider,
    lines: [...lines, ...earlierOrLater],
    examsByAccession: examsOfAccessions(db, accessions, env.canonical),
    providerExams,
    tariff: env.tariff,
  }).filter((item) => wanted.has(item.month));
  const byMonth = new Map<string, RisExamInput[]>();
  for (const e of providerExams) {
    const m = e.reportedAt!.slice(0, 7);
    const list = byMonth.get(m);
    if (list) list.push(e);
    else byMonth.set(m, [e]);
  }
  const expected = new Map(months.map((m) => [m, expectedCost(env.tariff, provider, byMonth.get(m) ?? [])]));
  return { provider, months: [...months], items, expected };
}

export interface Scope {
  /** Months to include; null for every month a statement covers. */
  months: readonly string[] | null;
  provider: string | null;
}

/** Each provider with statements (or the one asked for), and the covered months in scope. */
export function providersInScope(db: Database, env: ReconcileEnv, scope: Scope): { provider: string; months: string[] }[] {
  const wantedProvider = scope.provider ? env.canonical(scope.provider) : null;
  const inScope = scope.months ? new Set(scope.months) : null;
  const out: { provider: string; months: string[] }[] = [];
  for (const [provider, names] of [...env.statementNames].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (wantedProvider !== null && provider !== wantedProvider) continue;
    const months = coveredMonths(db, names).filter((m) => !inScope || inScope.has(m));
    if (months.length) out.push({ provider, months });
  }
  return out;
}

function decisionStates(decisions: ReadonlyMap<string, StoredDecision>): Map<string, StoredDecision['decision']> {
  return new Map([...decisions].map(([k, d]) => [k, d.decision]));
}

/**
 * The summary rows: one per provider and covered month in scope, by provider then month. With `lines`, the
 * lines behind the rows are added to it too (for the dispute pack), from the same run.
 */
export function reconciliationRows(db: Database, scope: Scope, env: ReconcileEnv = reconcileEnv(db), lines?: ReconcileLine[]): ReconciliationRow[] {
  const rows: ReconciliationRow[] = [];
  const ledgerByMonth = new Map<string, { spend: Map<string, number>; any: boolean }>();
  const ledger = (month: string) => {
    let l = ledgerByMonth.get(month);
    if (!l) {
      const period = { from: `${month}-01`, to: monthEnd(month) };
      ledgerByMonth.set(month, (l = { spend: spendByProvider(db, period, 'outsourced_reporting'), any: hasLedger(db, period) }));
    }
    return l;
  };
  for (const { provider, months } of providersInScope(db, env, scope)) {
    const run = runProvider(db, env, provider, months);
    const stored = loadDecisions(db, provider, months);
    const decisions = decisionStates(stored);
    if (lines) for (const item of run.items) lines.push(toReconcileLine(provider, item, stored.get(item.key)));
    const itemsByMonth = new Map<string, MatchedItem[]>(months.map((m) => [m, []]));
    for (const item of run.items) itemsByMonth.get(item.month)?.push(item);
    for (const month of months) {
      const l = ledger(month);
      rows.push(
        summariseMonth({
          provider,
          month,
          items: itemsByMonth.get(month) ?? [],
          expected: run.expected.get(month)!,
          ledgerSpendPence: l.spend.get(provider) ?? 0,
          hasLedger: l.any,
          decisions,
        }),
      );
    }
  }
  return rows;
}

/** A matched item as the views show it, with its decision. */
export function toReconcileLine(provider: string, item: MatchedItem, decision: StoredDecision | undefined): ReconcileLine {
  const { line, exam } = item;
  const decidedStatus = decision && decision.decision !== 'open' && decision.status !== item.status ? decision.status : null;
  return {
    key: item.key,
    status: item.status,
    accession: line?.accession ?? exam!.accession,
    examCode: line?.examCode || exam?.examCode || null,
    modality: line?.modality ?? exam?.modality ?? null,
    priority: line?.priority ?? exam?.priority ?? null,
    reportedAt: line ? line.reportedOn : (exam?.reportedAt ?? null),
    unitPricePence: line?.unitPricePence ?? null,
    amountPence: line?.amountPence ?? null,
    tariffPence: item.tariffPence,
    differencePence: item.differencePence,
    reporter: exam ? [exam.reporterCode, exam.reporterName].filter(Boolean).join(' ') || null : null,
    decision: decision?.decision ?? 'open',
    note: decision?.note ?? null,
    locked: isLocked(decision?.decision),
    provider,
    month: item.month,
    source: item.source,
    examName: line?.examName ?? exam?.examName ?? null,
    reason: item.reason,
    file: line?.file ?? null,
    row: line?.srcRow ?? null,
    batchId: line?.batchId ?? null,
    risExamAt: exam?.examAt ?? null,
    risReportedAt: exam?.reportedAt ?? null,
    risGroup: exam?.group ?? null,
    risProvider: exam?.provider ?? null,
    duplicateOf: item.duplicateOf,
    credit: item.credit,
    decidedStatus,
    statusChanged: decidedStatus !== null,
    decidedAt: decision?.decidedAt ?? null,
  };
}

/** Every line of a provider in some months (covered months only), with decisions. */
export function providerLines(db: Database, env: ReconcileEnv, provider: string, months: readonly string[]): ReconcileLine[] {
  const names = env.statementNames.get(provider);
  if (!names) return [];
  const covered = new Set(coveredMonths(db, names));
  const inScope = months.filter((m) => covered.has(m));
  if (inScope.length === 0) return [];
  const run = runProvider(db, env, provider, inScope);
  const decisions = loadDecisions(db, provider, inScope);
  return run.items.map((item) => toReconcileLine(provider, item, decisions.get(item.key)));
}

/** Whether the database holds the synthetic demo (alone, or with real data beside it). */
export function isSynthetic(db: Database): boolean {
  const value = queryValue(db, `SELECT value FROM meta WHERE key = 'synthetic'`);
  return value === '1' || value === 'mixed';
}
