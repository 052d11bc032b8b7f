import { describe, expect, it } from 'vitest';
import { addMonths, financialYearOf, financialYearLabel, monthEnd, parsePeriod, PeriodError, wallClockSeconds, dayNumber } from '../../../shared/metrics/calendar';

describe('periods', () => {
  it('reads a financial year as April to March', () => {
    expect(parsePeriod('2023/24')).toEqual({ from: '2023-04-01', to: '2024-03-31', months: 12 });
    expect(parsePeriod('FY 2023/2024')).toEqual({ from: '2023-04-01', to: '2024-03-31', months: 12 });
    expect(parsePeriod('1999/00')).toEqual({ from: '1999-04-01', to: '2000-03-31', months: 12 });
  });

  it('reads quarters Q1 = Apr–Jun … Q4 = Jan–Mar', () => {
    expect(parsePeriod('2023/24-Q1')).toEqual({ from: '2023-04-01', to: '2023-06-30', months: 3 });
    expect(parsePeriod('2023/24-Q3')).toEqual({ from: '2023-10-01', to: '2023-12-31', months: 3 });
    expect(parsePeriod('2023/24-Q4')).toEqual({ from: '2024-01-01', to: '2024-03-31', months: 3 });
  });

  it('reads M1 as April and a calendar month', () => {
    expect(parsePeriod('2023/24-M1')).toEqual({ from: '2023-04-01', to: '2023-04-30', months: 1 });
    expect(parsePeriod('2023/24-M12')).toEqual({ from: '2024-03-01', to: '2024-03-31', months: 1 });
    expect(parsePeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29', months: 1 });
    expect(parsePeriod('2023-04..2023-09').months).toBe(6);
  });

  it('refuses what is not a period, saying what to write', () => {
    expect(() => parsePeriod('2023/25')).toThrow(PeriodError);
    expect(() => parsePeriod('2024-13')).toThrow(/not a period/);
    expect(() => parsePeriod('2023-09..2023-04')).toThrow(/before it starts/);
  });

  it('does month arithmetic across years', () => {
    expect(addMonths('2023-11', 3)).toBe('2024-02');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(monthEnd('2023-02')).toBe('2023-02-28');
    expect(financialYearOf('2024-03')).toBe(2023);
    expect(financialYearOf('2024-04')).toBe(2024);
    expect(financialYearLabel(2009)).toBe('2009/10');
  });

  it('measures wall-clock differences in seconds and days', () => {
    expect(wallClockSeconds('2024-03-31T02:30') - wallClockSeconds('2024-03-30T23:00')).toBe(3.5 * 3600);
    expect(wallClockSeconds('2024-01-01T00:00:30') - wallClockSeconds('2024-01-01')).toBe(30);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
  });
});
