/** Sorting and filtering the Finance view's supplier table (pure, so it is tested without a DOM). */
import type { SupplierTotal } from '../../shared/contract';
import { CATEGORY_NAMES } from './labels';

export type SupplierSortKey = 'supplier' | 'provider' | 'category' | 'lines' | 'pence';
export type SortDirection = 'asc' | 'desc';

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

/** Rows whose supplier, canonical provider or category name contains every word of the query (any case). */
export function filterSuppliers(rows: readonly SupplierTotal[], query: string): SupplierTotal[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const text = `${r.supplier} ${r.provider ?? ''} ${CATEGORY_NAMES[r.category]}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

function compareBy(key: SupplierSortKey, a: SupplierTotal, b: SupplierTotal): number {
  switch (key) {
    case 'supplier':
      return collator.compare(a.supplier, b.supplier);
    case 'provider':
      // Rows without a provider go last whichever way text is sorted.
      if (!a.provider || !b.provider) return a.provider ? -1 : b.provider ? 1 : 0;
      return collator.compare(a.provider, b.provider);
    case 'category':
      return collator.compare(CATEGORY_NAMES[a.category], CATEGORY_NAMES[b.category]);
    case 'lines':
      return a.lines - b.lines;
    case 'pence':
      return a.pence - b.pence;
  }
}

/** A new sorted array; ties fall back to the supplier name, then the category, so the order never jitters. */
export function sortSuppliers(rows: readonly SupplierTotal[], key: SupplierSortKey, direction: SortDirection): SupplierTotal[] {
  const sign = direction === 'asc' ? 1 : -1;
  const missingLast = (a: SupplierTotal, b: SupplierTotal) => key === 'provider' && (!a.provider || !b.provider);
  return [...rows].sort((a, b) => {
    const primary = compareBy(key, a, b);
    const ordered = missingLast(a, b) ? primary : sign * primary;
    return ordered || collator.compare(a.supplier, b.supplier) || collator.compare(a.category, b.category);
  });
}

/** Numbers sort largest first on the first click; text A to Z. */
export function defaultDirection(key: SupplierSortKey): SortDirection {
  return key === 'lines' || key === 'pence' ? 'desc' : 'asc';
}
