// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { BenchmarkSetInfo, BenchmarkView, Distribution, SourceRef } from '../../../shared/contract';
import { BAR_COLOURS, LINE_COLOURS, distributionChart } from '../../../renderer/benchmarks/charts';
import { benchmarkTable, cohortLabel, formatMetric } from '../../../renderer/benchmarks/model';
import { dataUrlBytes, pngName } from '../../../renderer/benchmarks/png';
import MethodsPanel from '../../../renderer/methods/MethodsPanel.vue';
import { browserHost, setHost } from '../../../renderer/platform/host';
import { useBenchmarksStore, XLSX_MIME } from '../../../renderer/stores/benchmarks';
import { useEngineStore } from '../../../renderer/stores/engine';
import { analysisFixture, createFakeEngine, type FakeEngine } from './fakeEngine';

const SHELFORD_SOURCE = 'NHS Improvement, Imaging Services Transformation Programme (June 2018)';

function distributionFixture(): Distribution {
  return {
    metric: 'skillMix.plainFilmRadiographerShare',
    year: '2022/23',
    unit: 'share',
    orgs: [
      { org: 'RAA', value: 0.05, ours: false, peer: false },
      { org: 'RBB', value: 0.1, ours: false, peer: true },
      { org: 'Your organisation', value: 0.3, ours: true, peer: false },
      { org: 'RCC', value: 0.4, ours: false, peer: true },
    ],
    median: 0.1,
    p25: 0.075,
    p75: 0.25,
    n: 3,
    sources: ['Test collection'],
  };
}

function viewFixture(): BenchmarkView {
  return {
    setName: 'Test set',
    comparisons: [
      { metric: 'skillMix.plainFilmRadiographerShare', cohort: 'shelford', year: '2016/17', value: 0.15, source: SHELFORD_SOURCE, ours: 0.3 },
      { metric: 'outsourcing.costPerReport', cohort: 'national', year: '2023', value: 30, source: 'National survey', ours: 28.5 },
      { metric: 'skillMix.plainFilmRadiographerShare', cohort: 'peer:North', year: '2022/23', value: 0.25, source: 'Median of 2 peers', ours: 0.3 },
    ],
    rows: [
      { metric: 'skillMix.plainFilmRadiographerShare', cohort: 'shelford', year: '2016/17', value: 0.15, p25: null, median: 0.15, p75: null, n: null, unit: 'share', source: SHELFORD_SOURCE, url: null },
      { metric: 'outsourcing.costPerReport', cohort: 'national', year: '2023', value: 30, p25: 25, median: 30, p75: 36, n: 120, unit: 'gbp', source: 'National survey', url: 'https://example.org/survey' },
    ],
    distributions: [distributionFixture(), { ...distributionFixture(), metric: 'turnaround.overall.medianHours', unit: 'hours', sources: ['Hours collection'] }],
    peerGroup: { name: 'North', orgs: ['RBB', 'RCC'], ownOrg: null },
    trends: [{ metric: 'skillMix.plainFilmRadiographerShare', months: ['2023-04', '2023-05'], values: [null, 0.25] }],
  };
}

const SETS: BenchmarkSetInfo[] = [
  { id: 0, name: 'Published figures', file: null, importedAt: null, rows: 5, metrics: [], orgs: [], builtIn: true, active: false },
  { id: 3, name: 'Model Hospital', file: 'mh.csv', importedAt: '2026-01-01T10:00:00Z', rows: 40, metrics: [], orgs: ['RAA', 'RBB', 'RCC'], builtIn: false, active: true },
];

describe('distribution chart data', () => {
  const chart = distributionChart(distributionFixture());
  const [bars, median, p25, p75] = chart.config.data.datasets;

  it('draws the organisations in their sorted order, the user highlighted and peers marked', () => {
    expect(chart.config.data.labels).toEqual(['RAA', 'RBB', 'Your organisation', 'RCC']);
    expect(bars?.data).toEqual([0.05, 0.1, 0.3, 0.4]);
    expect(bars?.backgroundColor).toEqual([BAR_COLOURS.other, BAR_COLOURS.peer, BAR_COLOURS.ours, BAR_COLOURS.peer]);
    expect(BAR_COLOURS.ours).not.toBe(BAR_COLOURS.peer);
  });

  it('adds flat median and quartile lines across every bar, labelled with their values', () => {
    expect(median).toMatchObject({ type: 'line', label: 'Median 10.0%', borderColor: LINE_COLOURS.median });
    expect(median?.data).toEqual([0.1, 0.1, 0.1, 0.1]);
    expect(p25?.data).toEqual([0.075, 0.075, 0.075, 0.075]);
    expect(p25?.label).toBe('Lower quartile 7.5%');
    expect(p75?.data).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('names the source and year under the chart, and lists the bars as a table', () => {
    expect(chart.caption).toContain('Test collection, 2022/23');
    expect(chart.description).toContain('Your organisation, 30.0%');
    expect(chart.table.rows[2]).toEqual(['Your organisation', '30.0%', 'Your organisation']);
    expect(chart.table.rows[1]?.[2]).toBe('Peer group');
    expect(chart.empty).toBe(false);
  });
});

describe('benchmark table', () => {
  it('gives one row per published comparison with its quartiles and the peer median, then distribution-only metrics', () => {
    const rows = benchmarkTable(viewFixture());
    expect(rows.map((r) => r.metric)).toEqual(['skillMix.plainFilmRadiographerShare', 'outsourcing.costPerReport', 'turnaround.overall.medianHours']);
    expect(rows[0]).toMatchObject({ cohort: 'Shelford Group', year: '2016/17', value: 0.15, ours: 0.3, peerMedian: 0.25, p25: null });
    expect(rows[1]).toMatchObject({ p25: 25, median: 30, p75: 36, n: 120, url: 'https://example.org/survey', peerMedian: null });
    expect(rows[2]).toMatchObject({ value: 0.1, ours: 0.3, cohort: 'Imported organisations (3)', source: 'Hours collection' });
  });

  it('formats by unit and names cohorts in words', () => {
    expect(formatMetric('gbp', 32.7)).toBe('£32.70');
    expect(formatMetric('share', null)).toBe('—');
    expect(cohortLabel('reference:east-lancashire')).toBe('Reference: East Lancashire');
    expect(cohortLabel('peer:North')).toBe('Peer group: North');
  });

  it('turns a canvas data URL into PNG bytes with a safe file name', () => {
    expect([...dataUrlBytes('data:image/png;base64,iVBORw==')]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(pngName('distribution-skillMix.plainFilmRadiographerShare')).toBe('radbench-distribution-skillMix-plainFilmRadiographerShare.png');
  });
});

describe('benchmarks store', () => {
  let fake: FakeEngine;
  const saved: { name: string; bytes: Uint8Array; mime: string }[] = [];

  beforeEach(async () => {
    setActivePinia(createPinia());
    saved.length = 0;
    setHost({ ...browserHost(), saveFile: async (name, bytes, mime) => (saved.push({ name, bytes, mime }), true) });
    fake = createFakeEngine();
    let sets = SETS.map((s) => ({ ...s }));
    fake.listBenchmarkSets = async () => sets.map((s) => ({ ...s }));
    fake.benchmarkView = async (req) => (fake.calls.push({ method: 'benchmarkView', args: [req] }), viewFixture());
    fake.chooseBenchmarkSet = async (id) => {
      fake.calls.push({ method: 'chooseBenchmarkSet', args: [id] });
      sets = sets.map((s) => ({ ...s, active: s.id === (id ?? 0) }));
    };
    fake.definePeerGroup = async (g) => void fake.calls.push({ method: 'definePeerGroup', args: [g] });
    fake.importBenchmarks = async (req) => {
      fake.calls.push({ method: 'importBenchmarks', args: [req] });
      return {
        set: { ...SETS[1]!, id: 4, name: 'peers', file: req.source.name, rows: 12 },
        issues: [{ file: req.source.name, row: 5, column: 'source', value: '', reason: 'A benchmark needs its source', severity: 'error' }],
      };
    };
    await useEngineStore().connect(async () => fake);
  });
  afterEach(() => setHost(null));

  it('loads the view for the dashboard period, with the sets and the organisations of the active one', async () => {
    const bench = useBenchmarksStore();
    await bench.init();
    expect(fake.calls.find((c) => c.method === 'benchmarkView')?.args[0]).toMatchObject({ period: { spec: '2023/24' } });
    expect(bench.view?.setName).toBe('Test set');
    expect(bench.activeSet?.name).toBe('Model Hospital');
    expect(bench.orgs).toEqual(['RAA', 'RBB', 'RCC']);
    expect(bench.peerGroup?.name).toBe('North');
  });

  it('imports a benchmark file, keeps its rejected rows and refreshes every view', async () => {
    const bench = useBenchmarksStore();
    const engine = useEngineStore();
    await bench.init();
    const before = engine.revision;
    const ok = await bench.importFile(new File(['metric,cohort\n'], 'peers.csv', { type: 'text/csv' }));
    expect(ok).toBe(true);
    const source = fake.calls.find((c) => c.method === 'importBenchmarks')?.args[0] as { source: SourceRef };
    expect(source.source).toMatchObject({ kind: 'blob', name: 'peers.csv' });
    expect(bench.lastImport?.issues[0]?.reason).toBe('A benchmark needs its source');
    expect(bench.notice).toContain('1 row was rejected');
    expect(engine.revision).toBeGreaterThan(before);
  });

  it('maps the shipped set to null when choosing it, and reports the choice', async () => {
    const bench = useBenchmarksStore();
    await bench.init();
    await bench.choose(0);
    expect(fake.calls.find((c) => c.method === 'chooseBenchmarkSet')?.args).toEqual([null]);
    expect(bench.activeSet?.id).toBe(0);
    expect(bench.notice).toBe('Comparing against "Published figures".');
  });

  it('refuses a peer group without a name or organisations, and saves a valid one with the code upper-cased', async () => {
    const bench = useBenchmarksStore();
    await bench.init();
    expect(await bench.definePeerGroup({ name: ' ', orgs: ['RAA'], ownOrg: null })).toBe(false);
    expect(bench.error).toBe('Give the peer group a name.');
    expect(await bench.definePeerGroup({ name: 'North', orgs: [], ownOrg: null })).toBe(false);
    expect(fake.calls.some((c) => c.method === 'definePeerGroup')).toBe(false);
    expect(await bench.definePeerGroup({ name: ' North ', orgs: ['RBB'], ownOrg: ' rzz ' })).toBe(true);
    expect(fake.calls.find((c) => c.method === 'definePeerGroup')?.args[0]).toEqual({ name: 'North', orgs: ['RBB'], ownOrg: 'RZZ' });
    await bench.clearPeerGroup();
    expect(fake.calls.filter((c) => c.method === 'definePeerGroup').at(-1)?.args[0]).toBeNull();
  });

  it('saves the workbook through the host as .xlsx for the period', async () => {
    const bench = useBenchmarksStore();
    await bench.init();
    expect(await bench.exportWorkbook()).toBe(true);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ name: 'radbench-2023-24.xlsx', mime: XLSX_MIME });
    expect([...saved[0]!.bytes.slice(0, 2)]).toEqual([80, 75]);
  });

  it('shows an engine error instead of throwing', async () => {
    fake.benchmarkView = async () => {
      throw new Error('boom');
    };
    const bench = useBenchmarksStore();
    await bench.init();
    expect(bench.error).toContain('boom');
    expect(bench.view).toBeNull();
  });
});

describe('Methods panel', () => {
  it('writes every definition out and sums the data-quality problems', async () => {
    const fake = createFakeEngine();
    const definitions = await fake.metricDefinitions();
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] });
    const batches = [{ id: 1, rejected: 7 }, { id: 2, rejected: 5 }].map((b) => ({
      file: 'x.csv', sha256: '', kind: 'ris' as const, importedAt: '', rowsRead: 0, accepted: 0, inserted: 0, updated: 0, mapping: {}, liveRows: 0, ...b,
    }));
    const wrapper = mount(MethodsPanel, { props: { definitions, analysis: analysisFixture(), batches }, global: { plugins: [router] } });
    await flushPromises();
    const text = wrapper.text();
    expect(text).toContain('XR reports by reporting radiographers');
    expect(text).toContain('Divided by');
    expect(wrapper.findAll('[data-testid^="definition-"]')).toHaveLength(definitions.length);
    const quality = wrapper.get('[data-testid="data-quality"]').text();
    expect(quality).toContain('12 rows were rejected across 2 imports');
    expect(quality).toContain('3 reports are dated before the examination');
    expect(quality).toContain('4 examinations have no recognisable modality');
    expect(quality).toContain('1 reporter is not in the staff register (200 reports');
  });
});
