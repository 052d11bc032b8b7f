/**
 * A tariff price as typed in the form (pounds, UK dates, optional fields as empty text) and its checks before
 * it reaches the engine: money becomes integer pence exactly, dates ISO, and two prices for the same work may
 * not claim the same days (an open-ended price gives way to a later one).
 */
import { MODALITIES } from '../../shared/model';
import type { TariffInput, TariffRow } from '../../shared/reconcile/api';
import { tariffConflict } from '../../shared/reconcile/tariffBook';
import { formatDate, formatPence } from '../format';

export interface TariffDraft {
  id?: number;
  provider: string;
  modality: string;
  priority: string;
  examCode: string;
  /** Pounds as typed, e.g. '35.50' or '£1,200'. */
  unitPrice: string;
  /** ISO 'YYYY-MM-DD', '' when empty, or the raw text when it is not a date (DateInput's model). */
  effectiveFrom: string;
  effectiveTo: string;
}

export type TariffField = 'provider' | 'modality' | 'unitPrice' | 'effectiveFrom' | 'effectiveTo';
export type TariffErrors = Partial<Record<TariffField | 'form', string>>;
export type TariffOutcome = { ok: true; value: TariffInput } | { ok: false; errors: TariffErrors };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Pounds with an optional £, thousands commas and up to two decimal places. */
const POUNDS = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

function validDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** '£1,234.5' → 123450 pence, from the text's digits (no floating point); null when it is not a price. */
export function parsePoundsToPence(text: string): number | null {
  const m = POUNDS.exec(text.trim());
  if (!m) return null;
  const pence = Number(m[1]!.replace(/,/g, '')) * 100 + Number(((m[2] ?? '') + '00').slice(0, 2));
  return Number.isSafeInteger(pence) ? pence : null;
}

/** 3550 → '35.50': how a stored price is shown for editing. */
export function penceToPoundsText(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function emptyTariffDraft(defaults: { provider?: string; effectiveFrom: string }): TariffDraft {
  return { provider: defaults.provider ?? '', modality: '', priority: '', examCode: '', unitPrice: '', effectiveFrom: defaults.effectiveFrom, effectiveTo: '' };
}

export function draftFromTariff(row: TariffRow): TariffDraft {
  return {
    id: row.id,
    provider: row.provider,
    modality: row.modality,
    priority: row.priority ?? '',
    examCode: row.examCode ?? '',
    unitPrice: penceToPoundsText(row.unitPricePence),
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo ?? '',
  };
}

/** Checks a draft against the others; the value is what saveTariff takes. */
export function tariffFromDraft(draft: TariffDraft, existing: readonly TariffRow[]): TariffOutcome {
  const errors: TariffErrors = {};
  const provider = draft.provider.trim();
  if (!provider) errors.provider = 'Enter the provider, as the statements and the RIS name it.';
  if (!(MODALITIES as readonly string[]).includes(draft.modality)) errors.modality = 'Choose the modality this price is for.';
  const pence = parsePoundsToPence(draft.unitPrice);
  if (!draft.unitPrice.trim()) errors.unitPrice = 'Enter the unit price in pounds, for example 35.50.';
  else if (pence === null) errors.unitPrice = 'Enter the price in pounds and pence, for example 35.50 or £1,200 (no more than two decimal places, not negative).';
  const from = draft.effectiveFrom.trim();
  const to = draft.effectiveTo.trim();
  if (!from) errors.effectiveFrom = 'Enter the date the price starts, as dd/mm/yyyy.';
  else if (!validDate(from)) errors.effectiveFrom = `“${from}” is not a date: enter it as dd/mm/yyyy.`;
  if (to && !validDate(to)) errors.effectiveTo = `“${to}” is not a date: enter it as dd/mm/yyyy, or leave it empty while the price is current.`;
  else if (to && validDate(from) && to < from) errors.effectiveTo = 'The price cannot end before it starts.';
  if (Object.keys(errors).length > 0 || pence === null) return { ok: false, errors };

  const value: TariffInput = {
    ...(draft.id !== undefined ? { id: draft.id } : {}),
    provider,
    modality: draft.modality,
    priority: draft.priority.trim() || null,
    examCode: draft.examCode.trim() || null,
    unitPricePence: pence,
    effectiveFrom: from,
    effectiveTo: to || null,
  };
  // The engine's own rule (it checks again with canonical provider names): see tariffConflict.
  const conflict = tariffConflict(value, existing);
  if (conflict) {
    const other = conflict.row;
    const until = other.effectiveTo ? `to ${formatDate(other.effectiveTo)}` : 'with no end date';
    errors.effectiveFrom =
      conflict.kind === 'same_start'
        ? `A price for the same work already starts on ${formatDate(other.effectiveFrom)} (${formatPence(other.unitPricePence)}): edit that price instead.`
        : `Another price for the same work covers some of these days: ${formatPence(other.unitPricePence)} from ${formatDate(other.effectiveFrom)} ${until}. Change its end date, or these dates.`;
    return { ok: false, errors };
  }
  return { ok: true, value };
}

/** 'CT · Urgent · CCHES' style description of what a price covers. */
export function tariffScope(row: Pick<TariffRow, 'modality' | 'priority' | 'examCode'>): string {
  return [row.modality, row.priority ?? 'any priority', row.examCode ?? 'any examination'].join(' · ');
}
