// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { useEngineStore } from '../../../renderer/stores/engine';
import StaffView from '../../../renderer/views/StaffView.vue';
import { createFakeEngine } from './fakeEngine';

async function mountView() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = createFakeEngine();
  await useEngineStore().attach(fake);
  const wrapper = mount(StaffView, { global: { plugins: [pinia] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, fake };
}

describe('StaffView', () => {
  it('classifies an unclassified reporter in one click, with a WTE that follows the group', async () => {
    const { wrapper, fake } = await mountView();
    const row = wrapper.get('[data-testid="unclassified-ZZ9"]');
    expect(row.text()).toContain('200');
    const button = wrapper.get('[data-testid="classify-ZZ9"]');
    expect(button.attributes('disabled')).toBeDefined();

    await wrapper.get('[data-testid="classify-group-ZZ9"]').setValue('outsourced');
    expect((wrapper.get('[data-testid="classify-wte-ZZ9"]').element as HTMLInputElement).value).toBe('0');
    await wrapper.get('[data-testid="classify-group-ZZ9"]').setValue('reporting_radiographer');
    expect((wrapper.get('[data-testid="classify-wte-ZZ9"]').element as HTMLInputElement).value).toBe('1');
    await wrapper.get('[data-testid="classify-wte-ZZ9"]').setValue('0.6');
    await wrapper.get('[data-testid="classify-ZZ9"]').trigger('click');
    await flushPromises();

    expect(fake.calls.find((c) => c.method === 'saveStaff')?.args[0]).toMatchObject({ code: 'ZZ9', group: 'reporting_radiographer', wte: 0.6, validFrom: '2022-04-01' });
    expect(wrapper.find('[data-testid="unclassified"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="staff-notice"]').text()).toContain('Classified ZZ9 as reporting radiographer');
    wrapper.unmount();
  });

  it('adds a reporter through the form, showing field messages first', async () => {
    const { wrapper, fake } = await mountView();
    await wrapper.get('[data-testid="add-staff"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="staff-save"]').trigger('submit');
    await flushPromises();
    expect(wrapper.text()).toContain('Enter the reporter code used in the RIS.');
    expect(wrapper.text()).toContain('Choose a staff group.');
    expect(fake.calls.some((c) => c.method === 'saveStaff')).toBe(false);

    await wrapper.get('[data-testid="staff-code"]').setValue('RAD77');
    await wrapper.get('[data-testid="staff-group"]').setValue('radiologist');
    await wrapper.get('[data-testid="staff-wte"]').setValue('0.8');
    await wrapper.get('[data-testid="staff-from"]').setValue('01/04/2023');
    await wrapper.get('[data-testid="staff-to"]').setValue('31/02/2024');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.text()).toContain('Enter the end date as dd/mm/yyyy');

    await wrapper.get('[data-testid="staff-to"]').setValue('');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(fake.calls.find((c) => c.method === 'saveStaff')?.args[0]).toMatchObject({ code: 'RAD77', group: 'radiologist', wte: 0.8, validFrom: '2023-04-01', validTo: null });
    wrapper.unmount();
  });
});
