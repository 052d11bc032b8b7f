/**
 * The Finance view: ledger spend for the period (shared with the dashboard), the classification rules and
 * provider aliases with their edits, and the drill-down from a £ figure to its ledger lines.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type {
  AnalysisResult, ClassificationRule, EngineApi, FilterOptions, FinanceData, LedgerFilter, LedgerLineRow, LedgerLinesResult,
  PeriodSpec, ProviderAlias, RuleChangePreview, StoredRule,
} from '../../shared/contract';
import { normaliseSupplier } from '../../shared/finance/providers';
import { spendByMonthChart, categoryTotals } from '../charts/spendChart';
import { csvBytes } from '../csvExport';
import { errorMessage } from '../errors';
import { CATEGORY_NAMES } from '../finance/labels';
import { plainRule, reasonsFromError } from '../finance/ruleDraft';
import { formatCount } from '../format';
import { defaultSelection, fyRange, selectionLabel, selectionMonths, toPeriodSpec, type PeriodSelection } from '../period';
import { host } from '../platform/host';
import { useDashboardStore } from './dashboard';
import { reloadOnChange, useEngineStore } from './engine';

export const LEDGER_PAGE = 5000;

/** Every month the engine can be asked about: for finding the first and last ledger month. */
const ALL_TIME: PeriodSpec = { fromMonth: '1900-01', toMonth: '2199-12' };

export interface LedgerDrill {
  title: string;
  /** What the lines are, in words: the period and the filter. */
  subtitle: string;
  filter: LedgerFilter;
  result: LedgerLinesResult | null;
  loading: boolean;
  error: string | null;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; reasons: string[] };

const lines = (n: number) => `${formatCount(n)} ledger line${n === 1 ? '' : 's'}`;

/**
 * The first and last month holding ledger lines. filterOptions() covers RIS data only, so this reads the
 * ledger itself: its lines come ordered by month, so the first and the last line give the range.
 */
async function ledgerRange(api: EngineApi): Promise<{ first: string; last: string } | null> {
  const head = await api.ledgerLines(ALL_TIME, { limit: 1 });
  const first = head.rows[0];
  if (!first || head.total === 0) return null;
  const tail = head.total > 1 ? (await api.ledgerLines(ALL_TIME, { limit: 1, offset: head.total - 1 })).rows[0] : first;
  return { first: first.periodMonth, last: (tail ?? first).periodMonth };
}

/**
 * The ledger lines' columns in a CSV export, as the ledger had them. Amounts are numbers in pounds (not text,
 * which the CSV guard would prefix with a quote when negative), so a spreadsheet can add them up.
 */
export function ledgerCsv(rows: readonly LedgerLineRow[]): Uint8Array {
  return csvBytes(
    ['Ledger month', 'Transaction date', 'Supplier', 'Canonical provider', 'Cost centre', 'Subjective code', 'Subjective or expense type', 'Expense area', 'Description', 'Reference', 'Amount (£)', 'Category', 'Rule', 'Import batch', 'Row in file'],
    rows.map((r) => [
      r.periodMonth, r.transactionDate, r.supplier, r.provider, r.costCentre, r.subjectiveCode, r.subjectiveName, r.expenseArea, r.narrative,
      r.reference, r.amountPence / 100, CATEGORY_NAMES[r.category], r.ruleId, r.batchId, r.srcRow,
    ]),
  );
}

export const useFinanceStore = defineStore('finance', () => {
  const engine = useEngineStore();
  const dash = useDashboardStore();

  const options = shallowRef<FilterOptions | null>(null);
  const range = shallowRef<{ first: string; last: string } | null>(null);
  // Replaced whole on every load; no deep reactivity needed.
  const data = shallowRef<FinanceData | null>(null);
  const analysis = shallowRef<AnalysisResult | null>(null);
  const rules = shallowRef<StoredRule[]>([]);
  const aliases = shallowRef<ProviderAlias[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const notice = ref<string | null>(null);
  const drill = shallowRef<LedgerDrill | null>(null);
  let seq = 0;
  let current: Promise<void> | null = null;
  /** What the database held when the ledger range was last read: a rule edit leaves it, an import or undo does not. */
  let rangeKey: string | null = null;

  /**
   * The page's own period. It starts from the dashboard's and is handed back to it, so both pages show the same
   * months; it is kept separate because the dashboard resets a year without RIS data, which a ledger may have.
   */
  const selection = ref<PeriodSelection | null>(null);

  /** Years with RIS data (as the dashboard offers them) and years with ledger lines, newest first. */
  const ledgerYears = computed(() => (range.value ? fyRange(range.value.first, range.value.last) : []));
  const financialYears = computed(() => {
    const o = options.value;
    const ris = !o ? [] : o.financialYears.length > 0 ? o.financialYears : o.firstMonth && o.lastMonth ? fyRange(o.firstMonth, o.lastMonth) : [];
    return [...new Set([...ris, ...ledgerYears.value])].sort().reverse();
  });

  const periodSpec = computed<PeriodSpec | null>(() => (selection.value ? toPeriodSpec(selection.value) : null));
  const periodLabel = computed(() => (selection.value ? selectionLabel(selection.value) : ''));
  const months = computed(() => (selection.value ? selectionMonths(selection.value) : []));
  const hasAnyLedger = computed(() => range.value !== null);
  /** Whether the chart includes Other (unclassified and non-radiology) spend; the totals always do. */
  const chartIncludesOther = ref(false);
  const chart = computed(() => spendByMonthChart(data.value?.spendByMonth ?? [], months.value, { includeOther: chartIncludesOther.value }));
  const totals = computed(() => categoryTotals(data.value?.spendByMonth ?? []));
  const totalPence = computed(() => Object.values(totals.value).reduce((a, b) => a + b, 0));
  const takenRuleIds = computed(() => rules.value.map((r) => r.id));

  /** Reads everything the page shows. `fromDashboard`: take the dashboard's period (on arriving at the page). */
  function load(fromDashboard = false): Promise<void> {
    const mine = ++seq;
    const run = (async () => {
      loading.value = true;
      error.value = null;
      try {
        const api = engine.api();
        // Finding the range sorts the whole ledger, so it is read on arriving and after imports, not per period.
        // (Asked afresh: this runs as a change is announced, before the engine store has refreshed its copy.)
        const info = await api.info();
        const key = `${info.batches}:${info.exams}:${info.reports}:${info.synthetic}`;
        const reread = fromDashboard || key !== rangeKey;
        const [opts, found] = await Promise.all([api.filterOptions(), reread ? ledgerRange(api) : Promise.resolve(range.value)]);
        if (mine !== seq) return;
        options.value = opts;
        range.value = found;
        if (reread) rangeKey = key;
        const years = financialYears.value;
        const valid = (sel: PeriodSelection | null): sel is PeriodSelection => !!sel && (years.length === 0 || years.includes(sel.fy));
        if (fromDashboard && valid(dash.selection)) selection.value = { ...dash.selection };
        if (!valid(selection.value)) {
          // Nothing chosen yet: start on the newest year the ledger covers.
          selection.value = defaultSelection(ledgerYears.value.length > 0 ? ledgerYears.value : years);
          dash.selection ??= { ...selection.value };
        }
        const spec = toPeriodSpec(selection.value);
        const [fin, ruleList, aliasList, result] = await Promise.all([
          api.finance(spec),
          api.listRules(),
          api.listAliases(),
          api.analyse({ period: spec }),
        ]);
        if (mine !== seq) return;
        data.value = fin;
        rules.value = ruleList;
        aliases.value = aliasList;
        analysis.value = result;
        loaded.value = true;
      } catch (err) {
        if (mine === seq) error.value = errorMessage(err);
      } finally {
        if (mine === seq) loading.value = false;
      }
    })();
    current = run;
    return run;
  }

  async function setSelection(next: Partial<PeriodSelection>): Promise<void> {
    if (!selection.value) return;
    selection.value = { ...selection.value, ...next };
    // The dashboard follows; it loads when it is next shown.
    dash.selection = { ...selection.value };
    drill.value = null;
    await load();
  }

  /** After a change, the revision watcher has already started a fresh load (the dashboard's too); wait for it. */
  async function reloadAfterChange(): Promise<void> {
    await engine.changed();
    await (loaded.value && current ? current : load());
  }

  // --- drill-down to ledger lines --------------------------------------------------------------------------

  async function fetchLines(state: LedgerDrill, offset: number): Promise<void> {
    const spec = periodSpec.value;
    if (!spec) return;
    drill.value = { ...state, loading: true, error: null };
    try {
      const page = await engine.api().ledgerLines(spec, { ...state.filter, limit: LEDGER_PAGE, offset });
      if (drill.value?.title !== state.title) return;
      const rows = offset > 0 && state.result ? [...state.result.rows, ...page.rows] : page.rows;
      drill.value = { ...state, result: { rows, total: page.total, pence: page.pence }, loading: false };
    } catch (err) {
      if (drill.value?.title !== state.title) return;
      drill.value = { ...state, loading: false, error: errorMessage(err) };
    }
  }

  async function openLines(title: string, filter: LedgerFilter): Promise<void> {
    const subtitle = periodLabel.value;
    await fetchLines({ title, subtitle, filter: { ...filter }, result: null, loading: true, error: null }, 0);
  }

  async function loadMoreLines(): Promise<void> {
    const state = drill.value;
    if (!state?.result || state.loading || state.result.rows.length >= state.result.total) return;
    await fetchLines(state, state.result.rows.length);
  }

  function closeLines(): void {
    drill.value = null;
  }

  /** Every line behind the open figure (not only the rows shown), as CSV. */
  async function exportLines(): Promise<void> {
    const state = drill.value;
    const spec = periodSpec.value;
    if (!state?.result || !spec) return;
    try {
      const all = state.result.rows.length >= state.result.total
        ? state.result.rows
        : (await engine.api().ledgerLines(spec, { ...state.filter, limit: state.result.total, offset: 0 })).rows;
      const label = 'spec' in spec ? spec.spec : 'period';
      const name = `radbench-ledger-${state.title}-${label}`.replace(/[^0-9A-Za-z-]+/g, '-').replace(/-+/g, '-').slice(0, 100);
      await host().saveFile(`${name}.csv`, ledgerCsv(all), 'text/csv');
    } catch (err) {
      drill.value = { ...state, error: errorMessage(err) };
    }
  }

  // --- rules ---------------------------------------------------------------------------------------------

  async function previewRule(rule: ClassificationRule): Promise<Outcome<RuleChangePreview>> {
    try {
      return { ok: true, value: await engine.api().previewRule(plainRule(rule)) };
    } catch (err) {
      return { ok: false, reasons: reasonsFromError(err) };
    }
  }

  /** Saves and reclassifies; a refusal comes back with the engine's reasons and nothing is saved. */
  async function saveRule(rule: ClassificationRule): Promise<Outcome<{ changed: number }>> {
    let result: { changed: number };
    try {
      result = await engine.api().saveRule(plainRule(rule));
    } catch (err) {
      return { ok: false, reasons: reasonsFromError(err) };
    }
    notice.value = `Saved the rule “${rule.id}”: ${lines(result.changed)} reclassified.`;
    await reloadAfterChange();
    return { ok: true, value: result };
  }

  async function setRuleEnabled(rule: StoredRule, enabled: boolean): Promise<void> {
    const outcome = await saveRule({ ...rule, enabled });
    if (outcome.ok) notice.value = `${enabled ? 'Enabled' : 'Disabled'} the rule “${rule.id}”: ${lines(outcome.value.changed)} reclassified.`;
    else error.value = `The rule “${rule.id}” could not be changed: ${outcome.reasons.join('; ')}.`;
  }

  async function deleteRule(id: string): Promise<void> {
    error.value = null;
    try {
      const { changed } = await engine.api().deleteRule(id);
      notice.value = `Deleted the rule “${id}”: ${lines(changed)} reclassified.`;
      await reloadAfterChange();
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  // --- provider aliases ----------------------------------------------------------------------------------

  /** Adds an alias, or replaces `replacing` by it (an edit that renames the alias removes the old one). */
  async function saveAlias(alias: string, provider: string, replacing: string | null = null): Promise<Outcome<{ changed: number }>> {
    const name = alias.trim();
    const canonical = provider.trim();
    const reasons: string[] = [];
    if (!name) reasons.push('enter the name as it is written in the ledger or the RIS');
    if (!canonical) reasons.push('enter the provider it stands for');
    if (reasons.length) return { ok: false, reasons };
    try {
      const api = engine.api();
      let { changed } = await api.saveAlias(name, canonical);
      if (replacing && normaliseSupplier(replacing) !== normaliseSupplier(name)) changed += (await api.deleteAlias(replacing)).changed;
      notice.value = `“${name}” now means ${canonical}: ${lines(changed)} updated.`;
      await reloadAfterChange();
      return { ok: true, value: { changed } };
    } catch (err) {
      return { ok: false, reasons: reasonsFromError(err) };
    }
  }

  async function deleteAlias(alias: string): Promise<void> {
    error.value = null;
    try {
      const { changed } = await engine.api().deleteAlias(alias);
      notice.value = `Removed the name “${alias}”: ${lines(changed)} updated.`;
      await reloadAfterChange();
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  function dismissNotice(): void {
    notice.value = null;
  }

  // Imports, undo and demo loads change the ledger; reload when the page has been shown.
  reloadOnChange(engine, () => loaded.value, load);

  return {
    options, range, data, analysis, rules, aliases, loading, loaded, error, notice, drill,
    selection, ledgerYears, financialYears, periodSpec, periodLabel, months, hasAnyLedger, chartIncludesOther, chart, totals, totalPence, takenRuleIds,
    load, setSelection, openLines, loadMoreLines, closeLines, exportLines,
    previewRule, saveRule, setRuleEnabled, deleteRule, saveAlias, deleteAlias, dismissNotice,
  };
});
