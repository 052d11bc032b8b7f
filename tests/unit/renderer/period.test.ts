// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../shared/metrics/calendar';
import {
  defaultSelection, fiscalMonthLabel, fiscalMonthOf, fyMonths, fyOfMonth, fyRange, fyStartYear, monthOfFiscal, quarterMonths,
  quarterOfMonth, selectionLabel, selectionMonths, selectionPeriod, toPeriodSpec, type PeriodSelection, type Quarter,
} from '../../../renderer/period';

describe('financial-year maths (M1 = April)', () => {
  it('puts January to March in the year that started the April before', () => {
    expect(fyOfMonth('2024-01')).toBe('2023/24');
    expect(fyOfMonth('2024-03')).toBe('2023/24');
    expect(fyOfMonth('2024-04')).toBe('2024/25');
    expect(fyOfMonth('1999-12')).toBe('1999/00');
  });

  it('numbers months from April', () => {
    expect(fiscalMonthOf('2023-04')).toBe(1);
    expect(fiscalMonthOf('2023-12')).toBe(9);
    expect(fiscalMonthOf('2024-01')).toBe(10);
    expect(fiscalMonthOf('2024-03')).toBe(12);
    expect(monthOfFiscal('2023/24', 1)).toBe('2023-04');
    expect(monthOfFiscal('2023/24', 10)).toBe('2024-01');
    expect(monthOfFiscal('2023/24', 12)).toBe('2024-03');
  });

  it('has quarters Q1 = Apr–Jun to Q4 = Jan–Mar', () => {
    expect(quarterMonths('2023/24', 1)).toEqual(['2023-04', '2023-05', '2023-06']);
    expect(quarterMonths('2023/24', 3)).toEqual(['2023-10', '2023-11', '2023-12']);
    expect(quarterMonths('2023/24', 4)).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(quarterOfMonth('2023-06')).toBe(1);
    expect(quarterOfMonth('2023-07')).toBe(2);
    expect(quarterOfMonth('2024-02')).toBe(4);
  });

  it('lists the twelve months of a year in order', () => {
    const months = fyMonths('2023/24');
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2023-04');
    expect(months[11]).toBe('2024-03');
  });

  it('rejects malformed years and months', () => {
    expect(() => fyStartYear('2023/25')).toThrow();
    expect(() => fyStartYear('2023')).toThrow();
    expect(() => fyOfMonth('2023-13')).toThrow();
    expect(() => monthOfFiscal('2023/24', 13)).toThrow();
  });

  it('round-trips every month through its financial year and month number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2090 }), fc.integer({ min: 1, max: 12 }), (year, m) => {
        const month = `${year}-${String(m).padStart(2, '0')}`;
        const fy = fyOfMonth(month);
        expect(monthOfFiscal(fy, fiscalMonthOf(month))).toBe(month);
        expect(quarterMonths(fy, quarterOfMonth(month))).toContain(month);
      }),
    );
  });
});

describe('period selection', () => {
  const base: PeriodSelection = { mode: 'fy', fy: '2023/24', quarter: 3, fiscalMonth: 10 };

  it('turns a selection into the spec strings the engine and CLI accept', () => {
    expect(toPeriodSpec(base)).toEqual({ spec: '2023/24' });
    expect(toPeriodSpec({ ...base, mode: 'quarter' })).toEqual({ spec: '2023/24-Q3' });
    expect(toPeriodSpec({ ...base, mode: 'month' })).toEqual({ spec: '2024-01' });
  });

  it('gives inclusive period bounds of whole months', () => {
    expect(selectionPeriod(base)).toEqual({ from: '2023-04-01', to: '2024-03-31', months: 12 });
    expect(selectionPeriod({ ...base, mode: 'quarter', quarter: 4 })).toEqual({ from: '2024-01-01', to: '2024-03-31', months: 3 });
    expect(selectionPeriod({ ...base, mode: 'month', fiscalMonth: 11 })).toEqual({ from: '2024-02-01', to: '2024-02-29', months: 1 });
  });

  it('agrees with the engine’s own parsing of the same spec, for every year, quarter and month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2060 }),
        fc.constantFrom<PeriodSelection['mode']>('fy', 'quarter', 'month'),
        fc.constantFrom<Quarter>(1, 2, 3, 4),
        fc.integer({ min: 1, max: 12 }),
        (start, mode, quarter, fiscalMonth) => {
          const sel: PeriodSelection = { mode, fy: `${start}/${String((start + 1) % 100).padStart(2, '0')}`, quarter, fiscalMonth };
          const spec = toPeriodSpec(sel);
          expect('spec' in spec).toBe(true);
          expect(selectionPeriod(sel)).toEqual(parsePeriod((spec as { spec: string }).spec));
          expect(selectionMonths(sel)).toHaveLength(selectionPeriod(sel).months);
        },
      ),
    );
  });

  it('labels periods in en-GB words', () => {
    expect(selectionLabel(base)).toBe('Financial year 2023/24');
    expect(selectionLabel({ ...base, mode: 'quarter' })).toBe('Q3 2023/24 (Oct 2023 – Dec 2023)');
    expect(selectionLabel({ ...base, mode: 'month' })).toBe('January 2024 (M10 2023/24)');
    expect(fiscalMonthLabel('2023/24', 1)).toBe('M1 Apr 2023');
  });

  it('lists the financial years between two months, newest first', () => {
    expect(fyRange('2022-02', '2024-05')).toEqual(['2024/25', '2023/24', '2022/23', '2021/22']);
    expect(fyRange('2023-04', '2024-03')).toEqual(['2023/24']);
  });

  it('defaults to the newest year with data, else the current financial year', () => {
    expect(defaultSelection(['2023/24', '2022/23']).fy).toBe('2023/24');
    expect(defaultSelection([], new Date(2025, 1, 10)).fy).toBe('2024/25');
    expect(defaultSelection([], new Date(2025, 3, 1)).fy).toBe('2025/26');
    expect(defaultSelection([]).mode).toBe('fy');
  });
});
