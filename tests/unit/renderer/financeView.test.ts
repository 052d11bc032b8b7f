// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { useEngineStore } from '../../../renderer/stores/engine';
import FinanceView from '../../../renderer/views/FinanceView.vue';
import { createFakeEngine } from './fakeEngine';

async function mountView(prepare: (fake: ReturnType<typeof createFakeEngine>) => void = () => undefined) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = createFakeEngine();
  prepare(fake);
  await useEngineStore().attach(fake);
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)', component: { render: () => null } }] });
  const wrapper = mount(FinanceView, { global: { plugins: [pinia, router] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, fake };
}

// happy-dom lays nothing out; give scroll areas a height so virtualised tables render their rows.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(520);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(900);
});
afterEach(() => vi.restoreAllMocks());

describe('FinanceView', () => {
  it('explains what to import when there is no ledger, and still offers the rules and names', async () => {
    const { wrapper } = await mountView((fake) => (fake.ledger = []));
    const empty = wrapper.get('[data-testid="finance-empty"]');
    expect(empty.text()).toContain('A general-ledger detail export');
    expect(empty.text()).toContain('spend over £25,000');
    expect(empty.get('[data-testid="finance-import-link"]').attributes('href')).toBe('/import');
    expect(wrapper.find('[data-testid="supplier-table"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="rules-table"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="alias-join-example"]').text()).toContain('both stand for Medica');
    wrapper.unmount();
  });

  it('shows totals by category in pounds and pence, each opening its ledger lines', async () => {
    const { wrapper } = await mountView();
    expect(wrapper.get('[data-testid="finance-total"]').text()).toBe('£334,047');
    const row = wrapper.get('[data-testid="category-outsourced_reporting"]');
    expect(row.findAll('td').map((td) => td.text().replace(/:.*$/, ''))).toEqual(['3', '£107,583.08', '32.2%']);
    await row.get('button').trigger('click');
    await flushPromises();
    const panel = wrapper.get('.side-panel');
    expect(panel.get('[data-testid="ledger-drill-total"]').text()).toBe('£107,583.08 from 3 ledger lines');
    expect(panel.text()).toContain('Download all 3 lines (CSV)');
    wrapper.unmount();
  });

  it('makes a rule from a review-queue line: the supplier filled in, the category left to the user', async () => {
    const { wrapper, fake } = await mountView();
    const queue = wrapper.get('[data-testid="review-queue"]');
    expect(queue.text()).toContain('1 line from 1 supplier, £109,997.10 net');
    await queue.get('[data-testid="review-make-rule-5"]').trigger('click');
    await flushPromises();
    const dialog = wrapper.get('[data-testid="rule-dialog"]');
    expect((dialog.get('[data-testid="condition-value"]').element as HTMLInputElement).value).toBe('Sectra Ltd');
    expect((dialog.get('[data-testid="condition-op"]').element as HTMLSelectElement).value).toBe('is');
    expect((dialog.get('[data-testid="rule-category"]').element as HTMLSelectElement).value).toBe('');
    expect((dialog.get('[data-testid="rule-priority"]').element as HTMLInputElement).value).toBe('100');

    await dialog.get('[data-testid="rule-category"]').setValue('outsourced_reporting');
    await dialog.get('form').trigger('submit');
    await flushPromises();
    expect(fake.rules.some((r) => r.id === 'supplier-sectra-ltd')).toBe(true);
    expect(wrapper.get('[data-testid="finance-notice"]').text()).toContain('1 ledger line reclassified');
    expect(wrapper.get('[data-testid="review-queue"]').text()).toContain('Every radiology line in this period has a category');
    expect(wrapper.get('[data-testid="category-outsourced_reporting"]').text()).toContain('£217,580.18');
    wrapper.unmount();
  });

  it('lists rules readably in priority order, toggles and deletes them after confirming', async () => {
    const { wrapper, fake } = await mountView();
    const rows = wrapper.findAll('[data-testid="rules-table"] tbody tr');
    expect(rows.map((r) => r.find('th').text())).toEqual(['medica', 'alliance-medical', 'agency']);
    expect(rows[1]!.text()).toContain('Supplier starts with “Alliance Medical”');
    expect(rows[0]!.text()).toContain('Default');

    await wrapper.get('[data-testid="rule-toggle-agency"]').setValue(false);
    await flushPromises();
    expect(fake.rules.find((r) => r.id === 'agency')?.enabled).toBe(false);
    expect(wrapper.get('[data-testid="finance-notice"] p').text()).toBe('Disabled the rule “agency”: 1 ledger line reclassified.');

    await wrapper.get('[data-testid="rule-delete-alliance-medical"]').trigger('click');
    await flushPromises();
    const confirm = wrapper.get('dialog.confirm-dialog[open]');
    expect(confirm.text()).toContain('untick Enabled instead');
    expect(fake.calls.some((c) => c.method === 'deleteRule')).toBe(false);
    await confirm.get('[data-testid="confirm-ok"]').trigger('click');
    await flushPromises();
    expect(fake.rules.map((r) => r.id)).toEqual(['medica', 'agency']);
    wrapper.unmount();
  });

  it('adds a provider name and checks which provider a name joins', async () => {
    const { wrapper, fake } = await mountView();
    const check = wrapper.get('[data-testid="alias-check"]');
    expect(wrapper.get('[data-testid="alias-check-result"]').text()).toBe('“MEDICA REPORTING LTD” joins Medica.');
    await check.setValue('Alliance Healthcare (Distribution) Ltd');
    expect(wrapper.get('[data-testid="alias-check-result"]').text()).toContain('joins no provider');
    await check.setValue('Hexarad Ltd');
    expect(wrapper.get('[data-testid="alias-check-result"]').text()).toContain('joins no provider');

    await wrapper.get('[data-testid="alias-name"]').setValue('Hexarad Ltd');
    await wrapper.get('[data-testid="alias-provider"]').setValue('Hexarad');
    await wrapper.get('[data-testid="alias-save"]').trigger('submit');
    await flushPromises();
    expect(fake.aliases).toContainEqual({ alias: 'Hexarad Ltd', provider: 'Hexarad' });
    expect(wrapper.get('[data-testid="alias-check-result"]').text()).toBe('“Hexarad Ltd” joins Hexarad.');
    expect(wrapper.get('[data-testid="finance-notice"]').text()).toContain('“Hexarad Ltd” now means Hexarad');
    wrapper.unmount();
  });
});
