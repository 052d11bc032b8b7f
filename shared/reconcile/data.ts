/**
 * What reconciliation reads from the database: statement lines, the RIS examinations of their accessions, and
 * the examinations each provider reported. Everything is fetched by index: statement lines by provider and
 * month or by accession; examinations by accession (their key) or, for a provider, through the partial index
 * exam_outsourced on (provider, reported_at). Lists go to SQLite as one JSON parameter.
 */
import type { Database, SqlValue } from 'sql.js';
import { queryRows } from '../db/connection';
import type { StaffGroup } from '../model';
import { STAFF_GROUPS } from '../model';
import { dateFromDayNumber, dayNumber, monthEnd } from '../metrics/calendar';
import type { RisExamInput, StatementLineInput } from './match';

const IN_LIST = '(SELECT value FROM json_each(?))';
const json = (values: readonly string[]): string => JSON.stringify(values);

/** Rows as value arrays, built into objects by the caller: several times faster than getAsObject on big reads. */
function mapRows<T>(db: Database, sql: string, params: (string | number | null)[], build: (r: SqlValue[]) => T): T[] {
  const stmt = db.prepare(sql);
  const out: T[] = [];
  try {
    stmt.bind(params);
    while (stmt.step()) out.push(build(stmt.get()));
  } finally {
    stmt.free();
  }
  return out;
}

const text = (v: SqlValue | undefined): string | null => (v === null || v === undefined ? null : String(v));

/** Canonical provider → the provider names statement lines were stored under. */
export function statementProviders(db: Database, canonical: (name: string) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { provider } of queryRows<{ provider: string }>(db, 'SELECT DISTINCT provider FROM statement_line ORDER BY provider')) {
    const c = canonical(provider);
    out.set(c, [...(out.get(c) ?? []), provider]);
  }
  return out;
}

/** The months a provider's statements cover, in order. */
export function coveredMonths(db: Database, storedNames: readonly string[]): string[] {
  return queryRows<{ month: string }>(db, `SELECT DISTINCT month FROM statement_line WHERE provider IN ${IN_LIST} ORDER BY month`, [json(storedNames)]).map(
    (r) => r.month,
  );
}

const LINE_COLUMNS = `s.id, s.batch_id, s.src_row, b.file, s.month, s.accession, s.exam_code, s.exam_name, s.modality, s.priority,
  s.reported_on, s.unit_price_pence, s.amount_pence`;

function toLine(r: SqlValue[]): StatementLineInput {
  return {
    id: Number(r[0]),
    batchId: Number(r[1]),
    srcRow: r[2] === null ? null : Number(r[2]),
    file: String(r[3]),
    month: String(r[4]),
    accession: String(r[5]),
    examCode: String(r[6] ?? ''),
    examName: text(r[7]),
    modality: text(r[8]),
    priority: text(r[9]),
    reportedOn: String(r[10]),
    unitPricePence: Number(r[11]),
    amountPence: Number(r[12]),
  };
}

/** A provider's statement lines in the given months. */
export function linesInMonths(db: Database, storedNames: readonly string[], months: readonly string[]): StatementLineInput[] {
  return mapRows(
    db,
    `SELECT ${LINE_COLUMNS} FROM statement_line s JOIN import_batch b ON b.id = s.batch_id
     WHERE s.provider IN ${IN_LIST} AND s.month IN ${IN_LIST}`,
    [json(storedNames), json(months)],
    toLine,
  );
}

/** A provider's statement lines outside the given months that bill one of the accessions. */
export function linesOfAccessions(db: Database, storedNames: readonly string[], months: readonly string[], accessions: readonly string[]): StatementLineInput[] {
  if (accessions.length === 0) return [];
  return mapRows(
    db,
    `SELECT ${LINE_COLUMNS} FROM statement_line s JOIN import_batch b ON b.id = s.batch_id
     WHERE s.accession IN ${IN_LIST} AND s.provider IN ${IN_LIST} AND s.month NOT IN ${IN_LIST}`,
    [json(accessions), json(storedNames), json(months)],
    toLine,
  );
}

const EXAM_COLUMNS = `e.accession, e.exam_code, e.exam_name, e.modality, e.priority, e.exam_at, e.reported_at, e.reporter_code,
  e.reporter_name, e.extract_group, e.provider, st.staff_group, st.provider`;
const STAFF_JOIN = 'LEFT JOIN staff st ON st.code = e.reporter_code';

const isGroup = (g: string | null): g is StaffGroup => g !== null && (STAFF_GROUPS as readonly string[]).includes(g);

/** An examination (EXAM_COLUMNS) with its report's staff group and provider resolved as the metrics resolve them (METRICS.md). */
function toExam(r: SqlValue[], canonical: (name: string) => string): RisExamInput {
  const [accession, examCode, examName, modality, priority, examAt, reportedAt, reporterCode, reporterName, extractGroup, provider, staffGroup, staffProvider] = r.map(text);
  const ownProvider = provider && provider.trim() ? provider : null;
  const group: StaffGroup = isGroup(staffGroup ?? null) ? (staffGroup as StaffGroup) : isGroup(extractGroup ?? null) ? (extractGroup as StaffGroup) : ownProvider ? 'outsourced' : 'unclassified';
  const providerName = ownProvider ?? (staffProvider && staffProvider.trim() ? staffProvider : null);
  return {
    accession: accession!,
    examCode: examCode ?? '',
    examName: examName ?? null,
    modality: modality!,
    priority: priority ?? null,
    examAt: examAt!,
    reportedAt: reportedAt ?? null,
    reporterCode: reporterCode ?? null,
    reporterName: reporterName ?? null,
    group,
    provider: (group === 'outsourced' || group === 'insourced') && providerName ? canonical(providerName) : null,
  };
}

/** The RIS examinations of the given accession numbers, by accession. */
export function examsOfAccessions(db: Database, accessions: readonly string[], canonical: (name: string) => string): Map<string, RisExamInput[]> {
  const out = new Map<string, RisExamInput[]>();
  if (accessions.length === 0) return out;
  const exams = mapRows(db, `SELECT ${EXAM_COLUMNS} FROM exam e ${STAFF_JOIN} WHERE e.accession IN ${IN_LIST}`, [json(accessions)], (r) => toExam(r, canonical));
  for (const exam of exams) {
    const list = out.get(exam.accession);
    if (list) list.push(exam);
    else out.set(exam.accession, [exam]);
  }
  return out;
}

/**
 * The RIS examinations a provider reported in the given months: those whose provider column names it, and those
 * reported by a registered reporter of the provider (staff register, group outsourced or insourced). The second
 * kind has no index on the reporter and scans the examinations, which only happens when such reporters exist.
 */
export function examsReportedBy(db: Database, provider: string, months: readonly string[], canonical: (name: string) => string): RisExamInput[] {
  if (months.length === 0) return [];
  const sorted = [...months].sort();
  const from = `${sorted[0]}-01`;
  const dayAfter = dateFromDayNumber(dayNumber(monthEnd(sorted[sorted.length - 1]!)) + 1);
  const wanted = new Set(months);
  const rawNames = queryRows<{ provider: string }>(db, `SELECT DISTINCT provider FROM exam WHERE provider IS NOT NULL AND provider <> ''`)
    .map((r) => r.provider)
    .filter((name) => canonical(name) === provider);
  const staffCodes = queryRows<{ code: string; provider: string }>(
    db,
    `SELECT code, provider FROM staff WHERE provider IS NOT NULL AND provider <> '' AND staff_group IN ('outsourced', 'insourced')`,
  )
    .filter((r) => canonical(r.provider) === provider)
    .map((r) => r.code);
  const exams: RisExamInput[] = [];
  const build = (r: SqlValue[]) => toExam(r, canonical);
  if (rawNames.length > 0) {
    exams.push(
      ...mapRows(
        db,
        `SELECT ${EXAM_COLUMNS} FROM exam e INDEXED BY exam_outsourced ${STAFF_JOIN}
         WHERE e.provider IN ${IN_LIST} AND e.provider IS NOT NULL AND e.provider <> '' AND e.reported_at >= ? AND e.reported_at < ?`,
        [json(rawNames), from, dayAfter],
        build,
      ),
    );
  }
  if (staffCodes.length > 0) {
    exams.push(
      ...mapRows(
        db,
        `SELECT ${EXAM_COLUMNS} FROM exam e ${STAFF_JOIN}
         WHERE e.reporter_code IN ${IN_LIST} AND (e.provider IS NULL OR e.provider = '') AND e.reported_at >= ? AND e.reported_at < ?`,
        [json(staffCodes), from, dayAfter],
        build,
      ),
    );
  }
  return exams.filter((e) => e.provider === provider && e.reportedAt !== null && wanted.has(e.reportedAt.slice(0, 7)));
}
