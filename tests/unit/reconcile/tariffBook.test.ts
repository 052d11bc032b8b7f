import { describe, expect, it } from 'vitest';
import type { TariffRow } from '../../../shared/reconcile/api';
import { TariffBook, tariffConflict, tariffKey } from '../../../shared/reconcile/tariffBook';

let nextId = 1;
function row(p: Partial<TariffRow> & Pick<TariffRow, 'unitPricePence' | 'effectiveFrom'>): TariffRow {
  return { id: nextId++, provider: 'Medica', modality: 'CT', priority: null, examCode: null, effectiveTo: null, ...p };
}
const ct = (date: string, extra: Partial<{ priority: string | null; examCodes: string[]; provider: string; modality: string }> = {}) => ({
  provider: extra.provider ?? 'Medica',
  modality: extra.modality ?? 'CT',
  priority: extra.priority ?? null,
  examCodes: extra.examCodes ?? [],
  date,
});

describe('tariff lookup by effective date', () => {
  const book = new TariffBook([
    row({ unitPricePence: 3800, effectiveFrom: '2024-04-01', effectiveTo: '2025-03-31' }),
    row({ unitPricePence: 3950, effectiveFrom: '2025-04-01' }),
  ]);

  it('takes the price in force on the day, both ends inclusive', () => {
    expect(book.price(ct('2024-04-01'))?.unitPricePence).toBe(3800);
    expect(book.price(ct('2025-03-31'))?.unitPricePence).toBe(3800);
    expect(book.price(ct('2025-04-01'))?.unitPricePence).toBe(3950);
    expect(book.price(ct('2030-01-01'))?.unitPricePence).toBe(3950);
  });

  it('has no price before the first period, nor for another provider or modality', () => {
    expect(book.price(ct('2024-03-31'))).toBeNull();
    expect(book.price(ct('2025-01-01', { provider: 'Everlight' }))).toBeNull();
    expect(book.price(ct('2025-01-01', { modality: 'MR' }))).toBeNull();
  });

  it('lets a later open-ended price replace an earlier one from its start', () => {
    const b = new TariffBook([row({ unitPricePence: 4200, effectiveFrom: '2024-04-01' }), row({ unitPricePence: 4350, effectiveFrom: '2025-10-01' })]);
    expect(b.price(ct('2025-09-30'))?.unitPricePence).toBe(4200);
    expect(b.price(ct('2025-10-01'))?.unitPricePence).toBe(4350);
  });

  it('returns to the standing price after a bounded price ends', () => {
    const b = new TariffBook([
      row({ unitPricePence: 4000, effectiveFrom: '2024-04-01' }),
      row({ unitPricePence: 3500, effectiveFrom: '2024-12-01', effectiveTo: '2024-12-31' }),
    ]);
    expect(b.price(ct('2024-11-30'))?.unitPricePence).toBe(4000);
    expect(b.price(ct('2024-12-15'))?.unitPricePence).toBe(3500);
    expect(b.price(ct('2025-01-01'))?.unitPricePence).toBe(4000);
  });
});

describe('the most specific tariff row wins', () => {
  const book = new TariffBook([
    row({ unitPricePence: 3000, effectiveFrom: '2024-04-01' }),
    row({ unitPricePence: 4500, effectiveFrom: '2024-04-01', priority: 'Urgent' }),
    row({ unitPricePence: 6500, effectiveFrom: '2024-04-01', examCode: 'CCOLV' }),
    row({ unitPricePence: 7000, effectiveFrom: '2024-04-01', examCode: 'CCOLV', priority: 'Urgent' }),
    // A later generic price does not beat an earlier, more specific one.
    row({ unitPricePence: 3100, effectiveFrom: '2025-01-01' }),
  ]);

  it('examination code beats priority, which beats the modality alone', () => {
    expect(book.price(ct('2025-06-01'))?.unitPricePence).toBe(3100);
    expect(book.price(ct('2025-06-01', { priority: 'URGENT' }))?.unitPricePence).toBe(4500);
    expect(book.price(ct('2025-06-01', { examCodes: ['ccolv'] }))?.unitPricePence).toBe(6500);
    expect(book.price(ct('2025-06-01', { examCodes: ['CCOLV'], priority: 'u' }))?.unitPricePence).toBe(7000);
    expect(book.price(ct('2025-06-01', { examCodes: ['CHEAD'], priority: 'Routine' }))?.unitPricePence).toBe(3100);
  });

  it('compares providers by their canonical name', () => {
    const b = new TariffBook([row({ provider: 'MEDICA REPORTING LTD', unitPricePence: 3000, effectiveFrom: '2024-04-01' })], (n) => (/medica/i.test(n) ? 'Medica' : n));
    expect(b.price(ct('2024-05-01'))?.unitPricePence).toBe(3000);
    expect(b.hasProvider('Medica')).toBe(true);
    expect(b.hasProvider('Everlight')).toBe(false);
  });
});

describe('overlapping tariff periods', () => {
  const held = [
    row({ id: 101, unitPricePence: 3800, effectiveFrom: '2024-04-01', effectiveTo: '2025-03-31' }),
    row({ id: 102, unitPricePence: 3950, effectiveFrom: '2025-04-01' }),
    row({ id: 103, unitPricePence: 4500, effectiveFrom: '2024-04-01', priority: 'Urgent' }),
  ];

  it('refuses a period that overlaps an explicitly bounded one of the same key', () => {
    const c = tariffConflict({ ...held[0]!, id: undefined, effectiveFrom: '2025-01-01', effectiveTo: '2025-02-28', unitPricePence: 3700 }, held);
    expect(c).toEqual({ row: held[0], kind: 'overlap' });
    // The earlier row being the candidate: its explicit end runs into a held row's start.
    const early = tariffConflict({ ...held[0]!, id: undefined, effectiveFrom: '2023-04-01', effectiveTo: '2024-04-01', unitPricePence: 3500 }, held);
    expect(early?.kind).toBe('overlap');
  });

  it('accepts a later price after an open-ended one, and adjacent bounded periods', () => {
    expect(tariffConflict({ ...held[1]!, id: undefined, effectiveFrom: '2026-04-01', unitPricePence: 4100 }, held)).toBeNull();
    expect(tariffConflict({ ...held[0]!, id: undefined, effectiveFrom: '2023-04-01', effectiveTo: '2024-03-31', unitPricePence: 3500 }, held)).toBeNull();
  });

  it('treats the same key and start as the same price, and other keys as no conflict', () => {
    expect(tariffConflict({ ...held[1]!, id: undefined, unitPricePence: 4000 }, held)).toEqual({ row: held[1], kind: 'same_start' });
    expect(tariffConflict({ ...held[1]!, id: 102, unitPricePence: 4000 }, held)).toBeNull();
    expect(tariffConflict({ ...held[0]!, id: undefined, priority: 'Routine', effectiveFrom: '2025-01-01' }, held)).toBeNull();
    expect(tariffConflict({ ...held[2]!, id: undefined, priority: 'URGENT', effectiveFrom: '2024-04-01' }, held)?.kind).toBe('same_start');
  });

  it('keys a row by canonical provider, modality, priority key and code', () => {
    expect(tariffKey({ provider: 'Medica', modality: 'CT', priority: 'URGENT', examCode: ' cchea ' })).toBe(tariffKey({ provider: 'Medica', modality: 'CT', priority: 'u', examCode: 'CCHEA' }));
  });
});
