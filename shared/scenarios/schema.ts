/** v5: saved business-case scenarios (levers as JSON). */
export const SCENARIO_MIGRATION = `
  CREATE TABLE scenario (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    levers TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
`;
