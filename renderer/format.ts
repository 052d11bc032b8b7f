/** en-GB display helpers. Everything the UI shows goes through these, so dates and money look the same everywhere. */

export const NOT_AVAILABLE = '—';

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDp = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDp = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0, minimumFractionDigits: 0 });
const poundsPence = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent1 = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
// Dates are built in UTC from their own parts, so no time zone can move them across midnight.
const dayFmt = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const dayTimeFmt = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC',
});
const monthFmt = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const longMonthFmt = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

function isNumber(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

function parseIso(iso: string): Date | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)));
}

/** '2024-01-31' or '2024-01-31T09:15' → '31/01/2024'. */
export function formatDate(iso: string | null | undefined): string {
  const d = iso ? parseIso(iso) : null;
  return d ? dayFmt.format(d) : NOT_AVAILABLE;
}

/** '2024-01-31T09:15' → '31/01/2024, 09:15'. */
export function formatDateTime(iso: string | null | undefined): string {
  const d = iso ? parseIso(iso) : null;
  return d ? dayTimeFmt.format(d) : NOT_AVAILABLE;
}

function monthDate(month: string): Date | null {
  const m = ISO_MONTH.exec(month);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null;
}

/** '2024-01' → 'Jan 2024'. */
export function formatMonth(month: string): string {
  const d = monthDate(month);
  return d ? monthFmt.format(d) : month;
}

/** '2024-01' → 'January 2024'. */
export function formatMonthLong(month: string): string {
  const d = monthDate(month);
  return d ? longMonthFmt.format(d) : month;
}

export function formatCount(n: number | null | undefined): string {
  return isNumber(n) ? integer.format(n) : NOT_AVAILABLE;
}

/** Pounds (as the analysis gives them): whole pounds, or to the penny for unit costs. */
export function formatGbp(amount: number | null | undefined, options: { pence?: boolean } = {}): string {
  if (!isNumber(amount)) return NOT_AVAILABLE;
  return (options.pence ? poundsPence : pounds).format(amount);
}

/** Integer pence, as stored, shown to the penny. */
export function formatPence(pence: number | null | undefined): string {
  return isNumber(pence) ? poundsPence.format(pence / 100) : NOT_AVAILABLE;
}

/** A 0..1 fraction as a percentage with one decimal place. */
export function formatShare(fraction: number | null | undefined): string {
  return isNumber(fraction) ? percent1.format(fraction) : NOT_AVAILABLE;
}

/** Hours to one decimal place, with the unit. */
export function formatHours(hours: number | null | undefined): string {
  return isNumber(hours) ? `${oneDp.format(hours)} h` : NOT_AVAILABLE;
}

/** Turnaround is easier to read in days once it passes two days. */
export function formatHoursReadable(hours: number | null | undefined): string {
  if (!isNumber(hours)) return NOT_AVAILABLE;
  return hours >= 48 ? `${oneDp.format(hours / 24)} days` : formatHours(hours);
}

export function formatDecimal(n: number | null | undefined, digits: 1 | 2 = 1): string {
  if (!isNumber(n)) return NOT_AVAILABLE;
  return (digits === 1 ? oneDp : twoDp).format(n);
}

/** Whole-time equivalent, two decimal places. */
export function formatWte(n: number | null | undefined): string {
  return formatDecimal(n, 2);
}

/** Bytes in MB (decimal, as file managers on Windows show them roughly), one decimal place. */
export function formatMegabytes(bytes: number | null | undefined): string {
  return isNumber(bytes) ? `${oneDp.format(bytes / 1_000_000)} MB` : NOT_AVAILABLE;
}

export function formatDuration(ms: number | null | undefined): string {
  if (!isNumber(ms)) return NOT_AVAILABLE;
  if (ms < 1000) return `${integer.format(ms)} ms`;
  if (ms < 60_000) return `${oneDp.format(ms / 1000)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Confidence 0..1 as a word and a percentage, for badges. */
export function confidenceLevel(confidence: number): 'high' | 'medium' | 'low' {
  if (confidence >= 0.9) return 'high';
  if (confidence >= 0.6) return 'medium';
  return 'low';
}

/** A typed UK date, 'd/m/yyyy' (or with '.' or '-'), as ISO 'YYYY-MM-DD'; null when it is not a real date. */
export function parseUkDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}
