// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { useEngineStore } from '../../../renderer/stores/engine';
import { KIND_NAMES, useImportsStore } from '../../../renderer/stores/imports';
import ImportView from '../../../renderer/views/ImportView.vue';
import { createFakeEngine } from './fakeEngine';

describe('tariffs and provider statements on the Import page', () => {
  it('offers both kinds, previews with the chosen kind, and names them in the history', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const fake = createFakeEngine();
    await useEngineStore().attach(fake);
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: ImportView }] });
    const wrapper = mount(ImportView, { global: { plugins: [pinia, router] }, attachTo: document.body });
    const imports = useImportsStore();
    await flushPromises();

    await imports.addFiles([{ kind: 'blob', name: 'medica-oct.csv', blob: new Blob(['x']) }]);
    await flushPromises();
    const kinds = wrapper.get('fieldset.kind');
    expect(kinds.text()).toContain('Outsourcing tariff');
    expect(kinds.text()).toContain('Provider statement');

    await wrapper.get('[data-testid="kind-statement"]').setValue(true);
    await flushPromises();
    expect(fake.calls.filter((c) => c.method === 'previewImport').map((c) => (c.args[0] as { kind: string | null }).kind)).toEqual([null, 'statement']);
    expect((wrapper.get('[data-testid="kind-statement"]').element as HTMLInputElement).checked).toBe(true);

    await wrapper.get('[data-testid="run-import"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="commit-import"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="batch-1"]').text()).toContain(KIND_NAMES.statement);
    wrapper.unmount();
  });
});
