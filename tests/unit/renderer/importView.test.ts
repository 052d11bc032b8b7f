// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { browserHost, setHost } from '../../../renderer/platform/host';
import { useEngineStore } from '../../../renderer/stores/engine';
import { useImportsStore } from '../../../renderer/stores/imports';
import ImportView from '../../../renderer/views/ImportView.vue';
import { createFakeEngine, previewStatementWithAlternatives } from './fakeEngine';

afterEach(() => setHost(null));

async function mountView() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = createFakeEngine();
  await useEngineStore().attach(fake);
  const saved: { name: string; text: string }[] = [];
  setHost({ ...browserHost(), saveFile: async (name, bytes) => (saved.push({ name, text: new TextDecoder().decode(bytes) }), true) });
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: ImportView }] });
  const wrapper = mount(ImportView, { global: { plugins: [pinia, router] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, fake, saved, imports: useImportsStore() };
}

describe('ImportView', () => {
  it('shows each column with its detected field and confidence, and lets the user change it', async () => {
    const { wrapper, imports } = await mountView();
    await imports.addFiles([{ kind: 'blob', name: 'ris.csv', blob: new Blob(['x']) }]);
    await flushPromises();
    const preview = wrapper.get('[data-testid="import-preview"]');
    expect(preview.text()).toContain('Check the columns: ris.csv');
    expect((wrapper.get('[data-testid="map-col-0"]').element as HTMLSelectElement).value).toBe('accession');
    expect((wrapper.get('[data-testid="map-col-2"]').element as HTMLSelectElement).value).toBe('');
    expect(preview.text()).toContain('70% sure');
    expect((wrapper.get('[data-testid="kind-ris"]').element as HTMLInputElement).checked).toBe(true);

    await wrapper.get('[data-testid="map-col-2"]').setValue('reportedAt');
    expect(imports.mapping.reportedAt).toBe(2);
    expect(preview.text()).toContain('Your choice');

    await wrapper.get('[data-testid="map-col-0"]').setValue('');
    expect(wrapper.get('[data-testid="missing-required"]').text()).toContain('Accession number');
    expect(wrapper.get('[data-testid="run-import"]').attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });

  it('marks alternatives with † and asks for one of them by their shared name', async () => {
    const { wrapper, fake, imports } = await mountView();
    previewStatementWithAlternatives(fake);
    await imports.addFiles([{ kind: 'blob', name: 'statement.csv', blob: new Blob(['x']) }]);
    await flushPromises();
    const options = wrapper.get('[data-testid="map-col-2"]').findAll('option');
    expect(options.map((o) => o.text())).toEqual(['Not imported', 'Accession number *', 'Line amount †', 'Unit price †']);
    expect(options[3]!.attributes('title')).toBe('Per report. One of: Line amount or unit price.');
    expect(wrapper.get('[data-testid="missing-required"]').text()).toContain('Choose a column for: Line amount or unit price.');
    await wrapper.get('[data-testid="map-col-2"]').setValue('unitPrice');
    expect(wrapper.find('[data-testid="missing-required"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows the report, downloads rejected rows as guarded CSV, and commits', async () => {
    const { wrapper, imports, saved } = await mountView();
    await imports.addFiles([{ kind: 'blob', name: 'ris.csv', blob: new Blob(['x']) }]);
    await flushPromises();
    await wrapper.get('[data-testid="run-import"]').trigger('click');
    await flushPromises();
    const report = wrapper.get('[data-testid="import-report"]');
    expect(wrapper.get('[data-testid="count-read"]').text()).toBe('1,000');
    expect(wrapper.get('[data-testid="count-inserted"]').text()).toBe('990');
    expect(wrapper.get('[data-testid="count-rejected"]').text()).toBe('1');
    expect(report.text()).toContain('Nothing has been saved yet');

    imports.rejects = [{ file: 'ris.csv', row: 9, column: 'Exam Date', value: '=cmd()', reason: 'Not a date', severity: 'error' }];
    await wrapper.get('[data-testid="download-rejects"]').trigger('click');
    await flushPromises();
    expect(saved[0]?.name).toBe('ris-rejected-rows.csv');
    expect(saved[0]?.text).toContain("ris.csv,9,Exam Date,'=cmd(),Not a date,error");

    await wrapper.get('[data-testid="commit-import"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="import-report"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="import-notice"]').text()).toContain('Imported ris.csv');
    expect(wrapper.get('[data-testid="batch-table"]').text()).toContain('ris.csv');
    wrapper.unmount();
  });
});
