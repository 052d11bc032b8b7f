/**
 * Migrations carry saved data forward. v6 moved the turnaround histogram's exact values from one row per distinct
 * second (sum_tat) to one JSON object per bin (sum_tat_values); a file saved before must give the same values.
 */
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from '../../../shared/db/schema';
import { queryRows } from '../../../shared/db/connection';
import { turnaroundValuesSql } from '../../../shared/metrics/queries';
import { turnaroundBin } from '../../../shared/metrics/percentile';

describe('migration to v6 (turnaround values by bin)', () => {
  it('gathers each bin’s values from the old rows, drops the old table and answers the same queries', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    for (let version = 0; version < 5; version++) db.exec(MIGRATIONS[version]!);
    db.exec('PRAGMA user_version = 5');
    // Two values in one bin and one in another for CT at RXX01, inpatients, April 2024; one for MR in May.
    const old: [string, string, number, number][] = [
      ['2024-04', 'CT', 3600, 2],
      ['2024-04', 'CT', 3660, 5],
      ['2024-04', 'CT', 86_400, 1],
      ['2024-05', 'MR', 3600, 4],
    ];
    const insertValue = db.prepare("INSERT INTO sum_tat (bin, month, site, modality, source, tat_sec, n) VALUES (?, ?, 'RXX01', ?, 'inpatient', ?, ?)");
    const insertBin = db.prepare(
      "INSERT INTO sum_tat_bin (month, site, modality, source, bin, n) VALUES (?, 'RXX01', ?, 'inpatient', ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n",
    );
    for (const [month, modality, seconds, n] of old) {
      insertValue.run([turnaroundBin(seconds), month, modality, seconds, n]);
      insertBin.run([month, modality, turnaroundBin(seconds), n]);
    }
    insertValue.free();
    insertBin.free();

    expect(migrate(db)).toEqual({ from: 5, to: SCHEMA_VERSION });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.exec("SELECT name FROM sqlite_master WHERE name = 'sum_tat'")).toEqual([]);
    const stored = queryRows<{ month: string; modality: string; bin: number; tat_values: string }>(
      db,
      'SELECT month, modality, bin, tat_values FROM sum_tat_values ORDER BY month, bin',
    );
    expect(stored).toEqual([
      { month: '2024-04', modality: 'CT', bin: turnaroundBin(3600), tat_values: '{"3600":2,"3660":5}' },
      { month: '2024-04', modality: 'CT', bin: turnaroundBin(86_400), tat_values: '{"86400":1}' },
      { month: '2024-05', modality: 'MR', bin: turnaroundBin(3600), tat_values: '{"3600":4}' },
    ]);
    // The query analyse runs inside a bin: April–May, all modalities, then CT only.
    const bin = turnaroundBin(3600);
    expect(queryRows(db, turnaroundValuesSql(null, ''), [bin, '2024-04', '2024-05'])).toEqual([
      { v: 3600, n: 6 },
      { v: 3660, n: 5 },
    ]);
    expect(queryRows(db, turnaroundValuesSql('modality', ''), [bin, '2024-04', '2024-05', 'CT'])).toEqual([
      { v: 3600, n: 2 },
      { v: 3660, n: 5 },
    ]);
    db.close();
  });
});
