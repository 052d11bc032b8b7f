/**
 * Ledger periods → calendar months. A ledger line's period may be a month ("Apr-23", "2023-04", a date),
 * a financial-year period ("2023/24 M01"), or a period number ("M1", "Month 1", "P01") whose financial
 * year comes from a separate column, the transaction date, or the file. M1 is April (METRICS.md).
 */
import type { Cell } from '../io/types';
import { cellText, dateCellParts, expandTwoDigitYear, isParseError, parseDate, type DateOrder } from '../ingest/values';
import { addMonths, financialYearOf } from '../metrics/calendar';

export type LedgerPeriodField = 'period' | 'financialYear' | 'transactionDate';
/** A month, or why there is none and which input column is at fault. */
export type LedgerPeriodResult = { month: string } | { error: string; field: LedgerPeriodField };

export interface LedgerPeriodInput {
  period?: Cell;
  financialYear?: Cell;
  transactionDate?: Cell;
}

/** A financial year by its starting year (2023 = 2023/24). `ambiguous`: a bare year that may name either end. */
export interface FinancialYear {
  start: number;
  ambiguous: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

const pad2 = (n: number): string => String(n).padStart(2, '0');
const monthKey = (year: number, month: number): string => `${year}-${pad2(month)}`;
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;
const plausibleYear = (y: number): boolean => y >= MIN_YEAR && y <= MAX_YEAR;

/** The calendar month of period `n` (1 = April) in the financial year starting `start`. */
export function fiscalMonth(start: number, n: number): string {
  return addMonths(`${start}-04`, n - 1);
}

/** Two-digit years as the date parser reads them (so '85' is 1985, which is then implausible). */
function fullYear(text: string): number {
  const n = Number(text);
  return text.length === 2 ? expandTwoDigitYear(n) : n;
}

/** "2023/24", "2023-24", "2023/2024", "23/24", "FY2023/24", "FY24" (the year ending March 2024), "2023" (ambiguous). */
const FY_BODY = String.raw`(\d{4}|\d{2})\s*[/\-–]\s*(\d{4}|\d{2})`;
const RE_FY = new RegExp(String.raw`^(?:FY\s*)?${FY_BODY}$`, 'i');
const RE_FY_SHORT = /^FY\s*'?(\d{2}|\d{4})$/i;
const RE_BARE_YEAR = /^(\d{4})$/;

function fyFromParts(a: string, b: string): number | null {
  const first = fullYear(a);
  // The second half is read against the first ("2027/28" is 2027 and 2028), never on its own pivot.
  const second = b.length === 2 && a.length === 4 ? first + ((Number(b) - (first % 100) + 100) % 100) : fullYear(b);
  if (!plausibleYear(first)) return null;
  return second === first + 1 ? first : null;
}

/** Parses a financial-year cell; null when empty, an error when it is not one. */
export function parseFinancialYear(cell: Cell): FinancialYear | null | { error: string } {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) {
    const p = dateCellParts(cell);
    if (!p) return { error: 'not a financial year: invalid date cell' };
    return { start: financialYearOf(p.date.slice(0, 7)), ambiguous: false };
  }
  const text = cellText(cell).trim();
  if (text === '') return null;
  let m = RE_FY.exec(text);
  if (m) {
    const start = fyFromParts(m[1]!, m[2]!);
    if (start !== null) return { start, ambiguous: false };
    return { error: `not a financial year: "${text}" (the second year must follow the first, as in 2023/24)` };
  }
  m = RE_FY_SHORT.exec(text);
  if (m) {
    const end = fullYear(m[1]!);
    if (plausibleYear(end - 1)) return { start: end - 1, ambiguous: false };
  }
  m = RE_BARE_YEAR.exec(text);
  if (m && plausibleYear(Number(m[1]))) return { start: Number(m[1]), ambiguous: true };
  return { error: `not a financial year: "${text}" (expected e.g. 2023/24)` };
}

/**
 * A financial year named in free text such as a file name or a title row ("GL 2023-24 M01.csv",
 * "Ledger for 2023/24"). Only consecutive-year pairs count, so a date like 2023-04 is never taken for one.
 */
export function financialYearFromText(text: string): number | null {
  const re = /(?:^|[^\d])(?:FY\s*)?((?:19|20)\d{2})\s*[/\-–_ ]\s*((?:19|20)?\d{2})(?!\d)/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = fyFromParts(m[1]!, m[2]!);
    if (start !== null) return start;
  }
  return null;
}

// --- the period cell ------------------------------------------------------------------------------

/** What a period cell says, before a financial year is applied. */
type PeriodParts =
  | { kind: 'month'; month: string }
  /** A period number (1 = April), with its financial year when the cell names one. */
  | { kind: 'period'; n: number; fy: FinancialYear | null }
  /** A month name without a year, with its financial year when the cell names one. */
  | { kind: 'monthName'; month: number; fy: FinancialYear | null }
  /** yyyymm / yyyypp: a calendar month or period pp of the year starting yyyy. */
  | { kind: 'yearPeriod'; year: number; n: number }
  | { kind: 'fyOnly'; fy: FinancialYear };

const PERIOD_WORD = String.raw`(?:M|P|MTH|MONTH|PER|PERIOD|PD)\.?`;
const RE_FY_PERIOD = new RegExp(
  String.raw`^(?:FY\s*)?${FY_BODY}\s*[-_/:,.]?\s*(?:${PERIOD_WORD}\s*)?0?(\d{1,2})$`,
  'i',
);
const RE_PERIOD_FY = new RegExp(String.raw`^${PERIOD_WORD}\s*0?(\d{1,2})\s*[-_/:,.(]?\s*(?:FY\s*)?${FY_BODY}\)?$`, 'i');
const RE_PERIOD_ONLY = new RegExp(String.raw`^(?:${PERIOD_WORD}\s*)?0?(\d{1,2})$`, 'i');
const RE_YEAR_PERIOD = new RegExp(String.raw`^(\d{4})\s*[-_/ ]?\s*${PERIOD_WORD}\s*0?(\d{1,2})$`, 'i');
const RE_NAME_YEAR = /^([A-Za-z]{3,9})\.?[\s\-/',]*(\d{4}|\d{2})$/;
const RE_YEAR_NAME = /^(\d{4})[\s\-/,]*([A-Za-z]{3,9})\.?$/;
const RE_NAME_ONLY = /^([A-Za-z]{3,9})\.?$/;
const RE_FY_NAME = new RegExp(String.raw`^(?:FY\s*)?${FY_BODY}\s*[-_/:,.]?\s*([A-Za-z]{3,9})\.?$`, 'i');
const RE_NAME_FY = new RegExp(String.raw`^([A-Za-z]{3,9})\.?\s*[-_/:,.]?\s*(?:FY\s*)?${FY_BODY}$`, 'i');
const RE_ISO_MONTH = /^(\d{4})[-/.](\d{1,2})$/;
const RE_MONTH_YEAR = /^(\d{1,2})[-/.](\d{4})$/;
const RE_COMPACT = /^(\d{4})(\d{2})$/;
const RE_DATE_SHAPE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/;

function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase()];
}

function periodNumber(n: number, raw: string): number | { error: string } {
  // Period 13 is the year-end adjustment period: its postings belong to March.
  if (n >= 1 && n <= 13) return Math.min(n, 12);
  return { error: `not a ledger period: "${raw}" (periods run from 1, April, to 12, March)` };
}

function calendarMonth(y: number, m: number, raw: string): PeriodParts | { error: string } {
  if (!plausibleYear(y) || m < 1 || m > 12) return { error: `not a ledger period: "${raw}"` };
  return { kind: 'month', month: monthKey(y, m) };
}

/** Reads a period cell's own content; null for an empty cell. */
function readPeriodCell(cell: Cell, order: DateOrder): PeriodParts | null | { error: string } {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) {
    const p = dateCellParts(cell);
    return p ? calendarMonth(Number(p.date.slice(0, 4)), Number(p.date.slice(5, 7)), cellText(cell)) : { error: 'not a date: invalid date cell' };
  }
  if (typeof cell === 'boolean') return { error: `not a ledger period: ${String(cell)}` };
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 0 && cell <= 99) {
      const n = periodNumber(cell, String(cell));
      return typeof n === 'number' ? { kind: 'period', n, fy: null } : n;
    }
    if (Number.isInteger(cell) && cell >= 199001 && cell <= 210013) {
      return readPeriodCell(String(cell), order);
    }
    const d = parseDate(cell, order);
    if (d === null) return null;
    if (isParseError(d)) return { error: `not a ledger period: ${cellText(cell)}` };
    return { kind: 'month', month: d.date.slice(0, 7) };
  }
  const raw = cell.replace(/\s+/g, ' ').trim();
  if (raw === '') return null;

  // Three numbers ("03/04/23", "2023-04-01") are a date when they make one, before any financial-year reading.
  if (RE_DATE_SHAPE.test(raw)) {
    const d = parseDate(raw, order);
    if (d !== null && !isParseError(d)) return { kind: 'month', month: d.date.slice(0, 7) };
  }
  // A financial-year-like pair that is not one may still be something else: remember it, read on.
  const seen: { badYear: string | null } = { badYear: null };
  const year = (a: string, b: string): FinancialYear | null => {
    const start = fyFromParts(a, b);
    if (start === null) seen.badYear = `${a}/${b}`;
    return start === null ? null : { start, ambiguous: false };
  };
  let m = RE_FY_PERIOD.exec(raw);
  let fy: FinancialYear | null;
  if (m && (fy = year(m[1]!, m[2]!))) {
    const n = periodNumber(Number(m[3]), raw);
    return typeof n === 'number' ? { kind: 'period', n, fy } : n;
  }
  m = RE_PERIOD_FY.exec(raw);
  if (m && (fy = year(m[2]!, m[3]!))) {
    const n = periodNumber(Number(m[1]), raw);
    return typeof n === 'number' ? { kind: 'period', n, fy } : n;
  }
  m = RE_PERIOD_ONLY.exec(raw);
  if (m) {
    const n = periodNumber(Number(m[1]), raw);
    return typeof n === 'number' ? { kind: 'period', n, fy: null } : n;
  }
  m = RE_YEAR_PERIOD.exec(raw);
  if (m && plausibleYear(Number(m[1]))) {
    const n = periodNumber(Number(m[2]), raw);
    return typeof n === 'number' ? { kind: 'period', n, fy: { start: Number(m[1]), ambiguous: true } } : n;
  }
  m = RE_FY.exec(raw);
  if (m && (fy = year(m[1]!, m[2]!))) return { kind: 'fyOnly', fy };
  m = RE_NAME_YEAR.exec(raw);
  if (m && monthNumber(m[1]!) !== undefined) return calendarMonth(fullYear(m[2]!), monthNumber(m[1]!)!, raw);
  m = RE_YEAR_NAME.exec(raw);
  if (m && monthNumber(m[2]!) !== undefined) return calendarMonth(Number(m[1]), monthNumber(m[2]!)!, raw);
  m = RE_NAME_ONLY.exec(raw);
  if (m && monthNumber(m[1]!) !== undefined) return { kind: 'monthName', month: monthNumber(m[1]!)!, fy: null };
  m = RE_FY_NAME.exec(raw);
  if (m && monthNumber(m[3]!) !== undefined && (fy = year(m[1]!, m[2]!))) return { kind: 'monthName', month: monthNumber(m[3]!)!, fy };
  m = RE_NAME_FY.exec(raw);
  if (m && monthNumber(m[1]!) !== undefined && (fy = year(m[2]!, m[3]!))) return { kind: 'monthName', month: monthNumber(m[1]!)!, fy };
  m = RE_ISO_MONTH.exec(raw);
  if (m) return calendarMonth(Number(m[1]), Number(m[2]), raw);
  m = RE_MONTH_YEAR.exec(raw);
  if (m) return calendarMonth(Number(m[2]), Number(m[1]), raw);
  m = RE_COMPACT.exec(raw);
  if (m && plausibleYear(Number(m[1]))) {
    const n = Number(m[2]);
    if (n >= 1 && n <= 12) return { kind: 'yearPeriod', year: Number(m[1]), n };
    if (n === 13) return { kind: 'period', n: 12, fy: { start: Number(m[1]), ambiguous: true } };
  }
  const d = parseDate(raw, order);
  if (d !== null && !isParseError(d)) return { kind: 'month', month: d.date.slice(0, 7) };
  const loose = readLoosely(raw);
  if ('error' in loose && seen.badYear !== null) {
    return { error: `not a ledger period: "${raw}" (${seen.badYear} is not a financial year: the second year must follow the first, as in 2023/24)` };
  }
  return loose;
}

/** Last resort for labels like "Period 1 - April 2023" or "P01 (Apr) 2023/24": one month name and a year. */
function readLoosely(raw: string): PeriodParts | { error: string } {
  const names = (raw.match(/[A-Za-z]{3,9}/g) ?? []).map(monthNumber).filter((n): n is number => n !== undefined);
  const uniqueNames = [...new Set(names)];
  if (uniqueNames.length === 1) {
    const month = uniqueNames[0]!;
    const fyMatch = new RegExp(FY_BODY).exec(raw);
    if (fyMatch) {
      const start = fyFromParts(fyMatch[1]!, fyMatch[2]!);
      if (start !== null) return { kind: 'monthName', month, fy: { start, ambiguous: false } };
    }
    const years = [...new Set(raw.match(/(?<!\d)(?:19|20)\d{2}(?!\d)/g) ?? [])];
    if (years.length === 1) return calendarMonth(Number(years[0]), month, raw);
  }
  return { error: `not a ledger period: "${raw}" (expected e.g. 2023/24 M01, M01, Apr-23, 2023-04 or a date)` };
}

// --- resolution ------------------------------------------------------------------------------------

const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** Of several candidate months, the one nearest the reference month (ties: the earlier candidate). */
function nearest(candidates: string[], reference: string): string {
  const ref = monthIndex(reference);
  let best = candidates[0]!;
  for (const c of candidates) if (Math.abs(monthIndex(c) - ref) < Math.abs(monthIndex(best) - ref)) best = c;
  return best;
}

/** The month of period n in a financial year, using the transaction date to settle an ambiguous year. */
function monthInYear(n: number, fy: FinancialYear, dateMonth: string | null): string {
  if (!fy.ambiguous || dateMonth === null) return fiscalMonth(fy.start, n);
  // A bare year may name the year the financial year starts or ends in.
  return nearest([fiscalMonth(fy.start, n), fiscalMonth(fy.start - 1, n)], dateMonth);
}

/**
 * Maps a ledger line's period to a calendar month 'YYYY-MM'.
 * - A period cell naming a month (Apr-23, April 2023, 2023-04, 04/2023, a date, a serial) gives that month.
 * - A period number (M1, M01, Month 1, P01, Period 1, 1; 13 = year-end adjustments, booked in March) or a bare
 *   month name takes its financial year from the cell itself (2023/24 M01), else the financial-year column, else
 *   the financial year that puts it nearest the transaction date, else `defaultFinancialYear`.
 * - yyyymm (202304) is a calendar month unless the transaction date shows it is period 4 of 2023/24.
 * - With no period cell, the transaction date's month.
 * Returns null when there is nothing to read, or { error } saying why the period cannot be read.
 */
export function parseLedgerPeriod(
  input: LedgerPeriodInput,
  dateOrder: DateOrder = 'dmy',
  defaultFinancialYear: number | null = null,
): LedgerPeriodResult | null {
  let dateMonth: string | null = null;
  let dateError: string | null = null;
  const dateCell = input.transactionDate ?? null;
  const parsedDate = parseDate(dateCell, dateOrder);
  if (parsedDate !== null) {
    if (isParseError(parsedDate)) dateError = parsedDate.error;
    else dateMonth = parsedDate.date.slice(0, 7);
  }

  const parts = readPeriodCell(input.period ?? null, dateOrder);
  if (parts === null) {
    if (dateMonth !== null) return { month: dateMonth };
    if (dateError !== null) return { error: dateError, field: 'transactionDate' };
    return null;
  }
  if ('error' in parts) return { error: parts.error, field: 'period' };

  switch (parts.kind) {
    case 'month':
      return { month: parts.month };
    case 'yearPeriod': {
      const calendar = monthKey(parts.year, parts.n);
      if (dateMonth === null) return { month: calendar };
      return { month: nearest([calendar, fiscalMonth(parts.year, parts.n)], dateMonth) };
    }
    case 'fyOnly':
      if (dateMonth !== null) return { month: dateMonth };
      return {
        error: `the period names a financial year (${cellText(input.period ?? null)}) but no month: map a period or date column`,
        field: 'period',
      };
    case 'period':
    case 'monthName': {
      const n = parts.kind === 'period' ? parts.n : ((parts.month + 8) % 12) + 1;
      let fy = parts.fy;
      if (fy === null) {
        const column = parseFinancialYear(input.financialYear ?? null);
        if (column !== null && 'error' in column) return { error: column.error, field: 'financialYear' };
        fy = column;
      }
      if (fy !== null) return { month: monthInYear(n, fy, dateMonth) };
      if (dateMonth !== null) {
        const around = financialYearOf(dateMonth);
        return { month: nearest([fiscalMonth(around, n), fiscalMonth(around - 1, n), fiscalMonth(around + 1, n)], dateMonth) };
      }
      if (defaultFinancialYear !== null) return { month: fiscalMonth(defaultFinancialYear, n) };
      return {
        error:
          `the period "${cellText(input.period ?? null)}" has no year: map a financial-year or transaction-date column, ` +
          'or give the financial year of the file',
        field: 'period',
      };
    }
  }
}
