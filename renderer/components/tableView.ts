/**
 * Sorting and filtering for VirtualTable, kept free of Vue so it can be tested on its own. Sorting reads
 * what a column shows unless it gives a sortValue, and recognises the app's own formats (£1,234.56,
 * 12.5%, 01/04/2023, Apr 2023) so that numbers and dates sort as numbers and dates, not as text.
 */

export type Cell = string | number | null;
export type SortDirection = 'asc' | 'desc';
export interface SortState {
  key: string;
  direction: SortDirection;
}

const NUMBER_TEXT = /^[-−]?£?[-−]?\d[\d,]*(\.\d+)?%?$/;
const UK_DATE = /^(\d{2})\/(\d{2})\/(\d{4})(?:,? (\d{2}:\d{2}(?::\d{2})?))?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_TEXT = /^([A-Za-z]{3,9})\.? (\d{4})$/;
/** Placeholders the app shows for "no value" (format.ts NOT_AVAILABLE), which sort with the empty cells. */
const EMPTY_TEXT = new Set(['', '—', '–']);

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
const numberText = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });

/** What a cell shows: numbers the en-GB way, null as nothing. */
export function cellText(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? numberText.format(value) : '';
  return value;
}

/** A comparable key for a cell: a number, a string (UK dates turned ISO), or null for empty. */
export function sortKey(value: Cell | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const text = value.trim();
  if (EMPTY_TEXT.has(text)) return null;
  if (NUMBER_TEXT.test(text)) {
    const n = Number(text.replace(/[£,%]/g, '').replace(/−/g, '-'));
    if (Number.isFinite(n)) return n;
  }
  const date = UK_DATE.exec(text);
  if (date) return `${date[3]}-${date[2]}-${date[1]}${date[4] ? `T${date[4]}` : ''}`;
  const month = MONTH_TEXT.exec(text);
  const index = month ? MONTHS.indexOf(month[1]!.slice(0, 3).toLowerCase()) : -1;
  if (month && index >= 0) return `${month[2]}-${String(index + 1).padStart(2, '0')}`;
  return text;
}

/** Ascending order of two keys; numbers before text. Empty cells are handled by the caller (always last). */
function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return collator.compare(a, b);
}

/** The rows in a new array, ordered by one column; empty cells last in either direction, ties in their first order. */
export function sortRows<T>(rows: readonly T[], read: (row: T) => Cell, direction: SortDirection): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  const keyed = rows.map((row, index) => ({ row, index, key: sortKey(read(row)) }));
  keyed.sort((x, y) => {
    if (x.key === null || y.key === null) return x.key === y.key ? x.index - y.index : x.key === null ? 1 : -1;
    return sign * compareKeys(x.key, y.key) || x.index - y.index;
  });
  return keyed.map((k) => k.row);
}

/** The query as rows are matched against it: trimmed, case-folded; empty means no filter. */
export function normaliseQuery(query: string): string {
  return query.trim().toLocaleLowerCase('en-GB');
}

/** Everything a row shows, case-folded, for the filter box to search. */
export function searchText<T>(row: T, columns: readonly { value: (row: T) => Cell }[]): string {
  return columns.map((c) => cellText(c.value(row))).join('\u0000').toLocaleLowerCase('en-GB');
}

/** The rows containing the query in any column (case-insensitive), in their given order. */
export function filterRows<T>(rows: readonly T[], columns: readonly { value: (row: T) => Cell }[], query: string): T[] {
  const q = normaliseQuery(query);
  return q ? rows.filter((row) => searchText(row, columns).includes(q)) : [...rows];
}

/** The next sort after a click on a column's header: a new column starts ascending, the same one flips. */
export function nextSort(current: SortState | null, key: string): SortState {
  return current?.key === key ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' };
}
