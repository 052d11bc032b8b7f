/**
 * Schema migration v2: finance ledgers, classification rules and provider aliases.
 * Append to MIGRATIONS in shared/db/schema.ts; never edit once shipped. It runs inside migrate()'s transaction,
 * so it holds no BEGIN/COMMIT. Default rules and aliases are seeded by code (store.ts), not here, so that the
 * migration text never depends on the editable resources.
 *
 * Ledger lines are not versioned by key (a ledger has no natural key): re-importing the same file is flagged by
 * its SHA-256 in import_batch, and undoing an import deletes its lines by batch_id.
 */
export const FINANCE_MIGRATION = `
  CREATE TABLE ledger_line (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL,
    src_row INTEGER,
    cost_centre TEXT,
    subjective_code TEXT,
    subjective_name TEXT,
    expense_area TEXT,
    supplier TEXT,
    -- The provider's canonical name when an alias matches the supplier, else NULL.
    supplier_canonical TEXT,
    narrative TEXT,
    -- The ledger period as a calendar month, 'YYYY-MM'.
    period_month TEXT NOT NULL,
    transaction_date TEXT,
    -- Net amount in pence: credit notes and reversals are negative.
    amount_pence INTEGER NOT NULL,
    reference TEXT,
    entity TEXT,
    category TEXT NOT NULL,
    -- The rule that gave the category; NULL when no rule matched ('other').
    rule_id TEXT,
    -- 1 when the line looks like radiology or imaging spend: unclassified ones form the review queue.
    radiology INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX ledger_line_batch ON ledger_line(batch_id);
  CREATE INDEX ledger_line_month ON ledger_line(period_month, category, amount_pence);
  CREATE INDEX ledger_line_category ON ledger_line(category, period_month);
  CREATE INDEX ledger_line_provider ON ledger_line(supplier_canonical, period_month);
  CREATE INDEX ledger_line_supplier ON ledger_line(supplier);
  CREATE INDEX ledger_line_review ON ledger_line(period_month) WHERE category = 'other' AND radiology = 1;

  CREATE TABLE classification_rule (
    id TEXT PRIMARY KEY,
    priority INTEGER NOT NULL,
    category TEXT NOT NULL,
    -- JSON list of {field, op, value}; all must match.
    conditions TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    source TEXT NOT NULL DEFAULT 'user' CHECK (source IN ('default', 'user')),
    note TEXT
  );

  CREATE TABLE provider_alias (
    -- normaliseSupplier(alias): what a supplier name is matched on.
    alias_normalised TEXT PRIMARY KEY,
    alias TEXT NOT NULL,
    provider TEXT NOT NULL
  );
  CREATE INDEX provider_alias_provider ON provider_alias(provider);
`;
