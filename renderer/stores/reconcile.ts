/**
 * Outsourcing reconciliation: each provider's monthly statement against the RIS, the tariff and the ledger;
 * the lines behind a month with their decisions; the tariff and its edits; the dispute pack.
 * The only part of the renderer that talks to the reconciliation endpoints of the engine.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { PeriodSpec } from '../../shared/contract';
import type { LineDecision, LineStatus, ReconcileLine, ReconcileRequest, ReconciliationRow, TariffRow } from '../../shared/reconcile/api';
import { errorMessage } from '../errors';
import { formatCount, formatMonthLong } from '../format';
import { fyOfMonth } from '../period';
import { host } from '../platform/host';
import { DECISION_NAMES, LINE_STATUSES } from '../reconcile/labels';
import { discrepancyCount } from '../reconcile/monthStatus';
import { tariffFromDraft, type TariffDraft, type TariffErrors } from '../reconcile/tariffDraft';
import { reloadOnChange, useEngineStore } from './engine';

/** Every month a statement covers (a null period): the page works out its years from the statements themselves. */
const EVERY_STATEMENT_MONTH: ReconcileRequest = { period: null, provider: null };
/** Every month, for asking whether any ledger line exists at all. */
const ALL_TIME: PeriodSpec = { fromMonth: '1900-01', toMonth: '2199-12' };
/** Lines are read a page at a time; a month's statement is read whole, so the status counts are exact. */
export const LINES_PAGE = 5000;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type StatusFilter = LineStatus | 'all' | 'discrepancies';
export type DecisionFilter = LineDecision | 'any';

const SUM_KEYS = [
  'statementLines', 'matched', 'billedNotInRis', 'notBilled', 'billedTwice', 'priceVariance', 'reportedByOther',
  'expectedCostPence', 'statementTotalPence', 'ledgerSpendPence', 'statementVariancePence', 'openIssues', 'disputed', 'settled',
] as const;

export type ProviderTotals = Record<(typeof SUM_KEYS)[number], number> & {
  /** Ledger − statement over the months that have a ledger; null when none has. */
  ledgerVariancePence: number | null;
};

export interface ProviderYear {
  provider: string;
  months: ReconciliationRow[];
  totals: ProviderTotals;
}

function sumRows(rows: readonly ReconciliationRow[]): ProviderTotals {
  const out = Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as Record<(typeof SUM_KEYS)[number], number>;
  for (const row of rows) for (const k of SUM_KEYS) out[k] += row[k];
  const withLedger = rows.filter((r) => r.ledgerVariancePence !== null);
  return { ...out, ledgerVariancePence: withLedger.length ? withLedger.reduce((sum, r) => sum + (r.ledgerVariancePence ?? 0), 0) : null };
}

const plural = (n: number, noun: string) => `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;

export function disputePackName(provider: string | null, spec: PeriodSpec | null): string {
  const label = spec && 'spec' in spec ? spec.spec : 'all-months';
  const name = `radbench-dispute-pack-${provider ?? 'all-providers'}-${label}`.replace(/[^0-9A-Za-z-]+/g, '-').replace(/-+/g, '-').slice(0, 100);
  return `${name}.xlsx`;
}

export const useReconcileStore = defineStore('reconcile', () => {
  const engine = useEngineStore();

  // Replaced whole on every load; no deep reactivity needed.
  const rows = shallowRef<ReconciliationRow[]>([]);
  /** How the engine sets the traffic light, in its words. */
  const statusRules = shallowRef<string[]>([]);
  const tariffs = shallowRef<TariffRow[]>([]);
  const hasLedger = ref(false);
  const hasRis = ref(false);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const notice = ref<string | null>(null);
  const working = ref(false);

  const fy = ref<string | null>(null);
  const provider = ref<string | null>(null);

  /** The provider-month whose lines are open, its lines (the whole statement month) and what is ticked. */
  const focus = ref<{ provider: string; month: string } | null>(null);
  const lines = shallowRef<ReconcileLine[]>([]);
  const linesTotal = ref(0);
  const linesLoading = ref(false);
  const linesError = ref<string | null>(null);
  const statusFilter = ref<StatusFilter>('all');
  const decisionFilter = ref<DecisionFilter>('any');
  const selected = shallowRef<ReadonlySet<string>>(new Set());

  let seq = 0;
  let linesSeq = 0;
  let current: Promise<void> | null = null;

  const financialYears = computed(() => [...new Set(rows.value.map((r) => fyOfMonth(r.month)))].sort().reverse());
  const providers = computed(() => [...new Set([...rows.value.map((r) => r.provider), ...tariffs.value.map((t) => t.provider)])].sort((a, b) => a.localeCompare(b, 'en-GB')));
  const periodSpec = computed<PeriodSpec | null>(() => (fy.value ? { spec: fy.value } : null));
  const hasStatements = computed(() => rows.value.length > 0);

  /** The year's months, one table per provider. */
  const providerYears = computed<ProviderYear[]>(() => {
    const chosen = rows.value.filter((r) => (!fy.value || fyOfMonth(r.month) === fy.value) && (!provider.value || r.provider === provider.value));
    const byProvider = new Map<string, ReconciliationRow[]>();
    for (const row of chosen) {
      const list = byProvider.get(row.provider) ?? [];
      list.push(row);
      byProvider.set(row.provider, list);
    }
    return [...byProvider.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'en-GB'))
      .map(([name, months]) => ({ provider: name, months: months.sort((a, b) => a.month.localeCompare(b.month)), totals: sumRows(months) }));
  });

  const focusRow = computed<ReconciliationRow | null>(() => {
    const f = focus.value;
    return f ? (rows.value.find((r) => r.provider === f.provider && r.month === f.month) ?? null) : null;
  });
  const focusTitle = computed(() => (focus.value ? `${focus.value.provider}, ${formatMonthLong(focus.value.month)}` : ''));

  /** Lines per status in the open month (exact: the whole month is read). */
  const statusCounts = computed(() => {
    const counts = Object.fromEntries(LINE_STATUSES.map((s) => [s, 0])) as Record<LineStatus, number>;
    for (const line of lines.value) counts[line.status]++;
    return counts;
  });
  const decisionCounts = computed(() => {
    const counts: Record<LineDecision, number> = { open: 0, accepted: 0, disputed: 0, resolved: 0 };
    for (const line of lines.value) counts[line.decision]++;
    return counts;
  });

  const filteredLines = computed(() =>
    lines.value.filter((l) => {
      const status = statusFilter.value;
      const byStatus = status === 'all' || (status === 'discrepancies' ? l.status !== 'matched' : l.status === status);
      return byStatus && (decisionFilter.value === 'any' || l.decision === decisionFilter.value);
    }),
  );
  const selectedLines = computed(() => lines.value.filter((l) => selected.value.has(l.key)));

  async function readLedgerPresence(): Promise<boolean> {
    const head = await engine.api().ledgerLines(ALL_TIME, { limit: 1 });
    return head.total > 0;
  }

  /** Reads the statements' months, the tariff and whether a ledger and RIS data exist. */
  function load(): Promise<void> {
    const mine = ++seq;
    const run = (async () => {
      loading.value = true;
      error.value = null;
      try {
        const api = engine.api();
        const [summary, tariffList, ledger, info] = await Promise.all([api.reconciliation(EVERY_STATEMENT_MONTH), api.listTariffs(), readLedgerPresence(), api.info()]);
        if (mine !== seq) return;
        rows.value = summary.rows;
        statusRules.value = summary.statusRules;
        tariffs.value = tariffList;
        hasLedger.value = ledger;
        hasRis.value = info.exams > 0;
        const years = financialYears.value;
        if (!fy.value || !years.includes(fy.value)) fy.value = years[0] ?? null;
        if (provider.value && !providers.value.includes(provider.value)) provider.value = null;
        loaded.value = true;
        // A month that has gone (its statement undone) closes; one still there is read again.
        if (focus.value && !focusRow.value) closeMonth();
        else if (focus.value) void loadLines();
      } catch (err) {
        if (mine === seq) error.value = errorMessage(err);
      } finally {
        if (mine === seq) loading.value = false;
      }
    })();
    current = run;
    return run;
  }

  function setYear(next: string): void {
    fy.value = next;
    if (focus.value && fyOfMonth(focus.value.month) !== next) closeMonth();
  }

  function setProvider(next: string | null): void {
    provider.value = next;
    if (focus.value && next && focus.value.provider !== next) closeMonth();
  }

  // --- the lines of one provider-month ----------------------------------------------------------------------

  async function loadLines(): Promise<void> {
    const f = focus.value;
    if (!f) return;
    const mine = ++linesSeq;
    linesLoading.value = true;
    linesError.value = null;
    try {
      const api = engine.api();
      const all: ReconcileLine[] = [];
      let total = 0;
      do {
        const page = await api.reconcileLines({ provider: f.provider, month: f.month, status: null, limit: LINES_PAGE, offset: all.length });
        total = page.total;
        all.push(...page.lines);
        if (page.lines.length === 0) break;
      } while (all.length < total);
      if (mine !== linesSeq) return;
      lines.value = all;
      linesTotal.value = total;
      // Keep ticked only the lines that are still there and can still change.
      const open = new Set(all.filter((l) => !l.locked).map((l) => l.key));
      selected.value = new Set([...selected.value].filter((k) => open.has(k)));
    } catch (err) {
      if (mine === linesSeq) linesError.value = errorMessage(err);
    } finally {
      if (mine === linesSeq) linesLoading.value = false;
    }
  }

  async function openMonth(providerName: string, month: string, status: StatusFilter | null = null): Promise<void> {
    focus.value = { provider: providerName, month };
    lines.value = [];
    linesTotal.value = 0;
    selected.value = new Set();
    decisionFilter.value = 'any';
    const row = focusRow.value;
    // Start where the work is: on the discrepancies, when there are any.
    statusFilter.value = status ?? (row && discrepancyCount(row) > 0 ? 'discrepancies' : 'all');
    await loadLines();
  }

  function closeMonth(): void {
    focus.value = null;
    lines.value = [];
    linesTotal.value = 0;
    selected.value = new Set();
    linesError.value = null;
    linesSeq++;
  }

  function setStatusFilter(next: StatusFilter): void {
    statusFilter.value = next;
  }

  function setDecisionFilter(next: DecisionFilter): void {
    decisionFilter.value = next;
  }

  function toggleLine(key: string, on: boolean): void {
    const line = lines.value.find((l) => l.key === key);
    if (!line || line.locked) return;
    const next = new Set(selected.value);
    if (on) next.add(key);
    else next.delete(key);
    selected.value = next;
  }

  /** Ticks the given lines (locked ones never); `replace` drops any ticked before. */
  function selectLines(candidates: readonly ReconcileLine[], replace = false): void {
    const next = new Set(replace ? [] : selected.value);
    for (const line of candidates) if (!line.locked) next.add(line.key);
    selected.value = next;
  }

  function clearSelection(): void {
    selected.value = new Set();
  }

  /**
   * Records a decision on the ticked lines, or on the lines given. A dispute needs a note (the provider is told
   * why); the engine keeps locked lines as they are, unless reopened, and says how many it kept.
   */
  async function decide(
    decision: LineDecision,
    note: string | null,
    only: readonly string[] | null = null,
  ): Promise<{ ok: true; changed: number; locked: number } | { ok: false; reason: string }> {
    const keys = only ? [...only] : [...selected.value];
    const text = note?.trim() || null;
    if (keys.length === 0) return { ok: false, reason: 'Tick the lines to decide on first.' };
    if (decision === 'disputed' && !text) return { ok: false, reason: 'Say why these lines are disputed: the note goes to the provider in the dispute pack.' };
    working.value = true;
    error.value = null;
    let result: { changed: number; locked: number };
    try {
      result = await engine.api().decideLines({ keys, decision, note: text });
    } catch (err) {
      working.value = false;
      return { ok: false, reason: errorMessage(err) };
    }
    const kept = result.locked > 0 ? ` ${plural(result.locked, 'line')} ${result.locked === 1 ? 'is' : 'are'} locked and stayed as ${result.locked === 1 ? 'it was' : 'they were'}.` : '';
    const did = decision === 'open' ? 'Reopened' : `Marked ${DECISION_NAMES[decision].toLowerCase()}`;
    if (!only) selected.value = new Set();
    try {
      await Promise.all([loadLines(), refreshSummary()]);
    } catch (err) {
      // The decision is recorded; only the refresh failed, and the next load shows it.
      error.value = errorMessage(err);
    } finally {
      working.value = false;
    }
    // Said once the lines and months show the decision.
    notice.value = `${did}: ${plural(result.changed, 'line')} in ${focusTitle.value}.${kept}`;
    return { ok: true, ...result };
  }

  /** The month figures again, without the rest of the page (after a decision). */
  async function refreshSummary(): Promise<void> {
    const summary = await engine.api().reconciliation(EVERY_STATEMENT_MONTH);
    rows.value = summary.rows;
    statusRules.value = summary.statusRules;
  }

  // --- the tariff ------------------------------------------------------------------------------------------

  /** Saves a price; field errors come back for the form, and nothing is saved when there are any. */
  async function saveTariff(draft: TariffDraft): Promise<TariffErrors> {
    const outcome = tariffFromDraft(draft, tariffs.value);
    if (!outcome.ok) return outcome.errors;
    try {
      const saved = await engine.api().saveTariff(outcome.value);
      // Said once the months show the new price.
      await reloadAfterChange();
      notice.value = `${draft.id === undefined ? 'Added' : 'Saved'} the ${saved.provider} price for ${saved.modality}${saved.priority ? ` (${saved.priority})` : ''}; the reconciliation uses it now.`;
      return {};
    } catch (err) {
      return { form: errorMessage(err) };
    }
  }

  async function deleteTariff(row: TariffRow): Promise<void> {
    error.value = null;
    try {
      await engine.api().deleteTariff(row.id);
      await reloadAfterChange();
      notice.value = `Deleted the ${row.provider} price for ${row.modality}${row.priority ? ` (${row.priority})` : ''}.`;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  /** Tariff edits change expected costs and statuses: the revision watcher reloads; wait for it. */
  async function reloadAfterChange(): Promise<void> {
    await engine.changed();
    await (loaded.value && current ? current : load());
  }

  // --- the dispute pack ------------------------------------------------------------------------------------

  async function exportDisputePack(): Promise<boolean> {
    const spec = periodSpec.value;
    const req: ReconcileRequest = { period: spec, provider: provider.value };
    working.value = true;
    error.value = null;
    try {
      const bytes = await engine.api().exportDisputePack(req);
      const saved = await host().saveFile(disputePackName(provider.value, spec), bytes, XLSX_MIME);
      if (saved) notice.value = `Saved the dispute pack for ${provider.value ?? 'every provider'}, ${fy.value ?? 'every month'}.`;
      return saved;
    } catch (err) {
      error.value = errorMessage(err);
      return false;
    } finally {
      working.value = false;
    }
  }

  function dismissNotice(): void {
    notice.value = null;
  }

  // Imports (statements, tariffs, RIS), undo and demo loads change the reconciliation; reload once shown.
  reloadOnChange(engine, () => loaded.value, load);

  return {
    rows, statusRules, tariffs, hasLedger, hasRis, loading, loaded, error, notice, working, fy, provider,
    focus, lines, linesTotal, linesLoading, linesError, statusFilter, decisionFilter, selected,
    financialYears, providers, periodSpec, hasStatements, providerYears, focusRow, focusTitle,
    statusCounts, decisionCounts, filteredLines, selectedLines,
    load, setYear, setProvider, openMonth, closeMonth, loadLines, setStatusFilter, setDecisionFilter,
    toggleLine, selectLines, clearSelection, decide, saveTariff, deleteTariff, exportDisputePack, dismissNotice,
  };
});
