import type { Database } from 'sql.js';
import type { StaffRow } from '../contract';
import { STAFF_GROUPS, type StaffRecord } from '../model';
import { queryRows } from '../db/connection';

interface StaffDbRow extends Record<string, unknown> {
  id: number;
  code: string;
  name: string | null;
  staff_group: StaffRecord['group'];
  wte: number;
  valid_from: string;
  valid_to: string | null;
  grade: string | null;
  provider: string | null;
}

/** Reporter codes are compared trimmed and upper-case, in the register and in RIS extracts alike. */
export function normaliseReporterCode(code: string): string {
  return code.trim().toUpperCase();
}

export function listStaff(db: Database): StaffRow[] {
  return queryRows<StaffDbRow>(
    db,
    'SELECT id, code, name, staff_group, wte, valid_from, valid_to, grade, provider FROM staff ORDER BY staff_group, code',
  ).map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    group: r.staff_group,
    wte: r.wte,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    grade: r.grade,
    provider: r.provider,
  }));
}

export class StaffValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaffValidationError';
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a register entry typed in the app; the message says what to fix. */
export function validateStaff(record: StaffRecord): void {
  if (!record.code.trim()) throw new StaffValidationError('Enter the reporter code used in the RIS.');
  const allowed = STAFF_GROUPS.filter((g) => g !== 'unclassified') as string[];
  if (!allowed.includes(record.group)) {
    throw new StaffValidationError(`Choose a staff group (${allowed.join(', ')}); "${record.group}" is not one.`);
  }
  if (!Number.isFinite(record.wte) || record.wte < 0 || record.wte > 2) {
    throw new StaffValidationError(`WTE must be a number from 0 to 2; ${record.wte} is not.`);
  }
  if (!ISO_DATE.test(record.validFrom)) throw new StaffValidationError('Enter a valid-from date.');
  if (record.validTo !== null && !ISO_DATE.test(record.validTo)) throw new StaffValidationError('The valid-to date is not a date.');
  if (record.validTo !== null && record.validTo < record.validFrom) {
    throw new StaffValidationError('The valid-to date is before the valid-from date.');
  }
}

/** Adds or edits one register entry (an edit in the app, not an import batch). */
export function saveStaff(db: Database, record: StaffRecord & { id?: number }): StaffRow {
  const clean: StaffRecord = { ...record, code: normaliseReporterCode(record.code), name: record.name?.trim() || null };
  validateStaff(clean);
  const values = [clean.code, clean.name, clean.group, clean.wte, clean.validFrom, clean.validTo, clean.grade, clean.provider];
  if (record.id !== undefined) {
    const clash = queryRows<{ id: number }>(db, 'SELECT id FROM staff WHERE code = ? AND id <> ?', [clean.code, record.id]);
    if (clash.length) throw new StaffValidationError(`Reporter code ${clean.code} is already in the register.`);
    db.run(
      `UPDATE staff SET code = ?, name = ?, staff_group = ?, wte = ?, valid_from = ?, valid_to = ?, grade = ?, provider = ?
       WHERE id = ?`,
      [...values, record.id],
    );
    if (db.getRowsModified() === 0) throw new StaffValidationError('That register entry no longer exists.');
    return { ...clean, id: record.id };
  }
  const clash = queryRows<{ id: number }>(db, 'SELECT id FROM staff WHERE code = ?', [clean.code]);
  if (clash.length) throw new StaffValidationError(`Reporter code ${clean.code} is already in the register.`);
  db.run(
    `INSERT INTO staff (code, name, staff_group, wte, valid_from, valid_to, grade, provider) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    values,
  );
  const id = Number(db.exec('SELECT last_insert_rowid()')[0]!.values[0]![0]);
  return { ...clean, id };
}

export function deleteStaff(db: Database, id: number): void {
  db.run('DELETE FROM staff WHERE id = ?', [id]);
}
