/**
 * Tariff lookup and the rules for overlapping periods, as pure functions over tariff rows.
 *
 * Lookup: the price for a report is taken from the rows for its provider and modality that are in force on the
 * date (effective from ≤ date ≤ effective to, an empty end meaning "until replaced"), whose priority and
 * examination code are either empty (any) or equal to the report's. The most specific row wins: one naming the
 * examination code beats one naming only the priority, which beats the modality alone. Among equally specific
 * rows the one that started latest wins, so an open-ended price is replaced from the day a later one starts
 * (and applies again after a later, bounded price ends).
 *
 * Overlaps: two rows for the same key (provider, modality, priority, examination code) conflict when the one
 * that starts first has an explicit end on or after the other's start: both then claim the same days and
 * nothing says which is meant. An open-ended row never conflicts with a later one (it is replaced by it).
 * Rows with the same key and the same start are one price: an import updates it, an edit is refused.
 */
import type { TariffRow } from './api';
import { priorityKey } from './priority';

export interface PriceQuery {
  provider: string;
  modality: string;
  priority: string | null;
  /** The examination codes that may price the report (the RIS code, the statement's code). */
  examCodes: readonly string[];
  /** 'YYYY-MM-DD' */
  date: string;
}

/** An examination code as tariffs compare it. */
export function normaliseExamCode(code: string | null | undefined): string | null {
  const c = (code ?? '').trim().toUpperCase();
  return c === '' ? null : c;
}

const identity = (name: string): string => name;

/** The key a row's period is unique within. */
export function tariffKey(row: Pick<TariffRow, 'provider' | 'modality' | 'priority' | 'examCode'>, canonical: (name: string) => string = identity): string {
  return [canonical(row.provider), row.modality, priorityKey(row.priority) ?? '', normaliseExamCode(row.examCode) ?? ''].join('\u0000');
}

export interface TariffConflict {
  row: TariffRow;
  kind: 'same_start' | 'overlap';
}

/**
 * The first existing row the candidate clashes with (same key, same start; or overlapping explicit periods), or
 * null. `existing` may include the candidate itself (same id), which is skipped.
 */
export function tariffConflict(
  candidate: Omit<TariffRow, 'id'> & { id?: number | null },
  existing: readonly TariffRow[],
  canonical: (name: string) => string = identity,
): TariffConflict | null {
  const key = tariffKey(candidate, canonical);
  for (const row of existing) {
    if (candidate.id != null && row.id === candidate.id) continue;
    if (tariffKey(row, canonical) !== key) continue;
    if (row.effectiveFrom === candidate.effectiveFrom) return { row, kind: 'same_start' };
    const [first, second] = row.effectiveFrom < candidate.effectiveFrom ? [row, candidate] : [candidate, row];
    if (first.effectiveTo !== null && first.effectiveTo >= second.effectiveFrom) return { row, kind: 'overlap' };
  }
  return null;
}

interface Entry {
  row: TariffRow;
  priority: string | null;
  code: string | null;
  specificity: number;
}

/** Tariff rows indexed for lookup by provider and modality. */
export class TariffBook {
  private readonly index = new Map<string, Entry[]>();
  readonly size: number;

  constructor(
    rows: readonly TariffRow[],
    private readonly canonical: (name: string) => string = identity,
  ) {
    for (const row of rows) {
      const priority = priorityKey(row.priority);
      const code = normaliseExamCode(row.examCode);
      const key = `${canonical(row.provider)}\u0000${row.modality}`;
      const list = this.index.get(key) ?? [];
      list.push({ row, priority, code, specificity: (code ? 2 : 0) + (priority ? 1 : 0) });
      this.index.set(key, list);
    }
    // Most specific first, then the latest start, then the newest row: the first match is the price.
    for (const list of this.index.values()) {
      list.sort(
        (a, b) =>
          b.specificity - a.specificity ||
          (a.row.effectiveFrom < b.row.effectiveFrom ? 1 : a.row.effectiveFrom > b.row.effectiveFrom ? -1 : 0) ||
          b.row.id - a.row.id,
      );
    }
    this.size = rows.length;
  }

  /** Whether any row prices this provider at all. */
  hasProvider(provider: string): boolean {
    const prefix = `${this.canonical(provider)}\u0000`;
    for (const key of this.index.keys()) if (key.startsWith(prefix)) return true;
    return false;
  }

  /** The row that prices a report, or null when none is in force. */
  price(q: PriceQuery): TariffRow | null {
    const list = this.index.get(`${this.canonical(q.provider)}\u0000${q.modality}`);
    if (!list) return null;
    const priority = priorityKey(q.priority);
    const codes = q.examCodes.map(normaliseExamCode).filter((c): c is string => c !== null);
    for (const e of list) {
      if (e.row.effectiveFrom > q.date) continue;
      if (e.row.effectiveTo !== null && e.row.effectiveTo < q.date) continue;
      if (e.priority !== null && e.priority !== priority) continue;
      if (e.code !== null && !codes.includes(e.code)) continue;
      return e.row;
    }
    return null;
  }
}
