import type { Database } from 'sql.js';
import type { UndoResult } from '../contract';
import { queryValue } from '../db/connection';
import { EXAM_COLUMN_NAMES, STAFF_COLUMN_NAMES } from '../db/schema';
import { SummaryAccumulator, SUMMARY_SOURCE_COLUMNS } from './summaries';
import { TARIFF_COLUMN_NAMES } from '../reconcile/schema';

interface VersionedTable {
  table: 'exam' | 'staff' | 'tariff';
  prior: 'exam_prior' | 'staff_prior' | 'tariff_prior';
  columns: string;
  key: string[];
}

const EXAM: VersionedTable = { table: 'exam', prior: 'exam_prior', columns: EXAM_COLUMN_NAMES, key: ['accession', 'exam_code'] };
const STAFF: VersionedTable = { table: 'staff', prior: 'staff_prior', columns: STAFF_COLUMN_NAMES, key: ['code'] };
// A tariff row's natural key has optional parts, so its versions are followed by id (an import that re-prices a row keeps it).
const TARIFF: VersionedTable = { table: 'tariff', prior: 'tariff_prior', columns: TARIFF_COLUMN_NAMES, key: ['id'] };

/**
 * Removes one batch's versions of rows and puts back what it replaced, in any order of undo:
 * - rows whose live version came from the batch go back to the version the batch replaced, or go;
 * - where a later batch has since replaced the batch's version, the later batch's history now points past it.
 * No tombstones are left, so the same file can be imported again cleanly.
 */
function undoVersions(db: Database, spec: VersionedTable, batchId: number, acc: SummaryAccumulator | null): UndoResult {
  const { table, prior, columns, key } = spec;
  const sameKey = (a: string, b: string) => key.map((k) => `${a}.${k} = ${b}.${k}`).join(' AND ');
  const cols = (alias: string) => columns.split(',').map((c) => `${alias}.${c.trim()}`).join(', ');
  db.exec(`
    DROP TABLE IF EXISTS temp.undo_pred;
    DROP TABLE IF EXISTS temp.undo_live;
    CREATE TEMP TABLE undo_pred AS SELECT ${columns} FROM ${prior}
      WHERE replaced_by = ${batchId} AND (batch_id IS NULL OR batch_id <> ${batchId});
    CREATE TEMP TABLE undo_live AS SELECT ${key.join(', ')} FROM ${table} WHERE batch_id = ${batchId};
  `);
  if (acc) {
    acc.addQuery(db, `SELECT ${SUMMARY_SOURCE_COLUMNS} FROM exam WHERE batch_id = ?`, [batchId], -1);
    acc.addQuery(
      db,
      `SELECT ${SUMMARY_SOURCE_COLUMNS.split(',').map((c) => `p.${c.trim()}`).join(', ')}
       FROM temp.undo_pred p JOIN temp.undo_live l ON ${sameKey('p', 'l')}`,
      [],
      1,
    );
  }
  const removed = Number(queryValue(db, 'SELECT count(*) FROM temp.undo_live'));
  db.exec(`
    -- A later batch replaced this batch's version: its history now holds what this batch replaced.
    INSERT INTO ${prior} (${columns}, replaced_by)
      SELECT ${cols('p')}, q.replaced_by FROM temp.undo_pred p
      JOIN ${prior} q ON ${sameKey('q', 'p')} AND q.batch_id = ${batchId} AND q.replaced_by <> ${batchId};
    DELETE FROM ${prior} WHERE batch_id = ${batchId} OR replaced_by = ${batchId};
    DELETE FROM ${table} WHERE batch_id = ${batchId};
    INSERT INTO ${table} (${columns})
      SELECT ${cols('p')} FROM temp.undo_pred p JOIN temp.undo_live l ON ${sameKey('p', 'l')};
  `);
  const restored = db.getRowsModified();
  db.exec('DROP TABLE temp.undo_pred; DROP TABLE temp.undo_live;');
  return { batchId, removed, restored };
}

/** Undoes an import batch inside the caller's transaction. */
export function undoBatch(db: Database, batchId: number): UndoResult {
  const kind = queryValue(db, 'SELECT kind FROM import_batch WHERE id = ?', [batchId]);
  if (kind === null) throw new Error(`Import batch ${batchId} does not exist (it may have been undone already).`);
  let result: UndoResult;
  if (kind === 'ris') {
    const acc = new SummaryAccumulator();
    result = undoVersions(db, EXAM, batchId, acc);
    acc.flush(db);
  } else if (kind === 'ledger') {
    // Ledger lines have no natural key, so a batch only ever adds lines: undo removes them.
    db.run('DELETE FROM ledger_line WHERE batch_id = ?', [batchId]);
    result = { batchId, removed: db.getRowsModified(), restored: 0 };
  } else if (kind === 'statement') {
    // Statement lines likewise. Decisions on them are kept (by line key), for when the statement comes back.
    db.run('DELETE FROM statement_line WHERE batch_id = ?', [batchId]);
    result = { batchId, removed: db.getRowsModified(), restored: 0 };
  } else if (kind === 'tariff') {
    result = undoVersions(db, TARIFF, batchId, null);
  } else {
    result = undoVersions(db, STAFF, batchId, null);
  }
  db.run('DELETE FROM import_issue WHERE batch_id = ?', [batchId]);
  db.run('DELETE FROM import_batch WHERE id = ?', [batchId]);
  return result;
}
