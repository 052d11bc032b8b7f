/**
 * The dashboard: the period (financial year, quarter or month), site and modality filters, the data
 * they select, the metric definitions and the drill-down behind a tile.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AnalyseRequest, DashboardData, DrillResult, FilterOptions, MetricDefinition } from '../../shared/contract';
import type { Modality } from '../../shared/model';
import { buildTiles, findDefinition, type Tile } from '../dashboard/tiles';
import { errorMessage } from '../errors';
import { defaultSelection, fyRange, selectionLabel, selectionPeriod, toPeriodSpec, type PeriodSelection } from '../period';
import { host } from '../platform/host';
import { reloadOnChange, useEngineStore } from './engine';

// Enough rows for sorting and filtering to mean something; more load with "Show more rows".
export const DRILL_PAGE = 5000;

export interface DrillState {
  tile: Tile;
  definition: MetricDefinition | null;
  result: DrillResult | null;
  loading: boolean;
  error: string | null;
}

export const useDashboardStore = defineStore('dashboard', () => {
  const engine = useEngineStore();

  const options = ref<FilterOptions | null>(null);
  const selection = ref<PeriodSelection | null>(null);
  const sites = ref<string[]>([]);
  const modalities = ref<Modality[]>([]);
  // Dashboard data can be large and is replaced whole: no deep reactivity needed.
  const data = shallowRef<DashboardData | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const definitions = shallowRef<MetricDefinition[]>([]);
  const drill = shallowRef<DrillState | null>(null);
  let requestSeq = 0;

  /** Financial years to offer: those with reports, or those the data spans. */
  const financialYears = computed(() => {
    const o = options.value;
    if (!o) return [];
    if (o.financialYears.length > 0) return o.financialYears;
    return o.firstMonth && o.lastMonth ? fyRange(o.firstMonth, o.lastMonth) : [];
  });

  const request = computed<AnalyseRequest | null>(() => {
    if (!selection.value) return null;
    const filters: AnalyseRequest['filters'] = {};
    if (sites.value.length > 0) filters.sites = [...sites.value];
    if (modalities.value.length > 0) filters.modalities = [...modalities.value];
    return { period: toPeriodSpec(selection.value), filters };
  });

  const periodLabel = computed(() => (selection.value ? selectionLabel(selection.value) : ''));
  const period = computed(() => (selection.value ? selectionPeriod(selection.value) : null));
  const tiles = computed<Tile[]>(() => (data.value ? buildTiles(data.value) : []));
  const hasData = computed(() => !!data.value && (data.value.analysis.reports.total > 0 || data.value.analysis.exams.total > 0));
  const databaseEmpty = computed(() => !!engine.info && engine.info.exams === 0);

  async function load(): Promise<void> {
    const req = request.value;
    if (!req) return;
    const seq = ++requestSeq;
    loading.value = true;
    error.value = null;
    try {
      const result = await engine.api().dashboard(req);
      if (seq !== requestSeq) return; // a newer selection superseded this one
      data.value = result;
    } catch (err) {
      if (seq !== requestSeq) return;
      error.value = errorMessage(err);
      data.value = null;
    } finally {
      if (seq === requestSeq) loading.value = false;
    }
  }

  /** Reads the filter options and keeps the selection valid for them; then loads. */
  async function init(): Promise<void> {
    try {
      const [opts, defs] = await Promise.all([engine.api().filterOptions(), engine.api().metricDefinitions()]);
      options.value = opts;
      definitions.value = defs;
      sites.value = sites.value.filter((s) => opts.sites.includes(s));
      modalities.value = modalities.value.filter((m) => opts.modalities.includes(m));
      const years = financialYears.value;
      if (!selection.value || (years.length > 0 && !years.includes(selection.value.fy))) {
        selection.value = defaultSelection(years);
      }
    } catch (err) {
      error.value = errorMessage(err);
      return;
    }
    await load();
  }

  async function setSelection(next: Partial<PeriodSelection>): Promise<void> {
    if (!selection.value) return;
    selection.value = { ...selection.value, ...next };
    await load();
  }

  async function setSites(next: string[]): Promise<void> {
    sites.value = [...next];
    await load();
  }

  async function setModalities(next: Modality[]): Promise<void> {
    modalities.value = [...next];
    await load();
  }

  async function fetchDrill(state: DrillState, offset: number): Promise<void> {
    const req = request.value;
    if (!req) return;
    drill.value = { ...state, loading: true, error: null };
    try {
      const page = await engine.api().drillDown({
        metric: state.tile.drill.metric,
        group: state.tile.drill.group,
        period: req.period,
        filters: req.filters,
        limit: DRILL_PAGE,
        offset,
      });
      if (drill.value?.tile.id !== state.tile.id) return;
      const rows = offset > 0 && state.result ? [...state.result.rows, ...page.rows] : page.rows;
      drill.value = { ...state, result: { columns: page.columns, rows, total: page.total }, loading: false };
    } catch (err) {
      if (drill.value?.tile.id !== state.tile.id) return;
      drill.value = { ...state, loading: false, error: errorMessage(err) };
    }
  }

  async function openDrill(tile: Tile): Promise<void> {
    const state: DrillState = { tile, definition: findDefinition(definitions.value, tile.definitionIds), result: null, loading: true, error: null };
    await fetchDrill(state, 0);
  }

  async function loadMoreDrill(): Promise<void> {
    const state = drill.value;
    if (!state?.result || state.loading || state.result.rows.length >= state.result.total) return;
    await fetchDrill(state, state.result.rows.length);
  }

  function closeDrill(): void {
    drill.value = null;
  }

  /** The analysis as the CLI's stable JSON (CLI.md), for the Export menu command. */
  async function exportAnalysis(): Promise<void> {
    const d = data.value;
    if (!d || !selection.value) return;
    const bytes = new TextEncoder().encode(JSON.stringify(d.analysis, null, 2));
    const spec = toPeriodSpec(selection.value);
    const label = 'spec' in spec ? spec.spec.replace(/[^0-9A-Za-z-]+/g, '-') : 'period';
    const name = `radbench-analysis-${label}.json`;
    await host().saveFile(name, bytes, 'application/json');
  }

  // Any committed change (import, undo, staff edit, demo) can change every figure.
  reloadOnChange(engine, () => selection.value !== null, init);

  return {
    options, selection, sites, modalities, data, loading, error, definitions, drill,
    financialYears, request, periodLabel, period, tiles, hasData, databaseEmpty,
    init, load, setSelection, setSites, setModalities, openDrill, loadMoreDrill, closeDrill, exportAnalysis,
  };
});
