import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, englandBankHolidays, hhmm, isoDay, nthWeekdayOfMonth, weekday } from '../../../shared/demo/calendar';

describe('calendar', () => {
  it('agrees with Date.UTC on day numbers and weekdays across the years the demo uses', () => {
    for (let d = daysFromCivil(2019, 1, 1); d < daysFromCivil(2031, 1, 1); d += 3) {
      const date = new Date(d * 86_400_000);
      expect(isoDay(d)).toBe(date.toISOString().slice(0, 10));
      expect(weekday(d)).toBe((date.getUTCDay() + 6) % 7);
      const [y, m, day] = civilFromDays(d);
      expect(daysFromCivil(y, m, day)).toBe(d);
    }
  });

  it('knows the England & Wales bank holidays of 2024 to 2026', () => {
    const iso = (y: number) => englandBankHolidays(y).map(isoDay);
    expect(iso(2024)).toEqual(['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']);
    expect(iso(2025)).toEqual(['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']);
    // 26 December 2026 is a Saturday: the substitute is Monday 28th.
    expect(iso(2026)).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']);
    // 2022: Christmas on a Sunday gives Monday 26th and Tuesday 27th.
    expect(iso(2022).slice(-2)).toEqual(['2022-12-26', '2022-12-27']);
  });

  it('finds the n-th weekday of a month and formats times', () => {
    expect(isoDay(nthWeekdayOfMonth(2024, 10, 4, 3))).toBe('2024-10-18'); // third Friday
    expect(isoDay(nthWeekdayOfMonth(2025, 10, 0, 1))).toBe('2025-10-06'); // first Monday
    expect(hhmm(0)).toBe('00:00');
    expect(hhmm(8 * 60 + 5)).toBe('08:05');
    expect(hhmm(1439)).toBe('23:59');
  });
});
