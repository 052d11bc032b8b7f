/** A migrated in-memory database for the scenario store and price tests. */
import initSqlJs from 'sql.js';
import type { Database } from 'sql.js';
import { openDatabase } from '../../../shared/db/connection';

export async function migratedDatabase(): Promise<Database> {
  const SQL = await initSqlJs();
  return openDatabase(SQL, null).db;
}
