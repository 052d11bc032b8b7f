// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { AnalysisResult, BenchmarkComparison } from '../../../shared/contract';
import { buildTiles, financeTiles, needsLedger } from '../../../renderer/dashboard/tiles';
import { useEngineStore } from '../../../renderer/stores/engine';
import DashboardView from '../../../renderer/views/DashboardView.vue';
import { analysisFixture, createFakeEngine, dashboardFixture } from './fakeEngine';

const NATIONAL: BenchmarkComparison = {
  metric: 'externalSpendPerReport',
  cohort: 'national',
  year: '2016/17',
  value: 3.44,
  source: 'NHS Improvement, Imaging Services Transformation Programme (June 2018): outsourcing and insourcing spend £134m over 39m imaging reports, England (derived)',
  ours: 1.5,
};

function analysis(overrides: Partial<AnalysisResult> = {}): AnalysisResult {
  const base = analysisFixture();
  return analysisFixture({
    outsourcing: { ...base.outsourcing, spend: 339_586.49, reports: 10_466, costPerReport: 32.45 },
    spendByCategory: { ...base.spendByCategory, outsourced_reporting: 339_586.49, outsourced_imaging: 240_588.45, insourcing: 1000 },
    externalSpendPerReport: 48.4,
    benchmarks: [...base.benchmarks, NATIONAL],
    ...overrides,
  });
}

const byId = (a: AnalysisResult) => new Map(financeTiles(a).map((t) => [t.id, t]));

describe('finance tiles', () => {
  it('shows cost per outsourced report to the penny, from spend over outsourced reports', () => {
    const tile = byId(analysis()).get('outsourcing.costPerReport')!;
    expect(tile).toMatchObject({
      label: 'Cost per outsourced report',
      value: '£32.45',
      raw: 32.45,
      detail: '£339,586 outsourced reporting spend over 10,466 reports',
      drill: { metric: 'outsourcing', group: null },
      link: { to: '/finance' },
      section: 'headline',
    });
    expect(tile.definition?.denominator).toBe('Reports issued in the period by the outsourced group.');
  });

  it('shows external spend per report against the national 2016/17 figure, with its source', () => {
    const tile = byId(analysis()).get('externalSpendPerReport')!;
    expect(tile.value).toBe('£48.40');
    expect(tile.detail).toBe('£581,175 on outsourcing, insourcing and outsourced imaging over 12,000 reports');
    expect(tile.benchmark).toBe('National 2016/17: £3.44 · NHS Improvement, Imaging Services Transformation Programme (June 2018)');
    expect(tile.definition?.filters).toContain('£134m over 39m reports');
  });

  it('says what is missing when a figure is blank: a ledger, or outsourced reports', () => {
    const noLedger = analysis({
      outsourcing: { ...analysisFixture().outsourcing, costPerReport: null, spend: 0 },
      externalSpendPerReport: null,
    });
    const tiles = byId(noLedger);
    expect(tiles.get('outsourcing.costPerReport')).toMatchObject({ value: '—', raw: null, detail: 'Import a finance ledger (general ledger or spend over £25k) to see this' });
    expect(tiles.get('externalSpendPerReport')).toMatchObject({ value: '—', raw: null, detail: 'Import a finance ledger (general ledger or spend over £25k) to see this' });
    expect(needsLedger(noLedger)).toBe(true);

    const noOutsourcing = analysis({ outsourcing: { reports: 0, share: 0, spend: 1200, costPerReport: null, byProvider: [] } });
    expect(byId(noOutsourcing).get('outsourcing.costPerReport')?.detail).toBe('No outsourced reports in this period');
    expect(needsLedger(noOutsourcing)).toBe(false);
    // Without a benchmark row there is no benchmark line, rather than an invented one.
    expect(byId(analysisFixture()).get('externalSpendPerReport')?.benchmark).toBeNull();
  });

  it('sit among the headline tiles, after the reporting figures', () => {
    const ids = buildTiles(dashboardFixture(analysis())).filter((t) => t.section === 'headline').map((t) => t.id);
    expect(ids.slice(-3)).toEqual(['breaches28d', 'outsourcing.costPerReport', 'externalSpendPerReport']);
  });
});

async function mountDashboard(a: AnalysisResult) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = createFakeEngine();
  fake.info_ = { ...fake.info_, exams: 12_500, reports: 12_000 };
  fake.dashboardData = dashboardFixture(a);
  await useEngineStore().attach(fake);
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)', component: { render: () => null } }] });
  const wrapper = mount(DashboardView, { global: { plugins: [pinia, router] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

describe('dashboard with the finance tiles', () => {
  it('shows the two tiles, and their definition and a way to the ledger lines in the side panel', async () => {
    const wrapper = await mountDashboard(analysis());
    expect(wrapper.get('[data-testid="tile-outsourcing.costPerReport"] [data-testid="tile-value"]').text()).toBe('£32.45');
    expect(wrapper.get('[data-testid="tile-externalSpendPerReport"]').text()).toContain('National 2016/17: £3.44');
    expect(wrapper.find('[data-testid="ledger-hint"]').exists()).toBe(false);

    await wrapper.get('[data-testid="tile-outsourcing.costPerReport"]').trigger('click');
    await flushPromises();
    const panel = wrapper.get('.side-panel');
    expect(panel.text()).toContain("Outsourcing reporting spend: the net sum of ledger lines in the category 'outsourced reporting'");
    expect(panel.get('a[href="/finance"]').text()).toBe('See the ledger lines on the Finance page');
    wrapper.unmount();
  });

  it('points to the Import page when there is no ledger', async () => {
    const wrapper = await mountDashboard(analysis({ outsourcing: { ...analysisFixture().outsourcing, costPerReport: null }, externalSpendPerReport: null }));
    const hint = wrapper.get('[data-testid="ledger-hint"]');
    expect(hint.text()).toContain('Import a finance ledger');
    expect(hint.get('a').attributes('href')).toBe('/import');
    wrapper.unmount();
  });
});
