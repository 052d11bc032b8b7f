// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  NOT_AVAILABLE, confidenceLevel, formatCount, formatDate, formatDateTime, formatDecimal, formatDuration, formatGbp, formatHours,
  formatHoursReadable, formatMegabytes, formatMonth, formatMonthLong, formatPence, formatShare, formatWte, parseUkDate,
} from '../../../renderer/format';
import { csvBytes, guardCell, toCsv } from '../../../renderer/csvExport';

describe('en-GB formatting', () => {
  it('shows dates as dd/mm/yyyy without shifting them across midnight', () => {
    expect(formatDate('2024-01-31')).toBe('31/01/2024');
    expect(formatDate('2023-04-01T00:30')).toBe('01/04/2023');
    expect(formatDate('2024-03-31T23:59:59')).toBe('31/03/2024');
    expect(formatDateTime('2024-01-31T09:05')).toBe('31/01/2024, 09:05');
    expect(formatDate(null)).toBe(NOT_AVAILABLE);
    expect(formatDate('not a date')).toBe(NOT_AVAILABLE);
  });

  it('reads typed UK dates, day first, and refuses impossible ones', () => {
    expect(parseUkDate('01/04/2023')).toBe('2023-04-01');
    expect(parseUkDate(' 1/4/2023 ')).toBe('2023-04-01');
    expect(parseUkDate('29.02.2024')).toBe('2024-02-29');
    expect(parseUkDate('29/02/2023')).toBeNull();
    expect(parseUkDate('13/13/2023')).toBeNull();
    expect(parseUkDate('2023-04-01')).toBeNull();
    expect(parseUkDate('')).toBeNull();
  });

  it('names months', () => {
    expect(formatMonth('2024-01')).toBe('Jan 2024');
    expect(formatMonthLong('2023-09')).toBe('September 2023');
  });

  it('shows pounds with thousands separators, and unit costs to the penny', () => {
    expect(formatGbp(1234567)).toBe('£1,234,567');
    expect(formatGbp(3.4412, { pence: true })).toBe('£3.44');
    expect(formatGbp(-1234.5, { pence: true })).toBe('-£1,234.50');
    expect(formatPence(123456)).toBe('£1,234.56');
    expect(formatGbp(null)).toBe(NOT_AVAILABLE);
    expect(formatGbp(Number.NaN)).toBe(NOT_AVAILABLE);
  });

  it('shows shares as percentages with one decimal place', () => {
    expect(formatShare(0.1534)).toBe('15.3%');
    expect(formatShare(1)).toBe('100.0%');
    expect(formatShare(0)).toBe('0.0%');
    expect(formatShare(null)).toBe(NOT_AVAILABLE);
  });

  it('shows hours with one decimal place, and days when long', () => {
    expect(formatHours(20.25)).toBe('20.3 h');
    expect(formatHours(1234.56)).toBe('1,234.6 h');
    expect(formatHoursReadable(47.9)).toBe('47.9 h');
    expect(formatHoursReadable(72)).toBe('3.0 days');
    expect(formatHours(null)).toBe(NOT_AVAILABLE);
  });

  it('formats counts, WTE, sizes and durations', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(1399.6)).toBe('1,400');
    expect(formatWte(0.6)).toBe('0.60');
    expect(formatDecimal(2.345, 1)).toBe('2.3');
    expect(formatMegabytes(244_000_000)).toBe('244.0 MB');
    expect(formatDuration(500)).toBe('500 ms');
    expect(formatDuration(15_400)).toBe('15.4 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });

  it('grades confidence', () => {
    expect(confidenceLevel(1)).toBe('high');
    expect(confidenceLevel(0.7)).toBe('medium');
    expect(confidenceLevel(0.2)).toBe('low');
  });
});

describe('CSV downloads', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(guardCell('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(guardCell('+44 123')).toBe("'+44 123");
    expect(guardCell('-5')).toBe("'-5");
    expect(guardCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(guardCell('\tcmd')).toBe("'\tcmd");
    expect(guardCell('Plain text')).toBe('Plain text');
    expect(guardCell(-5)).toBe('-5');
    expect(guardCell(null)).toBe('');
  });

  it('quotes per RFC 4180, with CRLF and a BOM for Excel', () => {
    const csv = toCsv(['row', 'value', 'reason'], [[7, 'a,b', 'He said "no"'], [8, '=1+1', 'line\nbreak']]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual(['row,value,reason', '7,"a,b","He said ""no"""', "8,'=1+1,\"line\nbreak\"", '']);
  });

  it('encodes as UTF-8 so a £ sign survives', () => {
    const bytes = csvBytes(['amount'], [['£1,234.56']]);
    expect(new TextDecoder().decode(bytes)).toContain('"£1,234.56"');
  });
});
