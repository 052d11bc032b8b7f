import type { Database } from 'sql.js';
import { wallClockSeconds, dayNumber } from '../metrics/calendar';
import { turnaroundBin } from '../metrics/percentile';

/** The exam columns the summaries depend on, in this order. */
export const SUMMARY_SOURCE_COLUMNS =
  'exam_at, reported_at, site, modality, modality_unknown, patient_source, reporter_code, extract_group, provider, reporter_name';

export interface SummaryInput {
  examAt: string;
  reportedAt: string | null;
  site: string | null;
  modality: string;
  modalityUnknown: boolean;
  patientSource: string | null;
  reporterCode: string | null;
  extractGroup: string | null;
  provider: string | null;
  reporterName: string | null;
}

const SEP = '\u0001';
const ROWS_PER_STATEMENT = 32;
const UNREPORTED = Number.NaN;

function bump(map: Map<string, Map<number, number>>, key: string, inner: number, sign: number): void {
  let counts = map.get(key);
  if (!counts) map.set(key, (counts = new Map()));
  counts.set(inner, (counts.get(inner) ?? 0) + sign);
}

/** Adds each turnaround's bin after its value: (month, site, modality, source, seconds, bin). */
function* withBins(rows: Iterable<[(string | null)[], number]>): Generator<[(string | null)[], number]> {
  for (const [key, n] of rows) yield [[...key, String(turnaroundBin(Number(key[4])))], n];
}

/** Sums the turnaround histogram per bin: (month, site, modality, source, bin) → count. */
function* binTotals(map: Map<string, Map<number, number>>): Generator<[(string | null)[], number]> {
  for (const [outer, counts] of map) {
    const parts = outer.split(SEP);
    const bins = new Map<number, number>();
    for (const [seconds, n] of counts) {
      const bin = turnaroundBin(seconds);
      bins.set(bin, (bins.get(bin) ?? 0) + n);
    }
    for (const [bin, n] of bins) yield [[...parts, String(bin)], n];
  }
}

/** Expands nested counts into (key parts + inner key, count) rows for the upsert. */
function* flatten(
  map: Map<string, Map<number, number>>,
  innerKey: (inner: number) => string | null,
): Generator<[(string | null)[], number]> {
  for (const [outer, counts] of map) {
    const parts = outer.split(SEP);
    for (const [inner, n] of counts) yield [[...parts, innerKey(inner)], n];
  }
}
const BREACH_SECONDS = 28 * 86_400;

/** The group a report has before the staff register is consulted (METRICS.md steps 2–4). */
export function baseGroup(extractGroup: string | null, provider: string | null): string {
  if (extractGroup) return extractGroup;
  if (provider) return 'outsourced';
  return 'unclassified';
}

/**
 * Accumulates signed contributions of examinations to the summary tables, then writes them in one pass.
 * The same code adds new rows (+1), removes replaced or undone rows (−1) and rebuilds from scratch,
 * so the summaries cannot drift from the exam table.
 */
export class SummaryAccumulator {
  private exams = new Map<string, number>();
  private reports = new Map<string, [number, number, number]>();
  /** (month, site, modality, source) → turnaround seconds → count: numeric inner keys keep this fast. */
  private tat = new Map<string, Map<number, number>>();
  /** (exam date, site, modality) → lag in days (NaN for unreported) → count. */
  private lag = new Map<string, Map<number, number>>();
  private reporterNames = new Map<string, string>();
  negativeTurnaround = 0;
  unknownModality = 0;

  add(row: SummaryInput, sign: 1 | -1): void {
    const site = row.site ?? '';
    const siteModality = SEP + site + SEP + row.modality;
    const examKey = row.examAt.slice(0, 7) + siteModality + SEP + (row.modalityUnknown ? 1 : 0);
    this.exams.set(examKey, (this.exams.get(examKey) ?? 0) + sign);
    if (row.modalityUnknown) this.unknownModality += sign;

    const examDate = row.examAt.slice(0, 10);
    const lagDays = row.reportedAt === null ? UNREPORTED : dayNumber(row.reportedAt) - dayNumber(examDate);
    bump(this.lag, examDate + siteModality, lagDays, sign);

    if (row.reportedAt === null) return;
    const source = row.patientSource ?? '';
    const monthSiteModality = row.reportedAt.slice(0, 7) + siteModality;
    const tatSeconds = wallClockSeconds(row.reportedAt) - wallClockSeconds(row.examAt);
    const negative = tatSeconds < 0 ? 1 : 0;
    const breach = tatSeconds > BREACH_SECONDS ? 1 : 0;
    const reportKey =
      monthSiteModality + SEP + (row.reporterCode ?? '') + SEP + baseGroup(row.extractGroup, row.provider) + SEP + (row.provider ?? '');
    const counts = this.reports.get(reportKey);
    if (counts) {
      counts[0] += sign;
      counts[1] += sign * negative;
      counts[2] += sign * breach;
    } else {
      this.reports.set(reportKey, [sign, sign * negative, sign * breach]);
    }
    if (negative) this.negativeTurnaround += sign;
    else bump(this.tat, monthSiteModality + SEP + source, tatSeconds, sign);
    if (sign > 0 && row.reporterCode && row.reporterName) this.reporterNames.set(row.reporterCode, row.reporterName);
  }

  /** Adds every row a query returns; the query must select SUMMARY_SOURCE_COLUMNS in order. */
  addQuery(db: Database, sql: string, params: (string | number)[], sign: 1 | -1): number {
    const stmt = db.prepare(sql);
    let count = 0;
    try {
      stmt.bind(params);
      while (stmt.step()) {
        const v = stmt.get();
        this.add(
          {
            examAt: v[0] as string,
            reportedAt: (v[1] as string | null) ?? null,
            site: (v[2] as string | null) ?? null,
            modality: v[3] as string,
            modalityUnknown: v[4] === 1,
            patientSource: (v[5] as string | null) ?? null,
            reporterCode: (v[6] as string | null) ?? null,
            extractGroup: (v[7] as string | null) ?? null,
            provider: (v[8] as string | null) ?? null,
            reporterName: (v[9] as string | null) ?? null,
          },
          sign,
        );
        count++;
      }
    } finally {
      stmt.free();
    }
    return count;
  }

  /** Writes the accumulated deltas into the summary tables and drops rows that reach zero. */
  flush(db: Database): void {
    // Several rows per statement: a big import writes hundreds of thousands of histogram rows.
    const upsert = (sql: string, entries: Iterable<[string | (string | null)[], number | number[]]>) => {
      const tuple = /VALUES (\([^)]*\))/.exec(sql)![1]!;
      const width = tuple.split('?').length - 1;
      const one = db.prepare(sql);
      const many = db.prepare(sql.replace(`VALUES ${tuple}`, `VALUES ${Array(ROWS_PER_STATEMENT).fill(tuple).join(', ')}`));
      let pending: (string | number | null)[] = [];
      try {
        for (const [key, value] of entries) {
          const counts = Array.isArray(value) ? value : [value];
          if (counts.every((c) => c === 0)) continue;
          // Column affinity turns numeric key parts back into integers.
          pending.push(...(typeof key === 'string' ? key.split(SEP) : key), ...counts);
          if (pending.length === width * ROWS_PER_STATEMENT) {
            many.run(pending);
            pending = [];
          }
        }
        for (let at = 0; at < pending.length; at += width) one.run(pending.slice(at, at + width));
      } finally {
        one.free();
        many.free();
      }
    };
    upsert(
      'INSERT INTO sum_exam (month, site, modality, unknown, n) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT DO UPDATE SET n = n + excluded.n',
      this.exams,
    );
    upsert(
      'INSERT INTO sum_report (month, site, modality, reporter_code, base_group, provider, n, negative, breaches) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n, ' +
        'negative = negative + excluded.negative, breaches = breaches + excluded.breaches',
      this.reports,
    );
    upsert(
      'INSERT INTO sum_tat (month, site, modality, source, tat_sec, bin, n) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT DO UPDATE SET n = n + excluded.n',
      withBins(flatten(this.tat, (seconds) => String(seconds))),
    );
    upsert(
      'INSERT INTO sum_tat_bin (month, site, modality, source, bin, n) VALUES (?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT DO UPDATE SET n = n + excluded.n',
      binTotals(this.tat),
    );
    upsert(
      'INSERT INTO sum_lag (exam_date, site, modality, lag_days, n) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT (exam_date, site, modality, ifnull(lag_days, -999999)) DO UPDATE SET n = n + excluded.n',
      flatten(this.lag, (days) => (Number.isNaN(days) ? null : String(days))),
    );
    db.exec(`
      DELETE FROM sum_exam WHERE n = 0;
      DELETE FROM sum_report WHERE n = 0;
      DELETE FROM sum_tat WHERE n = 0;
      DELETE FROM sum_tat_bin WHERE n = 0;
      DELETE FROM sum_lag WHERE n = 0;
    `);
    const names = db.prepare(
      'INSERT INTO reporter_seen (code, name) VALUES (?, ?) ON CONFLICT DO UPDATE SET name = excluded.name',
    );
    try {
      for (const [code, name] of this.reporterNames) names.run([code, name]);
    } finally {
      names.free();
    }
  }
}

/** Recomputes every summary from the exam table (after an undo or a migration). */
export function rebuildSummaries(db: Database): void {
  db.exec('DELETE FROM sum_exam; DELETE FROM sum_report; DELETE FROM sum_tat; DELETE FROM sum_tat_bin; DELETE FROM sum_lag;');
  const acc = new SummaryAccumulator();
  acc.addQuery(db, `SELECT ${SUMMARY_SOURCE_COLUMNS} FROM exam`, [], 1);
  acc.flush(db);
}
