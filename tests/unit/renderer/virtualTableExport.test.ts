// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { DrillResult } from '../../../shared/contract';
import { browserHost, setHost } from '../../../renderer/platform/host';
import { useEngineStore } from '../../../renderer/stores/engine';
import DashboardView from '../../../renderer/views/DashboardView.vue';
import FinanceView from '../../../renderer/views/FinanceView.vue';
import { createFakeEngine } from './fakeEngine';

type Fake = ReturnType<typeof createFakeEngine>;
let saved: { name: string; lines: string[]; mime: string }[] = [];

beforeEach(() => {
  // happy-dom lays nothing out; give scroll areas a height so virtualised tables render their rows.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(520);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(900);
  saved = [];
  setHost({
    ...browserHost(),
    saveFile: async (name, bytes, mime) => (saved.push({ name, mime, lines: new TextDecoder().decode(bytes).replace(/^\uFEFF/, '').trimEnd().split('\r\n') }), true),
  });
});
afterEach(() => vi.restoreAllMocks());

async function mountView(view: typeof DashboardView | typeof FinanceView, prepare: (fake: Fake) => void = () => undefined) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = createFakeEngine();
  fake.info_ = { ...fake.info_, exams: 12_500, reports: 12_000 };
  prepare(fake);
  await useEngineStore().attach(fake);
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)', component: { render: () => null } }] });
  await router.push('/');
  const wrapper = mount(view, { global: { plugins: [pinia, router], stubs: { ChartFigure: true } }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

function withDrill(result: DrillResult) {
  return (fake: Fake) => {
    fake.drillDown = async () => structuredClone(result);
  };
}

const EXAMS: DrillResult = {
  columns: ['Accession', 'Reported', 'Hours to report'],
  rows: [
    ['A10', '2023-10-02T09:30', 12.25],
    ['A9', '2023-04-03T14:00', 3],
    ['B2', null, null],
    ['A100', '2024-01-05T08:15', 120],
  ],
  total: 4,
};

describe('drill-down CSV of the rows as shown', () => {
  it('dashboard: downloads the filtered and sorted rows with the engine’s own values', async () => {
    const wrapper = await mountView(DashboardView, withDrill(EXAMS));
    await wrapper.get('[data-testid="tile-skillMix.plainFilm"]').trigger('click');
    await flushPromises();
    const panel = wrapper.get('.side-panel');
    expect(panel.text()).toContain('Showing 4 of 4 rows.');
    expect(panel.get('[data-testid="drill-export"]').text()).toBe('Download these 4 rows (CSV)');

    await panel.get('[data-testid="sort-2"]').trigger('click');
    await panel.get('[data-testid="sort-2"]').trigger('click');
    expect(panel.findAll('th')[2]!.attributes('aria-sort')).toBe('descending');
    await panel.get('[data-testid="vtable-filter"]').setValue('a1');
    expect(panel.get('[data-testid="vtable-count"]').text()).toBe('2 of 4 rows');
    expect(panel.get('[data-testid="drill-export"]').text()).toBe('Download these 2 rows (CSV)');

    await panel.get('[data-testid="drill-export"]').trigger('click');
    await flushPromises();
    expect(saved).toHaveLength(1);
    expect(saved[0]!.mime).toBe('text/csv');
    expect(saved[0]!.name).toMatch(/^radbench-rows-.*-2023-24\.csv$/);
    expect(saved[0]!.lines).toEqual(['Accession,Reported,Hours to report', 'A100,2024-01-05T08:15,120', 'A10,2023-10-02T09:30,12.25']);

    // Dates sort by date, not as dd/mm/yyyy text; the empty cell stays last.
    await panel.get('[data-testid="vtable-filter"]').setValue('');
    await panel.get('[data-testid="sort-1"]').trigger('click');
    await panel.get('[data-testid="drill-export"]').trigger('click');
    await flushPromises();
    expect(saved[1]!.lines.slice(1).map((l) => l.split(',')[0])).toEqual(['A9', 'A10', 'A100', 'B2']);
    wrapper.unmount();
  });

  it('dashboard: says when only the first page of rows is loaded', async () => {
    const wrapper = await mountView(DashboardView, withDrill({ ...EXAMS, total: 1_200 }));
    await wrapper.get('[data-testid="tile-skillMix.plainFilm"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="drill-partial"]').text()).toBe('Showing the first 4 of 1,200 rows; sorting and filtering apply to these.');
    wrapper.unmount();
  });

  it('finance: downloads every line until the table is sorted or filtered, then the lines as shown', async () => {
    const wrapper = await mountView(FinanceView);
    await wrapper.get('[data-testid="category-outsourced_reporting"] button').trigger('click');
    await flushPromises();
    const panel = wrapper.get('.side-panel');
    const button = () => panel.get('[data-testid="ledger-export"]');
    expect(button().text()).toBe('Download all 3 lines (CSV)');
    expect(panel.get('[data-testid="vtable-count"]').text()).toBe('3 lines');

    await panel.get('[data-testid="vtable-filter"]').setValue('NON-NHS');
    await panel.get('[data-testid="sort-amount"]').trigger('click');
    expect(panel.get('[data-testid="vtable-count"]').text()).toBe('2 of 3 lines');
    expect(button().text()).toBe('Download these 2 lines (CSV)');
    await button().trigger('click');
    await flushPromises();
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe('radbench-ledger-Outsourced-reporting-teleradiology-2023-24.csv');
    expect(saved[0]!.lines).toHaveLength(3);
    expect(saved[0]!.lines[1]).toContain(',-1000,');
    expect(saved[0]!.lines[2]).toContain(',62514.38,');
    wrapper.unmount();
  });
});
