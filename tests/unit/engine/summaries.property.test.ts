/**
 * The summary accumulator codes every key part as a small integer and writes the histogram in key order, for
 * speed. Whatever rows come and go, the summary tables must hold what a plain reading of the rules gives:
 * counts keyed by the month, date, site, modality, source and reporter as written, turnarounds as wall-clock
 * seconds, and no row left at zero.
 */
import fc from 'fast-check';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../shared/db/connection';
import { baseGroup, SummaryAccumulator, type SummaryInput } from '../../../shared/engine/summaries';
import { dayNumber, wallClockSeconds } from '../../../shared/metrics/calendar';
import { turnaroundBin } from '../../../shared/metrics/percentile';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

type Tables = Record<string, string[]>;

/** The summary tables a list of signed rows should leave, computed the plain way: one string key per row. */
function expectedTables(rows: [SummaryInput, 1 | -1][]): Tables {
  const tally = (map: Map<string, number[]>, key: unknown[], values: number[]) => {
    const k = JSON.stringify(key);
    const sums = map.get(k) ?? values.map(() => 0);
    map.set(k, sums.map((s, i) => s + values[i]!));
  };
  const exam = new Map<string, number[]>();
  const report = new Map<string, number[]>();
  const tat = new Map<string, number[]>();
  const tatBin = new Map<string, number[]>();
  const lag = new Map<string, number[]>();
  for (const [r, sign] of rows) {
    const site = r.site ?? '';
    tally(exam, [r.examAt.slice(0, 7), site, r.modality, r.modalityUnknown ? 1 : 0], [sign]);
    const lagDays = r.reportedAt === null ? null : dayNumber(r.reportedAt) - dayNumber(r.examAt.slice(0, 10));
    tally(lag, [r.examAt.slice(0, 10), site, r.modality, lagDays], [sign]);
    if (r.reportedAt === null) continue;
    const seconds = wallClockSeconds(r.reportedAt) - wallClockSeconds(r.examAt);
    const month = r.reportedAt.slice(0, 7);
    const key = [month, site, r.modality, r.reporterCode ?? '', baseGroup(r.extractGroup, r.provider), r.provider ?? ''];
    tally(report, key, [sign, seconds < 0 ? sign : 0, seconds > 28 * 86_400 ? sign : 0]);
    if (seconds < 0) continue;
    const source = r.patientSource ?? '';
    tally(tat, [month, site, r.modality, source, seconds, turnaroundBin(seconds)], [sign]);
    tally(tatBin, [month, site, r.modality, source, turnaroundBin(seconds)], [sign]);
  }
  const rowsOf = (map: Map<string, number[]>) =>
    [...map]
      .filter(([, sums]) => sums[0] !== 0)
      .map(([key, sums]) => JSON.stringify([...(JSON.parse(key) as unknown[]), ...sums]))
      .sort();
  return { sum_exam: rowsOf(exam), sum_report: rowsOf(report), sum_tat: rowsOf(tat), sum_tat_bin: rowsOf(tatBin), sum_lag: rowsOf(lag) };
}

/** What each summary holds, as rows; the turnaround values come out of each bin's list. */
const READ: Record<string, string> = {
  sum_exam: 'SELECT month, site, modality, unknown, n FROM sum_exam',
  sum_report: 'SELECT month, site, modality, reporter_code, base_group, provider, n, negative, breaches FROM sum_report',
  sum_tat:
    'SELECT month, site, modality, source, CAST(pair.key AS NUMERIC), bin, pair.value FROM sum_tat_values, json_each(tat_values) AS pair',
  sum_tat_bin: 'SELECT month, site, modality, source, bin, n FROM sum_tat_bin',
  sum_lag: 'SELECT exam_date, site, modality, lag_days, n FROM sum_lag',
};

function storedTables(db: Database): Tables {
  const tables: Tables = {};
  for (const [table, sql] of Object.entries(READ)) {
    const result = db.exec(sql)[0];
    tables[table] = (result?.values ?? []).map((row) => JSON.stringify(row)).sort();
  }
  return tables;
}

/** Bins whose values are not in ascending order, or do not add up to the bin's count. */
function inconsistentBins(db: Database): unknown[] {
  const rows =
    db.exec(
      `SELECT c.n, v.tat_values FROM sum_tat_bin c
         FULL JOIN sum_tat_values v USING (month, site, modality, source, bin)`,
    )[0]?.values ?? [];
  return rows.filter(([n, values]) => {
    if (n === null || values === null) return true; // a count without values, or values without a count
    const seconds = [...(values as string).matchAll(/"([^"]+)":/g)].map((m) => Number(m[1]));
    const ascending = seconds.every((s, i) => i === 0 || seconds[i - 1]! < s);
    const total = Object.values(JSON.parse(values as string) as Record<string, number>).reduce((a, b) => a + b, 0);
    return !ascending || total !== n;
  });
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Date-times as the importer writes them, with a few other shapes that older files or hand edits could hold. */
const dateTime = fc
  .record({
    y: fc.integer({ min: 2022, max: 2024 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    shape: fc.constantFrom('hm', 'hm', 'hm', 'hms', 'space', 'date'),
  })
  .map(({ y, m, d, h, mi, s, shape }) => {
    const date = `${y}-${pad(m)}-${pad(d)}`;
    if (shape === 'hm') return `${date}T${pad(h)}:${pad(mi)}`;
    if (shape === 'hms') return `${date}T${pad(h)}:${pad(mi)}:${pad(s)}`;
    if (shape === 'space') return `${date} ${pad(h)}:${pad(mi)}`;
    return date;
  });

const summaryRow: fc.Arbitrary<SummaryInput> = fc.record({
  examAt: dateTime,
  reportedAt: fc.option(dateTime, { freq: 4 }),
  site: fc.option(fc.constantFrom('RXX01', 'RXX02', 'Main'), { freq: 5 }),
  modality: fc.constantFrom('XR', 'CT', 'MR', 'OT'),
  modalityUnknown: fc.boolean(),
  patientSource: fc.option(fc.constantFrom('inpatient', 'outpatient', 'emergency'), { freq: 5 }),
  reporterCode: fc.option(fc.constantFrom('RAD01', 'RAD02', 'REP7'), { freq: 5 }),
  extractGroup: fc.option(fc.constantFrom('radiologist', 'reporting_radiographer'), { freq: 2 }),
  provider: fc.option(fc.constantFrom('Medica', 'Everlight'), { freq: 3 }),
  reporterName: fc.option(fc.constantFrom('Jones, E', 'Smith, A'), { freq: 5 }),
});

describe('SummaryAccumulator', () => {
  it('writes what the rules give for any rows added and taken away again, over summaries already stored', () => {
    fc.assert(
      fc.property(
        fc.array(summaryRow, { maxLength: 60 }),
        fc.array(summaryRow, { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (earlier, added, removedAt) => {
          const { db } = openDatabase(SQL, null);
          try {
            // An earlier import, then one that adds rows and takes some of the earlier ones away (as a replacing import does).
            const first = new SummaryAccumulator();
            for (const row of earlier) first.add(row, 1);
            first.flush(db);
            const removed = earlier.length ? removedAt.map((i) => earlier[i % earlier.length]!) : [];
            const second = new SummaryAccumulator();
            for (const row of added) second.add(row, 1);
            for (const row of new Set(removed)) second.add(row, -1);
            second.flush(db);
            const signed: [SummaryInput, 1 | -1][] = [
              ...earlier.map((r) => [r, 1] as [SummaryInput, 1]),
              ...added.map((r) => [r, 1] as [SummaryInput, 1]),
              ...[...new Set(removed)].map((r) => [r, -1] as [SummaryInput, -1]),
            ];
            expect(storedTables(db)).toEqual(expectedTables(signed));
            expect(inconsistentBins(db)).toEqual([]);
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
