import { describe, expect, it } from 'vitest';
import { periodFromMonths } from '../../../shared/metrics/calendar';
import { storedProviders } from '../../../shared/finance/store';
import { outsourcingPrices, tariffPrices } from '../../../shared/scenarios/prices';
import { migratedDatabase } from './db';

const period = periodFromMonths('2024-04', '2025-03');

async function withTariff() {
  const db = await migratedDatabase();
  const add = (provider: string, modality: string, priority: string | null, code: string | null, pence: number, from: string, to: string | null) =>
    db.run(
      'INSERT INTO tariff (provider, modality, priority, exam_code, unit_price_pence, effective_from, effective_to) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [provider, modality, priority, code, pence, from, to],
    );
  add('Medica Reporting Ltd', 'CT', null, null, 5000, '2024-04-01', null);
  add('Medica Reporting Ltd', 'CT', 'Urgent', null, 7000, '2024-04-01', null); // not the general rate
  add('Medica Reporting Ltd', 'CT', null, 'CCHAPC', 9000, '2024-04-01', null); // an examination-code price
  add('Telemedicine Clinic Ltd (TMC)', 'CT', 'Routine', null, 4000, '2023-04-01', '2024-09-30');
  add('Telemedicine Clinic Ltd (TMC)', 'CT', 'Routine', null, 4600, '2024-10-01', null);
  // Open-ended prices: the later one replaces the earlier from the day it starts.
  add('Everlight Radiology', 'mr', null, null, 4200, '2024-01-01', null);
  add('Everlight Radiology', 'mr', null, null, 4350, '2024-10-01', null);
  add('Medica Reporting Ltd', 'XR', null, null, 700, '2023-01-01', '2024-03-31'); // ended before the period
  return db;
}

describe('outsourcing prices for the business case', () => {
  it('take the tariff general rate, weighted by days in force and by each provider’s outsourced reports', async () => {
    const db = await withTariff();
    const prices = tariffPrices(
      db,
      period,
      [
        { provider: 'Medica', modality: 'CT', reports: 300 },
        { provider: 'Telemedicine Clinic', modality: 'CT', reports: 100 },
        { provider: 'Someone Else', modality: 'CT', reports: 50 }, // no tariff: not in the weighting
      ],
      storedProviders(db),
    );
    // TMC: £40.00 for 183 days (1 April–30 September) and £46.00 for 182 days → (4,000 × 183 + 4,600 × 182) / 365 = 4,299.18p.
    // CT: (300 × 5,000 + 100 × 4,299.18) / 400 = 4,824.79p → £48.25.
    expect(prices.CT).toMatchObject({ unitPricePence: 4825, priceSource: 'tariff' });
    expect(prices.CT!.priceNote).toContain('weighted by outsourced reports');
    // MR has a tariff but no outsourced MR to weight by: the providers' mean (one provider). Its £42.00 runs to
    // 30 September (183 days), then £43.50 (182 days): (4,200 × 183 + 4,350 × 182) / 365 = 4,274.79p → £42.75.
    expect(prices.MR).toMatchObject({ unitPricePence: 4275, priceSource: 'tariff' });
    expect(prices.MR!.priceNote).toContain('no outsourced reports in the period to weight by');
    expect(prices.XR).toBeUndefined();

    // Fallbacks per modality: tariff, else the ledger's cost per report, else the published reference point.
    expect(outsourcingPrices(['XR', 'CT', 'MR'], prices, 2500)).toMatchObject({
      XR: { unitPricePence: 2500, priceSource: 'ledger' },
      CT: { unitPricePence: 4825, priceSource: 'tariff' },
      MR: { unitPricePence: 4275, priceSource: 'tariff' },
    });
    // No ledger, or a ledger with no outsourcing spend (£0 a report), falls back to the reference point.
    expect(outsourcingPrices(['XR'], {}, 0).XR).toMatchObject({ unitPricePence: 3270, priceSource: 'reference' });
    const reference = outsourcingPrices(['XR'], {}, null).XR!;
    expect(reference).toMatchObject({ unitPricePence: 3270, priceSource: 'reference' });
    expect(reference.priceNote).toContain('£1,213,005 for 37,090 outsourced reports');
  });

  it('read a tariff table of another shape as no tariff', async () => {
    const db = await migratedDatabase();
    db.run('DROP TABLE tariff');
    db.run('CREATE TABLE tariff (id INTEGER PRIMARY KEY, supplier TEXT, price REAL)');
    expect(tariffPrices(db, period, [{ provider: 'Medica', modality: 'CT', reports: 10 }], storedProviders(db))).toEqual({});
    db.run('DROP TABLE tariff');
    expect(tariffPrices(db, period, [], storedProviders(db))).toEqual({});
  });
});
