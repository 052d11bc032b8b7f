import type { Database } from 'sql.js';
import { wallClockSeconds, dayNumber } from '../metrics/calendar';

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
  private tat = new Map<string, number>();
  private lag = new Map<string, number>();
  private reporterNames = new Map<string, string>();
  negativeTurnaround = 0;
  unknownModality = 0;

  add(row: SummaryInput, sign: 1 | -1): void {
    const site = row.site ?? '';
    const examMonth = row.examAt.slice(0, 7);
    const examKey = examMonth + SEP + site + SEP + row.modality + SEP + (row.modalityUnknown ? 1 : 0);
    this.exams.set(examKey, (this.exams.get(examKey) ?? 0) + sign);
    if (row.modalityUnknown) this.unknownModality += sign;

    const examDate = row.examAt.slice(0, 10);
    let lagDays = '';
    if (row.reportedAt !== null) {
      lagDays = String(dayNumber(row.reportedAt.slice(0, 10)) - dayNumber(examDate));
    }
    const lagKey = examDate + SEP + site + SEP + row.modality + SEP + lagDays;
    this.lag.set(lagKey, (this.lag.get(lagKey) ?? 0) + sign);

    if (row.reportedAt === null) return;
    const reportMonth = row.reportedAt.slice(0, 7);
    const source = row.patientSource ?? '';
    const tatSeconds = wallClockSeconds(row.reportedAt) - wallClockSeconds(row.examAt);
    const negative = tatSeconds < 0 ? 1 : 0;
    const breach = tatSeconds > BREACH_SECONDS ? 1 : 0;
    const reportKey =
      reportMonth + SEP + site + SEP + row.modality + SEP + source + SEP + (row.reporterCode ?? '') + SEP +
      baseGroup(row.extractGroup, row.provider) + SEP + (row.provider ?? '');
    const counts = this.reports.get(reportKey);
    if (counts) {
      counts[0] += sign;
      counts[1] += sign * negative;
      counts[2] += sign * breach;
    } else {
      this.reports.set(reportKey, [sign, sign * negative, sign * breach]);
    }
    if (negative) {
      this.negativeTurnaround += sign;
    } else {
      const tatKey = reportMonth + SEP + site + SEP + row.modality + SEP + source + SEP + tatSeconds;
      this.tat.set(tatKey, (this.tat.get(tatKey) ?? 0) + sign);
    }
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
    const upsert = (sql: string, entries: Iterable<[string, number | number[]]>) => {
      const stmt = db.prepare(sql);
      try {
        for (const [key, value] of entries) {
          const counts = Array.isArray(value) ? value : [value];
          if (counts.every((c) => c === 0)) continue;
          // Column affinity turns numeric key parts back into integers.
          stmt.run([...key.split(SEP), ...counts]);
        }
      } finally {
        stmt.free();
      }
    };
    upsert(
      'INSERT INTO sum_exam (month, site, modality, unknown, n) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT DO UPDATE SET n = n + excluded.n',
      this.exams,
    );
    upsert(
      'INSERT INTO sum_report (month, site, modality, source, reporter_code, base_group, provider, n, negative, breaches) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n, ' +
        'negative = negative + excluded.negative, breaches = breaches + excluded.breaches',
      this.reports,
    );
    upsert(
      'INSERT INTO sum_tat (month, site, modality, source, tat_sec, n) VALUES (?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT DO UPDATE SET n = n + excluded.n',
      this.tat,
    );
    const lagStmt = db.prepare(
      'INSERT INTO sum_lag (exam_date, site, modality, lag_days, n) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT (exam_date, site, modality, ifnull(lag_days, -999999)) DO UPDATE SET n = n + excluded.n',
    );
    try {
      for (const [key, n] of this.lag) {
        if (n === 0) continue;
        const [examDate, site, modality, lag] = key.split(SEP);
        lagStmt.run([examDate!, site!, modality!, lag === '' ? null : Number(lag), n]);
      }
    } finally {
      lagStmt.free();
    }
    db.exec(`
      DELETE FROM sum_exam WHERE n = 0;
      DELETE FROM sum_report WHERE n = 0;
      DELETE FROM sum_tat WHERE n = 0;
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
  db.exec('DELETE FROM sum_exam; DELETE FROM sum_report; DELETE FROM sum_tat; DELETE FROM sum_lag;');
  const acc = new SummaryAccumulator();
  acc.addQuery(db, `SELECT ${SUMMARY_SOURCE_COLUMNS} FROM exam`, [], 1);
  acc.flush(db);
}
