import { describe, expect, it } from 'vitest';
import { TRAFFIC_LIGHT_RULES } from '../../../shared/reconcile/summary';
import type { TariffRow } from '../../../shared/reconcile/api';
import { DISCREPANCIES, LINE_STATUSES, STATUS_HELP, STATUS_NAMES } from '../../../renderer/reconcile/labels';
import { asSentence, discrepancyCount, formatSignedPence, splitRule } from '../../../renderer/reconcile/monthStatus';
import { draftFromTariff, emptyTariffDraft, parsePoundsToPence, penceToPoundsText, tariffFromDraft } from '../../../renderer/reconcile/tariffDraft';
import { disputePackName } from '../../../renderer/stores/reconcile';

describe('how a month reads', () => {
  it('signs differences and counts every kind of discrepancy', () => {
    expect(formatSignedPence(1250)).toBe('+£12.50');
    expect(formatSignedPence(-300)).toBe('−£3.00');
    expect(formatSignedPence(0)).toBe('£0.00');
    expect(discrepancyCount({ billedNotInRis: 1, notBilled: 2, billedTwice: 3, priceVariance: 4, reportedByOther: 5 })).toBe(15);
  });

  it('turns the engine’s reasons into sentences and its rules into a legend, one light each', () => {
    expect(asSentence('the ledger holds nothing for October 2023')).toBe('The ledger holds nothing for October 2023');
    const legend = TRAFFIC_LIGHT_RULES.map(splitRule);
    expect(legend.map((r) => r.light)).toEqual(['red', 'amber', 'green']);
    expect(legend.every((r) => r.text.length > 20 && !/^(Red|Amber|Green):/.test(r.text))).toBe(true);
    expect(splitRule('Something else')).toEqual({ light: null, text: 'Something else' });
  });

  it('names and explains every status; only matched is not a discrepancy', () => {
    for (const s of LINE_STATUSES) {
      expect(STATUS_NAMES[s]).toBeTruthy();
      expect(STATUS_HELP[s].length).toBeGreaterThan(40);
    }
    expect(new Set(LINE_STATUSES).size).toBe(6);
    expect(DISCREPANCIES).not.toContain('matched');
    expect(DISCREPANCIES).toHaveLength(5);
  });
});

describe('a tariff price as typed', () => {
  const existing: TariffRow[] = [
    { id: 1, provider: 'Medica', modality: 'CT', priority: 'Routine', examCode: null, unitPricePence: 3500, effectiveFrom: '2023-04-01', effectiveTo: '2024-03-31' },
  ];
  const draft = (over: Partial<ReturnType<typeof emptyTariffDraft>> = {}) => ({
    ...emptyTariffDraft({ provider: 'Medica', effectiveFrom: '2024-04-01' }), modality: 'CT', priority: 'Routine', unitPrice: '36.75', ...over,
  });

  it('reads pounds into whole pence without floating point', () => {
    expect(parsePoundsToPence('35.5')).toBe(3550);
    expect(parsePoundsToPence('£1,234.56')).toBe(123_456);
    expect(parsePoundsToPence(' 0.07 ')).toBe(7);
    expect(parsePoundsToPence('1.005')).toBeNull();
    expect(parsePoundsToPence('-3')).toBeNull();
    expect(parsePoundsToPence('12,34')).toBeNull();
    expect(penceToPoundsText(123_456)).toBe('1234.56');
    expect(penceToPoundsText(7)).toBe('0.07');
  });

  it('becomes what saveTariff takes: pence, ISO dates, empty optional fields as null', () => {
    const outcome = tariffFromDraft(draft({ examCode: '  ' }), existing);
    expect(outcome).toEqual({
      ok: true,
      value: { provider: 'Medica', modality: 'CT', priority: 'Routine', examCode: null, unitPricePence: 3675, effectiveFrom: '2024-04-01', effectiveTo: null },
    });
    const edited = draftFromTariff(existing[0]!);
    expect(edited).toMatchObject({ id: 1, unitPrice: '35.00', priority: 'Routine', examCode: '', effectiveTo: '2024-03-31' });
    expect(tariffFromDraft({ ...edited, unitPrice: '35.20' }, existing)).toMatchObject({ ok: true, value: { id: 1, unitPricePence: 3520 } });
  });

  it('says what is wrong with each field', () => {
    const outcome = tariffFromDraft(draft({ provider: ' ', modality: '', unitPrice: '3.999', effectiveFrom: '31/02/2024', effectiveTo: '' }), existing);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(Object.keys(outcome.errors).sort()).toEqual(['effectiveFrom', 'modality', 'provider', 'unitPrice']);
    expect(outcome.errors.effectiveFrom).toContain('“31/02/2024” is not a date');
    const backwards = tariffFromDraft(draft({ effectiveTo: '2024-03-01' }), existing);
    expect(backwards).toEqual({ ok: false, errors: { effectiveTo: 'The price cannot end before it starts.' } });
  });

  it('refuses a second price for the same work over the same days, as the engine would', () => {
    const clash = tariffFromDraft(draft({ priority: 'ROUTINE', effectiveFrom: '2024-01-01' }), existing);
    expect(clash.ok).toBe(false);
    if (!clash.ok) expect(clash.errors.effectiveFrom).toContain('£35.00 from 01/04/2023 to 31/03/2024');
    const sameStart = tariffFromDraft(draft({ effectiveFrom: '2023-04-01' }), existing);
    expect(sameStart.ok).toBe(false);
    if (!sameStart.ok) expect(sameStart.errors.effectiveFrom).toBe('A price for the same work already starts on 01/04/2023 (£35.00): edit that price instead.');
    // An open-ended price gives way to a later one.
    const open: TariffRow[] = [{ ...existing[0]!, effectiveTo: null }];
    expect(tariffFromDraft(draft({ effectiveFrom: '2024-01-01' }), open).ok).toBe(true);
    // Another priority, or dates after the first price ends, are separate prices.
    expect(tariffFromDraft(draft({ priority: 'Urgent', effectiveFrom: '2024-01-01' }), existing).ok).toBe(true);
    expect(tariffFromDraft(draft(), existing).ok).toBe(true);
  });
});

describe('the dispute pack file name', () => {
  it('names the provider and period in letters, digits and hyphens', () => {
    expect(disputePackName('Medica', { spec: '2023/24' })).toBe('radbench-dispute-pack-Medica-2023-24.xlsx');
    expect(disputePackName(null, null)).toBe('radbench-dispute-pack-all-providers-all-months.xlsx');
  });
});
