/**
 * The tariff table: listing, validated edits in the app, and the book used for pricing. Edits run inside the
 * caller's transaction. An edited row leaves its import batch (undoing that import no longer touches it).
 */
import type { Database } from 'sql.js';
import { queryRows, queryValue } from '../db/connection';
import { MODALITIES } from '../model';
import type { ProviderIndex } from '../finance/providers';
import type { TariffInput, TariffRow } from './api';
import { canonicalProvider } from './providerNames';
import { normaliseExamCode, tariffConflict, TariffBook } from './tariffBook';
import { pounds, ukDay } from './text';

/** Prices above this are taken for a typing error. */
export const MAX_UNIT_PRICE_PENCE = 10_000_00;

const ROW_SQL = `SELECT id, provider, modality, priority, exam_code AS examCode, unit_price_pence AS unitPricePence,
  effective_from AS effectiveFrom, effective_to AS effectiveTo, batch_id AS batchId FROM tariff`;

export function loadTariffs(db: Database): TariffRow[] {
  return queryRows<TariffRow & Record<string, unknown>>(
    db,
    `${ROW_SQL} ORDER BY provider, modality, priority IS NOT NULL, priority, exam_code IS NOT NULL, exam_code, effective_from, id`,
  );
}

/** The tariff as a price book, providers compared by their canonical names. */
export function loadTariffBook(db: Database, providers: ProviderIndex): TariffBook {
  return new TariffBook(loadTariffs(db), (name) => canonicalProvider(providers, name));
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDay(text: string): boolean {
  const m = ISO_DAY.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** What a tariff row prices, in words: "Medica CT, Urgent, CHEAD". */
export function describeTariffKey(row: Pick<TariffRow, 'provider' | 'modality' | 'priority' | 'examCode'>): string {
  return [`${row.provider} ${row.modality}`, row.priority, row.examCode].filter(Boolean).join(', ');
}

/** A tariff row's period in words: "from 01/04/2025 to 31/03/2026" or "from 01/04/2025 (open-ended)". */
export function describePeriod(row: Pick<TariffRow, 'effectiveFrom' | 'effectiveTo'>): string {
  return `from ${ukDay(row.effectiveFrom)}${row.effectiveTo ? ` to ${ukDay(row.effectiveTo)}` : ' (open-ended)'}`;
}

/** Why an overlap is refused, naming the row it overlaps. */
export function overlapMessage(other: TariffRow, where: string): string {
  return (
    `its period overlaps ${where} (${describeTariffKey(other)} at ${pounds(other.unitPricePence)} ${describePeriod(other)}): ` +
    'give the earlier price an end date before the later one starts'
  );
}

/** A tariff row checked and tidied for saving, or the reasons it cannot be saved. */
export function validateTariff(input: TariffInput, providers: ProviderIndex): { row: Omit<TariffRow, 'id'> & { id?: number } } | { errors: string[] } {
  const errors: string[] = [];
  const provider = typeof input.provider === 'string' && input.provider.trim() ? canonicalProvider(providers, input.provider) : '';
  if (!provider) errors.push('the provider is empty');
  const modality = typeof input.modality === 'string' ? input.modality.trim().toUpperCase() : '';
  if (!(MODALITIES as readonly string[]).includes(modality)) errors.push(`"${input.modality}" is not a modality (${MODALITIES.join(', ')})`);
  const priority = typeof input.priority === 'string' && input.priority.trim() ? input.priority.trim() : null;
  const examCode = normaliseExamCode(input.examCode);
  const price = input.unitPricePence;
  if (typeof price !== 'number' || !Number.isInteger(price)) errors.push('the unit price must be a whole number of pence');
  else if (price < 0) errors.push('the unit price cannot be negative');
  else if (price > MAX_UNIT_PRICE_PENCE) errors.push(`the unit price is over ${pounds(MAX_UNIT_PRICE_PENCE)}: check it`);
  if (typeof input.effectiveFrom !== 'string' || !isIsoDay(input.effectiveFrom)) errors.push('the effective-from date must be a date (YYYY-MM-DD)');
  const effectiveTo = input.effectiveTo ?? null;
  if (effectiveTo !== null && (typeof effectiveTo !== 'string' || !isIsoDay(effectiveTo))) errors.push('the effective-to date must be a date (YYYY-MM-DD) or empty');
  else if (effectiveTo !== null && typeof input.effectiveFrom === 'string' && effectiveTo < input.effectiveFrom) {
    errors.push('the effective-to date is before the effective-from date');
  }
  if (errors.length) return { errors };
  return {
    row: { ...(input.id !== undefined ? { id: input.id } : {}), provider, modality, priority, examCode, unitPricePence: price, effectiveFrom: input.effectiveFrom, effectiveTo },
  };
}

export class TariffError extends Error {
  constructor(readonly reasons: string[]) {
    super(`The tariff row cannot be saved: ${reasons.join('; ')}.`);
    this.name = 'TariffError';
  }
}

/** Adds or edits one row (an edit keeps its id and leaves its import batch). */
export function saveTariff(db: Database, input: TariffInput, providers: ProviderIndex): TariffRow {
  const checked = validateTariff(input, providers);
  if ('errors' in checked) throw new TariffError(checked.errors);
  const row = checked.row;
  if (row.id !== undefined && queryValue(db, 'SELECT 1 FROM tariff WHERE id = ?', [row.id]) === null) {
    throw new TariffError([`there is no tariff row ${row.id} (it may have been deleted or undone)`]);
  }
  const conflict = tariffConflict(row, loadTariffs(db), (name) => canonicalProvider(providers, name));
  if (conflict) {
    throw new TariffError([
      conflict.kind === 'same_start'
        ? `${describeTariffKey(conflict.row)} already has a price ${describePeriod(conflict.row)} (${pounds(conflict.row.unitPricePence)}): edit that row instead`
        : overlapMessage(conflict.row, 'another price'),
    ]);
  }
  const values = [row.provider, row.modality, row.priority, row.examCode, row.unitPricePence, row.effectiveFrom, row.effectiveTo];
  let id: number;
  if (row.id !== undefined) {
    db.run(
      `UPDATE tariff SET provider = ?, modality = ?, priority = ?, exam_code = ?, unit_price_pence = ?, effective_from = ?,
         effective_to = ?, batch_id = NULL WHERE id = ?`,
      [...values, row.id],
    );
    id = row.id;
  } else {
    db.run(
      `INSERT INTO tariff (provider, modality, priority, exam_code, unit_price_pence, effective_from, effective_to, batch_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
      values,
    );
    id = Number(queryValue(db, 'SELECT last_insert_rowid()'));
  }
  return loadTariffs(db).find((r) => r.id === id)!;
}

export function deleteTariff(db: Database, id: number): void {
  db.run('DELETE FROM tariff WHERE id = ?', [id]);
  if (db.getRowsModified() === 0) throw new TariffError([`there is no tariff row ${id} (it may have been deleted or undone)`]);
  db.run('DELETE FROM tariff_prior WHERE id = ?', [id]);
}
