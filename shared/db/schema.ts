import type { Database } from 'sql.js';
import { FINANCE_MIGRATION } from '../finance/schema';
import { BENCHMARK_MIGRATION } from '../benchmarks/schema';
import { RECONCILE_MIGRATION } from '../reconcile/schema';
import { SCENARIO_MIGRATION } from '../scenarios/schema';

/**
 * Versioned schema. Each migration moves PRAGMA user_version from its index to index + 1.
 * Never edit a shipped migration: add a new one.
 */
const EXAM_COLUMNS = `
  accession TEXT NOT NULL,
  exam_code TEXT NOT NULL,
  exam_name TEXT,
  modality TEXT NOT NULL,
  modality_unknown INTEGER NOT NULL DEFAULT 0,
  site TEXT,
  patient_source TEXT,
  priority TEXT,
  requested_at TEXT,
  exam_at TEXT NOT NULL,
  reported_at TEXT,
  reporter_code TEXT,
  reporter_name TEXT,
  extract_group TEXT,
  provider TEXT,
  patient_hash TEXT,
  batch_id INTEGER NOT NULL,
  src_row INTEGER`;

const EXAM_COLUMN_NAMES =
  'accession, exam_code, exam_name, modality, modality_unknown, site, patient_source, priority, requested_at, exam_at, reported_at, reporter_code, reporter_name, extract_group, provider, patient_hash, batch_id, src_row';

const STAFF_COLUMN_NAMES = 'code, name, staff_group, wte, valid_from, valid_to, grade, provider, batch_id';

export const MIGRATIONS: string[] = [
  // v1: the RIS/staff foundation.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE import_batch (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    mapping TEXT NOT NULL,
    header_row INTEGER,
    rows_read INTEGER NOT NULL,
    accepted INTEGER NOT NULL,
    inserted INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    duplicate_keys INTEGER NOT NULL DEFAULT 0,
    unknown_modality INTEGER NOT NULL DEFAULT 0,
    negative_turnaround INTEGER NOT NULL DEFAULT 0,
    imported_at TEXT NOT NULL
  );
  CREATE INDEX import_batch_sha ON import_batch(sha256);

  CREATE TABLE import_issue (
    batch_id INTEGER NOT NULL,
    row INTEGER NOT NULL,
    col TEXT,
    value TEXT,
    reason TEXT NOT NULL,
    severity TEXT NOT NULL
  );
  CREATE INDEX import_issue_batch ON import_issue(batch_id);

  CREATE TABLE exam (id INTEGER PRIMARY KEY, ${EXAM_COLUMNS});
  CREATE UNIQUE INDEX exam_key ON exam(accession, exam_code);

  -- The version an import replaced, so undoing that import can restore it.
  CREATE TABLE exam_prior (${EXAM_COLUMNS}, replaced_by INTEGER NOT NULL);
  CREATE INDEX exam_prior_replaced ON exam_prior(replaced_by);
  CREATE INDEX exam_prior_batch ON exam_prior(batch_id);

  CREATE TRIGGER exam_keep_prior BEFORE UPDATE ON exam BEGIN
    INSERT INTO exam_prior (${EXAM_COLUMN_NAMES}, replaced_by)
    VALUES (old.accession, old.exam_code, old.exam_name, old.modality, old.modality_unknown, old.site, old.patient_source,
            old.priority, old.requested_at, old.exam_at, old.reported_at, old.reporter_code, old.reporter_name,
            old.extract_group, old.provider, old.patient_hash, old.batch_id, old.src_row, new.batch_id);
  END;

  CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT,
    staff_group TEXT NOT NULL,
    wte REAL NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    grade TEXT,
    provider TEXT,
    batch_id INTEGER
  );

  CREATE TABLE staff_prior (
    code TEXT NOT NULL, name TEXT, staff_group TEXT NOT NULL, wte REAL NOT NULL, valid_from TEXT NOT NULL,
    valid_to TEXT, grade TEXT, provider TEXT, batch_id INTEGER, replaced_by INTEGER NOT NULL
  );
  CREATE INDEX staff_prior_replaced ON staff_prior(replaced_by);

  CREATE TRIGGER staff_keep_prior BEFORE UPDATE ON staff WHEN new.batch_id IS NOT NULL BEGIN
    INSERT INTO staff_prior (${STAFF_COLUMN_NAMES}, replaced_by)
    VALUES (old.code, old.name, old.staff_group, old.wte, old.valid_from, old.valid_to, old.grade, old.provider,
            old.batch_id, new.batch_id);
  END;

  CREATE TABLE mapping_preset (name TEXT PRIMARY KEY, kind TEXT NOT NULL, body TEXT NOT NULL);

  -- Summary tables, kept up to date at import so that the dashboard never scans exam.
  -- Empty strings stand for unknown site, source, reporter and provider so that keys stay unique.
  CREATE TABLE sum_exam (
    month TEXT NOT NULL, site TEXT NOT NULL, modality TEXT NOT NULL, unknown INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (month, site, modality, unknown)
  ) WITHOUT ROWID;

  CREATE TABLE sum_report (
    month TEXT NOT NULL, site TEXT NOT NULL, modality TEXT NOT NULL,
    reporter_code TEXT NOT NULL, base_group TEXT NOT NULL, provider TEXT NOT NULL,
    n INTEGER NOT NULL, negative INTEGER NOT NULL, breaches INTEGER NOT NULL,
    PRIMARY KEY (month, site, modality, reporter_code, base_group, provider)
  ) WITHOUT ROWID;

  -- Non-negative turnarounds in seconds, as a histogram: exact percentiles without scanning exam.
  -- Values are grouped in geometric bins; sum_tat_bin counts each bin, so a percentile reads the bin counts
  -- and then only the exact values inside the one or two bins that hold the wanted ranks.
  CREATE TABLE sum_tat (
    bin INTEGER NOT NULL, month TEXT NOT NULL, site TEXT NOT NULL, modality TEXT NOT NULL, source TEXT NOT NULL,
    tat_sec INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (bin, month, site, modality, source, tat_sec)
  ) WITHOUT ROWID;

  CREATE TABLE sum_tat_bin (
    month TEXT NOT NULL, site TEXT NOT NULL, modality TEXT NOT NULL, source TEXT NOT NULL, bin INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (month, site, modality, source, bin)
  ) WITHOUT ROWID;

  -- Examinations by day and report lag (whole days; NULL = not reported), for backlog at any period end.
  CREATE TABLE sum_lag (
    exam_date TEXT NOT NULL, site TEXT NOT NULL, modality TEXT NOT NULL, lag_days INTEGER, n INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX sum_lag_key ON sum_lag(exam_date, site, modality, ifnull(lag_days, -999999));
  CREATE INDEX sum_lag_long ON sum_lag(exam_date) WHERE lag_days IS NULL OR lag_days > 90;

  CREATE TABLE reporter_seen (
    code TEXT PRIMARY KEY, name TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // v2: finance ledgers, classification rules and provider aliases.
  FINANCE_MIGRATION,
  // v3: imported benchmark sets.
  BENCHMARK_MIGRATION,
  // v4: tariffs, provider statements and reconciliation decisions.
  RECONCILE_MIGRATION,
  // v5: saved business-case scenarios.
  SCENARIO_MIGRATION,
  // v6: the exact turnaround values of a bin kept together, as one JSON object ({"seconds": count, …}) per bin,
  // instead of one row per distinct second: a large import wrote hundreds of thousands of histogram rows, the
  // slowest part of saving its summaries. Only the one or two bins that hold a wanted rank are ever read.
  `
  CREATE TABLE sum_tat_values (
    month TEXT NOT NULL, site TEXT NOT NULL, modality TEXT NOT NULL, source TEXT NOT NULL, bin INTEGER NOT NULL,
    tat_values TEXT NOT NULL
  );
  CREATE UNIQUE INDEX sum_tat_values_key ON sum_tat_values(month, site, modality, source, bin);
  CREATE INDEX sum_tat_values_bin ON sum_tat_values(bin, month);
  INSERT INTO sum_tat_values (month, site, modality, source, bin, tat_values)
    SELECT month, site, modality, source, bin, json_group_object(CAST(tat_sec AS TEXT), n)
      FROM (SELECT * FROM sum_tat ORDER BY month, site, modality, source, bin, tat_sec)
     GROUP BY month, site, modality, source, bin;
  DROP TABLE sum_tat;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export { EXAM_COLUMN_NAMES, STAFF_COLUMN_NAMES };

export function schemaVersion(db: Database): number {
  const result = db.exec('PRAGMA user_version');
  return Number(result[0]?.values[0]?.[0] ?? 0);
}

export class SchemaTooNewError extends Error {
  constructor(readonly found: number) {
    super(
      `This database was saved by a newer version of RadBench (schema ${found}; this version understands up to ${SCHEMA_VERSION}). ` +
        'Update RadBench to open it. The file has not been changed.',
    );
    this.name = 'SchemaTooNewError';
  }
}

/** Brings a database up to SCHEMA_VERSION, each step in its own transaction. */
export function migrate(db: Database): { from: number; to: number } {
  const from = schemaVersion(db);
  if (from > SCHEMA_VERSION) throw new SchemaTooNewError(from);
  for (let version = from; version < SCHEMA_VERSION; version++) {
    db.exec('BEGIN');
    try {
      db.exec(MIGRATIONS[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return { from, to: SCHEMA_VERSION };
}
