/**
 * The Benchmarks view's state: the comparisons for the dashboard's period, the benchmark sets and which one
 * is active, the peer group, benchmark-file imports with their rejected rows, the Methods panel's definitions
 * and data-quality counts, and the workbook export. The period is the dashboard's, so both views agree.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { BenchmarkSetInfo, BenchmarkView, ImportBatch, MetricDefinition, PeerGroup } from '../../shared/contract';
import type { RowIssue } from '../../shared/model';
import { errorMessage } from '../errors';
import { host } from '../platform/host';
import { toPeriodSpec } from '../period';
import { useDashboardStore } from './dashboard';
import { useEngineStore } from './engine';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface BenchmarkImportResult {
  file: string;
  setName: string;
  rows: number;
  issues: RowIssue[];
}

export const useBenchmarksStore = defineStore('benchmarks', () => {
  const engine = useEngineStore();
  const dash = useDashboardStore();

  const view = shallowRef<BenchmarkView | null>(null);
  const sets = shallowRef<BenchmarkSetInfo[]>([]);
  const definitions = shallowRef<MetricDefinition[]>([]);
  const batches = shallowRef<ImportBatch[]>([]);
  const lastImport = shallowRef<BenchmarkImportResult | null>(null);
  const loading = ref(false);
  const working = ref(false);
  const error = ref<string | null>(null);
  const notice = ref<string | null>(null);
  let seq = 0;

  const activeSet = computed(() => sets.value.find((s) => s.active) ?? null);
  /** Organisations a peer group can be drawn from: those with per-organisation rows in the active set. */
  const orgs = computed(() => activeSet.value?.orgs ?? []);
  const peerGroup = computed<PeerGroup | null>(() => view.value?.peerGroup ?? null);
  const rejectedRows = computed(() => batches.value.reduce((n, b) => n + b.rejected, 0));

  /** Benchmarks, sets, definitions and batches for the dashboard's current period. */
  async function load(): Promise<void> {
    const req = dash.request;
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const api = engine.api();
      const [v, s, defs, b] = await Promise.all([
        req ? api.benchmarkView(req) : Promise.resolve(null),
        api.listBenchmarkSets(),
        api.metricDefinitions(),
        api.listBatches(),
      ]);
      if (mine !== seq) return;
      view.value = v;
      sets.value = s;
      definitions.value = defs;
      batches.value = b;
    } catch (err) {
      if (mine === seq) error.value = errorMessage(err);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  /** The dashboard's period and data first (data quality comes from it), then the benchmarks and their monthly trends. */
  async function init(): Promise<void> {
    await dash.init();
    await load();
  }

  async function setSelection(next: Parameters<typeof dash.setSelection>[0]): Promise<void> {
    await dash.setSelection(next);
    await load();
  }

  /** Runs a change, then refreshes every view: a different set or peer group changes the dashboard's tiles too. */
  async function change(fn: () => Promise<string>): Promise<boolean> {
    working.value = true;
    error.value = null;
    notice.value = null;
    try {
      notice.value = await fn();
      await engine.changed();
      await load();
      return true;
    } catch (err) {
      error.value = errorMessage(err);
      return false;
    } finally {
      working.value = false;
    }
  }

  async function importFile(file: File): Promise<boolean> {
    const source = host().sourcesFromFiles([file])[0];
    if (!source) return false;
    lastImport.value = null;
    return change(async () => {
      const { set, issues } = await engine.api().importBenchmarks({ source });
      lastImport.value = { file: file.name, setName: set.name, rows: set.rows, issues };
      const rejected = issues.filter((i) => i.severity === 'error').length;
      return `Imported ${set.rows} benchmark row${set.rows === 1 ? '' : 's'} from ${file.name} as "${set.name}", now the active set${rejected ? `; ${rejected} row${rejected === 1 ? ' was' : 's were'} rejected` : ''}.`;
    });
  }

  async function choose(id: number | null): Promise<boolean> {
    const name = `"${sets.value.find((s) => s.id === (id ?? 0))?.name ?? id}"`;
    return change(async () => {
      // Set 0 is the shipped published figures, which the engine calls null.
      await engine.api().chooseBenchmarkSet(id || null);
      return `Comparing against ${name}.`;
    });
  }

  async function remove(id: number): Promise<boolean> {
    const name = sets.value.find((s) => s.id === id)?.name ?? `set ${id}`;
    return change(async () => {
      await engine.api().deleteBenchmarkSet(id);
      return `Deleted the benchmark set "${name}".`;
    });
  }

  async function definePeerGroup(group: PeerGroup): Promise<boolean> {
    const name = group.name.trim();
    if (!name) {
      error.value = 'Give the peer group a name.';
      return false;
    }
    if (group.orgs.length === 0) {
      error.value = 'Choose at least one organisation for the peer group.';
      return false;
    }
    const ownOrg = group.ownOrg?.trim().toUpperCase() || null;
    return change(async () => {
      await engine.api().definePeerGroup({ name, orgs: [...group.orgs], ownOrg });
      return `Peer group "${name}" saved: ${group.orgs.length} organisation${group.orgs.length === 1 ? '' : 's'}.`;
    });
  }

  async function clearPeerGroup(): Promise<boolean> {
    return change(async () => {
      await engine.api().definePeerGroup(null);
      return 'Peer group cleared.';
    });
  }

  /** The analysis as an XLSX workbook for the dashboard's period, saved through the host. */
  async function exportWorkbook(): Promise<boolean> {
    const req = dash.request;
    if (!req || !dash.selection) return false;
    working.value = true;
    error.value = null;
    try {
      const bytes = await engine.api().exportWorkbook(req);
      const spec = toPeriodSpec(dash.selection);
      const label = 'spec' in spec ? spec.spec.replace(/[^0-9A-Za-z-]+/g, '-') : 'period';
      return await host().saveFile(`radbench-${label}.xlsx`, bytes, XLSX_MIME);
    } catch (err) {
      error.value = errorMessage(err);
      return false;
    } finally {
      working.value = false;
    }
  }

  function dismiss(): void {
    notice.value = null;
    error.value = null;
  }

  return {
    view, sets, definitions, batches, lastImport, loading, working, error, notice,
    activeSet, orgs, peerGroup, rejectedRows,
    init, load, setSelection, importFile, choose, remove, definePeerGroup, clearPeerGroup, exportWorkbook, dismiss,
  };
});
