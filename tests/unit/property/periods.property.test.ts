/**
 * Properties of period handling: the NHS financial year (April to March, M1 = April) in calendar arithmetic
 * (shared/metrics/calendar.ts) and in ledger periods (shared/finance/periods.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  dateFromDayNumber,
  dayNumber,
  financialYearLabel,
  financialYearOf,
  monthsBetween,
  parsePeriod,
  PeriodError,
} from '../../../shared/metrics/calendar';
import { financialYearFromText, fiscalMonth, parseFinancialYear, parseLedgerPeriod } from '../../../shared/finance/periods';

const pad2 = (n: number) => String(n).padStart(2, '0');
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const year = fc.integer({ min: 1991, max: 2098 });
/**
 * Ledgers write years with two digits ("2023/24", "Apr-23"); those past next year read as the 1900s by design
 * (values.ts expandTwoDigitYear), so ledger years are drawn up to this year.
 */
const THIS_YEAR = new Date().getFullYear();
const ledgerYear = fc.integer({ min: 2000, max: THIS_YEAR });
const month = fc.record({ y: year, m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${pad2(m)}`);
const period = fc.integer({ min: 1, max: 12 });

describe('calendar arithmetic', () => {
  it('adding months and taking them away again returns the month; the months between count both ends', () => {
    fc.assert(
      fc.property(month, fc.integer({ min: -240, max: 240 }), (m, k) => {
        expect(addMonths(addMonths(m, k), -k)).toBe(m);
        const later = addMonths(m, Math.abs(k));
        const between = monthsBetween(m, later);
        expect(between).toHaveLength(Math.abs(k) + 1);
        expect(between[0]).toBe(m);
        expect(between.at(-1)).toBe(later);
      }),
    );
  });

  it('a month belongs to the financial year that starts in the April on or before it', () => {
    fc.assert(
      fc.property(month, (m) => {
        const fy = financialYearOf(m);
        expect(m >= `${fy}-04` && m <= `${fy + 1}-03`).toBe(true);
      }),
    );
  });

  it('day numbers and dates convert both ways', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('1990-01-01'), max: dayNumber('2100-12-31') }), (day) => {
        expect(dayNumber(dateFromDayNumber(day))).toBe(day);
      }),
    );
  });
});

describe('parsePeriod', () => {
  it('a financial year is April to March, twelve months, in every way it is written', () => {
    fc.assert(
      fc.property(year, fc.nat({ max: 2 }), (y, style) => {
        const text = [financialYearLabel(y), `FY${y}/${y + 1}`, ` ${y} / ${pad2((y + 1) % 100)} `][style]!;
        expect(parsePeriod(text)).toEqual({ from: `${y}-04-01`, to: `${y + 1}-03-31`, months: 12 });
      }),
    );
  });

  it('its four quarters follow one another and cover the year exactly; Q1 starts in April', () => {
    fc.assert(
      fc.property(year, (y) => {
        const quarters = [1, 2, 3, 4].map((q) => parsePeriod(`${financialYearLabel(y)}-Q${q}`));
        expect(quarters[0]!.from).toBe(`${y}-04-01`);
        expect(quarters[3]!.to).toBe(`${y + 1}-03-31`);
        for (let q = 0; q < 4; q++) {
          expect(quarters[q]!.months).toBe(3);
          if (q > 0) expect(dayNumber(quarters[q]!.from)).toBe(dayNumber(quarters[q - 1]!.to) + 1);
        }
      }),
    );
  });

  it('M1 is April and M12 is March, each a single month of the year', () => {
    fc.assert(
      fc.property(year, period, fc.boolean(), (y, n, padded) => {
        const result = parsePeriod(`${financialYearLabel(y)}-M${padded ? pad2(n) : n}`);
        const m = fiscalMonth(y, n);
        expect(result.from).toBe(`${m}-01`);
        expect(result.months).toBe(1);
        expect(financialYearOf(m)).toBe(y);
      }),
    );
  });

  it('a year pair that does not follow on, or any other text, is refused with a PeriodError and nothing else', () => {
    fc.assert(
      fc.property(year, fc.integer({ min: 2, max: 50 }), (y, gap) => {
        expect(() => parsePeriod(`${y}/${pad2((y + gap) % 100)}`)).toThrow(PeriodError);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^[0-9/\-QMFY. ]{0,14}$/)), (text) => {
        try {
          const p = parsePeriod(text);
          expect(p.months).toBeGreaterThanOrEqual(1);
          expect(p.from <= p.to).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(PeriodError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ledger periods', () => {
  it('a financial year cell reads as its starting year however it is written', () => {
    fc.assert(
      fc.property(ledgerYear, fc.nat({ max: 4 }), (y, style) => {
        const text = [financialYearLabel(y), `${y}-${y + 1}`, `${y}/${y + 1}`, `FY${pad2((y + 1) % 100)}`, `${pad2(y % 100)}/${pad2((y + 1) % 100)}`][style]!;
        expect(parseFinancialYear(text), text).toEqual({ start: y, ambiguous: false });
      }),
    );
  });

  it('"2023/24 M01"-style periods give the fiscal month, whatever the separator and period word', () => {
    fc.assert(
      fc.property(ledgerYear, period, fc.constantFrom(' M', ' M0', ' P', ' Period ', ' Month ', '_P'), (y, n, word) => {
        const cell = `${financialYearLabel(y)}${word}${word.endsWith('0') ? n : pad2(n)}`.replace(/M0(\d\d)$/, 'M$1');
        expect(parseLedgerPeriod({ period: cell }), cell).toEqual({ month: fiscalMonth(y, n) });
      }),
    );
  });

  it('a bare period number takes its year from the financial-year column', () => {
    fc.assert(
      fc.property(ledgerYear, period, (y, n) => {
        expect(parseLedgerPeriod({ period: `M${n}`, financialYear: financialYearLabel(y) })).toEqual({ month: fiscalMonth(y, n) });
      }),
    );
  });

  it('without a year anywhere, a period number lands in the financial year nearest the transaction date', () => {
    fc.assert(
      fc.property(ledgerYear, period, fc.integer({ min: 1, max: 28 }), (y, n, day) => {
        const m = fiscalMonth(y, n);
        const date = `${pad2(day)}/${m.slice(5)}/${m.slice(0, 4)}`;
        expect(parseLedgerPeriod({ period: `Month ${n}`, transactionDate: date })).toEqual({ month: m });
      }),
    );
  });

  it('a month written as a month ("Apr-23", "2023-04") is that calendar month', () => {
    fc.assert(
      fc.property(ledgerYear, fc.integer({ min: 1, max: 12 }), fc.boolean(), (y, m, named) => {
        const cell = named ? `${MONTH_NAMES[m - 1]}-${pad2(y % 100)}` : `${y}-${pad2(m)}`;
        // "2000-01" is also the financial year 2000/01; such cells need a date or year column to decide.
        if (!named && m === (y + 1) % 100) return;
        expect(parseLedgerPeriod({ period: cell }), cell).toEqual({ month: `${y}-${pad2(m)}` });
      }),
    );
  });

  it('a financial year is found in file names and titles, and a month is not taken for one', () => {
    fc.assert(
      fc.property(ledgerYear, fc.constantFrom('-', '/', '_', ' '), fc.integer({ min: 1, max: 12 }), (y, sep, m) => {
        expect(financialYearFromText(`GL detail ${y}${sep}${pad2((y + 1) % 100)} M01.csv`)).toBe(y);
        // "2003-04" is both April 2003 and 2003/04: only months that cannot be a following year are tested.
        if (m === (y + 1) % 100) return;
        expect(financialYearFromText(`Spend over 25k ${y}-${pad2(m)}.csv`)).toBeNull();
      }),
    );
  });

  it('never throws, and any month it returns is a real month', () => {
    const cell = fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^[0-9/\-MPFYperiodmth .]{0,16}$/), fc.integer(), fc.constant(null));
    fc.assert(
      fc.property(cell, cell, cell, (p, fy, date) => {
        const result = parseLedgerPeriod({ period: p, financialYear: fy, transactionDate: date });
        if (result && 'month' in result) expect(result.month).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
        if (result && 'error' in result) expect(['period', 'financialYear', 'transactionDate']).toContain(result.field);
      }),
      { numRuns: 2000 },
    );
  });
});
