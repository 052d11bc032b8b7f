/**
 * Small integer codes for the parts of summary keys (strings, pairs of codes, dates), so that the summary
 * accumulator adds a row with integer work instead of building and hashing a string key per row.
 */
import { dayNumber } from '../metrics/calendar';

/** Small integer codes for strings, in order of first use. */
export class StringCodes {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];

  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }
}

/** Codes for pairs of codes, in order of first use; `first` and `second` give a code's parts back. */
export class PairCodes {
  private readonly rows: number[][] = [];
  readonly first: number[] = [];
  readonly second: number[] = [];

  code(a: number, b: number): number {
    let row = this.rows[a];
    if (row === undefined) this.rows[a] = row = [];
    let code = row[b];
    if (code === undefined) {
      code = this.first.length;
      row[b] = code;
      this.first.push(a);
      this.second.push(b);
    }
    return code;
  }
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const digit = (text: string, at: number) => text.charCodeAt(at) - 48;

/** A 'YYYY-MM-DD…' prefix as the number YYYYMMDD, or −1 when the text is not shaped so. */
function datePrefixNumber(iso: string): number {
  if (iso.length < 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return -1;
  let n = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = iso.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + c - 48;
  }
  return n;
}

/**
 * The dates (first ten characters) of date-times, coded in order of first use, with each date's day number and
 * month code worked out once. Date-times repeat their dates thousands of times in an extract.
 */
export class DateCodes {
  private readonly byNumber = new Map<number, number>();
  private readonly byText = new Map<string, number>();
  readonly text: string[] = [];
  readonly day: number[] = [];
  readonly month: number[] = [];
  /** Whether the date was written 'YYYY-MM-DD' (digits where digits belong). */
  readonly standard: boolean[] = [];

  constructor(private readonly months: StringCodes) {}

  code(iso: string): number {
    const n = datePrefixNumber(iso);
    let code = n >= 0 ? this.byNumber.get(n) : this.byText.get(iso.slice(0, 10));
    if (code === undefined) {
      const date = iso.slice(0, 10);
      code = this.text.length;
      if (n >= 0) this.byNumber.set(n, code);
      else this.byText.set(date, code);
      this.text.push(date);
      this.standard.push(n >= 0);
      this.day.push(dayNumber(date));
      this.month.push(this.months.code(date.slice(0, 7)));
    }
    return code;
  }
}

/**
 * Seconds after midnight of a standard 'YYYY-MM-DDTHH:MM[:SS]' date-time, or −1 for any other shape (which then
 * goes the slow way, through wallClockSeconds, so that odd values behave exactly as they always did).
 */
export function standardTimeOfDay(iso: string): number {
  const length = iso.length;
  if (length !== 16 && length !== 19) return -1;
  if (iso.charCodeAt(13) !== 58) return -1;
  const h1 = iso.charCodeAt(11);
  const h2 = iso.charCodeAt(12);
  const m1 = iso.charCodeAt(14);
  const m2 = iso.charCodeAt(15);
  if (!isDigit(h1) || !isDigit(h2) || !isDigit(m1) || !isDigit(m2)) return -1;
  let seconds = ((h1 - 48) * 10 + h2 - 48) * 3600 + ((m1 - 48) * 10 + m2 - 48) * 60;
  if (length === 19) {
    const s1 = iso.charCodeAt(17);
    const s2 = iso.charCodeAt(18);
    if (iso.charCodeAt(16) !== 58 || !isDigit(s1) || !isDigit(s2)) return -1;
    seconds += digit(iso, 17) * 10 + digit(iso, 18);
  }
  return seconds;
}
