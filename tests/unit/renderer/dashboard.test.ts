// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { AnalyseRequest, DashboardData } from '../../../shared/contract';
import { backlogChart, dashboardCharts, reportsByGroupChart, skillMixChart, turnaroundChart } from '../../../renderer/charts/dashboardCharts';
import { GROUP_COLOURS, OKABE_ITO } from '../../../renderer/charts/palette';
import { buildTiles, findDefinition } from '../../../renderer/dashboard/tiles';
import { useDashboardStore } from '../../../renderer/stores/dashboard';
import { useEngineStore } from '../../../renderer/stores/engine';
import DashboardView from '../../../renderer/views/DashboardView.vue';
import { analysisFixture, createFakeEngine, dashboardFixture, deferred } from './fakeEngine';

describe('KPI tiles from DashboardData', () => {
  const tiles = buildTiles(dashboardFixture());
  const byId = new Map(tiles.map((t) => [t.id, t]));

  it('formats each headline figure the en-GB way', () => {
    expect(byId.get('reports')?.value).toBe('12,000');
    expect(byId.get('reports')?.detail).toBe('12,500 examinations in 12 months');
    expect(byId.get('skillMix.plainFilm')?.value).toBe('30.0%');
    expect(byId.get('skillMix.plainFilm')?.detail).toContain('2,400 of 8,000');
    expect(byId.get('skillMix.plainFilm')?.benchmark).toBe('Benchmark 15.0% (Shelford, 2016/17)');
    expect(byId.get('skillMix.ultrasound')?.value).toBe('66.7%');
    expect(byId.get('outsourcing.share')?.value).toBe('5.0%');
    expect(byId.get('turnaround.median')?.value).toBe('20.3 h');
    expect(byId.get('turnaround.p90')?.value).toBe('8.3 days');
    expect(byId.get('backlog')?.value).toBe('340');
    expect(byId.get('backlog')?.detail).toBe('20 waiting more than 28 days');
    expect(byId.get('breaches28d')?.value).toBe('75');
  });

  it('shows reports per WTE only for in-house groups with staff or reports, and drills into that group', () => {
    const perWte = tiles.filter((t) => t.section === 'perWte');
    expect(perWte.map((t) => t.id)).toEqual(['reportsPerWte.radiologist', 'reportsPerWte.reporting_radiographer', 'reportsPerWte.sonographer']);
    expect(perWte[0]).toMatchObject({ value: '1,400', detail: '7,000 reports, 5.00 WTE', drill: { metric: 'reports', group: 'radiologist' } });
  });

  it('shows a dash, not NaN or 0, for figures that cannot be computed', () => {
    const empty = buildTiles(dashboardFixture(analysisFixture({ skillMix: { plainFilmRadiographerShare: null, ultrasoundSonographerShare: null } })));
    const pf = empty.find((t) => t.id === 'skillMix.plainFilm')!;
    expect(pf.value).toBe('—');
    expect(pf.raw).toBeNull();
  });

  it('finds the engine definition for a tile by id, tolerating case and punctuation', () => {
    const defs = [{ id: 'reports.total' }, { id: 'TurnAround' }];
    expect(findDefinition(defs, byId.get('reports')!.definitionIds)).toEqual({ id: 'reports.total' });
    expect(findDefinition(defs, byId.get('turnaround.median')!.definitionIds)).toEqual({ id: 'TurnAround' });
    expect(findDefinition(defs, ['nothing'])).toBeNull();
  });
});

describe('dashboard charts', () => {
  const data = dashboardFixture();

  it('stacks monthly reports by group, leaving out groups with none, in the group colours', () => {
    const chart = reportsByGroupChart(data);
    const datasets = chart.config.data.datasets;
    expect(datasets.map((d) => d.label)).toEqual(['Radiologist', 'Reporting radiographer', 'Sonographer', 'Outsourced (teleradiology)', 'Unclassified']);
    expect(datasets[0]?.backgroundColor).toBe(GROUP_COLOURS.radiologist);
    expect(chart.config.data.labels).toEqual(['Apr 2023', 'May 2023', 'Jun 2023']);
    expect(chart.table.rows[0]).toEqual(['Apr 2023', '2,000', '800', '600', '200', '100']);
  });

  it('draws skill mix as percentages with gaps for months without reports', () => {
    const chart = skillMixChart(data);
    expect(chart.config.data.datasets[0]?.data).toEqual([30, null, 31]);
    expect(chart.table.rows[1]).toEqual(['May 2023', '—', '70.0%']);
  });

  it('shows turnaround median and p90 for modalities with reports, in modality order', () => {
    const chart = turnaroundChart(data);
    expect(chart.config.data.labels).toEqual(['XR', 'CT']);
    expect(chart.config.data.datasets.map((d) => d.data)).toEqual([[10, 30], [100, 300]]);
  });

  it('buckets the backlog by age, calm to urgent colours', () => {
    const chart = backlogChart(data);
    expect(chart.config.data.datasets[0]?.data).toEqual([200, 80, 40, 20]);
    expect(chart.config.data.datasets[0]?.backgroundColor).toEqual([OKABE_ITO.skyBlue, OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.vermillion]);
    expect(chart.empty).toBe(false);
  });

  it('marks charts empty when there is nothing to draw', () => {
    const none: DashboardData = { ...data, reportsByMonthGroup: Object.fromEntries(Object.keys(data.reportsByMonthGroup).map((k) => [k, [0, 0, 0]])) as DashboardData['reportsByMonthGroup'] };
    expect(dashboardCharts(none)[0]?.empty).toBe(true);
  });
});

async function setupStore() {
  setActivePinia(createPinia());
  const fake = createFakeEngine();
  fake.info_ = { ...fake.info_, exams: 12_500, reports: 12_000 };
  await useEngineStore().attach(fake);
  const dash = useDashboardStore();
  return { fake, dash };
}

describe('dashboard store', () => {
  it('starts on the newest financial year and asks the engine for it', async () => {
    const { fake, dash } = await setupStore();
    await dash.init();
    expect(dash.selection).toMatchObject({ mode: 'fy', fy: '2023/24' });
    const req = fake.calls.filter((c) => c.method === 'dashboard').pop()!.args[0] as AnalyseRequest;
    expect(req).toEqual({ period: { spec: '2023/24' }, filters: {} });
    expect(dash.tiles.length).toBeGreaterThan(0);
  });

  it('recomputes on a change of period or filter, with the right spec', async () => {
    const { fake, dash } = await setupStore();
    await dash.init();
    await dash.setSelection({ mode: 'quarter', quarter: 2 });
    await dash.setSites(['North']);
    await dash.setModalities(['XR', 'US']);
    await dash.setSelection({ mode: 'month', fiscalMonth: 12 });
    const reqs = fake.calls.filter((c) => c.method === 'dashboard').map((c) => c.args[0] as AnalyseRequest);
    expect(reqs.slice(1)).toEqual([
      { period: { spec: '2023/24-Q2' }, filters: {} },
      { period: { spec: '2023/24-Q2' }, filters: { sites: ['North'] } },
      { period: { spec: '2023/24-Q2' }, filters: { sites: ['North'], modalities: ['XR', 'US'] } },
      { period: { spec: '2024-03' }, filters: { sites: ['North'], modalities: ['XR', 'US'] } },
    ]);
  });

  it('ignores a slow answer that a newer selection has overtaken', async () => {
    const { fake, dash } = await setupStore();
    await dash.init();
    const slow = deferred<DashboardData>();
    const fast = dashboardFixture(analysisFixture({ breaches28d: 1 }));
    let calls = 0;
    fake.dashboard = async () => (++calls === 1 ? slow.promise : fast);
    const first = dash.setSelection({ fy: '2022/23' });
    await dash.setSelection({ fy: '2023/24' });
    slow.resolve(dashboardFixture(analysisFixture({ breaches28d: 999 })));
    await first;
    expect(dash.data?.analysis.breaches28d).toBe(1);
  });

  it('reloads after any committed change elsewhere', async () => {
    const { fake, dash } = await setupStore();
    await dash.init();
    const before = fake.calls.filter((c) => c.method === 'dashboard').length;
    await useEngineStore().changed();
    await flushPromises();
    expect(fake.calls.filter((c) => c.method === 'dashboard').length).toBe(before + 1);
  });
});

describe('DashboardView', () => {
  async function mountView(configure?: (fake: ReturnType<typeof createFakeEngine>) => void) {
    const pinia = createPinia();
    setActivePinia(pinia);
    const fake = createFakeEngine();
    fake.info_ = { ...fake.info_, exams: 12_500, reports: 12_000 };
    configure?.(fake);
    await useEngineStore().attach(fake);
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: DashboardView }, { path: '/:p(.*)', component: DashboardView }] });
    await router.push('/');
    const wrapper = mount(DashboardView, { global: { plugins: [pinia, router], stubs: { ChartFigure: true } }, attachTo: document.body });
    await flushPromises();
    return { wrapper, fake };
  }

  it('renders the KPI tiles from the DashboardData, figure and label', async () => {
    const { wrapper } = await mountView();
    const tile = wrapper.get('[data-testid="tile-reports"]');
    expect(tile.get('[data-testid="tile-value"]').text()).toBe('12,000');
    expect(tile.text()).toContain('Reports issued');
    expect(wrapper.get('[data-testid="tile-skillMix.plainFilm"] [data-testid="tile-value"]').text()).toBe('30.0%');
    expect(wrapper.get('[data-testid="tile-turnaround.median"] [data-testid="tile-value"]').text()).toBe('20.3 h');
    expect(wrapper.findAll('[data-testid="wte-tiles"] button')).toHaveLength(3);
    expect(wrapper.get('[data-testid="unclassified-callout"]').text()).toContain('1 reporter');
    expect(wrapper.get('[data-testid="period-label"]').text()).toContain('Financial year 2023/24 · 01/04/2023 to 31/03/2024');
    wrapper.unmount();
  });

  it('opens the definition and the rows behind a tile', async () => {
    const { wrapper, fake } = await mountView();
    await wrapper.get('[data-testid="tile-skillMix.plainFilm"]').trigger('click');
    await flushPromises();
    const drill = fake.calls.find((c) => c.method === 'drillDown')!.args[0];
    expect(drill).toMatchObject({ metric: 'skillMix.plainFilm', period: { spec: '2023/24' }, offset: 0 });
    const panel = wrapper.get('.side-panel');
    expect(panel.text()).toContain('XR reports by reporting radiographers');
    expect(panel.text()).toContain('All XR reports');
    expect(panel.text()).toContain('Showing 1 of 1 rows');
    wrapper.unmount();
  });

  it('explains what to do when the database is empty', async () => {
    const { wrapper } = await mountView((fake) => {
      fake.info_ = { ...fake.info_, exams: 0, reports: 0 };
    });
    const empty = wrapper.get('[data-testid="empty-state"]');
    expect(empty.text()).toContain('Import a RIS extract');
    expect(empty.find('[data-testid="load-demo"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="kpi-tiles"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('labels synthetic data and offers to start empty', async () => {
    const { wrapper } = await mountView((fake) => {
      fake.info_ = { ...fake.info_, synthetic: true };
    });
    expect(wrapper.get('[data-testid="synthetic-callout"]').text()).toContain('synthetic demo data');
    expect(wrapper.find('[data-testid="start-empty"]').exists()).toBe(true);
    wrapper.unmount();
  });
});
