import type { Database } from 'sql.js';
import { queryValue } from '../db/connection';
import { demoExams, demoStaff, type DemoOptions } from '../demo/generator';
import { DemoOutsourcingBuilder, type DemoOutsourcing, type DemoProvider } from '../demo/outsourcing';
import { EVERLIGHT_NAME, STATEMENT_FILES, STATEMENT_FIRST_ROW } from '../demo/outsourcingCsv';
import { ExamWriter } from './importer';
import { SummaryAccumulator } from './summaries';

/** Room to reserve for the demo at scale 1 (about 505,000 examinations), so the in-memory file grows once. */
export const DEMO_BYTES_PER_SCALE = 150 * 1024 * 1024;

export const DEMO_FILE_LABEL = 'Synthetic demo trust (generated, not real data)';

const BATCH_NAMES = { ris: 'RIS activity', staff: 'staff register', tariff: 'outsourcing tariff' } as const;

function demoBatch(db: Database, kind: 'ris' | 'staff' | 'tariff' | 'statement', importedAt: string, counts: { rows: number }, what?: string): number {
  db.run(
    `INSERT INTO import_batch (file, sha256, kind, mapping, header_row, rows_read, accepted, inserted, updated, rejected, imported_at)
     VALUES (?, 'synthetic', ?, '{}', NULL, ?, ?, ?, 0, 0, ?)`,
    [`${DEMO_FILE_LABEL} — ${what ?? BATCH_NAMES[kind as keyof typeof BATCH_NAMES]}`, kind, counts.rows, counts.rows, counts.rows, importedAt],
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

/** Writes the synthetic trust through the same writer as a RIS import, inside the caller's transaction. */
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
  writeOutsourcing(db, outsourcing.build(), importedAt);
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
