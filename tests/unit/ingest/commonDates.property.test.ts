/**
 * The shapes nearly every extract uses ('dd/mm/yyyy', 'yyyy-mm-dd', with '/', '-' or '.', optionally followed by
 * 'T' or a space and 'hh:mm[:ss]') are read without the general patterns, for speed. Whatever the digits say,
 * real or impossible, the answer must be the one the documented rules give: a real date in range, or the first
 * problem found (the date, then the year, then the time) named with the value as written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineDateTime, MAX_YEAR, MIN_YEAR, parseDate, type DateOrder } from '../../../shared/ingest/values';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Days in a month as Date.UTC counts them (years 0–99 read as 1900–1999). */
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

const parts = fc.record({
  y: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: MIN_YEAR - 2, max: MAX_YEAR + 2 })),
  m: fc.integer({ min: 0, max: 19 }),
  d: fc.integer({ min: 0, max: 39 }),
  h: fc.integer({ min: 0, max: 29 }),
  mi: fc.integer({ min: 0, max: 69 }),
  s: fc.integer({ min: 0, max: 69 }),
});

/** What the rules say about a date with an optional time, written as `raw`. */
function expected(raw: string, p: { y: number; m: number; d: number; h: number; mi: number; s: number }, time: 'none' | 'hm' | 'hms') {
  if (p.m < 1 || p.m > 12 || p.d < 1 || p.d > daysIn(p.y, p.m)) return { error: `not a real date: ${raw}` };
  if (p.y < MIN_YEAR || p.y > MAX_YEAR) return { error: `implausible year ${p.y}: ${raw}` };
  const date = `${p.y}-${pad(p.m)}-${pad(p.d)}`;
  if (time === 'none') return { date, time: null };
  const s = time === 'hms' ? p.s : 0;
  if (p.h > 23 || p.mi > 59 || s > 59) return { error: `not a real time: ${raw}` };
  return { date, time: s === 0 ? `${pad(p.h)}:${pad(p.mi)}` : `${pad(p.h)}:${pad(p.mi)}:${pad(s)}` };
}

describe('parseDate on the common fixed shapes', () => {
  it('reads day-first, month-first and ISO dates, with or without a time, exactly as the rules say', () => {
    fc.assert(
      fc.property(
        parts,
        fc.constantFrom('/', '-', '.'),
        fc.constantFrom<DateOrder>('dmy', 'mdy'),
        fc.constantFrom('uk', 'iso'),
        fc.constantFrom('none' as const, 'hm' as const, 'hms' as const),
        fc.constantFrom('T', ' '),
        (p, sep, order, shape, time, joiner) => {
          const [first, second] = order === 'mdy' ? [p.m, p.d] : [p.d, p.m];
          const date = shape === 'uk' ? `${pad(first)}${sep}${pad(second)}${sep}${pad(p.y, 4)}` : `${pad(p.y, 4)}${sep}${pad(p.m)}${sep}${pad(p.d)}`;
          const clock = time === 'none' ? '' : `${joiner}${pad(p.h)}:${pad(p.mi)}${time === 'hms' ? `:${pad(p.s)}` : ''}`;
          const raw = date + clock;
          // An ISO date is read year first whatever the column's order.
          const want = expected(raw, p, time);
          expect(parseDate(raw, shape === 'iso' ? 'dmy' : order), raw).toEqual(want);
          expect(parseDate(`  ${raw} `, shape === 'iso' ? 'mdy' : order), raw).toEqual(want);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('combineDateTime', () => {
  it('joins a date and any time the parsers give, padding and dropping zero seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.boolean(), (h, mi, s, padded) => {
        const time = padded ? `${pad(h)}:${pad(mi)}${s ? `:${pad(s)}` : ''}` : `${h}:${mi}${s ? `:${s}` : ''}`;
        const want = `2024-03-01T${pad(h)}:${pad(mi)}${s ? `:${pad(s)}` : ''}`;
        expect(combineDateTime('2024-03-01', time)).toBe(want);
      }),
    );
    expect(combineDateTime('2024-03-01', null)).toBe('2024-03-01T00:00');
    expect(combineDateTime('2024-03-01', '07:05:00')).toBe('2024-03-01T07:05');
  });
});
