import type { Database } from 'sql.js';
import { queryValue } from '../db/connection';
import { demoExams, demoStaff, type DemoOptions } from '../demo/generator';
import { ExamWriter } from './importer';
import { SummaryAccumulator } from './summaries';

/** Room to reserve for the demo at scale 1 (about 505,000 examinations), so the in-memory file grows once. */
export const DEMO_BYTES_PER_SCALE = 150 * 1024 * 1024;

export const DEMO_FILE_LABEL = 'Synthetic demo trust (generated, not real data)';

function demoBatch(db: Database, kind: 'ris' | 'staff', importedAt: string, counts: { rows: number }): number {
  db.run(
    `INSERT INTO import_batch (file, sha256, kind, mapping, header_row, rows_read, accepted, inserted, updated, rejected, imported_at)
     VALUES (?, 'synthetic', ?, '{}', NULL, ?, ?, ?, 0, 0, ?)`,
    [`${DEMO_FILE_LABEL} — ${kind === 'ris' ? 'RIS activity' : 'staff register'}`, kind, counts.rows, counts.rows, counts.rows, importedAt],
  );
  return Number(queryValue(db, 'SELECT last_insert_rowid()'));
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
  let exams = 0;
  try {
    for (const exam of demoExams(options)) writer.write(exam, ++exams);
    writer.finish();
  } finally {
    writer.free();
  }
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
