/**
 * Calendar arithmetic on ISO strings. Date-times are wall-clock values from the RIS ('YYYY-MM-DDTHH:MM[:SS]');
 * they are compared as written, so a turnaround across a clock change is the wall-clock difference.
 */
import type { Period } from '../contract';

const MS_PER_DAY = 86_400_000;

/** Seconds since 1970-01-01T00:00 treating the wall-clock value as UTC. */
export function wallClockSeconds(iso: string): number {
  const ms = Date.UTC(
    Number(iso.slice(0, 4)),
    Number(iso.slice(5, 7)) - 1,
    Number(iso.slice(8, 10)),
    iso.length > 11 ? Number(iso.slice(11, 13)) : 0,
    iso.length > 14 ? Number(iso.slice(14, 16)) : 0,
    iso.length > 17 ? Number(iso.slice(17, 19)) : 0,
  );
  return ms / 1000;
}

/** Whole days since 1970-01-01 for a 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

export function dateFromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function daysInMonth(month: string): number {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function monthEnd(month: string): string {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

export function addMonths(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every 'YYYY-MM' from first to last inclusive. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** The NHS financial year holding a month: April starts the year. 2024-01 → 2023. */
export function financialYearOf(month: string): number {
  const y = Number(month.slice(0, 4));
  return Number(month.slice(5, 7)) >= 4 ? y : y - 1;
}

export function financialYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export function periodFromMonths(fromMonth: string, toMonth: string): Period {
  if (toMonth < fromMonth) throw new PeriodError(`The period ends (${toMonth}) before it starts (${fromMonth}).`);
  return { from: `${fromMonth}-01`, to: monthEnd(toMonth), months: monthsBetween(fromMonth, toMonth).length };
}

export function financialYearPeriod(startYear: number): Period {
  return periodFromMonths(`${startYear}-04`, `${startYear + 1}-03`);
}

export class PeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeriodError';
  }
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * Parses '2023/24', '2023/24-Q3', '2023/24-M07', '2024-01' or '2023-04..2024-03'.
 * Quarters: Q1 = Apr–Jun … Q4 = Jan–Mar. M1 = April.
 */
export function parsePeriod(spec: string): Period {
  const text = spec.trim();
  const month = MONTH_RE.exec(text);
  if (month) return periodFromMonths(text, text);
  const range = /^(\d{4}-\d{2})\s*(?:\.\.|to|–|—)\s*(\d{4}-\d{2})$/.exec(text);
  if (range && MONTH_RE.test(range[1]!) && MONTH_RE.test(range[2]!)) return periodFromMonths(range[1]!, range[2]!);
  const fy = /^(?:FY\s*)?(\d{4})\s*\/\s*(\d{2}|\d{4})(?:\s*-\s*(Q[1-4]|M(?:0?[1-9]|1[0-2])))?$/i.exec(text);
  if (fy) {
    const start = Number(fy[1]);
    const endText = fy[2]!;
    const end = endText.length === 2 ? Number(endText) : Number(endText) % 100;
    if (end !== (start + 1) % 100) {
      throw new PeriodError(`"${spec}" is not a financial year: the second year must follow the first, as in 2023/24.`);
    }
    const part = fy[3]?.toUpperCase();
    if (!part) return financialYearPeriod(start);
    const first = `${start}-04`;
    if (part.startsWith('Q')) {
      const q = Number(part.slice(1));
      return periodFromMonths(addMonths(first, (q - 1) * 3), addMonths(first, q * 3 - 1));
    }
    const m = Number(part.slice(1));
    const only = addMonths(first, m - 1);
    return periodFromMonths(only, only);
  }
  throw new PeriodError(
    `"${spec}" is not a period. Use a financial year (2023/24), a quarter (2023/24-Q3), a month (2024-01) or --from/--to months.`,
  );
}

export function parseMonth(text: string, what: string): string {
  const t = text.trim();
  if (!MONTH_RE.test(t)) throw new PeriodError(`${what} "${text}" is not a month: use YYYY-MM, e.g. 2023-04.`);
  return t;
}

export function periodMonths(period: Period): string[] {
  return monthsBetween(period.from.slice(0, 7), period.to.slice(0, 7));
}
