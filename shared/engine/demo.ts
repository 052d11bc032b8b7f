import Papa from 'papaparse';
import type { Database } from 'sql.js';
import type { ColumnMapping } from '../contract';
import { queryValue } from '../db/connection';
import { demoExams, demoStaff, type DemoOptions } from '../demo/generator';
import { DemoOutsourcingBuilder, type DemoOutsourcing, type DemoProvider } from '../demo/outsourcing';
import { demoLedgerCsvLines, EVERLIGHT_NAME, LEDGER_FILE, STATEMENT_FILES, STATEMENT_FIRST_ROW } from '../demo/outsourcingCsv';
import { LEDGER_INSERT_SQL, LedgerRowConverter, writeLedgerLine } from '../finance/ledgerRows';
import { storedClassifier, storedProviders } from '../finance/store';
import { detectLayout, HEADER_SEARCH_ROWS } from '../ingest/headerDetect';
import type { Cell } from '../io/types';
import { mappingOf } from './importer';
import { ExamWriter } from './risImport';
import { SummaryAccumulator } from './summaries';

/** Room to reserve for the demo at scale 1 (about 505,000 examinations), so the in-memory file grows once. */
export const DEMO_BYTES_PER_SCALE = 150 * 1024 * 1024;

export const DEMO_FILE_LABEL = 'Synthetic demo trust (generated, not real data)';

const BATCH_NAMES = {
  ris: 'RIS activity',
  staff: 'staff register',
  tariff: 'outsourcing tariff',
  ledger: `finance ledger of outsourcing invoices (${LEDGER_FILE})`,
} as const;

/** How a batch's file was read, when it went through the importer's layout detection. */
interface BatchLayout {
  mapping: ColumnMapping;
  /** 1-based, as the importer records it. */
  headerRow: number;
}

function demoBatch(
  db: Database,
  kind: 'ris' | 'staff' | 'tariff' | 'statement' | 'ledger',
  importedAt: string,
  counts: { rows: number },
  what?: string,
  layout?: BatchLayout,
): number {
  db.run(
    `INSERT INTO import_batch (file, sha256, kind, mapping, header_row, rows_read, accepted, inserted, updated, rejected, imported_at)
     VALUES (?, 'synthetic', ?, ?, ?, ?, ?, ?, 0, 0, ?)`,
    [
      `${DEMO_FILE_LABEL} — ${what ?? BATCH_NAMES[kind as keyof typeof BATCH_NAMES]}`,
      kind,
      JSON.stringify(layout?.mapping ?? {}),
      layout?.headerRow ?? null,
      counts.rows,
      counts.rows,
      counts.rows,
      importedAt,
    ],
  );
  return Number(queryValue(db, 'SELECT last_insert_rowid()'));
}

/** The demo's tariff and provider statements, as importing its CSV files would store them. */
function writeOutsourcing(db: Database, data: DemoOutsourcing, importedAt: string): void {
  const tariffBatch = demoBatch(db, 'tariff', importedAt, { rows: data.tariff.length });
  const tariff = db.prepare(
    `INSERT INTO tariff (provider, modality, priority, exam_code, unit_price_pence, effective_from, effective_to, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  try {
    for (const t of data.tariff) tariff.run([t.provider, t.modality, t.priority, t.examCode, t.unitPricePence, t.effectiveFrom, t.effectiveTo, tariffBatch]);
  } finally {
    tariff.free();
  }
  const line = db.prepare(
    `INSERT INTO statement_line (batch_id, src_row, provider, provider_raw, month, month_from_period, accession, exam_code, exam_name,
       modality, priority, reported_on, unit_price_pence, amount_pence, reference) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  try {
    for (const provider of ['Medica', 'Everlight'] as DemoProvider[]) {
      const lines = data.statements.filter((l) => l.provider === provider);
      const batch = demoBatch(db, 'statement', importedAt, { rows: lines.length }, `${provider} statements (${STATEMENT_FILES[provider]})`);
      // Everlight's file carries no examination codes and spells priorities in capitals; Medica's names no provider.
      const everlight = provider === 'Everlight';
      lines.forEach((l, i) => {
        line.run([
          batch, STATEMENT_FIRST_ROW[provider] + i, provider, everlight ? EVERLIGHT_NAME : null, l.month, l.accession,
          everlight ? '' : l.examCode, l.examName, l.modality, everlight ? (l.priority?.toUpperCase() ?? null) : l.priority, l.reportedOn,
          l.unitPricePence, l.amountPence,
        ]);
      });
    }
  } finally {
    line.free();
  }
}

/**
 * The trust's ledger of outsourcing invoices, stored as importing demo-ledger.csv stores it: the generated CSV is
 * read back through the importer's layout detection and ledger converter, so every line gets the same columns,
 * category and rule (from the stored classification rules) and provider (from the stored aliases).
 */
function writeLedger(db: Database, data: DemoOutsourcing, importedAt: string): void {
  const parsed = Papa.parse<string[]>(demoLedgerCsvLines(data).join(''), { delimiter: ',', newline: '\r\n', skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`The demo ledger does not read as CSV: ${parsed.errors[0]!.message}.`);
  const rows: Cell[][] = parsed.data;
  const detection = detectLayout(rows.slice(0, HEADER_SEARCH_ROWS), { kind: 'ledger' });
  const headerIndex = detection.headerRowIndex;
  if (headerIndex === null || detection.missingRequired.length) {
    throw new Error(`The demo ledger's columns are not recognised (missing: ${detection.missingRequired.join(', ') || 'the header row'}).`);
  }
  const mapping = mappingOf(detection);
  const lines = rows.slice(headerIndex + 1);
  // A few dozen lines: all of them are the sample the converter infers date orders from, as the importer's first 2,000 would be.
  const converter = new LedgerRowConverter(
    LEDGER_FILE, mapping, detection.columns.map((c) => c.header), lines, storedClassifier(db), storedProviders(db),
  );
  const batch = demoBatch(db, 'ledger', importedAt, { rows: lines.length }, undefined, { mapping, headerRow: headerIndex + 1 });
  const insert = db.prepare(LEDGER_INSERT_SQL);
  try {
    lines.forEach((row, i) => {
      const rowNumber = headerIndex + 2 + i;
      const { record, issues } = converter.convert(row, rowNumber);
      // The demo's own file must import cleanly; anything else is a bug in the generator, not data to skip.
      if (!record || issues.length) {
        throw new Error(`The demo ledger's row ${rowNumber} does not import cleanly: ${issues.map((x) => x.reason).join('; ') || 'no record'}.`);
      }
      writeLedgerLine(insert, batch, rowNumber, record);
    });
  } finally {
    insert.free();
  }
}

/**
 * Writes the synthetic trust (RIS through the same writer as a RIS import; its outsourcing tariff, statements and
 * ledger as importing their CSV files would) inside the caller's transaction.
 */
export function loadDemoInto(db: Database, importedAt: string, options: DemoOptions = {}): { exams: number; staff: number } {
  const staff = demoStaff(options);
  const staffBatch = demoBatch(db, 'staff', importedAt, { rows: staff.length });
  const staffStmt = db.prepare(
    `INSERT INTO staff (code, name, staff_group, wte, valid_from, valid_to, grade, provider, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, staff_group = excluded.staff_group, wte = excluded.wte,
       valid_from = excluded.valid_from, valid_to = excluded.valid_to, grade = excluded.grade, provider = excluded.provider,
       batch_id = excluded.batch_id`,
  );
  try {
    for (const s of staff) staffStmt.run([s.code, s.name, s.group, s.wte, s.validFrom, s.validTo, s.grade, s.provider, staffBatch]);
  } finally {
    staffStmt.free();
  }

  const risBatch = demoBatch(db, 'ris', importedAt, { rows: 0 });
  const accumulator = new SummaryAccumulator();
  const writer = new ExamWriter(db, risBatch, accumulator);
  const outsourcing = new DemoOutsourcingBuilder(options);
  let exams = 0;
  try {
    for (const exam of demoExams(options)) {
      writer.write(exam, ++exams);
      outsourcing.add(exam);
    }
    writer.finish();
  } finally {
    writer.free();
  }
  const paperwork = outsourcing.build();
  writeOutsourcing(db, paperwork, importedAt);
  writeLedger(db, paperwork, importedAt);
  accumulator.flush(db);
  db.run('UPDATE import_batch SET rows_read = ?, accepted = ?, inserted = ?, unknown_modality = ?, negative_turnaround = ? WHERE id = ?', [
    exams,
    exams,
    exams,
    accumulator.unknownModality,
    accumulator.negativeTurnaround,
    risBatch,
  ]);
  return { exams, staff: staff.length };
}
