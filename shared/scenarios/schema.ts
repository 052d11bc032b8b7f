/** v5: saved business-case scenarios (levers as JSON). Names are unique whatever their letter case. */
export const SCENARIO_MIGRATION = `
  CREATE TABLE scenario (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    levers TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
`;
