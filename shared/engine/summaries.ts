import type { Database, Statement } from 'sql.js';
import { wallClockSeconds } from '../metrics/calendar';
import { turnaroundBin } from '../metrics/percentile';
import { CellValues, withChanges, type CountedValues } from './cellValues';
import { DateCodes, PairCodes, StringCodes, standardTimeOfDay } from './summaryCodes';

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

const ROWS_PER_STATEMENT = 32;
const UNREPORTED = Number.NaN;
const BREACH_SECONDS = 28 * 86_400;

/** The group a report has before the staff register is consulted (METRICS.md steps 2–4). */
export function baseGroup(extractGroup: string | null, provider: string | null): string {
  if (extractGroup) return extractGroup;
  if (provider) return 'outsourced';
  return 'unclassified';
}

/** Takes one away from a value's count in a cell (rows taken away are few: a Map will do). */
function takeAway(maps: Map<number, number>[], cell: number, value: number): void {
  let counts = maps[cell];
  if (counts === undefined) maps[cell] = counts = new Map();
  counts.set(value, (counts.get(value) ?? 0) - 1);
}

/** A key part for a numeric column: bound as a number (as column affinity would store its text). */
function sqlNumber(n: number): number | string {
  return Number.isFinite(n) ? n : String(n);
}

/** Upserts rows several to a statement: a big import writes hundreds of thousands of histogram rows. */
class BulkUpsert {
  private readonly one: Statement;
  private readonly many: Statement;
  private readonly width: number;
  private pending: (string | number | null)[] = [];

  constructor(db: Database, sql: string) {
    const tuple = /VALUES (\([^)]*\))/.exec(sql)![1]!;
    this.width = tuple.split('?').length - 1;
    this.one = db.prepare(sql);
    this.many = db.prepare(sql.replace(`VALUES ${tuple}`, `VALUES ${Array(ROWS_PER_STATEMENT).fill(tuple).join(', ')}`));
  }

  /** Where a row's values go, in column order; call endRow() after each row. */
  get values(): (string | number | null)[] {
    return this.pending;
  }

  endRow(): void {
    if (this.pending.length === this.width * ROWS_PER_STATEMENT) {
      this.many.run(this.pending);
      this.pending = [];
    }
  }

  finish(): void {
    for (let at = 0; at < this.pending.length; at += this.width) this.one.run(this.pending.slice(at, at + this.width));
    this.pending = [];
  }

  free(): void {
    this.one.free();
    this.many.free();
  }
}

/** Each string's place in sorted order (by UTF-16 code units: the same as SQLite's for all but rare characters). */
function rankOf(values: readonly string[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0));
  const rank = new Array<number>(values.length);
  order.forEach((code, place) => (rank[code] = place));
  return rank;
}

interface BinRow {
  bin: number;
  n: number;
  /** The bin's values as sum_tat_values holds them: {"seconds": count, …}, ascending. */
  values: string;
}

/** One cell's turnaround values (ascending, zero counts left out) grouped by bin. */
function binnedValues({ values, counts }: CountedValues): BinRow[] {
  const rows: BinRow[] = [];
  let at = 0;
  while (at < values.length) {
    const bin = turnaroundBin(values[at]!);
    let n = 0;
    let json = '';
    for (; at < values.length && turnaroundBin(values[at]!) === bin; at++) {
      n += counts[at]!;
      json += `${json ? ',' : '{'}"${values[at]}":${counts[at]}`;
    }
    rows.push({ bin, n, values: `${json}}` });
  }
  return rows;
}

interface StoredCell {
  bins: number[];
  values: Map<number, number>;
}

/** The turnaround values already stored, read a cell at a time (a first import, into empty tables, reads nothing). */
class StoredTurnarounds {
  private readonly stmt: Statement | null;

  constructor(db: Database) {
    const empty = db.exec('SELECT 1 FROM sum_tat_values LIMIT 1').length === 0;
    this.stmt = empty
      ? null
      : db.prepare('SELECT bin, tat_values FROM sum_tat_values WHERE month = ? AND site = ? AND modality = ? AND source = ?');
  }

  read(key: readonly string[]): StoredCell | null {
    const stmt = this.stmt;
    if (stmt === null) return null;
    stmt.bind([...key]);
    const cell: StoredCell = { bins: [], values: new Map() };
    while (stmt.step()) {
      const [bin, values] = stmt.get() as [number, string];
      cell.bins.push(bin);
      for (const [seconds, n] of Object.entries(JSON.parse(values) as Record<string, number>)) cell.values.set(Number(seconds), n);
    }
    stmt.reset();
    return cell.bins.length > 0 ? cell : null;
  }

  free(): void {
    this.stmt?.free();
  }
}

function upsertAll(db: Database, sql: string, write: (upsert: BulkUpsert) => void): void {
  const upsert = new BulkUpsert(db, sql);
  try {
    write(upsert);
    upsert.finish();
  } finally {
    upsert.free();
  }
}

/**
 * Accumulates signed contributions of examinations to the summary tables, then writes them in one pass.
 * The same code adds new rows (+1), removes replaced or undone rows (−1) and rebuilds from scratch,
 * so the summaries cannot drift from the exam table.
 *
 * Every key part is coded as a small integer once (site and modality, source, reporter, dates, months), so that
 * adding a row is integer work: a million-row import adds a million rows here.
 */
export class SummaryAccumulator {
  private readonly months = new StringCodes();
  private readonly dates = new DateCodes(this.months);
  private readonly sources = new StringCodes();
  private readonly siteModalityIndex = new Map<string, Map<string, number>>();
  private readonly sites: string[] = [];
  private readonly modalities: string[] = [];
  /** (reporter code, base group, provider) → code. */
  private readonly reporterIndex = new Map<string, Map<string, Map<string, number>>>();
  private readonly reporters: [string, string, string][] = [];
  /** (site-modality, source) and (site-modality, reporter). */
  private readonly withSource = new PairCodes();
  private readonly withReporter = new PairCodes();

  /** (site-modality × 2 + unknown, exam month) → n. */
  private readonly examCells = new PairCodes();
  private readonly examN: number[] = [];
  /** (site-modality-reporter, report month) → n, negative, breaches. */
  private readonly reportCells = new PairCodes();
  private readonly reportN: number[] = [];
  private readonly reportNegative: number[] = [];
  private readonly reportBreaches: number[] = [];
  /** (site-modality-source, report month) → turnaround seconds added, and taken away. */
  private readonly tatCells = new PairCodes();
  private readonly tatAdded = new CellValues();
  private readonly tatTaken: Map<number, number>[] = [];
  /** (site-modality, exam date) → lag in days (NaN for unreported) added, and taken away. */
  private readonly lagCells = new PairCodes();
  private readonly lagAdded = new CellValues();
  private readonly lagTaken: Map<number, number>[] = [];

  private readonly reporterNames = new Map<string, string>();
  /** Whether any row was taken away: only then can a summary row reach zero. */
  private subtracted = false;
  negativeTurnaround = 0;
  unknownModality = 0;

  private siteModality(site: string, modality: string): number {
    let bySite = this.siteModalityIndex.get(site);
    if (bySite === undefined) this.siteModalityIndex.set(site, (bySite = new Map()));
    let code = bySite.get(modality);
    if (code === undefined) {
      code = this.sites.length;
      bySite.set(modality, code);
      this.sites.push(site);
      this.modalities.push(modality);
    }
    return code;
  }

  private reporter(code: string, group: string, provider: string): number {
    let byCode = this.reporterIndex.get(code);
    if (byCode === undefined) this.reporterIndex.set(code, (byCode = new Map()));
    let byGroup = byCode.get(group);
    if (byGroup === undefined) byCode.set(group, (byGroup = new Map()));
    let id = byGroup.get(provider);
    if (id === undefined) {
      id = this.reporters.length;
      byGroup.set(provider, id);
      this.reporters.push([code, group, provider]);
    }
    return id;
  }

  add(row: SummaryInput, sign: 1 | -1): void {
    if (sign < 0) this.subtracted = true;
    const sm = this.siteModality(row.site ?? '', row.modality);
    const exam = this.dates.code(row.examAt);
    const examCell = this.examCells.code(sm * 2 + (row.modalityUnknown ? 1 : 0), this.dates.month[exam]!);
    if (examCell === this.examN.length) this.examN.push(0);
    this.examN[examCell]! += sign;
    if (row.modalityUnknown) this.unknownModality += sign;

    const reportedAt = row.reportedAt;
    const report = reportedAt === null ? -1 : this.dates.code(reportedAt);
    const lagDays = report < 0 ? UNREPORTED : this.dates.day[report]! - this.dates.day[exam]!;
    const lagCell = this.lagCells.code(sm, exam);
    if (sign > 0) this.lagAdded.add(lagCell, lagDays);
    else takeAway(this.lagTaken, lagCell, lagDays);

    if (reportedAt === null) return;
    const reportMonth = this.dates.month[report]!;
    const examTime = standardTimeOfDay(row.examAt);
    const reportTime = standardTimeOfDay(reportedAt);
    const tatSeconds =
      examTime >= 0 && reportTime >= 0 && this.dates.standard[exam] && this.dates.standard[report]
        ? (this.dates.day[report]! - this.dates.day[exam]!) * 86_400 + reportTime - examTime
        : wallClockSeconds(reportedAt) - wallClockSeconds(row.examAt);
    const negative = tatSeconds < 0 ? 1 : 0;
    const breach = tatSeconds > BREACH_SECONDS ? 1 : 0;
    const who = this.reporter(row.reporterCode ?? '', baseGroup(row.extractGroup, row.provider), row.provider ?? '');
    const reportCell = this.reportCells.code(this.withReporter.code(sm, who), reportMonth);
    if (reportCell === this.reportN.length) {
      this.reportN.push(0);
      this.reportNegative.push(0);
      this.reportBreaches.push(0);
    }
    this.reportN[reportCell]! += sign;
    this.reportNegative[reportCell]! += sign * negative;
    this.reportBreaches[reportCell]! += sign * breach;
    if (negative) this.negativeTurnaround += sign;
    // A turnaround that is not a number (which valid dates never give) cannot be ranked: counted, not binned.
    else if (Number.isFinite(tatSeconds)) {
      const tatCell = this.tatCells.code(this.withSource.code(sm, this.sources.code(row.patientSource ?? '')), reportMonth);
      if (sign > 0) this.tatAdded.add(tatCell, tatSeconds);
      else takeAway(this.tatTaken, tatCell, tatSeconds);
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

  /** The turnaround cells ordered as (month, site, modality, source) sort in SQLite. */
  private tatCellsInKeyOrder(): number[] {
    const monthRank = rankOf(this.months.values);
    const siteRank = rankOf(this.sites);
    const modalityRank = rankOf(this.modalities);
    const sourceRank = rankOf(this.sources.values);
    const { first, second } = this.tatCells;
    const parts = (cell: number) => {
      const sms = first[cell]!;
      const sm = this.withSource.first[sms]!;
      return [monthRank[second[cell]!]!, siteRank[sm]!, modalityRank[sm]!, sourceRank[this.withSource.second[sms]!]!];
    };
    const keys = first.map((_, cell) => parts(cell));
    return keys
      .map((_, cell) => cell)
      .sort((a, b) => {
        const x = keys[a]!;
        const y = keys[b]!;
        return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]! || x[3]! - y[3]!;
      });
  }

  /** A turnaround cell's key: (month, site, modality, source). */
  private tatCellKey(cell: number): [string, string, string, string] {
    const sms = this.tatCells.first[cell]!;
    const sm = this.withSource.first[sms]!;
    return [this.months.values[this.tatCells.second[cell]!]!, this.sites[sm]!, this.modalities[sm]!, this.sources.values[this.withSource.second[sms]!]!];
  }

  /**
   * Writes the turnaround histogram, merged with what is stored: per cell and bin, the count (sum_tat_bin) and the
   * values with their counts (sum_tat_values). Rows go in key order (month, site, modality, source, bin):
   * appending to a B-tree is much cheaper than inserting all over it, and leaves its pages full.
   */
  private flushTurnarounds(db: Database): void {
    const stored = new StoredTurnarounds(db);
    const counts = new BulkUpsert(
      db,
      'INSERT INTO sum_tat_bin (month, site, modality, source, bin, n) VALUES (?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT DO UPDATE SET n = excluded.n',
    );
    const values = new BulkUpsert(
      db,
      'INSERT INTO sum_tat_values (month, site, modality, source, bin, tat_values) VALUES (?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (month, site, modality, source, bin) DO UPDATE SET tat_values = excluded.tat_values',
    );
    const write = (key: readonly string[], row: BinRow) => {
      counts.values.push(...key, row.bin, row.n);
      counts.endRow();
      values.values.push(...key, row.bin, row.values);
      values.endRow();
    };
    try {
      for (const cell of this.tatCellsInKeyOrder()) {
        const key = this.tatCellKey(cell);
        const before = stored.read(key);
        const counted = withChanges(this.tatAdded.counted(cell), this.tatTaken[cell], before?.values);
        const written = new Set<number>();
        for (const row of binnedValues(counted)) {
          write(key, row);
          written.add(row.bin);
        }
        // A bin whose values all went: zero and empty, so that the clean-up deletes it.
        for (const bin of before?.bins ?? []) if (!written.has(bin)) write(key, { bin, n: 0, values: '{}' });
      }
      counts.finish();
      values.finish();
    } finally {
      stored.free();
      counts.free();
      values.free();
    }
  }

  /** Writes the accumulated deltas into the summary tables and drops rows that reach zero. */
  flush(db: Database): void {
    const { sites, modalities, months, dates, reporters, withReporter } = this;
    upsertAll(
      db,
      'INSERT INTO sum_exam (month, site, modality, unknown, n) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n',
      (upsert) => {
        const { first, second } = this.examCells;
        for (let cell = 0; cell < this.examN.length; cell++) {
          const n = this.examN[cell]!;
          if (n === 0) continue;
          const smu = first[cell]!;
          const sm = smu >> 1;
          upsert.values.push(months.values[second[cell]!]!, sites[sm]!, modalities[sm]!, smu & 1, n);
          upsert.endRow();
        }
      },
    );
    upsertAll(
      db,
      'INSERT INTO sum_report (month, site, modality, reporter_code, base_group, provider, n, negative, breaches) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n, ' +
        'negative = negative + excluded.negative, breaches = breaches + excluded.breaches',
      (upsert) => {
        const { first, second } = this.reportCells;
        for (let cell = 0; cell < this.reportN.length; cell++) {
          const n = this.reportN[cell]!;
          const negative = this.reportNegative[cell]!;
          const breaches = this.reportBreaches[cell]!;
          if (n === 0 && negative === 0 && breaches === 0) continue;
          const smr = first[cell]!;
          const sm = withReporter.first[smr]!;
          const [code, group, provider] = reporters[withReporter.second[smr]!]!;
          upsert.values.push(months.values[second[cell]!]!, sites[sm]!, modalities[sm]!, code, group, provider, n, negative, breaches);
          upsert.endRow();
        }
      },
    );
    this.flushTurnarounds(db);
    upsertAll(
      db,
      'INSERT INTO sum_lag (exam_date, site, modality, lag_days, n) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT (exam_date, site, modality, ifnull(lag_days, -999999)) DO UPDATE SET n = n + excluded.n',
      (upsert) => {
        const { first, second } = this.lagCells;
        for (let cell = 0; cell < first.length; cell++) {
          const sm = first[cell]!;
          const date = dates.text[second[cell]!]!;
          const { values, counts } = withChanges(this.lagAdded.counted(cell), this.lagTaken[cell]);
          values.forEach((days, i) => {
            upsert.values.push(date, sites[sm]!, modalities[sm]!, Number.isNaN(days) ? null : sqlNumber(days), counts[i]!);
            upsert.endRow();
          });
        }
      },
    );
    if (this.subtracted) {
      db.exec(`
        DELETE FROM sum_exam WHERE n = 0;
        DELETE FROM sum_report WHERE n = 0;
        DELETE FROM sum_tat_bin WHERE n = 0;
        DELETE FROM sum_tat_values WHERE tat_values = '{}';
        DELETE FROM sum_lag WHERE n = 0;
      `);
    }
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
  db.exec('DELETE FROM sum_exam; DELETE FROM sum_report; DELETE FROM sum_tat_bin; DELETE FROM sum_tat_values; DELETE FROM sum_lag;');
  const acc = new SummaryAccumulator();
  acc.addQuery(db, `SELECT ${SUMMARY_SOURCE_COLUMNS} FROM exam`, [], 1);
  acc.flush(db);
}
