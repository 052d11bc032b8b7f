// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import type { ChartDataset } from 'chart.js';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { BenchmarkComparison, BenchmarkView } from '../../../shared/contract';
import { BAR_COLOURS, benchmarkTrendChart, type BenchChart, type MetricTrend } from '../../../renderer/benchmarks/charts';
import { useEngineStore } from '../../../renderer/stores/engine';
import BenchmarksView from '../../../renderer/views/BenchmarksView.vue';
import { createFakeEngine } from './fakeEngine';

const SKILL_MIX = 'skillMix.plainFilmRadiographerShare';
const SHELFORD_SOURCE = 'NHS Improvement, Imaging Services Transformation Programme (June 2018)';

const COMPARISONS: BenchmarkComparison[] = [
  { metric: SKILL_MIX, cohort: 'shelford', year: '2016/17', value: 0.15, source: SHELFORD_SOURCE, ours: 0.3 },
  { metric: 'outsourcing.costPerReport', cohort: 'national', year: '2023', value: 30, source: 'National survey', ours: 28.5 },
  { metric: SKILL_MIX, cohort: 'peer:North', year: '2022/23', value: 0.25, source: 'Median of 2 peers', ours: 0.3 },
  { metric: 'reportsPerWte.radiologist', cohort: 'national', year: '2019', value: 7000, source: 'RCR census', ours: 6500 },
  { metric: 'turnaround.overall.medianHours', cohort: 'national', year: '2023/24', value: 60, source: 'DID', ours: 40 },
];

const skillMixTrend: MetricTrend = { metric: SKILL_MIX, months: ['2023-04', '2023-05', '2023-06', '2023-07'], values: [0.3, null, 0.31, 0.28] };

function tickLabel(chart: BenchChart, value: number): string {
  const y = (chart.config.options?.scales as Record<string, { ticks: { callback: (v: number) => string } }>).y!;
  return y.ticks.callback(value);
}

type LineDataset = ChartDataset<'line'> & { spanGaps?: boolean };

describe('benchmark trend chart', () => {
  it('draws our months as a line with gaps, and one dashed flat line per comparison of the same metric', () => {
    const chart = benchmarkTrendChart(skillMixTrend, COMPARISONS);
    const [ours, shelford, peers, ...rest] = chart.config.data.datasets as LineDataset[];
    expect(chart.id).toBe(`trend-${SKILL_MIX}`);
    expect(chart.config.data.labels).toEqual(['Apr 2023', 'May 2023', 'Jun 2023', 'Jul 2023']);
    expect(ours?.data).toEqual([0.3, null, 0.31, 0.28]);
    expect(ours?.spanGaps).toBe(false);
    expect(ours?.borderColor).toBe(BAR_COLOURS.ours);
    expect(rest).toHaveLength(0);
    expect(shelford?.data).toEqual([0.15, 0.15, 0.15, 0.15]);
    expect(peers?.data).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(shelford?.label).toBe('Shelford Group 2016/17: 15.0%');
    expect(peers?.label).toBe('Peer group: North 2022/23: 25.0%');
    for (const line of [shelford, peers]) expect(line?.borderDash?.length).toBeGreaterThan(0);
    expect(shelford?.borderColor).not.toBe(peers?.borderColor);
    expect(chart.empty).toBe(false);
  });

  it('names each comparison\'s source and year under the chart, and gives the months as a table', () => {
    const chart = benchmarkTrendChart(skillMixTrend, COMPARISONS);
    expect(chart.caption).toContain(`${SHELFORD_SOURCE}, 2016/17`);
    expect(chart.caption).toContain('Median of 2 peers, 2022/23');
    expect(chart.caption).not.toContain('National survey');
    expect(chart.table.columns).toEqual(['Month', 'Yours', 'Shelford Group 2016/17', 'Peer group: North 2022/23']);
    expect(chart.table.rows).toEqual([
      ['Apr 2023', '30.0%', '15.0%', '25.0%'],
      ['May 2023', '—', '15.0%', '25.0%'],
      ['Jun 2023', '31.0%', '15.0%', '25.0%'],
      ['Jul 2023', '28.0%', '15.0%', '25.0%'],
    ]);
    expect(tickLabel(chart, 0.2)).toBe('20.0%');
  });

  it('formats money to the penny, per-WTE as whole numbers and hours to one decimal place', () => {
    const money = benchmarkTrendChart({ metric: 'outsourcing.costPerReport', months: ['2023-04'], values: [28.456] }, COMPARISONS);
    expect(money.config.data.datasets[1]?.label).toBe('National 2023: £30.00');
    expect(money.table.rows[0]).toEqual(['Apr 2023', '£28.46', '£30.00']);
    expect(tickLabel(money, 12.5)).toBe('£12.50');

    const perWte = benchmarkTrendChart({ metric: 'reportsPerWte.radiologist', months: ['2023-04', '2023-05'], values: [6123.4, 7250.6] }, COMPARISONS);
    expect(perWte.table.rows.map((r) => r[1])).toEqual(['6,123', '7,251']);
    expect(perWte.config.data.datasets[1]?.label).toBe('National 2019: 7,000');
    expect(tickLabel(perWte, 2000)).toBe('2,000');
    expect(perWte.description).toContain('annualised');

    // 60 hours stays in hours: days and hours on one axis would misread.
    const hours = benchmarkTrendChart({ metric: 'turnaround.overall.medianHours', months: ['2023-04'], values: [41.26] }, COMPARISONS);
    expect(hours.table.rows[0]).toEqual(['Apr 2023', '41.3 h', '60.0 h']);
    expect(hours.config.data.datasets[1]?.label).toBe('National 2023/24: 60.0 h');
    expect(tickLabel(hours, 72)).toBe('72.0 h');
  });

  it('is empty when no month has a value, and draws no line without a comparison', () => {
    const empty = benchmarkTrendChart({ metric: SKILL_MIX, months: ['2023-04', '2023-05'], values: [null, null] }, COMPARISONS);
    expect(empty.empty).toBe(true);
    const alone = benchmarkTrendChart(skillMixTrend, []);
    expect(alone.config.data.datasets).toHaveLength(1);
    expect(alone.caption).toBe('No benchmark for this metric in the active set.');
    expect(alone.table.columns).toEqual(['Month', 'Yours']);
  });
});

async function mountView(view: BenchmarkView) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = createFakeEngine();
  fake.benchmarkView = async () => view;
  await useEngineStore().attach(fake);
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)', component: { render: () => null } }] });
  const wrapper = mount(BenchmarksView, { global: { plugins: [pinia, router] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

function benchView(trends: MetricTrend[]): BenchmarkView {
  return { setName: 'Test set', comparisons: COMPARISONS, rows: [], distributions: [], peerGroup: null, trends };
}

describe('Benchmarks view trends', () => {
  it('shows one trend figure per benchmarked metric, each with its source, and an empty state for a metric with no months', async () => {
    const wrapper = await mountView(
      benchView([skillMixTrend, { metric: 'outsourcing.costPerReport', months: ['2023-04', '2023-05'], values: [null, null] }]),
    );
    const skill = wrapper.get(`[data-testid="trend-${SKILL_MIX}"]`);
    expect(skill.find('canvas').exists()).toBe(true);
    expect(skill.get('[data-testid="chart-caption"]').text()).toContain(`${SHELFORD_SOURCE}, 2016/17`);
    const money = wrapper.get('[data-testid="trend-outsourcing.costPerReport"]');
    expect(money.find('canvas').exists()).toBe(false);
    expect(money.text()).toContain('No data for this chart in the selected period.');
    expect(wrapper.find('[data-testid="trend-empty"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('says so when no metric has a benchmark to draw against', async () => {
    const wrapper = await mountView(benchView([]));
    expect(wrapper.get('[data-testid="trend-empty"]').text()).toContain('no trend to draw');
    expect(wrapper.findAll('[data-testid^="trend-"]')).toHaveLength(1);
    wrapper.unmount();
  });
});
