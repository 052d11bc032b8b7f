// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SupplierTotal } from '../../../shared/contract';
import SupplierTable from '../../../renderer/finance/SupplierTable.vue';
import { defaultDirection, filterSuppliers, sortSuppliers } from '../../../renderer/finance/supplierTable';

const ROWS: SupplierTotal[] = [
  { supplier: 'Medica Reporting Ltd (Medica Group)', provider: 'Medica', category: 'outsourced_reporting', lines: 6, pence: 33_958_649 },
  { supplier: 'Alliance Medical Limited', provider: 'Alliance Medical', category: 'outsourced_imaging', lines: 3, pence: 24_058_845 },
  { supplier: 'Alliance Healthcare (Distribution) Ltd', provider: null, category: 'other', lines: 12, pence: 112_000_000 },
  { supplier: 'sectra ltd', provider: null, category: 'other', lines: 2, pence: 18_000_270 },
  { supplier: 'Medacs Healthcare', provider: null, category: 'agency_locum', lines: 1, pence: -250_000 },
];

const suppliers = (rows: SupplierTotal[]) => rows.map((r) => r.supplier);

describe('supplier table: filtering and sorting', () => {
  it('filters on supplier, provider and category name, every word, any case', () => {
    expect(suppliers(filterSuppliers(ROWS, 'alliance'))).toEqual(['Alliance Medical Limited', 'Alliance Healthcare (Distribution) Ltd']);
    expect(suppliers(filterSuppliers(ROWS, 'MEDICA teleradiology'))).toEqual(['Medica Reporting Ltd (Medica Group)']);
    expect(suppliers(filterSuppliers(ROWS, 'agency'))).toEqual(['Medacs Healthcare']);
    expect(filterSuppliers(ROWS, '   ')).toHaveLength(5);
    expect(filterSuppliers(ROWS, 'hexarad')).toEqual([]);
  });

  it('sorts money and line counts as numbers, text A to Z ignoring case', () => {
    expect(suppliers(sortSuppliers(ROWS, 'pence', 'desc'))).toEqual([
      'Alliance Healthcare (Distribution) Ltd', 'Medica Reporting Ltd (Medica Group)', 'Alliance Medical Limited', 'sectra ltd', 'Medacs Healthcare',
    ]);
    expect(sortSuppliers(ROWS, 'pence', 'asc')[0]?.pence).toBe(-250_000);
    expect(sortSuppliers(ROWS, 'lines', 'desc').map((r) => r.lines)).toEqual([12, 6, 3, 2, 1]);
    expect(suppliers(sortSuppliers(ROWS, 'supplier', 'asc'))).toEqual([
      'Alliance Healthcare (Distribution) Ltd', 'Alliance Medical Limited', 'Medacs Healthcare', 'Medica Reporting Ltd (Medica Group)', 'sectra ltd',
    ]);
    expect(ROWS[0]?.supplier).toBe('Medica Reporting Ltd (Medica Group)'); // the input is left alone
  });

  it('keeps rows without a provider last in either direction, in supplier order', () => {
    const up = sortSuppliers(ROWS, 'provider', 'asc').map((r) => r.provider ?? r.supplier);
    const down = sortSuppliers(ROWS, 'provider', 'desc').map((r) => r.provider ?? r.supplier);
    expect(up).toEqual(['Alliance Medical', 'Medica', 'Alliance Healthcare (Distribution) Ltd', 'Medacs Healthcare', 'sectra ltd']);
    expect(down).toEqual(['Medica', 'Alliance Medical', 'Alliance Healthcare (Distribution) Ltd', 'Medacs Healthcare', 'sectra ltd']);
  });

  it('sorts numbers largest first and text A to Z on the first click', () => {
    expect(defaultDirection('pence')).toBe('desc');
    expect(defaultDirection('supplier')).toBe('asc');
  });
});

describe('SupplierTable', () => {
  // happy-dom lays nothing out; give the scroll area a height so the virtualiser keeps rendering rows.
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(520);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(900);
  });
  afterEach(() => vi.restoreAllMocks());

  it('sorts from its column headers, announcing the order, and filters by text', async () => {
    const wrapper = mount(SupplierTable, { props: { rows: ROWS }, attachTo: document.body });
    const firstColumn = () => wrapper.findAll('[data-testid="supplier-row"]').map((r) => r.find('td').text());
    expect(firstColumn()[0]).toBe('Alliance Healthcare (Distribution) Ltd');
    expect(wrapper.get('th[aria-sort="descending"]').text()).toContain('Net spend');

    await wrapper.get('[data-testid="sort-supplier"]').trigger('click');
    expect(wrapper.get('th[aria-sort="ascending"]').text()).toContain('Supplier as written');
    expect(firstColumn()).toEqual(suppliers(sortSuppliers(ROWS, 'supplier', 'asc')));
    await wrapper.get('[data-testid="sort-supplier"]').trigger('click');
    expect(firstColumn()[0]).toBe('sectra ltd');

    await wrapper.get('[data-testid="supplier-filter"]').setValue('alliance');
    expect(firstColumn()).toEqual(['Alliance Medical Limited', 'Alliance Healthcare (Distribution) Ltd']);
    expect(wrapper.get('[data-testid="supplier-count"]').text()).toBe('2 of 5 rows · £1,360,588.45');
    await wrapper.get('[data-testid="supplier-filter"]').setValue('nobody');
    expect(wrapper.text()).toContain('No supplier matches the filter.');
    wrapper.unmount();
  });

  it('shows money to the penny with thousands separators, and opens the lines behind a figure', async () => {
    const wrapper = mount(SupplierTable, { props: { rows: ROWS }, attachTo: document.body });
    const medica = wrapper.findAll('[data-testid="supplier-row"]').find((r) => r.text().startsWith('Medica Reporting'))!;
    expect(medica.findAll('td').map((td) => td.text().replace(/:.*$/, ''))).toEqual(['Medica Reporting Ltd (Medica Group)', 'Medica', 'Outsourced reporting', '6', '£339,586.49']);
    await medica.get('[data-testid="supplier-spend"]').trigger('click');
    expect(wrapper.emitted('open')?.[0]).toEqual([ROWS[0]]);
    wrapper.unmount();
  });
});
