import { describe, expect, it } from 'vitest';
import {
  financialYearFromText,
  fiscalMonth,
  parseFinancialYear,
  parseLedgerPeriod,
} from '../../../shared/finance/periods';

const month = (period: unknown, extra: Parameters<typeof parseLedgerPeriod>[0] = {}, fy: number | null = null) =>
  parseLedgerPeriod({ period: period as never, ...extra }, 'dmy', fy);

describe('fiscalMonth', () => {
  it('maps M1 to April and M12 to March of the next calendar year', () => {
    expect(fiscalMonth(2023, 1)).toBe('2023-04');
    expect(fiscalMonth(2023, 9)).toBe('2023-12');
    expect(fiscalMonth(2023, 10)).toBe('2024-01');
    expect(fiscalMonth(2023, 12)).toBe('2024-03');
  });
});

describe('parseFinancialYear', () => {
  it.each([
    ['2023/24', 2023],
    ['2023-24', 2023],
    ['2023/2024', 2023],
    ['2023-2024', 2023],
    ['23/24', 2023],
    ['23-24', 2023],
    ['FY2023/24', 2023],
    ['FY 23/24', 2023],
    ['FY24', 2023],
    ['FY2024', 2023],
    ['1999/00', 1999],
    ['2027/28', 2027],
    ['2049/50', 2049],
    ['2030-31', 2030],
    [' 2024/25 ', 2024],
  ])('%s → %i', (text, start) => {
    expect(parseFinancialYear(text)).toEqual({ start, ambiguous: false });
  });
  it('reads a bare year as ambiguous', () => {
    expect(parseFinancialYear('2023')).toEqual({ start: 2023, ambiguous: true });
    expect(parseFinancialYear(2023)).toEqual({ start: 2023, ambiguous: true });
  });
  it('is null when empty and an error when not a year', () => {
    expect(parseFinancialYear(null)).toBeNull();
    expect(parseFinancialYear('  ')).toBeNull();
    expect(parseFinancialYear('2023/25')).toEqual({ error: expect.stringContaining('second year must follow') });
    expect(parseFinancialYear('next year')).toEqual({ error: expect.stringContaining('not a financial year') });
  });
});

describe('financialYearFromText', () => {
  it('finds a financial year in a file name or title', () => {
    expect(financialYearFromText('GL detail 2023-24 M01.csv')).toBe(2023);
    expect(financialYearFromText('Ledger for 2023/24')).toBe(2023);
    expect(financialYearFromText('radiology_2024_25.xlsx')).toBe(2024);
    expect(financialYearFromText('FY2023-2024 spend')).toBe(2023);
  });
  it('never takes a date or a month for a year', () => {
    expect(financialYearFromText('extract 2023-04-01.csv')).toBeNull();
    expect(financialYearFromText('2023-04.csv')).toBeNull();
    expect(financialYearFromText('CHWE 07 - October.csv')).toBeNull();
  });
});

describe('parseLedgerPeriod', () => {
  it('reads a financial-year period in one cell', () => {
    expect(month('2023/24 M01')).toEqual({ month: '2023-04' });
    expect(month('2023/24 M1')).toEqual({ month: '2023-04' });
    expect(month('2023/24 M09')).toEqual({ month: '2023-12' });
    expect(month('2023/24 M10')).toEqual({ month: '2024-01' });
    expect(month('2023/24 M12')).toEqual({ month: '2024-03' });
    expect(month('2023-24 P07')).toEqual({ month: '2023-10' });
    expect(month('2023/24-M03')).toEqual({ month: '2023-06' });
    expect(month('23/24 Month 2')).toEqual({ month: '2023-05' });
    expect(month('FY2023/24 Period 11')).toEqual({ month: '2024-02' });
    expect(month('M01 2023/24')).toEqual({ month: '2023-04' });
    expect(month('Month 6 (2023/24)')).toEqual({ month: '2023-09' });
    expect(month('2023/24 05')).toEqual({ month: '2023-08' });
  });

  it('reads a period number with the financial year of another column', () => {
    const fy = { financialYear: '2023/24' };
    for (const p of ['M1', 'M01', 'm01', 'Month 1', 'MONTH 01', 'P01', 'P1', 'Period 1', 'Per 1', 'Mth 1', '1', '01', 1]) {
      expect(month(p, fy)).toEqual({ month: '2023-04' });
    }
    expect(month('M12', fy)).toEqual({ month: '2024-03' });
    expect(month(12, { financialYear: 'FY24' })).toEqual({ month: '2024-03' });
    expect(month('P10', { financialYear: '2024-25' })).toEqual({ month: '2025-01' });
  });

  it('books period 13 (year-end adjustments) in March', () => {
    expect(month('2023/24 M13')).toEqual({ month: '2024-03' });
    expect(month('P13', { financialYear: '2023/24' })).toEqual({ month: '2024-03' });
  });

  it('refuses period 0 and periods past 13', () => {
    expect(month('M0', { financialYear: '2023/24' })).toEqual({ error: expect.stringContaining('periods run from 1'), field: 'period' });
    expect(month('M14', { financialYear: '2023/24' })).toMatchObject({ field: 'period' });
    expect(month(20, { financialYear: '2023/24' })).toMatchObject({ field: 'period' });
  });

  it('takes the financial year from the transaction date when no column gives it', () => {
    expect(month('M01', { transactionDate: '15/04/2023' })).toEqual({ month: '2023-04' });
    expect(month('M10', { transactionDate: '20/01/2024' })).toEqual({ month: '2024-01' });
    // Posted at year end: period 12 with an April date is the March just gone, not the next one.
    expect(month('M12', { transactionDate: '05/04/2024' })).toEqual({ month: '2024-03' });
    // An accrual dated at the end of the month before its period.
    expect(month('M01', { transactionDate: '31/03/2023' })).toEqual({ month: '2023-04' });
  });

  it('settles a bare year by the transaction date, else reads it as the starting year', () => {
    expect(month('M1', { financialYear: '2023' })).toEqual({ month: '2023-04' });
    expect(month('M1', { financialYear: '2024', transactionDate: '10/04/2023' })).toEqual({ month: '2023-04' });
    expect(month('M1', { financialYear: '2023', transactionDate: '10/04/2023' })).toEqual({ month: '2023-04' });
    expect(month('2023 P02')).toEqual({ month: '2023-05' });
  });

  it('uses the default financial year last', () => {
    expect(month('M03', {}, 2022)).toEqual({ month: '2022-06' });
    expect(month('M03', { financialYear: '2023/24' }, 2022)).toEqual({ month: '2023-06' });
  });

  it('says why when a period number has no year', () => {
    expect(month('M01')).toEqual({ error: expect.stringContaining('has no year'), field: 'period' });
  });

  it('reads month names with a year', () => {
    expect(month('Apr-23')).toEqual({ month: '2023-04' });
    expect(month('APR-23')).toEqual({ month: '2023-04' });
    expect(month('Apr-2023')).toEqual({ month: '2023-04' });
    expect(month('April 2023')).toEqual({ month: '2023-04' });
    expect(month('Apr 2023')).toEqual({ month: '2023-04' });
    expect(month("Sept '23")).toEqual({ month: '2023-09' });
    expect(month('Jan-24')).toEqual({ month: '2024-01' });
    expect(month('2024 Feb')).toEqual({ month: '2024-02' });
    expect(month('MAR24')).toEqual({ month: '2024-03' });
  });

  it('reads a month name without a year in the financial year', () => {
    expect(month('April', { financialYear: '2023/24' })).toEqual({ month: '2023-04' });
    expect(month('January', { financialYear: '2023/24' })).toEqual({ month: '2024-01' });
    expect(month('Mar', { financialYear: '2023/24' })).toEqual({ month: '2024-03' });
    expect(month('2023/24 Feb')).toEqual({ month: '2024-02' });
    expect(month('Feb 2023/24')).toEqual({ month: '2024-02' });
  });

  it('reads numeric months', () => {
    expect(month('2023-04')).toEqual({ month: '2023-04' });
    expect(month('2023/4')).toEqual({ month: '2023-04' });
    expect(month('04/2023')).toEqual({ month: '2023-04' });
    expect(month('4-2024')).toEqual({ month: '2024-04' });
    expect(month('202304')).toEqual({ month: '2023-04' });
    expect(month(202401)).toEqual({ month: '2024-01' });
  });

  it('reads yyyypp as a fiscal period when the transaction date says so', () => {
    // Period 4 of 2023/24 is July 2023; a July transaction date proves the ledger counts periods from April.
    expect(month('202304', { transactionDate: '14/07/2023' })).toEqual({ month: '2023-07' });
    expect(month('202304', { transactionDate: '14/04/2023' })).toEqual({ month: '2023-04' });
  });

  it('reads dates in every form as their month', () => {
    expect(month('01/04/2023')).toEqual({ month: '2023-04' });
    expect(month('30/04/2023')).toEqual({ month: '2023-04' });
    expect(month('2023-04-30')).toEqual({ month: '2023-04' });
    expect(month('2023/04/01')).toEqual({ month: '2023-04' });
    expect(month('01-Apr-2023')).toEqual({ month: '2023-04' });
    expect(month(new Date(Date.UTC(2023, 11, 31)))).toEqual({ month: '2023-12' });
    expect(month(45017)).toEqual({ month: '2023-04' }); // Excel serial for 2023-04-01
    expect(month('45291')).toEqual({ month: '2023-12' }); // 2023-12-31
    expect(parseLedgerPeriod({ period: '04/13/2023' }, 'mdy')).toEqual({ month: '2023-04' });
    // d/m/yy dates whose first two numbers look like a financial year ("03/04" = 2003/04) are still dates.
    expect(month('03/04/23')).toEqual({ month: '2023-04' });
    expect(month('01/02/03')).toEqual({ month: '2003-02' });
    expect(month('2023/24-01')).toEqual({ month: '2023-04' });
  });

  it('reads labels with a month name and a year anywhere', () => {
    expect(month('Period 1 - April 2023')).toEqual({ month: '2023-04' });
    expect(month('P01 (Apr) 2023/24')).toEqual({ month: '2023-04' });
  });

  it('falls back to the transaction date when there is no period', () => {
    expect(month(null, { transactionDate: '01/10/2020' })).toEqual({ month: '2020-10' });
    expect(month('', { transactionDate: new Date(Date.UTC(2020, 11, 4)) })).toEqual({ month: '2020-12' });
    expect(month(undefined, { transactionDate: 44166 })).toEqual({ month: '2020-12' }); // 2020-12-01
    expect(month('  ', { transactionDate: '2020-11-30', financialYear: '2020/21' })).toEqual({ month: '2020-11' });
  });

  it('prefers the ledger period to the transaction date', () => {
    // An October invoice accrued into September.
    expect(month('2023/24 M06', { transactionDate: '02/10/2023' })).toEqual({ month: '2023-09' });
    expect(month('Sep-23', { transactionDate: '02/10/2023' })).toEqual({ month: '2023-09' });
  });

  it('uses the date when the period cell only names the year', () => {
    expect(month('2023/24', { transactionDate: '02/10/2023' })).toEqual({ month: '2023-10' });
    expect(month('2023/24')).toEqual({ error: expect.stringContaining('no month'), field: 'period' });
  });

  it('is null with nothing to read, and names the column at fault', () => {
    expect(parseLedgerPeriod({})).toBeNull();
    expect(month(null, { financialYear: '2023/24' })).toBeNull();
    expect(month('nonsense')).toEqual({ error: expect.stringContaining('not a ledger period'), field: 'period' });
    expect(month('2023/25 M01')).toEqual({ error: expect.stringContaining('2023/25 is not a financial year'), field: 'period' });
    expect(month(null, { transactionDate: '31/02/2023' })).toEqual({ error: expect.stringContaining('not a real date'), field: 'transactionDate' });
    expect(month('M01', { financialYear: 'soon' })).toEqual({ error: expect.stringContaining('not a financial year'), field: 'financialYear' });
    expect(month('Jun-85')).toMatchObject({ field: 'period' });
  });
});
