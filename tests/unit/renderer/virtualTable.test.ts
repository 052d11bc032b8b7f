// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cellText, filterRows, nextSort, sortKey, sortRows } from '../../../renderer/components/tableView';
import VirtualTable from '../../../renderer/components/VirtualTable.vue';
import type { TableView, VirtualColumn } from '../../../renderer/components/virtualColumns';

type Row = { id: number; name: string | null; amount: number | null; date: string | null; shown: string };
const ROWS: Row[] = [
  { id: 1, name: 'beta', amount: 10, date: '2023-10-01', shown: '£1,000.00' },
  { id: 2, name: 'Alpha', amount: null, date: '2023-04-02', shown: '-£5.00' },
  { id: 3, name: null, amount: 9, date: null, shown: '£20.50' },
  { id: 4, name: 'gamma', amount: -3, date: '2024-01-15', shown: '—' },
];
const read = <K extends keyof Row>(key: K) => (r: Row) => r[key] as string | number | null;
const ids = (rows: readonly { id: number }[]) => rows.map((r) => r.id);

describe('sorting', () => {
  it('sorts numbers as numbers, empty cells last in both directions', () => {
    expect(ids(sortRows(ROWS, read('amount'), 'asc'))).toEqual([4, 3, 1, 2]);
    expect(ids(sortRows(ROWS, read('amount'), 'desc'))).toEqual([1, 3, 4, 2]);
  });

  it('sorts ISO dates by date and text case-insensitively, nulls last', () => {
    expect(ids(sortRows(ROWS, read('date'), 'asc'))).toEqual([2, 1, 4, 3]);
    expect(ids(sortRows(ROWS, read('date'), 'desc'))).toEqual([4, 1, 2, 3]);
    expect(ids(sortRows(ROWS, read('name'), 'asc'))).toEqual([2, 1, 4, 3]);
    expect(ids(sortRows(ROWS, read('name'), 'desc'))).toEqual([4, 1, 2, 3]);
  });

  it('understands formatted amounts, UK dates, months and digits inside text', () => {
    expect(ids(sortRows(ROWS, read('shown'), 'asc'))).toEqual([2, 3, 1, 4]);
    expect(sortKey('01/04/2023')).toBe('2023-04-01');
    expect(sortKey('02/04/2023 10:00')).toBe('2023-04-02T10:00');
    expect(sortKey('Sept 2023')).toBe('2023-09');
    expect(sortKey('12.5%')).toBe(12.5);
    const dates = ['31/03/2024', '01/04/2023', '15/10/2023'];
    expect(sortRows(dates, (d) => d, 'asc')).toEqual(['01/04/2023', '15/10/2023', '31/03/2024']);
    expect(sortRows(['R123', 'R45', 'r9'], (d) => d, 'asc')).toEqual(['r9', 'R45', 'R123']);
  });

  it('keeps ties in their first order and does not change the input', () => {
    const rows = [{ k: 1, i: 'a' }, { k: 0, i: 'b' }, { k: 1, i: 'c' }];
    expect(sortRows(rows, (r) => r.k, 'desc').map((r) => r.i)).toEqual(['a', 'c', 'b']);
    expect(rows.map((r) => r.i)).toEqual(['a', 'b', 'c']);
  });

  it('starts a new column ascending and flips the same one', () => {
    expect(nextSort(null, 'a')).toEqual({ key: 'a', direction: 'asc' });
    expect(nextSort({ key: 'a', direction: 'asc' }, 'a')).toEqual({ key: 'a', direction: 'desc' });
    expect(nextSort({ key: 'a', direction: 'desc' }, 'a')).toEqual({ key: 'a', direction: 'asc' });
    expect(nextSort({ key: 'a', direction: 'desc' }, 'b')).toEqual({ key: 'b', direction: 'asc' });
  });
});

describe('filtering', () => {
  const columns = [{ value: read('name') }, { value: read('amount') }];
  it('keeps rows containing the text in any column, ignoring case and surrounding spaces', () => {
    expect(ids(filterRows(ROWS, columns, '  ALP '))).toEqual([2]);
    expect(ids(filterRows(ROWS, columns, 'a'))).toEqual([1, 2, 4]);
    expect(ids(filterRows(ROWS, columns, '9'))).toEqual([3]);
    expect(ids(filterRows(ROWS, columns, ''))).toEqual([1, 2, 3, 4]);
    expect(filterRows(ROWS, columns, 'zzz')).toEqual([]);
  });

  it('matches numbers as they are shown', () => {
    expect(cellText(1234.5)).toBe('1,234.5');
    expect(ids(filterRows([{ id: 1, n: 1234 }, { id: 2, n: 5 }], [{ value: (r: { n: number }) => r.n }], '1,23'))).toEqual([1]);
  });
});

describe('VirtualTable', () => {
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(520);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(900);
  });
  afterEach(() => vi.restoreAllMocks());

  const columns: VirtualColumn<Row>[] = [
    { key: 'name', label: 'Name', value: (r) => r.name },
    { key: 'amount', label: 'Amount', value: (r) => r.amount, numeric: true },
    { key: 'date', label: 'Date', value: (r) => (r.date ? r.date.split('-').reverse().join('/') : null), sortValue: (r) => r.date },
    { key: 'actions', label: 'Actions', value: () => null, sortable: false },
  ];

  function mountTable(props: Record<string, unknown> = {}) {
    const views: TableView<Row>[] = [];
    const wrapper = mount(VirtualTable<Row>, {
      props: { rows: ROWS, columns, label: 'Test rows', onView: (v: TableView<Row>) => views.push(v), ...props },
      attachTo: document.body,
    });
    const firstColumn = () => wrapper.findAll('tbody tr:not(.spacer)').map((tr) => tr.find('td').text());
    return { wrapper, views, firstColumn };
  }

  it('sorts from keyboard-reachable header buttons, reporting the order in aria-sort', async () => {
    const { wrapper, views, firstColumn } = mountTable();
    expect(firstColumn()).toEqual(['beta', 'Alpha', '', 'gamma']);
    expect(wrapper.findAll('th[aria-sort]')).toHaveLength(0);
    const button = wrapper.get('th button[data-testid="sort-date"]');
    expect(button.attributes('type')).toBe('button');
    expect(wrapper.findAll('th')[3]!.find('button').exists()).toBe(false);

    await button.trigger('click');
    expect(wrapper.findAll('th')[2]!.attributes('aria-sort')).toBe('ascending');
    expect(wrapper.findAll('th[aria-sort]')).toHaveLength(1);
    expect(wrapper.findAll('tbody tr:not(.spacer)').map((tr) => tr.findAll('td')[2]!.text())).toEqual(['02/04/2023', '01/10/2023', '15/01/2024', '']);
    expect(views.at(-1)).toMatchObject({ sorted: true, filtered: false });
    expect(ids(views.at(-1)!.rows)).toEqual([2, 1, 4, 3]);

    await button.trigger('click');
    expect(wrapper.findAll('th')[2]!.attributes('aria-sort')).toBe('descending');
    expect(ids(views.at(-1)!.rows)).toEqual([4, 1, 2, 3]);

    await wrapper.get('[data-testid="sort-amount"]').trigger('click');
    expect(wrapper.findAll('th')[1]!.attributes('aria-sort')).toBe('ascending');
    expect(wrapper.findAll('th')[2]!.attributes('aria-sort')).toBeUndefined();
    expect(firstColumn()).toEqual(['gamma', '', 'beta', 'Alpha']);
    wrapper.unmount();
  });

  it('filters on what the cells show and counts the rows kept', async () => {
    const { wrapper, views, firstColumn } = mountTable();
    expect(wrapper.get('[data-testid="vtable-count"]').text()).toBe('4 rows');
    const input = wrapper.get('input[data-testid="vtable-filter"]');
    expect(wrapper.get(`label[for="${input.attributes('id')}"]`).text()).toBe('Filter Test rows');

    await input.setValue('2023');
    expect(firstColumn()).toEqual(['beta', 'Alpha']);
    expect(wrapper.get('[data-testid="vtable-count"]').text()).toBe('2 of 4 rows');
    expect(views.at(-1)).toMatchObject({ filtered: true, sorted: false });

    await wrapper.get('[data-testid="sort-name"]').trigger('click');
    expect(firstColumn()).toEqual(['Alpha', 'beta']);
    expect(ids(views.at(-1)!.rows)).toEqual([2, 1]);

    await input.setValue('nothing like it');
    expect(wrapper.text()).toContain('No rows contain “nothing like it”.');
    expect(wrapper.get('[data-testid="vtable-count"]').text()).toBe('0 of 4 rows');
    wrapper.unmount();
  });

  it('can leave out the filter box and the sorting for callers that have their own', async () => {
    const { wrapper, views } = mountTable({ filterable: false, sortable: false });
    await flushPromises();
    expect(wrapper.find('[data-testid="vtable-filter"]').exists()).toBe(false);
    expect(wrapper.find('th button').exists()).toBe(false);
    expect(ids(views.at(-1)!.rows)).toEqual([1, 2, 3, 4]);
    wrapper.unmount();
  });
});
