/**
 * NHS financial-year period maths for the period selector (METRICS.md): the year runs April to March,
 * M1 is April and M12 is March, Q1 is April–June and Q4 is January–March.
 */
import type { Period, PeriodSpec } from '../shared/contract';
import { addMonths, financialYearLabel, financialYearOf, periodFromMonths } from '../shared/metrics/calendar';
import { formatMonth, formatMonthLong } from './format';

export type PeriodMode = 'fy' | 'quarter' | 'month';
export type Quarter = 1 | 2 | 3 | 4;

export interface PeriodSelection {
  mode: PeriodMode;
  /** '2023/24' */
  fy: string;
  quarter: Quarter;
  /** Financial month number: 1 = April … 12 = March. */
  fiscalMonth: number;
}

const FY = /^(\d{4})\/(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

function checkMonth(month: string): string {
  const m = MONTH.exec(month);
  const mm = m ? Number(m[2]) : NaN;
  if (!m || mm < 1 || mm > 12) throw new Error(`Not a month (YYYY-MM): ${month}`);
  return month;
}

export const fyLabel = financialYearLabel;

/** '2023/24' → 2023. */
export function fyStartYear(fy: string): number {
  const m = FY.exec(fy);
  if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2])) throw new Error(`Not a financial year (YYYY/YY): ${fy}`);
  return Number(m[1]);
}

/** The financial year a calendar month falls in: '2024-01' → '2023/24', '2024-04' → '2024/25'. */
export function fyOfMonth(month: string): string {
  return fyLabel(financialYearOf(checkMonth(month)));
}

/** April → 1 … March → 12. */
export function fiscalMonthOf(month: string): number {
  const mm = Number(checkMonth(month).slice(5, 7));
  return mm >= 4 ? mm - 3 : mm + 9;
}

export function quarterOfMonth(month: string): Quarter {
  return Math.ceil(fiscalMonthOf(month) / 3) as Quarter;
}

/** The calendar month of a financial month: ('2023/24', 10) → '2024-01'. */
export function monthOfFiscal(fy: string, fiscalMonth: number): string {
  if (!Number.isInteger(fiscalMonth) || fiscalMonth < 1 || fiscalMonth > 12) throw new Error(`Financial month must be 1–12: ${fiscalMonth}`);
  return addMonths(`${fyStartYear(fy)}-04`, fiscalMonth - 1);
}

export function fyMonths(fy: string): string[] {
  return Array.from({ length: 12 }, (_, i) => monthOfFiscal(fy, i + 1));
}

export function quarterMonths(fy: string, quarter: Quarter): string[] {
  return [1, 2, 3].map((i) => monthOfFiscal(fy, (quarter - 1) * 3 + i));
}

export function selectionMonths(sel: PeriodSelection): string[] {
  switch (sel.mode) {
    case 'fy':
      return fyMonths(sel.fy);
    case 'quarter':
      return quarterMonths(sel.fy, sel.quarter);
    case 'month':
      return [monthOfFiscal(sel.fy, sel.fiscalMonth)];
  }
}

/** The spec strings the engine and the CLI accept: '2023/24', '2023/24-Q3', '2024-01'. */
export function toPeriodSpec(sel: PeriodSelection): PeriodSpec {
  switch (sel.mode) {
    case 'fy':
      return { spec: sel.fy };
    case 'quarter':
      return { spec: `${sel.fy}-Q${sel.quarter}` };
    case 'month':
      return { spec: monthOfFiscal(sel.fy, sel.fiscalMonth) };
  }
}

export function selectionPeriod(sel: PeriodSelection): Period {
  const months = selectionMonths(sel);
  return periodFromMonths(months[0]!, months[months.length - 1]!);
}

export const QUARTER_NAMES: Record<Quarter, string> = { 1: 'Q1 (Apr–Jun)', 2: 'Q2 (Jul–Sep)', 3: 'Q3 (Oct–Dec)', 4: 'Q4 (Jan–Mar)' };

/** 'M10 Jan 2024' */
export function fiscalMonthLabel(fy: string, fiscalMonth: number): string {
  return `M${fiscalMonth} ${formatMonth(monthOfFiscal(fy, fiscalMonth))}`;
}

export function selectionLabel(sel: PeriodSelection): string {
  switch (sel.mode) {
    case 'fy':
      return `Financial year ${sel.fy}`;
    case 'quarter': {
      const [first, , last] = quarterMonths(sel.fy, sel.quarter);
      return `Q${sel.quarter} ${sel.fy} (${formatMonth(first!)} – ${formatMonth(last!)})`;
    }
    case 'month':
      return `${formatMonthLong(monthOfFiscal(sel.fy, sel.fiscalMonth))} (M${sel.fiscalMonth} ${sel.fy})`;
  }
}

/** Financial years spanning two months, newest first. */
export function fyRange(firstMonth: string, lastMonth: string): string[] {
  const first = fyStartYear(fyOfMonth(firstMonth));
  const last = fyStartYear(fyOfMonth(lastMonth));
  const out: string[] = [];
  for (let y = last; y >= first; y--) out.push(fyLabel(y));
  return out;
}

/** The newest financial year with data, or the current one when there is none. */
export function defaultSelection(financialYears: string[], today: Date = new Date()): PeriodSelection {
  const thisMonth = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}`;
  const fy = financialYears[0] ?? fyOfMonth(thisMonth);
  return { mode: 'fy', fy, quarter: 1, fiscalMonth: 1 };
}
