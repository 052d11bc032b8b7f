/** Schema v3: imported benchmark sets live in the database file, so they travel with the analysis. */
export const BENCHMARK_MIGRATION = `
  CREATE TABLE benchmark_set (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    file TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    body TEXT NOT NULL
  );
`;
