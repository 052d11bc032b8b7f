/** v4: tariffs, provider statement lines and reconciliation decisions. */
export const RECONCILE_MIGRATION = `
  CREATE TABLE tariff (
    id INTEGER PRIMARY KEY,
    provider TEXT NOT NULL,
    modality TEXT NOT NULL,
    priority TEXT,
    exam_code TEXT,
    unit_price_pence INTEGER NOT NULL,
    effective_from TEXT NOT NULL,
    effective_to TEXT,
    batch_id INTEGER
  );
`;
