/**
 * Outsourcing unit prices by modality for the business case: the tariff where one covers the period (weighted by
 * each provider's outsourced reports), else the ledger's cost per outsourced report, else the published reference
 * point. The tariff table belongs to reconciliation and may be empty or older than this code: it is read defensively.
 */
import type { Database } from 'sql.js';
import type { Period } from '../contract';
import { MODALITIES, MODALITY_NAMES, type Modality } from '../model';
import { queryRows } from '../db/connection';
import { dateFromDayNumber, dayNumber } from '../metrics/calendar';
import { normaliseSupplier, type ProviderIndex } from '../finance/providers';
import type { TariffRow } from '../reconcile/api';
import { TariffBook } from '../reconcile/tariffBook';
import { REFERENCE_PRICE_PENCE, REFERENCE_PRICE_SOURCE, type ModalityPrice } from './defaults';
import { countText, penceText } from './format';

export interface OutsourcedVolume {
  provider: string;
  modality: Modality;
  reports: number;
}

interface TariffLine extends Record<string, unknown> {
  provider: string;
  modality: string;
  priority: string | null;
  exam_code: string | null;
  price: number;
  effective_from: string;
  effective_to: string | null;
}

const REQUIRED_COLUMNS = ['provider', 'modality', 'unit_price_pence', 'effective_from'];

/** Tariff lines in force at some time in the period; none when the table is missing or lacks the columns. */
function tariffLines(db: Database, period: Period): TariffLine[] {
  const columns = new Set(
    queryRows<{ name: string }>(db, "SELECT name FROM pragma_table_info('tariff')").map((c) => c.name),
  );
  if (!REQUIRED_COLUMNS.every((c) => columns.has(c))) return [];
  const optional = (c: string): string => (columns.has(c) ? c : 'NULL');
  try {
    return queryRows<TariffLine>(
      db,
      `SELECT provider, modality, ${optional('priority')} AS priority, ${optional('exam_code')} AS exam_code,
              unit_price_pence AS price, effective_from, ${optional('effective_to')} AS effective_to
         FROM tariff
        WHERE unit_price_pence IS NOT NULL AND effective_from <= ? AND (${optional('effective_to')} IS NULL OR ${optional('effective_to')} >= ?)`,
      [period.to, period.from],
    ).filter((t) => typeof t.price === 'number' && t.price >= 0 && typeof t.provider === 'string' && typeof t.modality === 'string');
  } catch {
    return [];
  }
}

/**
 * A provider's general rate for a modality over the period: each day's price for a routine report with no
 * examination code, by the reconciliation's own tariff lookup (most specific row, latest start), averaged over
 * the days some price was in force.
 */
function generalRate(book: TariffBook, provider: string, modality: Modality, period: Period): number | null {
  let days = 0;
  let total = 0;
  for (let day = dayNumber(period.from); day <= dayNumber(period.to); day++) {
    const row = book.price({ provider, modality, priority: 'routine', examCodes: [], date: dateFromDayNumber(day) });
    if (row) {
      days++;
      total += row.unitPricePence;
    }
  }
  return days > 0 ? total / days : null;
}

/** One name for a provider whether it comes from the RIS or the tariff: its canonical alias, else its normalised form. */
const providerKey = (index: ProviderIndex, name: string): string => (index.resolve(name) ?? normaliseSupplier(name)).toUpperCase();

/** Each modality's price from the tariff, weighted by outsourced reports over the providers priced; null when no tariff covers it. */
export function tariffPrices(
  db: Database,
  period: Period,
  volumes: OutsourcedVolume[],
  providers: ProviderIndex,
): Partial<Record<Modality, ModalityPrice>> {
  const key = (name: string): string => providerKey(providers, name);
  const rows: TariffRow[] = [];
  const names = new Map<string, { name: string; modalities: Set<Modality> }>();
  for (const line of tariffLines(db, period)) {
    const m = line.modality.trim().toUpperCase();
    if (!(MODALITIES as readonly string[]).includes(m)) continue;
    rows.push({
      id: rows.length + 1,
      provider: line.provider,
      modality: m,
      priority: line.priority,
      examCode: line.exam_code,
      unitPricePence: line.price,
      effectiveFrom: line.effective_from.slice(0, 10),
      effectiveTo: line.effective_to === null ? null : line.effective_to.slice(0, 10),
    });
    const entry = names.get(key(line.provider)) ?? { name: line.provider, modalities: new Set<Modality>() };
    entry.modalities.add(m as Modality);
    names.set(key(line.provider), entry);
  }
  const book = new TariffBook(rows, key);
  const byModality = new Map<Modality, Map<string, string>>();
  for (const [providerKeyText, entry] of names) {
    for (const m of entry.modalities) {
      let forModality = byModality.get(m);
      if (!forModality) byModality.set(m, (forModality = new Map()));
      forModality.set(providerKeyText, entry.name);
    }
  }
  const out: Partial<Record<Modality, ModalityPrice>> = {};
  for (const [m, named] of byModality) {
    const rates = new Map<string, { name: string; rate: number }>();
    for (const [providerKeyText, name] of named) {
      const rate = generalRate(book, name, m, period);
      if (rate !== null) rates.set(providerKeyText, { name, rate });
    }
    if (rates.size === 0) continue;
    const volume = new Map<string, number>();
    for (const v of volumes) {
      if (v.modality !== m) continue;
      const k = key(v.provider);
      if (rates.has(k)) volume.set(k, (volume.get(k) ?? 0) + v.reports);
    }
    const weighted = [...volume.entries()].filter(([, n]) => n > 0);
    const total = weighted.reduce((a, [, n]) => a + n, 0);
    if (total > 0) {
      const price = weighted.reduce((a, [k, n]) => a + n * rates.get(k)!.rate, 0) / total;
      const parts = weighted.map(([k, n]) => `${rates.get(k)!.name} ${penceText(Math.round(rates.get(k)!.rate))} × ${countText(n)}`);
      out[m] = {
        unitPricePence: Math.round(price),
        priceSource: 'tariff',
        priceNote: `Tariff for ${MODALITY_NAMES[m]}: the routine price, weighted by outsourced reports in the period (${parts.join('; ')}); urgent prices are left out`,
      };
    } else {
      const list = [...rates.values()];
      const price = list.reduce((a, x) => a + x.rate, 0) / list.length;
      out[m] = {
        unitPricePence: Math.round(price),
        priceSource: 'tariff',
        priceNote: `Tariff for ${MODALITY_NAMES[m]}: no outsourced reports in the period to weight by, so the mean of ${list.map((x) => `${x.name} ${penceText(Math.round(x.rate))}`).join(', ')}`,
      };
    }
  }
  return out;
}

/** The price for each modality asked for: tariff, else the ledger's cost per outsourced report, else the reference point. */
export function outsourcingPrices(
  modalities: Modality[],
  fromTariff: Partial<Record<Modality, ModalityPrice>>,
  ledgerCostPerReportPence: number | null,
): Partial<Record<Modality, ModalityPrice>> {
  const out: Partial<Record<Modality, ModalityPrice>> = {};
  // A ledger with no outsourcing spend in the period gives £0 a report: that is no price, not a free provider.
  const ledger = ledgerCostPerReportPence !== null && ledgerCostPerReportPence > 0 ? ledgerCostPerReportPence : null;
  for (const m of modalities) {
    const tariff = fromTariff[m];
    if (tariff) out[m] = tariff;
    else if (ledger !== null) {
      out[m] = {
        unitPricePence: ledger,
        priceSource: 'ledger',
        priceNote:
          `No tariff for ${MODALITY_NAMES[m]}: the ledger's cost per outsourced report in the period (${penceText(ledger)}, ` +
          'outsourcing spend over outsourced reports, an average over all modalities); enter the tariff for a better figure',
      };
    } else {
      out[m] = {
        unitPricePence: REFERENCE_PRICE_PENCE,
        priceSource: 'reference',
        priceNote: `No tariff or ledger spend: published reference point. ${REFERENCE_PRICE_SOURCE}. Enter your provider's price`,
      };
    }
  }
  return out;
}
