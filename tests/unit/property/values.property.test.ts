/**
 * Properties of the import value parsers (shared/ingest/values.ts): every way a RIS or ledger writes a date,
 * time or amount reads back as the value written; impossible values are errors; nothing ever throws.
 * (Serial dates and the basic money styles have their own properties in tests/unit/ingest/values.test.ts.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isParseError,
  MAX_YEAR,
  MIN_YEAR,
  parseDate,
  parseMoneyPence,
  parseNumber,
  parseTime,
  type DateParts,
} from '../../../shared/ingest/values';
import type { Cell } from '../../../shared/io/types';

const pad2 = (n: number) => String(n).padStart(2, '0');
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A real calendar date in the plausible range. */
const realDate = fc
  .record({ y: fc.integer({ min: MIN_YEAR, max: MAX_YEAR }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .map(({ y, m, d }) => ({ y, m, d: Math.min(d, daysIn(y, m)) }));

const clockTime = fc.record({ h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }) });

const iso = ({ y, m, d }: { y: number; m: number; d: number }) => `${y}-${pad2(m)}-${pad2(d)}`;
const expectedTime = ({ h, mi, s }: { h: number; mi: number; s: number }) => (s === 0 ? `${pad2(h)}:${pad2(mi)}` : `${pad2(h)}:${pad2(mi)}:${pad2(s)}`);

/** The ways RIS extracts write a date, day first (as the UK does). */
const DATE_STYLES: ((p: { y: number; m: number; d: number }) => string)[] = [
  ({ y, m, d }) => `${pad2(d)}/${pad2(m)}/${y}`,
  ({ y, m, d }) => `${d}/${m}/${y}`,
  ({ y, m, d }) => `${pad2(d)}-${pad2(m)}-${y}`,
  ({ y, m, d }) => `${pad2(d)}.${pad2(m)}.${y}`,
  ({ y, m, d }) => `${y}-${pad2(m)}-${pad2(d)}`,
  ({ y, m, d }) => `${y}/${m}/${d}`,
  ({ y, m, d }) => `${pad2(d)}-${MONTH_NAMES[m - 1]}-${y}`,
  ({ y, m, d }) => `${d} ${LONG_MONTHS[m - 1]} ${y}`,
  ({ y, m, d }) => `${MONTH_NAMES[m - 1]} ${d}, ${y}`,
  ({ y, m, d }) => `${y}${pad2(m)}${pad2(d)}`,
];

function isDate(value: ReturnType<typeof parseDate>): value is DateParts {
  return value !== null && !isParseError(value);
}

describe('parseDate', () => {
  it('reads every written style of a real date back as that date', () => {
    fc.assert(
      fc.property(realDate, fc.nat({ max: DATE_STYLES.length - 1 }), (date, style) => {
        const text = DATE_STYLES[style]!(date);
        expect(parseDate(text, 'dmy'), text).toEqual({ date: iso(date), time: null });
      }),
    );
  });

  it('reads a time after the date, with or without seconds, 24-hour or am/pm, and an ISO T with a zone', () => {
    fc.assert(
      fc.property(realDate, clockTime, fc.nat({ max: 3 }), (date, t, style) => {
        const h12 = t.h % 12 === 0 ? 12 : t.h % 12;
        const ampm = t.h < 12 ? 'am' : 'pm';
        const text = [
          `${pad2(date.d)}/${pad2(date.m)}/${date.y} ${pad2(t.h)}:${pad2(t.mi)}:${pad2(t.s)}`,
          `${iso(date)}T${pad2(t.h)}:${pad2(t.mi)}:${pad2(t.s)}Z`,
          `${iso(date)} ${pad2(t.h)}:${pad2(t.mi)}:${pad2(t.s)}+01:00`,
          `${date.d}/${date.m}/${date.y} ${h12}:${pad2(t.mi)}:${pad2(t.s)} ${ampm}`,
        ][style]!;
        expect(parseDate(text, 'dmy'), text).toEqual({ date: iso(date), time: expectedTime(t) });
      }),
    );
  });

  it('reads month-first dates when the column is month-first', () => {
    fc.assert(
      fc.property(realDate, (date) => {
        expect(parseDate(`${pad2(date.m)}/${pad2(date.d)}/${date.y}`, 'mdy')).toEqual({ date: iso(date), time: null });
      }),
    );
  });

  it('reads a Date cell (as SheetJS gives it, wall clock in UTC fields) as the day and time shown', () => {
    fc.assert(
      fc.property(realDate, clockTime, (date, t) => {
        const cell = new Date(Date.UTC(date.y, date.m - 1, date.d, t.h, t.mi, t.s));
        const midnight = t.h === 0 && t.mi === 0 && t.s === 0;
        expect(parseDate(cell, 'dmy')).toEqual({ date: iso(date), time: midnight ? null : expectedTime(t) });
      }),
    );
  });

  it('refuses days that do not exist and years outside the plausible range, saying which', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_YEAR, max: MAX_YEAR }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 9 }), (y, m, over) => {
        const d = daysIn(y, m) + over;
        if (d > 99) return;
        const result = parseDate(`${pad2(d)}/${pad2(m)}/${y}`, 'dmy');
        expect(isParseError(result) && result.error).toMatch(/^not a real date: /);
      }),
    );
    fc.assert(
      fc.property(realDate, fc.oneof(fc.integer({ min: 1000, max: MIN_YEAR - 1 }), fc.integer({ min: MAX_YEAR + 1, max: 9999 })), (date, y) => {
        const result = parseDate(`${pad2(date.d)}/${pad2(date.m)}/${y}`, 'dmy');
        expect(isParseError(result) && result.error).toMatch(/^(implausible year|not a real date)/);
      }),
    );
  });

  it('never throws, and anything it accepts is a real ISO date in range', () => {
    const cells: fc.Arbitrary<Cell> = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.stringMatching(/^[0-9 ./:\-TZapm+]{0,25}$/),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      // Any Date a workbook cell can hold, including years of five and six digits.
      fc.date({ noInvalidDate: false }),
    );
    fc.assert(
      fc.property(cells, fc.constantFrom('dmy' as const, 'mdy' as const), (cell, order) => {
        const result = parseDate(cell, order);
        if (!isDate(result)) return;
        expect(result.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const [y, m, d] = result.date.split('-').map(Number) as [number, number, number];
        expect(y).toBeGreaterThanOrEqual(MIN_YEAR);
        expect(y).toBeLessThanOrEqual(MAX_YEAR);
        expect(d).toBeLessThanOrEqual(daysIn(y, m));
        if (result.time !== null) expect(result.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseTime', () => {
  it('reads HH:MM[:SS], HHMM, H.MM and am/pm forms as the 24-hour time', () => {
    fc.assert(
      fc.property(clockTime, fc.nat({ max: 3 }), (t, style) => {
        const h12 = t.h % 12 === 0 ? 12 : t.h % 12;
        const text = [
          `${pad2(t.h)}:${pad2(t.mi)}:${pad2(t.s)}`,
          `${pad2(t.h)}${pad2(t.mi)}${pad2(t.s)}`,
          `${t.h}.${pad2(t.mi)}.${pad2(t.s)}`,
          `${h12}:${pad2(t.mi)}:${pad2(t.s)} ${t.h < 12 ? 'AM' : 'p.m.'}`,
        ][style]!;
        expect(parseTime(text), text).toBe(expectedTime(t));
      }),
    );
  });

  it('reads a day fraction as the time of day it stands for, to the second', () => {
    fc.assert(
      fc.property(clockTime, (t) => {
        const seconds = t.h * 3600 + t.mi * 60 + t.s;
        if (seconds === 0) return;
        expect(parseTime(seconds / 86400)).toBe(expectedTime(t));
      }),
    );
  });

  it('refuses hours past 23 and minutes past 59', () => {
    fc.assert(
      fc.property(fc.integer({ min: 24, max: 99 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        expect(isParseError(parseTime(`${h}:${pad2(m)}`))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 60, max: 99 }), (h, m) => {
        expect(isParseError(parseTime(`${pad2(h)}:${m}`))).toBe(true);
      }),
    );
  });
});

/** An amount's pence written with thousands separators: 123456789 → '1,234,567.89'. */
function written(pence: number): string {
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${pounds}.${pad2(abs % 100)}`;
}

describe('parseMoneyPence', () => {
  it('reads credits and debits as ledgers write them: CR/DR, a trailing minus, GBP before or after, a Unicode minus', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), fc.nat({ max: 6 }), (pence, style) => {
        const text = written(pence);
        const [cell, want] = (
          [
            [`${text} CR`, -pence],
            [`${text} DR`, pence],
            [`${text}-`, -pence],
            [`GBP ${text}`, pence],
            [`${text} GBP`, pence],
            [`\u2212£${text}`, -pence],
            [`(£${text})`, -pence],
          ] as const
        )[style]!;
        expect(parseMoneyPence(cell), cell).toBe(want);
      }),
    );
  });

  it('rounds a third decimal half away from zero, with no floating-point error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 0, max: 9 }), fc.boolean(), (pence, third, negative) => {
        const text = `${negative ? '-' : ''}${Math.floor(pence / 100)}.${pad2(pence % 100)}${third}`;
        const magnitude = pence + (third >= 5 ? 1 : 0);
        expect(parseMoneyPence(text), text).toBe(negative && magnitude !== 0 ? -magnitude : magnitude);
      }),
    );
  });

  it('never throws, and every amount it accepts is a safe integer of pence', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 24 }), fc.stringMatching(/^[£$0-9 ,.()+\-CRDGBP]{0,20}$/), fc.double(), fc.constant(null)), (cell) => {
        const result = parseMoneyPence(cell);
        if (result === null || isParseError(result)) return;
        expect(Number.isSafeInteger(result)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseNumber', () => {
  it('reads numbers written with thousands separators, signs and brackets as their value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.nat({ max: 3 }), (n, style) => {
        const text = n.toLocaleString('en-GB');
        const [cell, want] = ([[text, n], [`-${text}`, -n], [`(${text})`, -n], [` +${text} `, n]] as const)[style]!;
        expect(parseNumber(cell)).toBe(want === 0 ? 0 : want);
      }),
    );
  });

  it('never throws, and what it accepts is a finite number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^[0-9,.eE+\-() ]{0,16}$/), fc.double()), (cell) => {
        const result = parseNumber(cell);
        if (result === null || isParseError(result)) return;
        expect(Number.isFinite(result)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
