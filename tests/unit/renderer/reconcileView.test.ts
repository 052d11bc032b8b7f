// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import * as XLSX from 'xlsx';
import { browserHost, setHost } from '../../../renderer/platform/host';
import { useEngineStore } from '../../../renderer/stores/engine';
import { STATUS_NAMES } from '../../../renderer/reconcile/labels';
import { asSentence } from '../../../renderer/reconcile/monthStatus';
import ReconcileView from '../../../renderer/views/ReconcileView.vue';
import { createFakeEngine, type FakeEngine } from './fakeEngine';
import { statementLineKey } from '../../../shared/reconcile/match';
import { reconcileStateOf, type FakeReconcileState } from './fakeReconcile';

interface Mounted {
  wrapper: VueWrapper;
  fake: FakeEngine;
  state: FakeReconcileState;
  saved: { name: string; bytes: Uint8Array; mime: string }[];
}

async function mountView(prepare: (state: FakeReconcileState, fake: FakeEngine) => void = () => undefined): Promise<Mounted> {
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = createFakeEngine();
  const state = reconcileStateOf(fake);
  prepare(state, fake);
  await useEngineStore().attach(fake);
  const saved: Mounted['saved'] = [];
  setHost({ ...browserHost(), saveFile: async (name, bytes, mime) => (saved.push({ name, bytes, mime }), true) });
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] });
  const wrapper = mount(ReconcileView, { global: { plugins: [pinia, router] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, fake, state, saved };
}

const cells = (wrapper: VueWrapper, testid: string) =>
  Object.fromEntries(wrapper.get(`[data-testid="${testid}"]`).findAll('td[data-testid]').map((td) => [td.attributes('data-testid')!.replace('cell-', ''), td.text()]));

/** The lines shown in the table, by accession. */
const shownAccessions = (wrapper: VueWrapper) => wrapper.findAll('[data-testid="lines-panel"] tbody tr:not(.spacer) .acc').map((span) => span.text());

async function openMonth(wrapper: VueWrapper, provider: string, month: string): Promise<void> {
  await wrapper.get(`[data-testid="open-month-${provider}-${month}"]`).trigger('click');
  await flushPromises();
}

// happy-dom lays nothing out; give scroll areas a height so virtualised tables render their rows.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1200);
});
afterEach(() => {
  vi.restoreAllMocks();
  setHost(null);
  document.body.innerHTML = '';
});

describe('ReconcileView', () => {
  it('says what to import, ticking off what is already there, when there are no statements', async () => {
    const { wrapper } = await mountView((state, fake) => {
      state.lines = [];
      state.tariffs = [];
      fake.info_ = { ...fake.info_, exams: 1200 };
    });
    const empty = wrapper.get('[data-testid="reconcile-empty"]');
    expect(empty.get('h2').text()).toBe('No provider statements yet');
    expect(wrapper.get('[data-testid="needs-ris"]').attributes('data-done')).toBe('true');
    expect(wrapper.get('[data-testid="needs-tariff"]').attributes('data-done')).toBe('false');
    expect(wrapper.get('[data-testid="needs-statement"]').text()).toContain('Import it as a “Provider statement”');
    expect(wrapper.get('[data-testid="needs-statement"]').text()).toContain('not yet imported');
    expect(wrapper.get('[data-testid="reconcile-import-link"]').attributes('href')).toBe('/import');
    expect(wrapper.get('[data-testid="tariff-empty"]').text()).toContain('No prices yet');
    expect(wrapper.find('[data-testid="export-dispute-pack"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows each provider’s months with expected cost, statement, ledger, the differences and a traffic light', async () => {
    const { wrapper, fake } = await mountView();
    expect((wrapper.get('[data-testid="reconcile-fy"]').element as HTMLSelectElement).value).toBe('2023/24');
    expect(wrapper.findAll('[data-testid="reconcile-fy"] option').map((o) => o.text())).toEqual(['2023/24', '2022/23']);

    expect(cells(wrapper, 'month-Medica-2023-10')).toEqual({
      statementLines: '11', openIssues: '6', expectedCost: '£309.00', statementTotal: '£399.00', statementVariance: '+£90.00',
      ledgerSpend: '£349.00', ledgerVariance: '−£50.00',
    });
    const october = wrapper.get('[data-testid="month-Medica-2023-10"]');
    expect(october.attributes('data-light')).toBe('red');
    expect(october.get('.status-cell').text()).toContain('Investigate');
    // The engine's first reason, and how many more the lines section lists.
    const engineRow = (await fake.reconciliation({})).rows.find((r) => r.provider === 'Medica' && r.month === '2023-10')!;
    expect(engineRow.reasons.length).toBeGreaterThan(2);
    expect(october.get('.reason').text()).toBe(`${asSentence(engineRow.reasons[0]!)} (and ${engineRow.reasons.length - 1} more)`);
    // The engine's rules explain the lights.
    expect(wrapper.findAll('[data-testid="status-rules"] li').map((li) => li.attributes('data-light'))).toEqual(['red', 'amber', 'green']);
    expect(wrapper.get('[data-testid="status-rules"] li').text()).toMatch(/^Investigate\. [A-Z]/);
    expect(wrapper.get('[data-testid="month-Medica-2023-11"]').attributes('data-light')).toBe('green');
    expect(wrapper.get('[data-testid="month-Everlight-2023-10"]').attributes('data-light')).toBe('amber');
    // A provider with two months has a total row.
    expect(wrapper.get('[data-testid="reconcile-provider-Medica"] tfoot').text()).toContain('£520.00');
    expect(wrapper.find('[data-testid="reconcile-provider-Everlight"] tfoot').exists()).toBe(false);
    expect(wrapper.find('[data-testid="reconcile-no-ledger"]').exists()).toBe(false);

    await wrapper.get('[data-testid="reconcile-provider"]').setValue('Everlight');
    expect(wrapper.find('[data-testid="reconcile-provider-Medica"]').exists()).toBe(false);
    await wrapper.get('[data-testid="reconcile-provider"]').setValue('');
    await wrapper.get('[data-testid="reconcile-fy"]').setValue('2022/23');
    expect(wrapper.findAll('[data-testid^="month-"]').map((r) => r.attributes('data-testid'))).toEqual(['month-Medica-2022-04']);
    wrapper.unmount();
  });

  it('says the ledger is not compared when none has been imported', async () => {
    const { wrapper, fake } = await mountView((state, engine) => {
      engine.ledger = [];
      state.ledger = new Map();
    });
    expect(wrapper.get('[data-testid="reconcile-no-ledger"]').text()).toContain('ledger spend is not compared');
    expect(cells(wrapper, 'month-Medica-2023-11')).toMatchObject({ ledgerSpend: '—', ledgerVariance: '—' });
    const november = wrapper.get('[data-testid="month-Medica-2023-11"]');
    expect(november.attributes('data-light')).toBe('amber');
    const engineRow = (await fake.reconciliation({})).rows.find((r) => r.provider === 'Medica' && r.month === '2023-11')!;
    expect(engineRow).toMatchObject({ hasLedger: false, ledgerVariancePence: null, status: 'amber' });
    expect(november.get('.reason').text()).toBe(asSentence(engineRow.reasons[0]!));
    wrapper.unmount();
  });

  it('opens a month on its discrepancies, filters by status, and moves focus to the lines', async () => {
    const { wrapper, fake } = await mountView();
    await openMonth(wrapper, 'Medica', '2023-10');
    const section = wrapper.get('[data-testid="lines-section"]');
    expect(section.get('h2').text()).toBe('Lines: Medica, October 2023');
    expect(document.activeElement?.id).toBe('lines-title');
    expect((wrapper.get('[data-testid="status-filter-discrepancies"]').element as HTMLInputElement).checked).toBe(true);
    expect(section.get('[data-testid="status-count-discrepancies"]').text()).toBe('6');
    expect(section.get('[data-testid="status-count-all"]').text()).toBe('13');
    expect(section.get('[data-testid="status-count-matched"]').text()).toBe('7');
    expect(shownAccessions(wrapper)).toHaveLength(6);
    const engineRow = (await fake.reconciliation({})).rows.find((r) => r.provider === 'Medica' && r.month === '2023-10')!;
    expect(section.findAll('[data-testid="lines-reasons"] li').map((li) => li.text())).toEqual(engineRow.reasons.map((r) => `${asSentence(r)}.`));
    expect(section.get('[data-testid="lines-sources"]').text()).toBe('From medica-2023-10.csv (11 lines).');

    await wrapper.get('[data-testid="status-filter-price_differs"]').setValue(true);
    const rows = wrapper.findAll('[data-testid="lines-panel"] tbody tr:not(.spacer)');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text()).toContain('Price differs');
    expect(rows[0]!.text()).toContain('£38.00');
    expect(rows[0]!.text()).toContain('£35.00');
    expect(rows[0]!.text()).toContain('+£3.00');

    await wrapper.get('[data-testid="status-filter-not_billed"]').setValue(true);
    expect(shownAccessions(wrapper)).toEqual(['MED202310012', 'MED202310013']);

    await wrapper.get('[data-testid="close-lines"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="lines-section"]').exists()).toBe(false);
    expect(document.activeElement?.getAttribute('data-testid')).toBe('open-month-Medica-2023-10');
    wrapper.unmount();
  });

  it('disputes ticked lines only with a note, and shows the decision on each line', async () => {
    const { wrapper, state } = await mountView();
    await openMonth(wrapper, 'Medica', '2023-10');
    expect(wrapper.get('[data-testid="decide-disputed"]').attributes('disabled')).toBeDefined();
    // The repeat of MED202310001 (billed twice) is the discrepancy; its first line is matched.
    await wrapper.get('[data-testid="tick-MED202310001"]').setValue(true);
    await wrapper.get('[data-testid="tick-MED202310010"]').setValue(true);
    expect(wrapper.get('[data-testid="ticked-count"]').text()).toBe('2 lines ticked, £85.00 billed');

    await wrapper.get('[data-testid="decide-disputed"]').trigger('click');
    await flushPromises();
    const dialog = wrapper.get('[data-testid="decision-dialog"]');
    expect(dialog.get('h2').text()).toBe('Dispute 2 lines');
    await dialog.get('form').trigger('submit');
    await flushPromises();
    expect(dialog.get('[data-testid="decision-problem"]').text()).toContain('Say why these lines are disputed');
    expect(state.calls.some((c) => c.method === 'decideLines')).toBe(false);

    expect(dialog.get('[data-testid="decision-confirm"]').text()).toBe('Dispute the 2 lines');
    await dialog.get('[data-testid="decision-note"]').setValue('Billed twice, and not on our RIS: please credit.');
    expect(dialog.find('[data-testid="decision-problem"]').exists()).toBe(false);
    await dialog.get('form').trigger('submit');
    await flushPromises();
    expect(state.calls.filter((c) => c.method === 'decideLines').map((c) => c.args[0])).toEqual([
      {
        keys: [statementLineKey('Medica', '2023-10', 'MED202310001', 'CCHES', 2), statementLineKey('Medica', '2023-10', 'MED202310010', 'MBRAI', 1)],
        decision: 'disputed',
        note: 'Billed twice, and not on our RIS: please credit.',
      },
    ]);
    expect(wrapper.get('[data-testid="reconcile-notice"]').text()).toContain('Marked disputed: 2 lines in Medica, October 2023.');
    // The decision shows with the day it was taken, for the audit trail.
    const decision = wrapper.get('[data-testid="decision-MED202310001"]');
    expect(decision.get('.decision-word').text()).toBe('Disputed');
    expect(decision.get('.decision-name .sub').text()).toBe('01/05/2024');
    expect(decision.get('[data-testid="line-note"]').text()).toBe('Billed twice, and not on our RIS: please credit.');
    expect(wrapper.get('[data-testid="ticked-count"]').text()).toBe('No lines ticked');
    // Disputed lines stay open issues until they are settled.
    expect(wrapper.get('[data-testid="lines-open"]').text()).toBe('62 disputed, 0 settled');
    expect(cells(wrapper, 'month-Medica-2023-10').openIssues).toBe('62 disputed');

    // The decision filter finds them again.
    await wrapper.get('[data-testid="status-filter-all"]').setValue(true);
    expect(shownAccessions(wrapper).filter((a) => a === 'MED202310001')).toHaveLength(2);
    await wrapper.get('[data-testid="decision-filter"]').setValue('disputed');
    expect(shownAccessions(wrapper)).toEqual(['MED202310010', 'MED202310001']);
    wrapper.unmount();
  });

  it('shows locked lines with a lock, never ticks them, bulk-accepts the rest, and reopens one on its own', async () => {
    const { wrapper, state } = await mountView();
    const key = (n: number, code: string) => statementLineKey('Everlight', '2023-10', `EVE2023100${n}`, code, 1);
    await openMonth(wrapper, 'Everlight', '2023-10');
    await wrapper.get('[data-testid="status-filter-price_differs"]').setValue(true);
    expect(shownAccessions(wrapper)).toEqual(['EVE202310011', 'EVE202310012']);
    const locked = wrapper.get('[data-testid="tick-EVE202310012"]');
    expect(locked.attributes('disabled')).toBeDefined();
    expect(locked.attributes('aria-label')).toBe('Line EVE202310012 is locked');
    const cell = wrapper.get('[data-testid="decision-EVE202310012"]');
    expect(cell.find('svg.lock').exists()).toBe(true);
    expect(cell.text()).toContain('Resolved (locked)');

    await wrapper.get('[data-testid="tick-all"]').setValue(true);
    expect(wrapper.get('[data-testid="ticked-count"]').text()).toBe('1 line ticked, £51.00 billed');
    await wrapper.get('[data-testid="decide-accepted"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="decision-dialog"] form').trigger('submit');
    await flushPromises();
    expect(state.decisions.get(key(11, 'MBRAI'))).toMatchObject({ decision: 'accepted', note: null, status: 'price_differs' });
    expect(state.decisions.get(key(12, 'MBRAI'))?.decision).toBe('resolved');
    expect(wrapper.get('[data-testid="reconcile-notice"]').text()).toContain('Marked accepted: 1 line in Everlight, October 2023.');
    expect(wrapper.get('[data-testid="tick-EVE202310011"]').attributes('disabled')).toBeDefined();
    // Nothing left open: the month turns green.
    expect(wrapper.get('[data-testid="month-Everlight-2023-10"]').attributes('data-light')).toBe('green');

    await wrapper.get('[data-testid="reopen-EVE202310012"]').trigger('click');
    await flushPromises();
    const dialog = wrapper.get('[data-testid="decision-dialog"]');
    expect(dialog.get('h2').text()).toBe('Reopen line EVE202310012');
    expect((dialog.get('[data-testid="decision-note"]').element as HTMLTextAreaElement).value).toBe('Credit note CN-118 received');
    await dialog.get('form').trigger('submit');
    await flushPromises();
    expect(state.decisions.get(key(12, 'MBRAI'))).toMatchObject({ decision: 'open', note: 'Credit note CN-118 received' });
    expect(wrapper.get('[data-testid="tick-EVE202310012"]').attributes('disabled')).toBeUndefined();
    expect(wrapper.get('[data-testid="month-Everlight-2023-10"]').attributes('data-light')).toBe('red');
    wrapper.unmount();
  });

  it('adds and edits tariff prices in pounds, and the months are re-priced', async () => {
    const { wrapper, state } = await mountView((s) => (s.tariffs[0]!.batchId = 3));
    expect(wrapper.findAll('[data-testid="tariff-section"] tbody tr:not(.spacer)')).toHaveLength(7);
    const priceRow = () => wrapper.get('[data-testid="tariff-edit-1"]').element.closest('tr')!.textContent;
    expect(priceRow()).toContain('Import batch 3');

    await wrapper.get('[data-testid="tariff-edit-1"]').trigger('click');
    await flushPromises();
    const dialog = wrapper.get('[data-testid="tariff-dialog"]');
    expect(dialog.get('h2').text()).toBe('Edit the Medica CT price');
    expect((dialog.get('[data-testid="tariff-price"]').element as HTMLInputElement).value).toBe('35.00');
    expect((dialog.get('[data-testid="tariff-from"]').element as HTMLInputElement).value).toBe('01/04/2023');
    await dialog.get('[data-testid="tariff-price"]').setValue('38.0');
    await dialog.get('form').trigger('submit');
    await flushPromises();
    expect(state.tariffs.find((t) => t.id === 1)?.unitPricePence).toBe(3800);
    expect(wrapper.get('[data-testid="reconcile-notice"]').text()).toContain('Saved the Medica price for CT (Routine)');
    // An edited price is the user's: no longer part of the import that brought it.
    expect(priceRow()).toContain('Entered here');
    // Four CT routine examinations by Medica in October, each £3.00 dearer.
    expect(cells(wrapper, 'month-Medica-2023-10').expectedCost).toBe('£321.00');

    await wrapper.get('[data-testid="tariff-add"]').trigger('click');
    await flushPromises();
    const add = wrapper.get('[data-testid="tariff-dialog"]');
    expect(add.get('h2').text()).toBe('Add a price');
    await add.get('[data-testid="tariff-provider"]').setValue('Everlight');
    await add.get('[data-testid="tariff-price"]').setValue('£12.345');
    await add.get('form').trigger('submit');
    await flushPromises();
    expect(add.text()).toContain('Choose the modality this price is for.');
    expect(add.text()).toContain('no more than two decimal places');
    await add.get('[data-testid="tariff-modality"]').setValue('XR');
    await add.get('[data-testid="tariff-price"]').setValue('£12.35');
    await add.get('[data-testid="tariff-to"]').setValue('31/03/2024');
    await add.get('form').trigger('submit');
    await flushPromises();
    expect(state.tariffs.find((t) => t.provider === 'Everlight' && t.modality === 'XR')).toMatchObject({
      unitPricePence: 1235, priority: null, examCode: null, effectiveFrom: '2023-04-01', effectiveTo: '2024-03-31',
    });
    expect(wrapper.findAll('[data-testid="tariff-section"] tbody tr:not(.spacer)')).toHaveLength(8);
    wrapper.unmount();
  });

  it('deletes a price after confirming what it covers', async () => {
    const { wrapper, state } = await mountView();
    await wrapper.get('[data-testid="tariff-delete-4"]').trigger('click');
    await flushPromises();
    const confirm = wrapper.get('dialog.confirm-dialog[open]');
    expect(confirm.text()).toContain('£8.00 for XR · any priority · any examination, from 01/04/2023');
    await confirm.get('[data-testid="confirm-ok"]').trigger('click');
    await flushPromises();
    expect(state.tariffs.some((t) => t.id === 4)).toBe(false);
    // Without the XR price, Medica's October XR reports drop out of the expected cost.
    expect(cells(wrapper, 'month-Medica-2023-10').expectedCost).toBe('£285.00');
    wrapper.unmount();
  });

  it('exports the dispute pack for the provider and year shown, through the platform’s save', async () => {
    const { wrapper, state, saved } = await mountView((s) => {
      s.decisions.set(statementLineKey('Medica', '2023-10', 'MED202310010', 'MBRAI', 1), { decision: 'disputed', note: 'Not on our RIS', status: 'billed_not_in_ris', decidedAt: '2024-05-01T10:00:00' });
    });
    await wrapper.get('[data-testid="reconcile-provider"]').setValue('Medica');
    await wrapper.get('[data-testid="export-dispute-pack"]').trigger('click');
    await flushPromises();
    expect(state.calls.filter((c) => c.method === 'exportDisputePack').map((c) => c.args[0])).toEqual([{ period: { spec: '2023/24' }, provider: 'Medica' }]);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe('radbench-dispute-pack-Medica-2023-24.xlsx');
    expect(saved[0]!.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = XLSX.read(saved[0]!.bytes, { type: 'array' });
    expect(book.SheetNames[0]).toBe('Summary');
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[STATUS_NAMES.billed_not_in_ris]!, { header: 1 });
    const row = sheet.find((r) => r.includes('MED202310010'));
    expect(row).toEqual(expect.arrayContaining(['Disputed', 'Not on our RIS']));
    // Only Medica's months of the year shown.
    const summary = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.Summary!, { header: 1 });
    expect(summary.filter((r) => r[0] === 'Medica')).toHaveLength(2);
    expect(summary.some((r) => r[0] === 'Everlight')).toBe(false);
    expect(wrapper.get('[data-testid="reconcile-notice"] p').text()).toBe('Saved the dispute pack for Medica, 2023/24.');
    wrapper.unmount();
  });
});
