import { describe, expect, it } from 'vitest';
import { deleteScenario, duplicateScenario, getScenario, listScenarios, saveScenario } from '../../../shared/scenarios/store';
import { migratedDatabase } from './db';
import { levers } from './fixtures';

const t1 = new Date('2026-01-05T09:00:00Z');
const t2 = new Date('2026-01-06T10:30:00Z');

describe('saved scenarios', () => {
  it('save, update, list, duplicate and delete', async () => {
    const db = await migratedDatabase();
    const a = saveScenario(db, { name: '  Two  radiographers ', levers: levers() }, t1);
    expect(a).toEqual({ id: a.id, name: 'Two radiographers', levers: levers(), createdAt: t1.toISOString(), updatedAt: t1.toISOString() });

    const updated = saveScenario(db, { id: a.id, name: 'Two radiographers', levers: levers({ radiographersToAdd: 3 }) }, t2);
    expect(updated).toMatchObject({ id: a.id, createdAt: t1.toISOString(), updatedAt: t2.toISOString() });
    expect(updated.levers.radiographersToAdd).toBe(3);

    const copy = duplicateScenario(db, a.id, null, t2);
    expect(copy.name).toBe('Two radiographers (copy)');
    expect(copy.levers).toEqual(updated.levers);
    expect(duplicateScenario(db, a.id, undefined, t2).name).toBe('Two radiographers (copy 2)');
    // Copying a copy counts on from the same base name.
    expect(duplicateScenario(db, copy.id, null, t2).name).toBe('Two radiographers (copy 3)');
    expect(duplicateScenario(db, a.id, 'Backlog option', t2).name).toBe('Backlog option');

    expect(listScenarios(db).map((s) => s.name)).toEqual([
      'Two radiographers',
      'Two radiographers (copy)',
      'Two radiographers (copy 2)',
      'Two radiographers (copy 3)',
      'Backlog option',
    ]);
    deleteScenario(db, copy.id);
    expect(listScenarios(db)).toHaveLength(4);
    expect(() => getScenario(db, copy.id)).toThrow(`There is no saved scenario number ${copy.id}; it may have been deleted.`);
    expect(() => deleteScenario(db, copy.id)).toThrow('There is no saved scenario number');
  });

  it('refuses duplicate names (whatever the case), blank names and bad levers, changing nothing', async () => {
    const db = await migratedDatabase();
    const a = saveScenario(db, { name: 'Option A', levers: levers() }, t1);
    expect(() => saveScenario(db, { name: 'option a', levers: levers() }, t1)).toThrow(
      'A scenario called "option a" already exists: choose another name.',
    );
    const b = saveScenario(db, { name: 'Option B', levers: levers() }, t1);
    expect(() => saveScenario(db, { id: b.id, name: 'OPTION A', levers: levers() }, t1)).toThrow('already exists');
    expect(() => duplicateScenario(db, b.id, 'Option A', t1)).toThrow('already exists');
    // Renaming a scenario to its own name in another case is fine.
    expect(saveScenario(db, { id: a.id, name: 'OPTION A', levers: levers() }, t2).name).toBe('OPTION A');
    expect(() => saveScenario(db, { name: '   ', levers: levers() }, t1)).toThrow('Give the scenario a name.');
    expect(() => saveScenario(db, { name: 'x'.repeat(81), levers: levers() }, t1)).toThrow('at most 80 characters');
    expect(() => saveScenario(db, { name: 'Bad', levers: levers({ targetPlainFilmShare: 2 }) }, t1)).toThrow(
      'The target plain-film share must be from 0% to 100% (it is 200%).',
    );
    expect(() => saveScenario(db, { id: 999, name: 'Ghost', levers: levers() }, t1)).toThrow('There is no saved scenario number 999');
    expect(listScenarios(db).map((s) => s.name)).toEqual(['OPTION A', 'Option B']);
  });

  it('reports a damaged saved scenario by name', async () => {
    const db = await migratedDatabase();
    db.run("INSERT INTO scenario (name, levers, created_at, updated_at) VALUES ('Broken', '{not json', 'x', 'x')");
    expect(() => listScenarios(db)).toThrow('The saved scenario "Broken" cannot be read');
  });
});
