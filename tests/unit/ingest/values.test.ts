import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cellText,
  combineDateTime,
  dateCellParts,
  expandTwoDigitYear,
  inferDateOrder,
  isParseError,
  numberText,
  parseDate,
  parseMoneyPence,
  parseNumber,
  parseTime,
} from '../../../shared/ingest/values';

describe('inferDateOrder', () => {
  it('keeps the UK reading for ambiguous columns', () => {
    expect(inferDateOrder(['01/02/2024', '03/04/2024', null, ''])).toBe('dmy');
    expect(inferDateOrder([])).toBe('dmy');
  });
  it('is day-first when a first part is over 12', () => {
    expect(inferDateOrder(['01/02/2024', '25/02/2024'])).toBe('dmy');
  });
  it('is month-first when a second part is over 12', () => {
    expect(inferDateOrder(['01/02/2024', '02/13/2024 10:00'])).toBe('mdy');
  });
  it('keeps day-first when a column proves both (inconsistent data)', () => {
    expect(inferDateOrder(['25/01/2024', '01/25/2024'])).toBe('dmy');
  });
  it('ignores numbers, Dates, ISO dates and month names', () => {
    expect(inferDateOrder([45292, new Date(Date.UTC(2024, 0, 13)), '2024-01-13', '13-Jan-2024'])).toBe('dmy');
    expect(inferDateOrder(['2024-12-31', '01/13/2024'])).toBe('mdy');
  });
});

describe('parseDate', () => {
  it('returns null for empty cells', () => {
    expect(parseDate(null, 'dmy')).toBeNull();
    expect(parseDate('', 'dmy')).toBeNull();
    expect(parseDate('   ', 'dmy')).toBeNull();
  });

  it('reads the ambiguous 01/02/2024 by the column order', () => {
    expect(parseDate('01/02/2024', 'dmy')).toEqual({ date: '2024-02-01', time: null });
    expect(parseDate('01/02/2024', 'mdy')).toEqual({ date: '2024-01-02', time: null });
  });

  it.each([
    ['dd/mm/yyyy', '25/12/2023', '2023-12-25'],
    ['d/m/yy', '5/6/24', '2024-06-05'],
    ['dd-mm-yyyy', '05-06-2024', '2024-06-05'],
    ['dd.mm.yyyy', '05.06.2024', '2024-06-05'],
    ['dd-MMM-yyyy', '01-Feb-2024', '2024-02-01'],
    ['dd-MMM-yy', '01-Feb-24', '2024-02-01'],
    ['dd MMM yyyy', '1 Feb 2024', '2024-02-01'],
    ['dd MMMM yyyy', '1 February 2024', '2024-02-01'],
    ['ordinal and Sept', '3rd Sept 2024', '2024-09-03'],
    ['MMM d, yyyy', 'Feb 1, 2024', '2024-02-01'],
    ['ISO', '2024-02-29', '2024-02-29'],
    ['yyyy/mm/dd', '2024/02/01', '2024-02-01'],
    ['yyyymmdd', '20240201', '2024-02-01'],
  ])('accepts %s', (_label, text, date) => {
    expect(parseDate(text, 'dmy')).toEqual({ date, time: null });
  });

  it('accepts date-times', () => {
    expect(parseDate('01/02/2024 13:45', 'dmy')).toEqual({ date: '2024-02-01', time: '13:45' });
    expect(parseDate('01/02/2024 13:45:10', 'dmy')).toEqual({ date: '2024-02-01', time: '13:45:10' });
    expect(parseDate('01/02/2024 13:45:00', 'dmy')).toEqual({ date: '2024-02-01', time: '13:45' });
    expect(parseDate('01/02/2024 1:45 pm', 'dmy')).toEqual({ date: '2024-02-01', time: '13:45' });
    expect(parseDate('01/02/2024 12:05 AM', 'dmy')).toEqual({ date: '2024-02-01', time: '00:05' });
    expect(parseDate('2024-03-05T13:45', 'dmy')).toEqual({ date: '2024-03-05', time: '13:45' });
    expect(parseDate('2024-03-05 13:45:10', 'dmy')).toEqual({ date: '2024-03-05', time: '13:45:10' });
    expect(parseDate('2024-03-05T13:45:10.250Z', 'dmy')).toEqual({ date: '2024-03-05', time: '13:45:10' });
    // DIDS timestamps carry the clock time; the offset is not applied.
    expect(parseDate('2025-05-31T23:30:00+01:00', 'dmy')).toEqual({ date: '2025-05-31', time: '23:30' });
    expect(parseDate('05-Jun-2024 08:00', 'dmy')).toEqual({ date: '2024-06-05', time: '08:00' });
    expect(parseDate('202406050800', 'dmy')).toEqual({ date: '2024-06-05', time: '08:00' });
  });

  it('rejects impossible dates naming the value', () => {
    expect(parseDate('31/02/2024', 'dmy')).toEqual({ error: 'not a real date: 31/02/2024' });
    expect(parseDate('29/02/2023', 'dmy')).toEqual({ error: 'not a real date: 29/02/2023' });
    expect(parseDate('13/25/2024', 'mdy')).toEqual({ error: 'not a real date: 13/25/2024' });
    expect(parseDate('2024-13-01', 'dmy')).toEqual({ error: 'not a real date: 2024-13-01' });
    expect(parseDate('01/02/2024 25:00', 'dmy')).toEqual({ error: 'not a real time: 01/02/2024 25:00' });
    expect(parseDate('30-Foo-2024', 'dmy')).toEqual({ error: 'not a date: 30-Foo-2024' });
    expect(parseDate('next Tuesday', 'dmy')).toEqual({ error: 'not a date: next Tuesday' });
    expect(parseDate(true, 'dmy')).toEqual({ error: 'not a date: true' });
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parseDate('29/02/2024', 'dmy')).toEqual({ date: '2024-02-29', time: null });
    expect(isParseError(parseDate('29/02/2100', 'dmy'))).toBe(true);
  });

  it('rejects implausible years', () => {
    const old = parseDate('01/01/1985', 'dmy');
    expect(isParseError(old) && old.error).toBe('implausible year 1985: 01/01/1985');
    expect(isParseError(parseDate('2101-01-01', 'dmy'))).toBe(true);
    expect(isParseError(parseDate(new Date(Date.UTC(1980, 0, 1)), 'dmy'))).toBe(true);
    // A Date cell of year 199000 (a typed year of 1990 with two digits too many) is refused, not read as 1990.
    const farFuture = new Date(Date.UTC(2000, 0, 1));
    farFuture.setUTCFullYear(199000);
    expect(parseDate(farFuture, 'dmy')).toEqual({ error: expect.stringMatching(/^implausible year 199000/) });
    const beforeYearOne = new Date(Date.UTC(2000, 0, 1));
    beforeYearOne.setUTCFullYear(-5);
    expect(parseDate(beforeYearOne, 'dmy')).toEqual({ error: expect.stringMatching(/^implausible year -5/) });
    expect(parseDate('1990-01-01', 'dmy')).toEqual({ date: '1990-01-01', time: null });
    expect(parseDate('2100-12-31', 'dmy')).toEqual({ date: '2100-12-31', time: null });
  });

  it('reads two-digit years as 2000s up to next year, else 1900s (then implausible)', () => {
    expect(expandTwoDigitYear(24, 2025)).toBe(2024);
    expect(expandTwoDigitYear(26, 2025)).toBe(2026);
    expect(expandTwoDigitYear(27, 2025)).toBe(1927);
    expect(expandTwoDigitYear(99, 2025)).toBe(1999);
    expect(expandTwoDigitYear(0, 2025)).toBe(2000);
    expect(parseDate('01/01/99', 'dmy')).toEqual({ date: '1999-01-01', time: null });
    expect(isParseError(parseDate('01/01/85', 'dmy'))).toBe(true);
  });

  it('reads Excel serials (1900 system) from numbers and numeric strings', () => {
    expect(parseDate(45292, 'dmy')).toEqual({ date: '2024-01-01', time: null });
    expect(parseDate('45292', 'dmy')).toEqual({ date: '2024-01-01', time: null });
    expect(parseDate(45292.5, 'dmy')).toEqual({ date: '2024-01-01', time: '12:00' });
    expect(parseDate('45123.5', 'dmy')).toEqual({ date: '2023-07-16', time: '12:00' });
    expect(parseDate(45292.573611111, 'dmy')).toEqual({ date: '2024-01-01', time: '13:46' });
    // 44169 is 4 December 2020 (a real payment date in the NMID spend file).
    expect(parseDate(44169, 'dmy')).toEqual({ date: '2020-12-04', time: null });
    // 1 March 1900 is serial 61 because Excel counts a 29 February 1900; outside the plausible range here.
    expect(isParseError(parseDate(61, 'dmy'))).toBe(true);
    expect(isParseError(parseDate(2024, 'dmy'))).toBe(true);
    // An 8-digit integer is yyyymmdd, not a serial.
    expect(parseDate(20240201, 'dmy')).toEqual({ date: '2024-02-01', time: null });
    expect(parseDate(20240231, 'dmy')).toEqual({ error: 'not a real date: 20240231' });
    expect(isParseError(parseDate(Number.NaN, 'dmy'))).toBe(true);
  });

  it('a serial with a fraction just under midnight rounds into the next day', () => {
    expect(parseDate(45292.9999999, 'dmy')).toEqual({ date: '2024-01-02', time: '00:00' });
  });

  it('reads Date cells by their UTC fields (SheetJS UTC wall clock)', () => {
    expect(parseDate(new Date(Date.UTC(2024, 0, 31)), 'dmy')).toEqual({ date: '2024-01-31', time: null });
    expect(parseDate(new Date(Date.UTC(2024, 0, 31, 13, 45, 10)), 'dmy')).toEqual({ date: '2024-01-31', time: '13:45:10' });
    expect(isParseError(parseDate(new Date(Number.NaN), 'dmy'))).toBe(true);
  });

  it('serials and dates agree for every day in range (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 32874, max: 73415 }), (serial) => {
        const p = parseDate(serial, 'dmy');
        if (!p || isParseError(p)) return false;
        const back = (Date.parse(p.date + 'T00:00:00Z') - Date.UTC(1899, 11, 30)) / 86400000;
        const uk = `${p.date.slice(8)}/${p.date.slice(5, 7)}/${p.date.slice(0, 4)}`;
        return back === serial && p.time === null && JSON.stringify(parseDate(uk, 'dmy')) === JSON.stringify(p);
      }),
    );
  });
});

describe('dateCellParts', () => {
  it('rounds to the nearest second', () => {
    expect(dateCellParts(new Date(Date.UTC(2024, 4, 1, 13, 44, 59, 999)))).toEqual({ date: '2024-05-01', time: '13:45' });
  });
  it('gives no time at midnight', () => {
    expect(dateCellParts(new Date(Date.UTC(2024, 4, 1)))).toEqual({ date: '2024-05-01', time: null });
  });
});

describe('parseTime', () => {
  it.each([
    ['13:45', '13:45'],
    ['9:05', '09:05'],
    ['13:45:10', '13:45:10'],
    ['13:45:00', '13:45'],
    ['13.45', '13:45'],
    ['1345', '13:45'],
    ['945', '09:45'],
    ['134510', '13:45:10'],
    ['1:45 pm', '13:45'],
    ['12:00 am', '00:00'],
    ['0.5', '12:00'],
    ['01/02/2024 08:30', '08:30'],
  ])('reads %s', (text, time) => {
    expect(parseTime(text)).toBe(time);
  });
  it('reads Excel fractions and hhmm numbers', () => {
    expect(parseTime(0.5)).toBe('12:00');
    expect(parseTime(0.75)).toBe('18:00');
    expect(parseTime(0.000011574)).toBe('00:00:01');
    expect(parseTime(45292.25)).toBe('06:00');
    expect(parseTime(1345)).toBe('13:45');
    expect(parseTime(0)).toBe('00:00');
  });
  it('reads Date cells (SheetJS time-only cells sit on 1899-12-30)', () => {
    expect(parseTime(new Date(Date.UTC(1899, 11, 30, 7, 5)))).toBe('07:05');
    expect(parseTime(new Date(Date.UTC(2024, 0, 1)))).toBe('00:00');
  });
  it('returns null for empty and an error for nonsense', () => {
    expect(parseTime(null)).toBeNull();
    expect(parseTime(' ')).toBeNull();
    expect(parseTime('25:00')).toEqual({ error: 'not a real time: 25:00' });
    expect(parseTime('1370')).toEqual({ error: 'not a real time: 1370' });
    expect(parseTime('13:45 pm')).toEqual({ error: 'not a real time: 13:45 pm' });
    expect(parseTime('lunchtime')).toEqual({ error: 'not a time: lunchtime' });
    expect(parseTime(2400)).toEqual({ error: 'not a time: 2400' });
    expect(parseTime(-0.5)).toEqual({ error: 'not a time: -0.5' });
    expect(parseTime(false)).toEqual({ error: 'not a time: false' });
  });
});

describe('combineDateTime', () => {
  it('joins a date and a time', () => {
    expect(combineDateTime('2024-02-01', '13:45')).toBe('2024-02-01T13:45');
    expect(combineDateTime('2024-02-01', '13:45:10')).toBe('2024-02-01T13:45:10');
    expect(combineDateTime('2024-02-01', '13:45:00')).toBe('2024-02-01T13:45');
    expect(combineDateTime('2024-02-01', '9:05')).toBe('2024-02-01T09:05');
  });
  it('uses midnight without a time', () => {
    expect(combineDateTime('2024-02-01', null)).toBe('2024-02-01T00:00');
  });
});

describe('parseNumber', () => {
  it.each([
    ['1,234.5', 1234.5],
    [' 0.6 ', 0.6],
    ['-3', -3],
    ['+2', 2],
    ['(12)', -12],
    ['.5', 0.5],
    ['1e3', 1000],
    ['\u22124', -4],
    ['1000000', 1000000],
    ['-0', 0],
  ])('reads %j', (text, n) => {
    expect(parseNumber(text)).toBe(n);
  });
  it('passes numbers through and rejects the rest', () => {
    expect(parseNumber(0.8)).toBe(0.8);
    expect(parseNumber(null)).toBeNull();
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('1,23')).toEqual({ error: 'not a number: 1,23' });
    expect(parseNumber('one')).toEqual({ error: 'not a number: one' });
    expect(parseNumber('-')).toEqual({ error: 'not a number: -' });
    expect(parseNumber(Number.POSITIVE_INFINITY)).toEqual({ error: 'not a number: Infinity' });
    expect(isParseError(parseNumber(true))).toBe(true);
    expect(isParseError(parseNumber(new Date()))).toBe(true);
  });
});

describe('parseMoneyPence', () => {
  it.each([
    ['£1,234.56', 123456],
    ['1,234.56 ', 123456],
    ['(1,234.56)', -123456],
    ['(£1,234.56)', -123456],
    ['-1234.56', -123456],
    ['£-1,234.56', -123456],
    ['-£1,234.56', -123456],
    ['£ 1,234.56', 123456],
    ['1234.5', 123450],
    ['1234', 123400],
    ['0.29', 29],
    ['.5', 50],
    ['33,807.00 ', 3380700],
    ['-39,806.52 ', -3980652],
    ['1,234.56 CR', -123456],
    ['1,234.56 DR', 123456],
    ['1,234.56-', -123456],
    ['GBP 12.00', 1200],
    ['12.00 GBP', 1200],
    ['\u221212.34', -1234],
    ['0.00', 0],
    ['-0.00', 0],
  ])('reads %j', (text, pence) => {
    expect(parseMoneyPence(text)).toBe(pence);
  });

  it('rounds more than two decimals half away from zero, deterministically', () => {
    expect(parseMoneyPence('1234.565')).toBe(123457);
    expect(parseMoneyPence('1234.5649')).toBe(123456);
    expect(parseMoneyPence('-1234.565')).toBe(-123457);
    expect(parseMoneyPence('0.005')).toBe(1);
    expect(parseMoneyPence('-0.005')).toBe(-1);
    expect(parseMoneyPence('0.0049')).toBe(0);
  });

  it('reads XLSX numbers by their shortest decimal text, free of float error', () => {
    expect(parseMoneyPence(0.29)).toBe(29);
    expect(parseMoneyPence(1.005)).toBe(101);
    expect(parseMoneyPence(1234.565)).toBe(123457);
    expect(parseMoneyPence(122130.94)).toBe(12213094);
    expect(parseMoneyPence(40182)).toBe(4018200);
    expect(parseMoneyPence(-39806.52)).toBe(-3980652);
    expect(parseMoneyPence(1e-7)).toBe(0);
    expect(parseMoneyPence(0.1 + 0.2)).toBe(30);
  });

  it('returns null for empty and an error naming the value otherwise', () => {
    expect(parseMoneyPence(null)).toBeNull();
    expect(parseMoneyPence('  ')).toBeNull();
    expect(parseMoneyPence('£')).toEqual({ error: 'not an amount: £' });
    expect(parseMoneyPence('12,34.00')).toEqual({ error: 'not an amount: 12,34.00' });
    expect(parseMoneyPence('abc')).toEqual({ error: 'not an amount: abc' });
    expect(parseMoneyPence('1.2.3')).toEqual({ error: 'not an amount: 1.2.3' });
    expect(isParseError(parseMoneyPence(Number.NaN))).toBe(true);
    expect(isParseError(parseMoneyPence(true))).toBe(true);
    expect(isParseError(parseMoneyPence('9'.repeat(20)))).toBe(true);
  });

  it('round-trips every formatted pence amount (property)', () => {
    const fmt = (p: number, style: number): string => {
      const abs = Math.abs(p);
      const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
      const body = `${pounds}.${String(abs % 100).padStart(2, '0')}`;
      if (p >= 0) return style === 0 ? `£${body}` : `${body} `;
      return [`(${body})`, `-£${body}`, `£-${body}`, `-${body.replace(/,/g, '')}`][style % 4] as string;
    };
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 3 }), (p, style) => {
        return parseMoneyPence(fmt(p, style)) === (p === 0 ? 0 : p);
      }),
    );
  });

  it('reads any two-decimal number from a workbook exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), (p) => parseMoneyPence(p / 100) === p),
    );
  });
});

describe('cellText and numberText', () => {
  it('trims strings and prints numbers without exponent', () => {
    expect(cellText('  Expense Type ')).toBe('Expense Type');
    expect(cellText('\u00a0x\u00a0')).toBe('x');
    expect(cellText(null)).toBe('');
    expect(cellText(9434765919)).toBe('9434765919');
    expect(cellText(1e21)).toBe('1000000000000000000000');
    expect(cellText(1.5e-7)).toBe('0.00000015');
    expect(cellText(-2.5e-7)).toBe('-0.00000025');
    expect(cellText(0.1)).toBe('0.1');
    expect(cellText(true)).toBe('TRUE');
    expect(numberText(123)).toBe('123');
  });
  it('prints Dates as ISO', () => {
    expect(cellText(new Date(Date.UTC(2020, 11, 4)))).toBe('2020-12-04');
    expect(cellText(new Date(Date.UTC(2020, 11, 4, 9, 30)))).toBe('2020-12-04T09:30');
    expect(cellText(new Date(Date.UTC(2020, 11, 4, 9, 30, 5)))).toBe('2020-12-04T09:30:05');
  });
});
