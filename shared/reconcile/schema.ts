/**
 * v4: tariffs, provider statement lines and reconciliation decisions.
 *
 * - tariff: provider (its canonical name when saved), modality, and optionally priority and examination code
 *   (NULL = any), price in pence, effective dates. Imported rows carry their batch; an import that re-prices a
 *   row (same key and start) keeps the replaced version in tariff_prior, so undoing the import restores it.
 *   Rows entered or edited in the app have no batch and are never undone.
 * - statement_line: one line of a provider's statement, as billed. Lines have no natural key (a repeat is what
 *   reconciliation looks for), so an import only adds lines and undoing it removes them.
 * - recon_decision: the user's decision on a line or a not-billed examination, keyed by the stable line key
 *   (shared/reconcile/match.ts), so it outlives re-imports; not tied to any batch.
 * - exam_outsourced: the RIS examinations an outsourcing provider reported, by provider and report date, for
 *   the "not billed" check without scanning every examination.
 */
export const TARIFF_COLUMN_NAMES = 'id, provider, modality, priority, exam_code, unit_price_pence, effective_from, effective_to, batch_id';

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
  CREATE INDEX tariff_provider ON tariff(provider, modality);
  CREATE INDEX tariff_batch ON tariff(batch_id);

  CREATE TABLE tariff_prior (
    id INTEGER NOT NULL, provider TEXT NOT NULL, modality TEXT NOT NULL, priority TEXT, exam_code TEXT,
    unit_price_pence INTEGER NOT NULL, effective_from TEXT NOT NULL, effective_to TEXT, batch_id INTEGER,
    replaced_by INTEGER NOT NULL
  );
  CREATE INDEX tariff_prior_replaced ON tariff_prior(replaced_by);

  CREATE TRIGGER tariff_keep_prior BEFORE UPDATE ON tariff WHEN new.batch_id IS NOT NULL BEGIN
    INSERT INTO tariff_prior (${TARIFF_COLUMN_NAMES}, replaced_by)
    VALUES (old.id, old.provider, old.modality, old.priority, old.exam_code, old.unit_price_pence, old.effective_from,
            old.effective_to, old.batch_id, new.batch_id);
  END;

  CREATE TABLE statement_line (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL,
    src_row INTEGER,
    -- The provider's canonical name when imported, and the name as the file gave it.
    provider TEXT NOT NULL,
    provider_raw TEXT,
    -- The statement month, 'YYYY-MM': the statement's own period column, else the month most lines were reported in.
    month TEXT NOT NULL,
    month_from_period INTEGER NOT NULL DEFAULT 0,
    accession TEXT NOT NULL,
    exam_code TEXT NOT NULL DEFAULT '',
    exam_name TEXT,
    modality TEXT,
    priority TEXT,
    reported_on TEXT NOT NULL,
    unit_price_pence INTEGER NOT NULL,
    amount_pence INTEGER NOT NULL,
    reference TEXT
  );
  CREATE INDEX statement_line_batch ON statement_line(batch_id);
  CREATE INDEX statement_line_provider ON statement_line(provider, month);
  CREATE INDEX statement_line_accession ON statement_line(accession);

  CREATE TABLE recon_decision (
    key TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    month TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('open', 'accepted', 'disputed', 'resolved')),
    note TEXT,
    -- The line's status when the decision was taken: a later run shows a change beside the decision.
    status TEXT NOT NULL,
    decided_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX recon_decision_month ON recon_decision(provider, month);

  CREATE INDEX exam_outsourced ON exam(provider, reported_at) WHERE provider IS NOT NULL AND provider <> '';
`;
