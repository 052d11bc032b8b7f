import type { Database } from 'sql.js';
import type {
  ColumnMapping,
  SourceRef,
  ImportPreview,
  ImportProgress,
  ImportReport,
  MappingPreset,
} from '../contract';
import { ImportError, type ByteSource, type Cell, type TableReader } from '../io/types';
import type { ImportKind, RowIssue, StaffRecord } from '../model';
import { openTable } from '../io/openTable';
import { digestingSource, sha256OfSource } from '../io/digest';
import { detectLayout, type LayoutDetection } from '../ingest/headerDetect';
import { fieldsFor, missingRequiredFieldIds, requiredFieldLabel } from '../ingest/fields';
import { cellText } from '../ingest/values';
import { queryValue } from '../db/connection';
import type { HeadroomWarmer } from '../db/headroom';
import { SUMMARY_SOURCE_COLUMNS } from './summaries';
import { inferDateOrders, type RowOutcome } from './risRows';
import { emptyCounts, isBlank, scanRows, type ScanCounts } from './rowScan';
import type { RisStagePlan } from './risStage';
import { writeRisRows, type OffThreadRis, type RisRowsWritten } from './risImport';
import { StaffRowConverter } from './staffRows';
import { LEDGER_INSERT_SQL, LedgerRowConverter, writeLedgerLine, type LedgerRecord } from '../finance/ledgerRows';
import { storedClassifier, storedProviders } from '../finance/store';
import { ProviderIndex, seedAliases } from '../finance/providers';
import { settleStatementBatch, StatementSink, type StatementRecord } from '../reconcile/statementRows';
import { TariffSink, type TariffRecord } from '../reconcile/tariffRows';
import { providerNamedIn } from '../reconcile/providerNames';

/** Rows read before deciding the layout: enough for title rows, the header and date-order evidence. */
const HEAD_ROWS = 60;
const DATE_SAMPLE_ROWS = 2000;
/** Issues kept in memory for the report; all of them are stored in import_issue. */
const REPORT_ISSUE_CAP = 200;

export interface ImportTarget {
  db: Database;
  salt: string;
  now: () => Date;
  sha256Hex?: (text: string) => string;
}

export interface RunOptions {
  importId: string;
  source: ByteSource;
  kind: ImportKind;
  sheet: string | null;
  mapping: ColumnMapping | null;
  headerRow: number | null;
  preset: MappingPreset | null;
  signal: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** The file as the host named it, so that a RIS conversion can run off this thread (see OffThreadRis in risImport.ts). */
  sourceRef?: SourceRef;
  offThread?: OffThreadRis;
  /** The database's fresh headroom, warmed while this thread waits for the conversion worker. */
  headroom?: HeadroomWarmer | null;
}

export interface Head {
  rows: Cell[][];
  firstRowNumber: number;
  rest: AsyncIterator<import('../io/types').RowBatch>;
  done: boolean;
  bytesRead: number;
  problems: { row: number; message: string }[];
}

async function readHead(reader: TableReader, minRows: number, onBatch?: (bytesRead: number) => void): Promise<Head> {
  const iterator = reader.batches()[Symbol.asyncIterator]();
  const head: Head = { rows: [], firstRowNumber: 1, rest: iterator, done: false, bytesRead: 0, problems: [] };
  let first = true;
  while (head.rows.length < minRows) {
    const next = await iterator.next();
    if (next.done) {
      head.done = true;
      break;
    }
    if (first) head.firstRowNumber = next.value.firstRowNumber;
    first = false;
    head.rows.push(...next.value.rows);
    head.bytesRead = next.value.bytesRead;
    head.problems.push(...next.value.problems);
    onBatch?.(head.bytesRead);
  }
  return head;
}

function headersOf(detection: LayoutDetection): string[] {
  return detection.columns.map((c) => c.header);
}

export function mappingOf(detection: LayoutDetection): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const field of fieldsFor(detection.kind)) mapping[field.id] = null;
  for (const column of detection.columns) if (column.field) mapping[column.field] = column.index;
  return mapping;
}

function missingRequiredFields(kind: ImportKind, mapping: ColumnMapping): string[] {
  return missingRequiredFieldIds(kind, (id) => mapping[id] != null);
}

function missingFieldsError(file: string, kind: ImportKind, missing: string[], headers: string[]): ImportError {
  const labels = missing.map((id) => requiredFieldLabel(kind, id));
  const seen = headers.filter((h) => h.trim() !== '');
  return new ImportError(
    'missing_fields',
    file,
    `${file}: cannot import as ${kindLabel(kind)}: no column for ${labels.join(', ')}. ` +
      `Headers seen: ${seen.length ? seen.map((h) => `"${h}"`).join(', ') : '(none)'}. ` +
      'Map the columns by hand in the import preview, or pass a saved mapping with --mapping.',
    { missing, headers: seen },
  );
}

const KIND_LABELS: Record<ImportKind, string> = {
  ris: 'a RIS activity extract',
  staff: 'a staff register',
  ledger: 'a finance ledger',
  statement: 'a provider statement',
  tariff: 'a tariff',
};

export function kindLabel(kind: ImportKind): string {
  return KIND_LABELS[kind];
}

/** Kinds whose rows name a provider, which a file without a provider column may name in its file name or title. */
const PROVIDER_KINDS: readonly ImportKind[] = ['statement', 'tariff'];

/** The text of the title rows above the header, where a statement may name its provider. */
function titleText(rows: Cell[][], headerIndex: number | null): string[] {
  if (headerIndex === null) return [];
  return rows.slice(0, headerIndex).map((r) => r.map(cellText).filter((t) => t !== '').join(' ')).filter((t) => t !== '');
}

export async function previewImport(
  source: ByteSource,
  options: { kind: ImportKind | null; sheet: string | null; preset: MappingPreset | null; findDuplicate: (sha: string) => number | null },
): Promise<ImportPreview> {
  const reader = await openTable(source, { sheet: options.sheet });
  const head = await readHead(reader, HEAD_ROWS);
  if (head.rows.length === 0 || head.rows.every(isBlank)) {
    throw new ImportError('empty', source.name, `${source.name} is empty: it has no rows to import.`);
  }
  const detection = detectLayout(head.rows, { kind: options.kind, preset: options.preset });
  const headerIndex = detection.headerRowIndex;
  const dataRows = head.rows.slice(headerIndex === null ? 0 : headerIndex + 1).filter((r) => !isBlank(r));
  const sampleRows = dataRows.slice(0, 20).map((r) => r.map(cellText));
  const columns = detection.columns.map((c) => ({
    ...c,
    samples: dataRows.slice(0, 5).map((r) => cellText(r[c.index] ?? null)),
  }));
  // Hashing a large file only to warn about a re-import is not worth the wait at preview time.
  const sha = source.size <= 64 * 1024 * 1024 ? await sha256OfSource(source) : null;
  const warnings: string[] = [];
  if (head.problems.length) warnings.push(...head.problems.slice(0, 5).map((p) => `Row ${p.row}: ${p.message}`));
  if (PROVIDER_KINDS.includes(detection.kind) && !detection.columns.some((c) => c.field === 'provider')) {
    // The shipped aliases stand in for the stored ones here: the preview has no database.
    const named = providerNamedIn(new ProviderIndex(seedAliases), [source.name, ...titleText(head.rows, headerIndex)]);
    warnings.push(
      named
        ? `No provider column: every line is taken as ${named}'s, as the file name or title says.`
        : 'No provider column, and the file name does not name a provider: map a provider column, or name the provider in the file name.',
    );
  }
  return {
    file: source.name,
    size: source.size,
    table: reader.info,
    kind: detection.kind,
    kindScores: detection.kindScores,
    headerRow: headerIndex === null ? null : head.firstRowNumber + headerIndex,
    layout: detection.layout,
    columns,
    fields: fieldsFor(detection.kind).map(({ id, label, required, description, oneOf }) =>
      oneOf ? { id, label, required, description, oneOf: oneOf.label } : { id, label, required, description },
    ),
    missingRequired: detection.missingRequired,
    sampleRows,
    duplicateOfBatch: sha ? options.findDuplicate(sha) : null,
    warnings,
  };
}

interface RowSink<T> {
  convert(row: Cell[], rowNumber: number): RowOutcome<T>;
  write(record: T, rowNumber: number): void;
  /** Writes anything buffered; called once every row is read. */
  finish(): void;
  free(): void;
}

const STAFF_UPSERT = `INSERT INTO staff (code, name, staff_group, wte, valid_from, valid_to, grade, provider, batch_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (code) DO UPDATE SET name = excluded.name, staff_group = excluded.staff_group, wte = excluded.wte,
    valid_from = excluded.valid_from, valid_to = excluded.valid_to, grade = excluded.grade,
    provider = excluded.provider, batch_id = excluded.batch_id`;

/**
 * Runs one import inside a transaction that the caller commits or rolls back.
 * Nothing outside the transaction changes; a thrown ImportError leaves the transaction for the caller to roll back.
 */
export async function runImport(target: ImportTarget, options: RunOptions): Promise<ImportReport> {
  const started = Date.now();
  const { db } = target;
  const file = options.source.name;
  const hashed = digestingSource(options.source);
  const reader = await openTable(hashed.source, { sheet: options.sheet, signal: options.signal });
  const head = await readHead(reader, Math.max(HEAD_ROWS, DATE_SAMPLE_ROWS), (bytesRead) =>
    options.onProgress?.({ importId: options.importId, file, phase: 'reading', bytesRead, bytesTotal: options.source.size, rowsRead: 0 }),
  );
  if (head.rows.length === 0 || head.rows.every(isBlank)) {
    throw new ImportError('empty', file, `${file} is empty: it has no rows to import.`);
  }

  let mapping: ColumnMapping;
  let headerIndex: number | null;
  let headers: string[];
  if (options.mapping) {
    mapping = options.mapping;
    headerIndex = options.headerRow === null ? null : options.headerRow - head.firstRowNumber;
    const headerRow = headerIndex === null ? [] : (head.rows[headerIndex] ?? []);
    const width = Math.max(headerRow.length, ...head.rows.slice(0, 5).map((r) => r.length));
    headers = Array.from({ length: width }, (_, i) => cellText(headerRow[i] ?? null) || `column ${i + 1}`);
  } else {
    const detection = detectLayout(head.rows.slice(0, HEAD_ROWS), { kind: options.kind, preset: options.preset });
    mapping = mappingOf({ ...detection, kind: options.kind });
    headerIndex = detection.headerRowIndex;
    headers = headersOf(detection);
    if (headerIndex === null && detection.layout === null) {
      // No header row was recognised: what the user sees at the top of the file is the most useful thing to quote.
      headers = (head.rows.find((r) => !isBlank(r)) ?? []).map((c) => cellText(c));
    }
  }
  const missing = missingRequiredFields(options.kind, mapping);
  if (missing.length) throw missingFieldsError(file, options.kind, missing, headers);
  let fileProvider: string | null = null;
  if (PROVIDER_KINDS.includes(options.kind)) {
    fileProvider = providerNamedIn(storedProviders(db), [file, ...titleText(head.rows, headerIndex)]);
    if (fileProvider === null && mapping['provider'] == null) throw missingFieldsError(file, options.kind, ['provider'], headers);
  }

  const firstDataIndex = headerIndex === null ? 0 : headerIndex + 1;
  if (head.done && head.rows.slice(firstDataIndex).every(isBlank)) {
    throw new ImportError('empty', file, `${file} has a header row but no data rows: there is nothing to import.`, {
      headers,
    });
  }

  const importedAt = target.now().toISOString();
  db.run(
    `INSERT INTO import_batch (file, sha256, kind, mapping, header_row, rows_read, accepted, inserted, updated, rejected, imported_at)
     VALUES (?, '', ?, ?, ?, 0, 0, 0, 0, 0, ?)`,
    [file, options.kind, JSON.stringify(mapping), headerIndex === null ? null : head.firstRowNumber + headerIndex, importedAt],
  );
  const batchId = Number(queryValue(db, 'SELECT last_insert_rowid()'));
  const issueStmt = db.prepare('INSERT INTO import_issue (batch_id, row, col, value, reason, severity) VALUES (?, ?, ?, ?, ?, ?)');
  const reportIssues: RowIssue[] = [];
  let issueCount = 0;
  const recordIssue = (issue: RowIssue) => {
    issueCount++;
    if (reportIssues.length < REPORT_ISSUE_CAP) reportIssues.push(issue);
    issueStmt.run([batchId, issue.row, issue.column, issue.value, issue.reason, issue.severity]);
  };

  if (fileProvider !== null && mapping['provider'] == null) {
    recordIssue({
      file,
      row: headerIndex === null ? 1 : head.firstRowNumber + headerIndex,
      column: null,
      value: fileProvider,
      reason: `no provider column: every line is taken as ${fileProvider}'s, as the file name or title says`,
      severity: 'warning',
    });
  }

  let counts: ScanCounts = emptyCounts();
  let lastProgressBytes = 0;
  const progressStep = Math.max(1, Math.floor(options.source.size / 100));
  const report = (bytesRead: number, phase: ImportProgress['phase']) =>
    options.onProgress?.({ importId: options.importId, file, phase, bytesRead, bytesTotal: options.source.size, rowsRead: counts.rowsRead });
  const reading = (bytesRead: number) => {
    if (bytesRead - lastProgressBytes < progressStep) return;
    lastProgressBytes = bytesRead;
    report(bytesRead, 'reading');
  };
  const cancelled = () => new ImportError('cancelled', file, `Import of ${file} was cancelled; nothing was changed.`);

  const examsBefore = Number(queryValue(db, 'SELECT count(*) FROM exam'));
  const staffBefore = Number(queryValue(db, 'SELECT count(*) FROM staff'));
  const sample = head.rows.slice(firstDataIndex, firstDataIndex + DATE_SAMPLE_ROWS);
  let risRows: RisRowsWritten | null = null;
  let statementSink: StatementSink | null = null;
  let tariffSink: TariffSink | null = null;
  try {
    if (options.kind === 'ris') {
      const plan: RisStagePlan = { file, mapping, headers, dateOrders: inferDateOrders(mapping, sample) };
      risRows = await writeRisRows(
        { db, batchId, target, options, reader, head, firstDataIndex, plan },
        {
          issue: recordIssue,
          progress: (bytesRead, latest) => {
            counts = latest;
            reading(bytesRead);
          },
          cancelled,
        },
      );
      counts = risRows.counts;
    } else {
      let sink: RowSink<StaffRecord> | RowSink<LedgerRecord> | RowSink<StatementRecord> | RowSink<TariffRecord>;
      if (options.kind === 'staff') {
        const converter = new StaffRowConverter(file, mapping, headers, sample);
        const upsert = db.prepare(STAFF_UPSERT);
        sink = {
          convert: (row, n) => converter.convert(row, n),
          write: (r: StaffRecord) => {
            upsert.run([r.code, r.name, r.group, r.wte, r.validFrom, r.validTo, r.grade, r.provider, batchId]);
          },
          finish: () => undefined,
          free: () => upsert.free(),
        };
      } else if (options.kind === 'statement') {
        sink = statementSink = new StatementSink(db, batchId, file, mapping, headers, sample, storedProviders(db), fileProvider);
      } else if (options.kind === 'tariff') {
        sink = tariffSink = new TariffSink(db, batchId, file, mapping, headers, sample, storedProviders(db), fileProvider);
      } else {
        const converter = new LedgerRowConverter(file, mapping, headers, sample, storedClassifier(db), storedProviders(db));
        const insert = db.prepare(LEDGER_INSERT_SQL);
        sink = {
          convert: (row, n) => converter.convert(row, n),
          write: (r: LedgerRecord, n: number) => writeLedgerLine(insert, batchId, n, r),
          finish: () => undefined,
          free: () => insert.free(),
        };
      }
      const handlers = {
        file,
        convert: (row: Cell[], n: number) => sink.convert(row, n) as RowOutcome<unknown>,
        accept: (record: unknown, n: number) => (sink.write as (r: unknown, n: number) => void)(record, n),
        issue: recordIssue,
      };
      try {
        scanRows(head.rows, head.firstRowNumber, firstDataIndex, head.problems, counts, handlers);
        report(head.bytesRead, 'reading');
        while (!head.done) {
          if (options.signal.aborted) throw cancelled();
          const next = await head.rest.next();
          if (next.done) break;
          scanRows(next.value.rows, next.value.firstRowNumber, 0, next.value.problems, counts, handlers);
          reading(next.value.bytesRead);
        }
        if (options.signal.aborted) throw cancelled();
        sink.finish();
      } finally {
        sink.free();
      }
    }
  } finally {
    issueStmt.free();
  }
  const { rowsRead, accepted, rejected, skippedBlank } = counts;

  report(options.source.size, 'summarising');
  let inserted: number;
  let updated: number;
  let duplicates = 0;
  let unknownModality = 0;
  let negativeTurnaround = 0;
  if (risRows) {
    // Versions this batch replaced (from earlier batches or earlier rows of this file) leave the summaries.
    const { accumulator } = risRows;
    accumulator.addQuery(db, `SELECT ${SUMMARY_SOURCE_COLUMNS} FROM exam_prior WHERE replaced_by = ?`, [batchId], -1);
    accumulator.flush(db);
    unknownModality = accumulator.unknownModality;
    negativeTurnaround = accumulator.negativeTurnaround;
    inserted = Number(queryValue(db, 'SELECT count(*) FROM exam')) - examsBefore;
    duplicates = Number(queryValue(db, 'SELECT count(*) FROM exam_prior WHERE replaced_by = ? AND batch_id = ?', [batchId, batchId]));
    updated = accepted - inserted - duplicates;
    if (duplicates > 0) {
      const dupRows = db.exec(
        `SELECT p.src_row, e.src_row, p.accession, p.exam_code FROM exam_prior p JOIN exam e USING (accession, exam_code)
         WHERE p.replaced_by = ${batchId} AND p.batch_id = ${batchId} ORDER BY p.src_row LIMIT 1000`,
      );
      for (const [earlier, later, accession, code] of dupRows[0]?.values ?? []) {
        recordIssueAfter(db, batchId, reportIssues, {
          file,
          row: Number(earlier),
          column: null,
          value: `${accession}${code ? ` / ${code}` : ''}`,
          reason: `the same accession and examination code appear again at row ${later}; the later row is kept`,
          severity: 'warning',
        });
        issueCount++;
      }
    }
  } else if (options.kind === 'ledger') {
    // Ledger lines have no natural key: every accepted line is a new line.
    inserted = accepted;
    updated = 0;
  } else if (statementSink) {
    // Statement lines have no natural key either (a repeat is what reconciliation looks for).
    inserted = statementSink.written;
    updated = 0;
    for (const issue of settleStatementBatch(db, batchId, file)) {
      recordIssueAfter(db, batchId, reportIssues, issue);
      issueCount++;
    }
  } else if (tariffSink) {
    inserted = tariffSink.inserted;
    updated = tariffSink.updated;
  } else {
    inserted = Number(queryValue(db, 'SELECT count(*) FROM staff')) - staffBefore;
    const replaced = Number(queryValue(db, 'SELECT count(*) FROM staff_prior WHERE replaced_by = ?', [batchId]));
    duplicates = Number(queryValue(db, 'SELECT count(*) FROM staff_prior WHERE replaced_by = ? AND batch_id = ?', [batchId, batchId]));
    updated = replaced - duplicates;
  }

  const sha256 = risRows?.sha256 ?? hashed.digest() ?? (await sha256OfSource(options.source));
  const duplicateOfBatch = queryValue(db, 'SELECT id FROM import_batch WHERE sha256 = ? AND kind = ? AND id <> ? ORDER BY id DESC LIMIT 1', [
    sha256,
    options.kind,
    batchId,
  ]);
  if ((options.kind === 'ledger' || options.kind === 'statement') && duplicateOfBatch !== null) {
    const why =
      options.kind === 'ledger'
        ? 'Ledger lines have no key, so importing it again would count its spend twice.'
        : 'Importing the same statement again would show every line as billed twice.';
    throw new ImportError(
      'duplicate',
      file,
      `${file} was already imported (batch ${duplicateOfBatch}, same SHA-256). ${why} ` +
        `Undo batch ${duplicateOfBatch} first if you mean to replace it.`,
      { batchId: duplicateOfBatch },
    );
  }
  db.run(
    `UPDATE import_batch SET sha256 = ?, rows_read = ?, accepted = ?, inserted = ?, updated = ?, rejected = ?,
       duplicate_keys = ?, unknown_modality = ?, negative_turnaround = ? WHERE id = ?`,
    [sha256, rowsRead, accepted, inserted, updated, rejected, duplicates, unknownModality, negativeTurnaround, batchId],
  );
  report(options.source.size, 'done');
  if (skippedBlank > 0 && rowsRead === 0) {
    throw new ImportError('empty', file, `${file} has a header row but no data rows: there is nothing to import.`);
  }
  return {
    importId: options.importId,
    batchId,
    status: 'pending',
    file,
    kind: options.kind,
    sha256,
    rowsRead,
    accepted,
    inserted,
    updated,
    rejected,
    duplicateKeysInFile: duplicates,
    unknownModality,
    negativeTurnaround,
    issues: reportIssues,
    issueCount,
    mapping,
    headerRow: headerIndex === null ? null : head.firstRowNumber + headerIndex,
    durationMs: Date.now() - started,
    duplicateOfBatch: duplicateOfBatch === null ? null : Number(duplicateOfBatch),
  };
}

function recordIssueAfter(db: Database, batchId: number, reportIssues: RowIssue[], issue: RowIssue): void {
  if (reportIssues.length < REPORT_ISSUE_CAP) reportIssues.push(issue);
  db.run('INSERT INTO import_issue (batch_id, row, col, value, reason, severity) VALUES (?, ?, ?, ?, ?, ?)', [
    batchId,
    issue.row,
    issue.column,
    issue.value,
    issue.reason,
    issue.severity,
  ]);
}
