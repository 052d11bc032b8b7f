// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { browserHost, setHost } from '../../../renderer/platform/host';
import { useEngineStore } from '../../../renderer/stores/engine';
import { useScenariosStore } from '../../../renderer/stores/scenarios';
import ScenariosView from '../../../renderer/views/ScenariosView.vue';
import { createFakeEngine, type FakeEngine } from './fakeEngine';

let wrapper: VueWrapper | null = null;
let store: ReturnType<typeof useScenariosStore>;
const saved: string[] = [];
const printed: string[] = [];

async function mountView(prepare: (fake: FakeEngine) => void = () => undefined) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = createFakeEngine();
  fake.info_ = { ...fake.info_, exams: 170_000, reports: 170_000 };
  prepare(fake);
  await useEngineStore(pinia).attach(fake);
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)', component: { render: () => null } }] });
  wrapper = mount(ScenariosView, { global: { plugins: [pinia, router], stubs: { ChartFigure: true } }, attachTo: document.body });
  await flushPromises();
  // The pinia passed explicitly: a previous test's late callbacks can leave another one active.
  store = useScenariosStore(pinia);
  return { wrapper, fake, store };
}

/** Types into a lever box as a user does, then lets the delayed evaluation run. */
async function type(w: VueWrapper, path: string, text: string) {
  await w.get(`[data-testid="lever-${path}"]`).setValue(text);
  await store.settle();
  await flushPromises();
}

const figure = (w: VueWrapper, id: string) => w.get(`[data-testid="outcome-${id}"] [data-testid="figure-value"]`).text();

beforeEach(() => {
  saved.length = 0;
  printed.length = 0;
  setHost({ ...browserHost(), saveFile: async (name) => (saved.push(name), true), printReport: async (name) => (printed.push(name), true) });
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  setHost(null);
  vi.restoreAllMocks();
});

describe('ScenariosView', () => {
  it('shows the baseline: skill mix against the benchmark with source and year, reports by modality and group, WTE, outsourcing', async () => {
    const { wrapper: w } = await mountView();
    expect(w.get('[data-testid="scenario-period"]').text()).toContain('Financial year 2023/24');
    const skill = w.get('[data-testid="baseline-skill-mix"]');
    expect(skill.text()).toContain('Shelford Group, 2016/17');
    expect(skill.text()).toContain('NHS Improvement, Imaging Services Transformation Programme (June 2018)');
    expect(skill.findAll('tbody tr')[0]!.findAll('td').map((td) => td.text()).slice(0, 2)).toEqual(['10.0%', '15.0%']);
    const reports = w.get('[data-testid="baseline-reports"]');
    expect(reports.findAll('thead th').map((th) => th.text())).toContain('Reporting radiographer');
    expect(reports.findAll('tbody tr').at(-1)!.text()).toContain('170,000');
    expect(w.get('[data-testid="baseline-wte"]').text()).toContain('Radiologist20.00');
    expect(w.get('[data-testid="baseline-outsourcing"]').text()).toContain('Tariff (Reconcile)');
    expect(w.get('[data-testid="baseline-outsourced-spend"]').text()).toBe('£335,000');
    expect(w.get('[data-testid="baseline-backlog"]').text()).toBe('1,200 examinations');
  });

  it('gives every lever its default, unit and source, in pounds for money', async () => {
    const { wrapper: w } = await mountView();
    const target = w.get('[data-testid="lever-targetPlainFilmShare"]');
    expect((target.element as HTMLInputElement).value).toBe('25');
    const hint = w.get(`#${target.attributes('aria-describedby')!.split(' ')[0]}`).text();
    expect(hint).toContain('Benchmark');
    expect(hint).toContain('Default 25.0%. Above the Shelford Group median (15%, 2016/17).');
    expect((w.get('[data-testid="lever-annualCostPerWtePence.reporting_radiographer"]').element as HTMLInputElement).value).toBe('45,000.00');
    expect((w.get('[data-testid="lever-outsourcingUnitPricePence.CT"]').element as HTMLInputElement).value).toBe('45.00');
    // A rate with no note of its own takes its group's.
    const rate = w.get('[data-testid="lever-reportsPerHour.radiologist.CT"]');
    expect(w.get(`#${rate.attributes('aria-describedby')!.split(' ')[0]}`).text()).toContain('RCR reporting times');
    expect(w.get('[data-testid="levers-use"]').text()).toContain('Bring outsourced CT and MR reporting back in-house');
  });

  it('updates the outputs as a lever changes, marks it changed, and puts it back to its default', async () => {
    const { wrapper: w } = await mountView();
    expect(figure(w, 'net')).toBe('+£27,000');
    expect(figure(w, 'hours')).toBe('750 h');
    await type(w, 'annualCostPerWtePence.reporting_radiographer', '£30,000');
    // 4 × 0.6 WTE × £30,000 = £72,000 added; £135,000 − £72,000.
    expect(figure(w, 'addedCost')).toBe('£72,000');
    expect(figure(w, 'net')).toBe('+£63,000');
    expect(w.get('[data-testid="unsaved-badge"]').text()).toBe('not saved');
    await w.get('[data-testid="lever-default-annualCostPerWtePence.reporting_radiographer"]').trigger('click');
    await store.settle();
    await flushPromises();
    expect(figure(w, 'net')).toBe('+£27,000');
    expect((w.get('[data-testid="lever-annualCostPerWtePence.reporting_radiographer"]').element as HTMLInputElement).value).toBe('45,000.00');
  });

  it('says what is wrong with a lever, keeps the last valid outputs, and will not save until it is put right', async () => {
    const { wrapper: w, fake } = await mountView();
    await type(w, 'radiographersToAdd', '2.5');
    const input = w.get('[data-testid="lever-radiographersToAdd"]');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(w.get('[data-testid="lever-error-radiographersToAdd"]').text()).toBe('Reporting radiographers to train or recruit: enter a whole number from 0 to 100.');
    expect(w.get('[data-testid="lever-errors"]').text()).toContain('One lever needs correcting');
    expect(figure(w, 'net')).toBe('+£27,000');
    await w.get('[data-testid="save-as"]').trigger('click');
    await w.get('[data-testid="save-as-name"]').setValue('Broken');
    await w.get('[data-testid="save-as-form"]').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="scenario-error"]').text()).toBe('Correct the lever marked in red before saving.');
    expect(await fake.listScenarios()).toEqual([]);
    await type(w, 'radiographersToAdd', '3');
    expect(w.find('[data-testid="lever-errors"]').exists()).toBe(false);
    expect(figure(w, 'addedCost')).toBe('£81,000');
  });

  it('saves as, renames in place, duplicates and deletes after confirming', async () => {
    const { wrapper: w, fake } = await mountView();
    await w.get('[data-testid="save-as"]').trigger('click');
    await w.get('[data-testid="save-as-name"]').setValue('Option A');
    await w.get('[data-testid="save-as-form"]').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="current-scenario"]').text()).toBe('Option A');
    expect(w.find('[data-testid="unsaved-badge"]').exists()).toBe(false);
    const id = (await fake.listScenarios())[0]!.id;

    await w.get(`[data-testid="rename-${id}"]`).trigger('click');
    await w.get('[data-testid="rename-input"]').setValue('Four trainees');
    await w.get('[data-testid="rename-save"]').trigger('submit');
    await flushPromises();
    expect(w.get(`[data-testid="scenario-row-${id}"] [data-testid="scenario-name"]`).text()).toBe('Four trainees');

    await w.get(`[data-testid="duplicate-${id}"]`).trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="current-scenario"]').text()).toBe('Four trainees (copy)');
    expect(w.findAll('[data-testid="scenario-name"]').map((n) => n.text())).toEqual(['Four trainees', 'Four trainees (copy)']);

    await w.get(`[data-testid="delete-${id}"]`).trigger('click');
    await flushPromises();
    const dialog = w.get('dialog.confirm-dialog');
    expect(dialog.text()).toContain('Delete “Four trainees”?');
    await dialog.get('[data-testid="confirm-ok"]').trigger('click');
    await flushPromises();
    expect((await fake.listScenarios()).map((s) => s.name)).toEqual(['Four trainees (copy)']);
    expect(w.get('[data-testid="scenario-notice"]').text()).toContain('Deleted "Four trainees".');
  });

  it('compares chosen scenarios side by side with the current position, and the board paper recommends one', async () => {
    const { wrapper: w, store } = await mountView();
    await store.saveAs('Four trainees');
    store.setLevers({ ...store.levers!, radiographersToAdd: 2 });
    await store.saveAs('Two trainees');
    await flushPromises();
    const [a, b] = store.saved.map((s) => s.id);
    for (const id of [a, b]) {
      await w.get(`[data-testid="compare-${id}"]`).setValue(true);
      await flushPromises();
    }
    const table = w.get('[data-testid="comparison-table"]');
    expect(table.findAll('thead th').map((th) => th.text())).toEqual(['', 'Current position', 'Four trainees', 'Two trainees']);
    const net = table.findAll('tbody tr').find((r) => r.text().startsWith('Net annual effect'))!;
    expect(net.findAll('td').map((td) => td.text())).toEqual(['£0', '+£27,000', '+£81,000']);

    await w.get('[data-testid="pack-recommended"]').setValue(String(b));
    await w.get('[data-testid="pack-title"]').setValue('Two reporting radiographers for Northshire');
    await flushPromises();
    const paper = w.get('[data-testid="business-case"]');
    expect(paper.get('h1').text()).toBe('Two reporting radiographers for Northshire');
    expect(paper.get('[data-testid="bc-section-summary"]').text()).toContain('The board is asked to approve “Two trainees”');
    expect(paper.get('[data-testid="bc-table-options"]').text()).toContain('Four trainees');
    expect(paper.findAll('[data-testid="bc-tornado"] tbody tr')).toHaveLength(3);
  });

  it('keeps the board paper hidden on screen until previewed, and prints and exports the pack through the host', async () => {
    const { wrapper: w, store } = await mountView();
    const sheet = w.get('[data-testid="board-paper"]');
    expect(sheet.classes()).toContain('collapsed');
    await w.get('[data-testid="preview-pack"]').trigger('click');
    expect(sheet.classes()).not.toContain('collapsed');
    expect(w.get('[data-testid="preview-pack"]').attributes('aria-expanded')).toBe('true');

    expect(w.get('[data-testid="export-pack-xlsx"]').attributes('disabled')).toBeDefined();
    await w.get('[data-testid="print-pack"]').trigger('click');
    await flushPromises();
    expect(printed).toEqual(['radbench-business-case-2023-24.pdf']);

    await store.saveAs('Option A');
    await flushPromises();
    await w.get('[data-testid="export-pack-xlsx"]').trigger('click');
    await flushPromises();
    expect(saved).toEqual(['radbench-business-case-2023-24.xlsx']);
  });

  it('lists every formula from the engine in the methods section', async () => {
    const { wrapper: w } = await mountView();
    const methods = w.get('[data-testid="scenario-methods"]').text();
    expect(methods).toContain('Net annual effect');
    expect(methods).toContain('spend avoided − added staff cost');
    expect(methods).toContain('NE = SA − SC');
  });

  it('sends the user to import data when the database is empty', async () => {
    const { wrapper: w } = await mountView((fake) => {
      fake.info_ = { ...fake.info_, exams: 0 };
    });
    expect(w.get('[data-testid="scenario-no-data"]').text()).toContain('Import a RIS extract');
    expect(w.find('[data-testid="levers-form"]').exists()).toBe(false);
  });
});
