/**
 * Saved scenarios in the `scenario` table: named (unique whatever the letter case), levers kept as JSON after
 * checking, with created and updated times. Callers run the writes inside the engine's transaction.
 */
import type { Database } from 'sql.js';
import { queryRows, queryValue } from '../db/connection';
import type { SavedScenario, ScenarioLevers } from './api';
import { checkedLevers } from './validate';

export const MAX_NAME_LENGTH = 80;

interface ScenarioRow extends Record<string, unknown> {
  id: number;
  name: string;
  levers: string;
  created_at: string;
  updated_at: string;
}

function fromRow(row: ScenarioRow): SavedScenario {
  let levers: ScenarioLevers;
  try {
    levers = JSON.parse(row.levers) as ScenarioLevers;
  } catch {
    throw new Error(`The saved scenario "${row.name}" cannot be read (its levers are damaged). Delete it and save it again.`);
  }
  return { id: row.id, name: row.name, levers, createdAt: row.created_at, updatedAt: row.updated_at };
}

const SELECT = 'SELECT id, name, levers, created_at, updated_at FROM scenario';

export function listScenarios(db: Database): SavedScenario[] {
  return queryRows<ScenarioRow>(db, `${SELECT} ORDER BY id`).map(fromRow);
}

export function getScenario(db: Database, id: number): SavedScenario {
  const row = queryRows<ScenarioRow>(db, `${SELECT} WHERE id = ?`, [id])[0];
  if (!row) throw new Error(`There is no saved scenario number ${id}; it may have been deleted.`);
  return fromRow(row);
}

/** A name trimmed, with runs of spaces made one; throws when empty or too long. */
export function cleanName(name: unknown): string {
  const clean = typeof name === 'string' ? name.replace(/\s+/g, ' ').trim() : '';
  if (clean === '') throw new Error('Give the scenario a name.');
  if (clean.length > MAX_NAME_LENGTH) throw new Error(`A scenario name can be at most ${MAX_NAME_LENGTH} characters.`);
  return clean;
}

function nameTaken(db: Database, name: string, exceptId: number | null): boolean {
  return queryValue(db, 'SELECT id FROM scenario WHERE name = ? COLLATE NOCASE AND id IS NOT ?', [name, exceptId]) !== null;
}

function assertNameFree(db: Database, name: string, exceptId: number | null): void {
  if (nameTaken(db, name, exceptId)) throw new Error(`A scenario called "${name}" already exists: choose another name.`);
}

/** Saves a new scenario (no id) or updates one. */
export function saveScenario(db: Database, input: { id?: number; name: string; levers: ScenarioLevers }, now: Date): SavedScenario {
  const name = cleanName(input.name);
  const levers = JSON.stringify(checkedLevers(input.levers));
  const stamp = now.toISOString();
  if (input.id === undefined || input.id === null) {
    assertNameFree(db, name, null);
    db.run('INSERT INTO scenario (name, levers, created_at, updated_at) VALUES (?, ?, ?, ?)', [name, levers, stamp, stamp]);
    return getScenario(db, Number(queryValue(db, 'SELECT last_insert_rowid()')));
  }
  getScenario(db, input.id);
  assertNameFree(db, name, input.id);
  db.run('UPDATE scenario SET name = ?, levers = ?, updated_at = ? WHERE id = ?', [name, levers, stamp, input.id]);
  return getScenario(db, input.id);
}

export function deleteScenario(db: Database, id: number): void {
  getScenario(db, id);
  db.run('DELETE FROM scenario WHERE id = ?', [id]);
}

/** "Option A" → "Option A (copy)", then "(copy 2)", "(copy 3)"…; copying a copy counts on from the same base. */
export function copyName(db: Database, original: string): string {
  const base = original.replace(/ \(copy(?: \d+)?\)$/, '');
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? ' (copy)' : ` (copy ${i})`;
    const name = `${base.slice(0, MAX_NAME_LENGTH - suffix.length).trimEnd()}${suffix}`;
    if (!nameTaken(db, name, null)) return name;
  }
}

export function duplicateScenario(db: Database, id: number, name: string | null | undefined, now: Date): SavedScenario {
  const original = getScenario(db, id);
  const newName = name === null || name === undefined || name.trim() === '' ? copyName(db, original.name) : cleanName(name);
  return saveScenario(db, { name: newName, levers: original.levers }, now);
}
