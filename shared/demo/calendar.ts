/**
 * Integer calendar arithmetic for the demo generator: day numbers (days since 1970-01-01),
 * weekdays and England & Wales bank holidays, with no Date objects in the hot path.
 * Local wall-clock time throughout: every day has 1,440 minutes (the extract has no time zone).
 */

export const MINUTES_PER_DAY = 1440;

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] for a day number. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** 0 = Monday … 6 = Sunday. 1970-01-01 was a Thursday. */
export function weekday(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** 'YYYY-MM-DD' for a day number. */
export function isoDay(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Day number of an ISO date 'YYYY-MM-DD'. */
export function dayOfIso(iso: string): number {
  return daysFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

/** 'HH:MM' for a minute of the day (0–1439). */
export function hhmm(minuteOfDay: number): string {
  return `${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
}

/** The n-th (1-based) given weekday (0 = Monday) of a month, as a day number. */
export function nthWeekdayOfMonth(year: number, month: number, wd: number, n: number): number {
  const first = daysFromCivil(year, month, 1);
  return first + ((wd - weekday(first) + 7) % 7) + 7 * (n - 1);
}

/** The last given weekday of a month, as a day number. */
export function lastWeekdayOfMonth(year: number, month: number, wd: number): number {
  const last = daysFromCivil(year, month + 1, 1) - 1;
  return last - ((weekday(last) - wd + 7) % 7);
}

/** Easter Sunday (anonymous Gregorian algorithm), as a day number. */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(year, month, day);
}

/**
 * England & Wales bank holidays of a calendar year by the standing rules (substitute days included).
 * One-off proclamations (jubilees, state funerals) are not modelled.
 */
export function englandBankHolidays(year: number): number[] {
  const out: number[] = [];
  const newYear = daysFromCivil(year, 1, 1);
  const nyWd = weekday(newYear);
  out.push(nyWd === 5 ? newYear + 2 : nyWd === 6 ? newYear + 1 : newYear);
  const easter = easterSunday(year);
  out.push(easter - 2, easter + 1);
  out.push(nthWeekdayOfMonth(year, 5, 0, 1), lastWeekdayOfMonth(year, 5, 0), lastWeekdayOfMonth(year, 8, 0));
  const christmas = daysFromCivil(year, 12, 25);
  const xWd = weekday(christmas);
  if (xWd === 5) out.push(christmas + 2, christmas + 3); // Sat: Mon and Tue
  else if (xWd === 6) out.push(christmas + 1, christmas + 2); // Sun: Boxing Day Mon, substitute Tue
  else if (xWd === 4) out.push(christmas, christmas + 3); // Fri: Boxing Day falls Sat, substitute Mon
  else out.push(christmas, christmas + 1);
  return out.sort((x, y) => x - y);
}
