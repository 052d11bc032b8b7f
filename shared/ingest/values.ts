/**
 * Cell value parsing for imports: dates, times, numbers, money and display text.
 * Every parser returns a value, null for an empty cell, or { error } naming the value; none throws.
 */
import type { Cell } from '../io/types';

export type DateOrder = 'dmy' | 'mdy';
export interface ParseError {
  error: string;
}
export interface DateParts {
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:MM', or 'HH:MM:SS' when the seconds are not zero; null when the value held no time. */
  time: string | null;
}

/** Dates outside this range are data errors in an activity or finance extract (birth dates are never parsed). */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

export function isParseError(v: unknown): v is ParseError {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && typeof (v as ParseError).error === 'string';
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function formatTime(h: number, m: number, s: number): string {
  return s === 0 ? `${pad2(h)}:${pad2(m)}` : `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month m (1–12) of year y; years 0–99 are read as 1900–1999, as Date.UTC reads them. */
function daysInMonth(y: number, m: number): number {
  if (m !== 2) return MONTH_DAYS[m - 1] ?? new Date(Date.UTC(y, m, 0)).getUTCDate();
  const year = y >= 0 && y <= 99 ? 1900 + y : y;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * Wall-clock parts of a Date cell from a workbook.
 * Assumption shared with the XLSX reader: SheetJS is read so that the Date's UTC fields are the wall-clock
 * value shown in Excel (sheet_to_json with `UTC: true`). Without that option SheetJS builds local-midnight
 * Dates, which would shift by the machine's UTC offset. Rounds to the nearest second because Excel's
 * binary fractions often land a millisecond short (13:44:59.999).
 */
/** A Date cell to the nearest second, as it is read (SheetJS cells carry float error below a second). */
function toNearestSecond(d: Date): Date {
  return new Date(Math.round(d.getTime() / 1000) * 1000);
}

export function dateCellParts(d: Date): DateParts | null {
  if (!Number.isFinite(d.getTime())) return null;
  const r = toNearestSecond(d);
  const date = `${String(r.getUTCFullYear()).padStart(4, '0')}-${pad2(r.getUTCMonth() + 1)}-${pad2(r.getUTCDate())}`;
  const h = r.getUTCHours();
  const m = r.getUTCMinutes();
  const s = r.getUTCSeconds();
  return { date, time: h === 0 && m === 0 && s === 0 ? null : formatTime(h, m, s) };
}

/**
 * Two-digit years: 00–(current+1) are 2000s, the rest 1900s (so '25' is 2025 and '99' is 1999).
 * A 1900s result is then rejected by the plausibility check, which is the point: an activity date in
 * 1999 is almost certainly a typing error.
 */
export function expandTwoDigitYear(yy: number, currentYear: number = new Date().getFullYear()): number {
  return 2000 + yy > currentYear + 1 ? 1900 + yy : 2000 + yy;
}

// --- Excel serials -------------------------------------------------------------------------------

/** Serial day numbers of MIN_YEAR-01-01 and MAX_YEAR-12-31 in the 1900 date system. */
const SERIAL_MIN = 32874;
const SERIAL_MAX = 73415;

/**
 * Excel 1900-system serial → parts. Excel counts 1900-02-29, which never existed, so serials after 60
 * are days since 1899-12-30. The fractional part is the time of day.
 */
function serialToParts(serial: number): DateParts | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  let days = Math.floor(serial);
  let secs = Math.round((serial - days) * 86400);
  if (secs >= 86400) {
    days += 1;
    secs -= 86400;
  }
  const base = days > 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  const d = new Date(base + days * 86400000);
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  if (secs === 0 && serial === Math.floor(serial)) return { date, time: null };
  return { date, time: formatTime(Math.floor(secs / 3600), Math.floor((secs % 3600) / 60), secs % 60) };
}

function checkSerial(serial: number, raw: string): DateParts | ParseError {
  if (serial < SERIAL_MIN || serial > SERIAL_MAX + 0.99999) {
    return { error: `implausible date (Excel serial ${raw} is outside ${MIN_YEAR}–${MAX_YEAR}): ${raw}` };
  }
  return serialToParts(serial) ?? { error: `not a date: ${raw}` };
}

// --- text dates ----------------------------------------------------------------------------------

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

const TIME_TAIL = String.raw`(?:[T\s,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?\s*([ap]\.?m\.?)?)?`;
const ZONE_TAIL = String.raw`\s*(?:Z|[+-]\d{2}:?\d{2}|GMT|BST|UTC)?`;

const RE_ISO = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})` + TIME_TAIL + ZONE_TAIL + '$', 'i');
const RE_NUMERIC = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})` + TIME_TAIL + '$', 'i');
const RE_MONTH_NAME = new RegExp(
  String.raw`^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*([A-Za-z]{3,9})\.?[\s\-/.,]*(\d{4}|\d{2})` + TIME_TAIL + '$',
  'i',
);
const RE_NAME_FIRST = new RegExp(String.raw`^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})` + TIME_TAIL + '$', 'i');
const RE_COMPACT = /^(\d{4})(\d{2})(\d{2})(?:[T\s]?(\d{2})(\d{2})(\d{2})?)?$/;
const RE_SERIAL = /^\d{4,5}(?:\.\d+)?$/;

type Built = DateParts | ParseError;

function build(
  raw: string,
  y: number,
  mo: number,
  d: number,
  hh?: string,
  mm?: string,
  ss?: string,
  ampm?: string,
): Built {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return { error: `not a real date: ${raw}` };
  if (y < MIN_YEAR || y > MAX_YEAR) return { error: `implausible year ${y}: ${raw}` };
  const date = `${y}-${pad2(mo)}-${pad2(d)}`;
  if (hh === undefined || mm === undefined) return { date, time: null };
  const t = buildTime(Number(hh), Number(mm), ss === undefined ? 0 : Number(ss), ampm);
  if (t === null) return { error: `not a real time: ${raw}` };
  return { date, time: t };
}

function buildTime(h: number, m: number, s: number, ampm?: string): string | null {
  if (ampm) {
    if (h < 1 || h > 12) return null;
    const pm = ampm.toLowerCase().startsWith('p');
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (h > 23 || m > 59 || s > 59) return null;
  return formatTime(h, m, s);
}

function yearOf(text: string): number {
  const n = Number(text);
  return text.length === 2 ? expandTwoDigitYear(n) : n;
}

/** Reads a date-like string's first two numeric parts, for day/month order inference. */
const RE_PARTS = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.]\d{2,4}\b/;

/**
 * The UK reading (day first) unless the column proves otherwise (DATA.md): a first part over 12 makes
 * the column day-first; a second part over 12 makes it month-first. A column with both is inconsistent
 * and keeps the UK reading, so its month-first values then fail as not-real dates.
 */
export function inferDateOrder(samples: Cell[]): DateOrder {
  let dayFirst = false;
  let monthFirst = false;
  for (const cell of samples) {
    if (typeof cell !== 'string') continue;
    const m = RE_PARTS.exec(cell);
    if (!m) continue;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[2]) > 12) monthFirst = true;
  }
  return monthFirst && !dayFirst ? 'mdy' : 'dmy';
}

/** The day–month order of one mapped column, from the sample rows; an unmapped column reads as no samples. */
export function columnDateOrder(sampleRows: Cell[][], column: number | null | undefined): DateOrder {
  return inferDateOrder(column == null ? [] : sampleRows.map((r) => r[column] ?? null));
}

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/** Two digits at `at` as a number, or −1. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  return isDigitCode(a) && isDigitCode(b) ? (a - 48) * 10 + b - 48 : -1;
}

/** Whether a date separator ('-', '/', '.') is at `at`. */
function isDateSeparator(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c === 45 || c === 47 || c === 46;
}

/**
 * The shapes nearly every extract uses, read without regular expressions: 'dd/mm/yyyy' and 'yyyy-mm-dd' (any of
 * the separators '/', '-', '.'), optionally followed by 'T' or a space and 'hh:mm' or 'hh:mm:ss'. Returns
 * undefined for anything else, which the general patterns then read; the result is what they would give.
 */
function parseCommonDate(raw: string, order: DateOrder): Built | undefined {
  const length = raw.length;
  if (length !== 10 && length !== 16 && length !== 19) return undefined;
  let y: number;
  let mo: number;
  let d: number;
  const sep = raw.charCodeAt(2);
  if ((sep === 47 || sep === 45 || sep === 46) && raw.charCodeAt(5) === sep) {
    const a = twoDigits(raw, 0);
    const b = twoDigits(raw, 3);
    const hi = twoDigits(raw, 6);
    const lo = twoDigits(raw, 8);
    if (a < 0 || b < 0 || hi < 0 || lo < 0) return undefined;
    y = hi * 100 + lo;
    [d, mo] = order === 'mdy' ? [b, a] : [a, b];
  } else if (isDateSeparator(raw, 4) && isDateSeparator(raw, 7)) {
    const hi = twoDigits(raw, 0);
    const lo = twoDigits(raw, 2);
    mo = twoDigits(raw, 5);
    d = twoDigits(raw, 8);
    if (hi < 0 || lo < 0 || mo < 0 || d < 0) return undefined;
    y = hi * 100 + lo;
  } else {
    return undefined;
  }
  if (length === 10) return build(raw, y, mo, d);
  const t = raw.charCodeAt(10);
  if ((t !== 84 && t !== 32) || raw.charCodeAt(13) !== 58 || twoDigits(raw, 11) < 0 || twoDigits(raw, 14) < 0) return undefined;
  if (length === 16) return build(raw, y, mo, d, raw.slice(11, 13), raw.slice(14, 16));
  if (raw.charCodeAt(16) !== 58 || twoDigits(raw, 17) < 0) return undefined;
  return build(raw, y, mo, d, raw.slice(11, 13), raw.slice(14, 16), raw.slice(17, 19));
}

/**
 * Parses a date or date-time cell. Accepts dd/mm/yyyy (or mm/dd/yyyy with order 'mdy'), d/m/yy,
 * dd-MMM-yyyy, dd MMM yyyy, dd.mm.yyyy, ISO dates and date-times (a zone offset is ignored: DIDS
 * timestamps are the time as shown on the clock), yyyymmdd, Excel serials as numbers or numeric
 * strings, Date cells, and a trailing time with optional seconds and am/pm.
 */
export function parseDate(cell: Cell, order: DateOrder): DateParts | null | ParseError {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) {
    const p = dateCellParts(cell);
    if (!p) return { error: 'not a date: invalid date cell' };
    // The year is the cell's own (a cell of year 10000 or more, or before year 1, has no four-digit year).
    const y = toNearestSecond(cell).getUTCFullYear();
    if (y < MIN_YEAR || y > MAX_YEAR) return { error: `implausible year ${y}: ${cellText(cell)}` };
    return p;
  }
  if (typeof cell === 'boolean') return { error: `not a date: ${String(cell)}` };
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return { error: `not a date: ${String(cell)}` };
    // yyyymmdd typed as a number (some extracts store dates so) is far beyond any plausible serial.
    if (Number.isInteger(cell) && cell >= 10000101 && cell <= 99991231) return parseDate(String(cell), order);
    return checkSerial(cell, numberText(cell));
  }
  const raw = cell.trim();
  if (raw === '') return null;
  const fast = parseCommonDate(raw, order);
  if (fast !== undefined) return fast;

  let m = RE_ISO.exec(raw);
  if (m) return build(raw, Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5], m[6], m[7]);

  m = RE_NUMERIC.exec(raw);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const [d, mo] = order === 'mdy' ? [b, a] : [a, b];
    return build(raw, yearOf(m[4] as string), mo, d, m[5], m[6], m[7], m[8]);
  }

  m = RE_MONTH_NAME.exec(raw);
  if (m) {
    const mo = MONTHS[(m[2] as string).toLowerCase()];
    if (mo === undefined) return { error: `not a date: ${raw}` };
    return build(raw, yearOf(m[3] as string), mo, Number(m[1]), m[4], m[5], m[6], m[7]);
  }

  m = RE_NAME_FIRST.exec(raw);
  if (m) {
    const mo = MONTHS[(m[1] as string).toLowerCase()];
    if (mo === undefined) return { error: `not a date: ${raw}` };
    return build(raw, Number(m[3]), mo, Number(m[2]), m[4], m[5], m[6], m[7]);
  }

  m = RE_COMPACT.exec(raw);
  if (m) return build(raw, Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5], m[6]);

  if (RE_SERIAL.test(raw)) return checkSerial(Number(raw), raw);

  return { error: `not a date: ${raw}` };
}

const RE_TIME = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?\s*([ap]\.?m\.?)?$/i;
const RE_TIME_COMPACT = /^(\d{1,2})(\d{2})(\d{2})?$/;

/** Parses a time cell: '13:45', '1345', '13:45:10', '1:45 pm', Excel day fractions (0.5 → 12:00), Date cells. */
export function parseTime(cell: Cell): string | null | ParseError {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) {
    const p = dateCellParts(cell);
    if (!p) return { error: 'not a time: invalid date cell' };
    return p.time ?? '00:00';
  }
  if (typeof cell === 'boolean') return { error: `not a time: ${String(cell)}` };
  if (typeof cell === 'number') return numberTime(cell, numberText(cell));
  const raw = cell.trim();
  if (raw === '') return null;
  let m = RE_TIME.exec(raw);
  if (m) {
    const t = buildTime(Number(m[1]), Number(m[2]), m[3] === undefined ? 0 : Number(m[3]), m[4]);
    return t ?? { error: `not a real time: ${raw}` };
  }
  m = RE_TIME_COMPACT.exec(raw);
  if (m) {
    const t = buildTime(Number(m[1]), Number(m[2]), m[3] === undefined ? 0 : Number(m[3]));
    return t ?? { error: `not a real time: ${raw}` };
  }
  if (/^\d*\.\d+$/.test(raw)) return numberTime(Number(raw), raw);
  // A full date-time in a time column: keep its time.
  const dt = parseDate(raw, 'dmy');
  if (dt && !isParseError(dt) && dt.time !== null) return dt.time;
  return { error: `not a time: ${raw}` };
}

/** Integers up to 2359 are hhmm; fractions are a part of a day (the fraction of a date-time serial). */
function numberTime(n: number, raw: string): string | ParseError {
  if (!Number.isFinite(n) || n < 0) return { error: `not a time: ${raw}` };
  if (Number.isInteger(n)) {
    const t = n <= 2359 ? buildTime(Math.floor(n / 100), n % 100, 0) : null;
    return t ?? { error: `not a time: ${raw}` };
  }
  let secs = Math.round((n - Math.floor(n)) * 86400);
  if (secs >= 86400) secs = 0;
  return formatTime(Math.floor(secs / 3600), Math.floor((secs % 3600) / 60), secs % 60);
}

/** 'YYYY-MM-DD' + 'HH:MM[:SS]' → 'YYYY-MM-DDTHH:MM', seconds kept only when not zero; no time → T00:00. */
export function combineDateTime(date: string, time: string | null): string {
  if (!time) return `${date}T00:00`;
  // The parsers' own output ('hh:mm', or 'hh:mm:ss' with seconds) needs no reshaping.
  if (time.length === 5 && time.charCodeAt(2) === 58 && twoDigits(time, 0) >= 0 && twoDigits(time, 3) >= 0) return `${date}T${time}`;
  const [h = '0', m = '0', s = '0'] = time.split(':');
  const hm = `${h.padStart(2, '0')}:${m.padStart(2, '0')}`;
  return Number(s) === 0 ? `${date}T${hm}` : `${date}T${hm}:${s.padStart(2, '0')}`;
}

// --- numbers and money ---------------------------------------------------------------------------

/** Digits with optional thousands separators and a decimal part. */
const RE_DECIMAL = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/;

function unicodeMinus(s: string): string {
  return s.replace(/[\u2212\u2012\u2013]/g, '-');
}

/** Parses a plain number: '1,234.5', ' 0.6 ', '-3', '1e3'. */
export function parseNumber(cell: Cell): number | null | ParseError {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : { error: `not a number: ${String(cell)}` };
  if (typeof cell === 'boolean' || cell instanceof Date) return { error: `not a number: ${cellText(cell)}` };
  const raw = cell.trim();
  if (raw === '') return null;
  let s = unicodeMinus(raw);
  let sign = 1;
  if (/^\(.*\)$/.test(s)) {
    sign = -1;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) sign = -sign;
    s = s.slice(1).trim();
  }
  if (/^\d+(?:\.\d+)?e[+-]?\d+$/i.test(s)) return sign * Number(s);
  const m = RE_DECIMAL.exec(s);
  if (!m || (m[1] === undefined && m[2] === undefined)) return { error: `not a number: ${raw}` };
  const v = Number(s.replace(/,/g, ''));
  return Number.isFinite(v) ? (sign * v === 0 ? 0 : sign * v) : { error: `not a number: ${raw}` };
}

/**
 * A number's shortest round-trip decimal text without an exponent (1e-7 → '0.0000001').
 * Using JavaScript's shortest representation means 0.29 reads as "0.29", not 0.28999….
 */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  const e = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!e) return s;
  const [, neg = '', intPart = '', frac = '', expText = '0'] = e;
  const exp = Number(expText);
  const digits = intPart + frac;
  const point = intPart.length + exp;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return neg + out;
}

/**
 * Parses money into integer pence with exact decimal arithmetic on the text (never multiply-and-round on
 * floats). Accepts '£1,234.56', '1,234.56 ', '(1,234.56)', '-1234.56', '£-1,234.56', '-£1,234.56',
 * '1,234.56 CR' (credit, negative), '1,234.56-' and XLSX numbers. More than two decimals round half away
 * from zero: 1234.565 → 123457, -0.005 → -1.
 */
export function parseMoneyPence(cell: Cell): number | null | ParseError {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'boolean' || cell instanceof Date) return { error: `not an amount: ${cellText(cell)}` };
  const raw = typeof cell === 'number' ? numberText(cell) : cell.trim();
  if (raw === '') return null;
  if (typeof cell === 'number' && !Number.isFinite(cell)) return { error: `not an amount: ${raw}` };
  let s = unicodeMinus(raw).replace(/\s+/g, ' ');
  let negative = false;
  const flip = (): void => {
    negative = !negative;
  };
  if (/^\(.*\)$/.test(s)) {
    flip();
    s = s.slice(1, -1).trim();
  }
  const cr = /\s*(CR|DR)\.?$/i.exec(s);
  if (cr) {
    if ((cr[1] as string).toUpperCase() === 'CR') flip();
    s = s.slice(0, cr.index).trim();
  }
  if (s.endsWith('-')) {
    flip();
    s = s.slice(0, -1).trim();
  }
  // Sign and currency marks may come in either order before the digits: '-£1', '£-1', 'GBP -1'.
  for (;;) {
    const lead = /^(-|\+|£|GBP)\s*/i.exec(s);
    if (!lead) break;
    if (lead[1] === '-') flip();
    s = s.slice(lead[0].length);
  }
  s = s.replace(/\s*(£|GBP)$/i, '');
  const m = RE_DECIMAL.exec(s);
  if (!m || (m[1] === undefined && m[2] === undefined)) return { error: `not an amount: ${raw}` };
  const whole = (m[1] ?? '0').replace(/,/g, '');
  const frac = m[2] ?? '';
  const pence2 = (frac + '00').slice(0, 2);
  const roundUp = frac.length > 2 && (frac[2] as string) >= '5';
  const magnitude = Number(whole) * 100 + Number(pence2) + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(magnitude)) return { error: `amount too large: ${raw}` };
  return negative && magnitude !== 0 ? -magnitude : magnitude;
}

/** Display text of a cell: trimmed; numbers without exponent; Dates as ISO ('YYYY-MM-DD' or with 'THH:MM'). */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return numberText(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  const p = dateCellParts(cell);
  if (!p) return '';
  return p.time === null ? p.date : combineDateTime(p.date, p.time);
}
