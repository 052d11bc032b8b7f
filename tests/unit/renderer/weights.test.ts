// @vitest-environment happy-dom
/** The workload-weights editor: it shows the judgement and its source, saves or restores, and the dashboard's weighted figures follow. */
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { WorkloadWeights } from '../../../shared/contract';
import { MODALITIES, type Modality } from '../../../shared/model';
import WeightsPanel from '../../../renderer/benchmarks/WeightsPanel.vue';
import { buildTiles } from '../../../renderer/dashboard/tiles';
import { useEngineStore } from '../../../renderer/stores/engine';
import DashboardView from '../../../renderer/views/DashboardView.vue';
import { analysisFixture, createFakeEngine, dashboardFixture, type FakeEngine } from './fakeEngine';

const DEFAULTS: Record<Modality, number> = { XR: 1, CT: 6, MR: 8, US: 3, NM: 4, PET: 8, FL: 3, IR: 6, MG: 2, DXA: 1, OT: 1 };
const LABEL = 'Relative reporting time, XR = 1 (a judgement, not a national standard)';
const SOURCE = 'RadBench default, after BENCHMARKS.md: RCR average reporting times and US Medicare work RVU ratios.';
/** Radiologists' reports by modality in the fake department, and their WTE: the weighted figure follows from these. */
const RADIOLOGIST_REPORTS: Partial<Record<Modality, number>> = { XR: 3000, CT: 2500, MR: 1500 };
const RADIOLOGIST_WTE = 5;

function weightedPerWte(weights: Record<Modality, number>): number {
  let sum = 0;
  for (const [m, n] of Object.entries(RADIOLOGIST_REPORTS)) sum += n * weights[m as Modality];
  return sum / RADIOLOGIST_WTE;
}

/** The fake engine with weights that persist and, like the engine, feed the next analysis; refuses what the engine refuses. */
function withWeights(fake: FakeEngine): void {
  let saved: Partial<Record<Modality, number>> = {};
  const current = (): WorkloadWeights => ({ weights: { ...DEFAULTS, ...saved }, defaults: DEFAULTS, custom: Object.keys(saved).length > 0, label: LABEL, source: SOURCE });
  const analyse = () => {
    const base = analysisFixture();
    fake.dashboardData = dashboardFixture({ ...base, weightedReportsPerWte: { ...base.weightedReportsPerWte, radiologist: weightedPerWte(current().weights) } });
  };
  analyse();
  fake.getWeights = async () => current();
  fake.saveWeights = async (weights) => {
    fake.calls.push({ method: 'saveWeights', args: [weights] });
    for (const [m, w] of Object.entries(weights ?? {})) {
      if (!(w >= 0 && w <= 100)) throw new Error(`The weight for ${m} must be a number from 0 to 100.`);
    }
    saved = weights ? { ...weights } : {};
    analyse();
    return current();
  };
}

async function mountBoth() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = createFakeEngine();
  fake.info_ = { ...fake.info_, exams: 12_500, reports: 12_000 };
  withWeights(fake);
  await useEngineStore().attach(fake);
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)', component: DashboardView }] });
  await router.push('/');
  const global = { plugins: [pinia, router], stubs: { ChartFigure: true } };
  const dashboard = mount(DashboardView, { global, attachTo: document.body });
  const panel = mount(WeightsPanel, { global, attachTo: document.body });
  await flushPromises();
  const weighted = () => dashboard.get('[data-testid="weighted-reportsPerWte.radiologist"]').text();
  const input = (m: Modality) => panel.get(`[data-testid="weight-${m}"]`);
  return { fake, dashboard, panel, weighted, input, unmount: () => (dashboard.unmount(), panel.unmount()) };
}

describe('weighted reports per WTE on the dashboard', () => {
  it('puts the weighted figure on each reports-per-WTE tile, or a dash when there is none', () => {
    const base = analysisFixture();
    const tiles = buildTiles(dashboardFixture({ ...base, weightedReportsPerWte: { ...base.weightedReportsPerWte, radiologist: 12_345.6, sonographer: null } }));
    const byId = new Map(tiles.map((t) => [t.id, t]));
    expect(byId.get('reportsPerWte.radiologist')?.weighted).toBe('12,346');
    expect(byId.get('reportsPerWte.reporting_radiographer')?.weighted).toBe('1,100');
    expect(byId.get('reportsPerWte.sonographer')?.weighted).toBe('—');
    expect(byId.get('reports')?.weighted).toBeUndefined();
  });
});

describe('WeightsPanel', () => {
  it('shows every modality with its weight and default, labelled as a judgement with its source', async () => {
    const { panel, input, unmount } = await mountBoth();
    expect(panel.get('[data-testid="weights-label"]').text()).toContain('a judgement, not a national standard');
    expect(panel.get('[data-testid="weights-source"]').text()).toBe(`Source: ${SOURCE}`);
    for (const m of MODALITIES) expect((input(m).element as HTMLInputElement).value).toBe(String(DEFAULTS[m]));
    expect(panel.findAll('[data-testid="weights-table"] tbody tr')).toHaveLength(MODALITIES.length);
    expect(panel.get('[data-testid="weights-save"]').attributes('disabled')).toBeDefined();
    expect(panel.get('[data-testid="weights-restore"]').attributes('disabled')).toBeDefined();
    unmount();
  });

  it('says it is a judgement even when the engine label does not', async () => {
    const { fake, panel, unmount } = await mountBoth();
    const original = fake.getWeights;
    fake.getWeights = async () => ({ ...(await original()), label: 'Relative reporting time, XR = 1' });
    await useEngineStore().changed();
    await flushPromises();
    expect(panel.get('[data-testid="weights-label"]').text()).toBe('Relative reporting time, XR = 1 — a judgement, not a national standard.');
    unmount();
  });

  it('saves edited weights and the dashboard shows the new weighted reports per WTE', async () => {
    const { fake, panel, weighted, input, unmount } = await mountBoth();
    expect(weighted()).toContain(Math.round(weightedPerWte(DEFAULTS)).toLocaleString('en-GB'));
    const revision = useEngineStore().revision;

    await input('CT').setValue('10');
    await input('MR').setValue('12.5');
    await panel.get('form').trigger('submit');
    await flushPromises();

    const next = { ...DEFAULTS, CT: 10, MR: 12.5 };
    expect(fake.calls.filter((c) => c.method === 'saveWeights').map((c) => c.args[0])).toEqual([next]);
    expect(useEngineStore().revision).toBeGreaterThan(revision);
    expect(weighted()).toContain(Math.round(weightedPerWte(next)).toLocaleString('en-GB'));
    expect(panel.get('[data-testid="weights-notice"]').text()).toContain('Weighted reports per WTE now use them');
    expect(panel.find('[data-testid="weights-custom"]').exists()).toBe(true);
    expect((input('CT').element as HTMLInputElement).value).toBe('10');
    unmount();
  });

  it('restores the defaults with saveWeights(null), and the dashboard follows', async () => {
    const { fake, panel, weighted, input, unmount } = await mountBoth();
    await input('XR').setValue('2');
    await panel.get('form').trigger('submit');
    await flushPromises();
    expect(weighted()).toContain(Math.round(weightedPerWte({ ...DEFAULTS, XR: 2 })).toLocaleString('en-GB'));

    await panel.get('[data-testid="weights-restore"]').trigger('click');
    await flushPromises();
    expect(fake.calls.filter((c) => c.method === 'saveWeights').at(-1)?.args).toEqual([null]);
    expect((input('XR').element as HTMLInputElement).value).toBe('1');
    expect(weighted()).toContain(Math.round(weightedPerWte(DEFAULTS)).toLocaleString('en-GB'));
    expect(panel.find('[data-testid="weights-custom"]').exists()).toBe(false);
    expect(panel.get('[data-testid="weights-restore"]').attributes('disabled')).toBeDefined();
    unmount();
  });

  it('refuses a weight outside 0–100 or a blank one, naming the modalities, and saves nothing', async () => {
    const { fake, panel, input, unmount } = await mountBoth();
    const revision = useEngineStore().revision;
    await input('CT').setValue('150');
    await input('US').setValue('');
    await panel.get('form').trigger('submit');
    await flushPromises();
    expect(panel.get('[data-testid="weights-error"]').text()).toBe('Each weight must be a number from 0 to 100: check CT, US.');
    expect(input('CT').attributes('aria-invalid')).toBe('true');
    expect(input('XR').attributes('aria-invalid')).toBe('false');
    expect(fake.calls.some((c) => c.method === 'saveWeights')).toBe(false);
    expect(useEngineStore().revision).toBe(revision);
    unmount();
  });

  it("shows the engine's message when it refuses the weights", async () => {
    const { fake, panel, input, unmount } = await mountBoth();
    fake.saveWeights = async () => {
      throw new Error('This database is open read-only.');
    };
    await input('CT').setValue('7');
    await panel.get('form').trigger('submit');
    await flushPromises();
    expect(panel.get('[data-testid="weights-error"]').text()).toBe('This database is open read-only.');
    expect(panel.find('[data-testid="weights-notice"]').exists()).toBe(false);
    unmount();
  });
});
