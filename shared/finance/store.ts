/**
 * The finance tables' contents: classification rules and provider aliases (seeded from resources/, then
 * editable), and reclassification of stored ledger lines when either changes. Runs inside the caller's transaction.
 */
import type { Database } from 'sql.js';
import { queryRows, queryValue } from '../db/connection';
import { DEFAULT_RULES } from './defaults';
import { isRadiologyLine } from './ledgerRows';
import { lineProvider, normaliseSupplier, ProviderIndex, seedAliases, type ProviderAlias } from './providers';
import {
  assertValidRule,
  compileRules,
  RuleError,
  type ClassificationRule,
  type Classifier,
  type PreviewLine,
  type RuleCondition,
} from './rules';

export type RuleSource = 'default' | 'user';
export interface StoredRule extends ClassificationRule {
  source: RuleSource;
}

const SEEDED_KEY = 'finance.seeded';

/**
 * Puts the shipped default rules and aliases into a database once (a fresh one, or one just migrated to v2).
 * Later edits and deletions are the user's and are never undone by this. Returns whether it seeded.
 */
export function seedFinanceDefaults(
  db: Database,
  rules: readonly ClassificationRule[] = DEFAULT_RULES,
  aliases: readonly ProviderAlias[] = seedAliases,
): boolean {
  if (queryValue(db, 'SELECT value FROM meta WHERE key = ?', [SEEDED_KEY]) !== null) return false;
  for (const rule of rules) writeRule(db, rule, 'default');
  for (const a of aliases) saveAlias(db, a.alias, a.provider);
  db.run('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', [SEEDED_KEY, '1']);
  return true;
}

function writeRule(db: Database, rule: ClassificationRule, source: RuleSource): void {
  db.run(
    `INSERT INTO classification_rule (id, priority, category, conditions, enabled, source, note) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET priority = excluded.priority, category = excluded.category,
       conditions = excluded.conditions, enabled = excluded.enabled, source = excluded.source, note = excluded.note`,
    [rule.id, rule.priority, rule.category, JSON.stringify(rule.conditions), rule.enabled ? 1 : 0, source, rule.note ?? null],
  );
}

/** Every stored rule, in the order they are tried. */
export function loadRules(db: Database): StoredRule[] {
  return queryRows<{ id: string; priority: number; category: string; conditions: string; enabled: number; source: string; note: string | null }>(
    db,
    'SELECT id, priority, category, conditions, enabled, source, note FROM classification_rule ORDER BY priority, id',
  ).map((r) => ({
    id: r.id,
    priority: r.priority,
    category: r.category as StoredRule['category'],
    conditions: JSON.parse(r.conditions) as RuleCondition[],
    enabled: r.enabled === 1,
    source: r.source === 'default' ? 'default' : 'user',
    ...(r.note !== null ? { note: r.note } : {}),
  }));
}

/**
 * Saves (adds or replaces by id) one rule after checking it, and that the whole rule set still compiles.
 * Throws a RuleError with the reasons when it is refused; nothing is written then.
 */
export function saveRule(db: Database, rule: ClassificationRule, source: RuleSource = 'user'): void {
  assertValidRule(rule);
  const others = loadRules(db).filter((r) => r.id !== rule.id);
  compileRules([...others, rule]);
  writeRule(db, rule, source);
}

export function deleteRule(db: Database, id: string): boolean {
  db.run('DELETE FROM classification_rule WHERE id = ?', [id]);
  return db.getRowsModified() > 0;
}

export function loadAliases(db: Database): ProviderAlias[] {
  return queryRows<{ alias: string; provider: string }>(db, 'SELECT alias, provider FROM provider_alias ORDER BY provider, alias');
}

/** Adds or replaces an alias (keyed by its normalised form). */
export function saveAlias(db: Database, alias: string, provider: string): void {
  const key = normaliseSupplier(alias);
  if (!key) throw new RuleError(null, [`the alias "${alias}" has no letters or digits`]);
  if (!provider.trim()) throw new RuleError(null, ['the provider name is empty']);
  db.run('INSERT OR REPLACE INTO provider_alias (alias_normalised, alias, provider) VALUES (?, ?, ?)', [key, alias.trim(), provider.trim()]);
}

export function deleteAlias(db: Database, alias: string): boolean {
  db.run('DELETE FROM provider_alias WHERE alias_normalised = ?', [normaliseSupplier(alias)]);
  return db.getRowsModified() > 0;
}

/** A classifier from the stored rules. */
export function storedClassifier(db: Database): Classifier {
  return compileRules(loadRules(db));
}

export function storedProviders(db: Database): ProviderIndex {
  return new ProviderIndex(loadAliases(db));
}

interface StoredLine {
  id: number;
  supplier: string | null;
  subjectiveCode: string | null;
  subjectiveName: string | null;
  narrative: string | null;
  costCentre: string | null;
  expenseArea: string | null;
  amountPence: number;
  category: string;
  ruleId: string | null;
  provider: string | null;
  radiology: number;
}

function storedLines(db: Database): StoredLine[] {
  return queryRows<StoredLine & Record<string, unknown>>(
    db,
    `SELECT id, supplier, subjective_code AS subjectiveCode, subjective_name AS subjectiveName, narrative,
            cost_centre AS costCentre, expense_area AS expenseArea, amount_pence AS amountPence, category,
            rule_id AS ruleId, supplier_canonical AS provider, radiology
     FROM ledger_line`,
  );
}

/** Every stored line as the rules see it, for previewRuleChange. */
export function previewLines(db: Database): PreviewLine[] {
  return storedLines(db);
}

/**
 * Re-runs classification and provider matching on every stored line (after a rule or alias change) and updates
 * the lines whose category, rule, provider or radiology flag changed. Returns how many lines changed.
 */
export function reclassifyLedger(db: Database, classifier: Classifier, providers: ProviderIndex): { changed: number } {
  const update = db.prepare('UPDATE ledger_line SET category = ?, rule_id = ?, supplier_canonical = ?, radiology = ? WHERE id = ?');
  let changed = 0;
  try {
    for (const line of storedLines(db)) {
      const { category, ruleId } = classifier.classify(line);
      const provider = lineProvider(providers, line.supplier, line.narrative);
      const radiology = isRadiologyLine(line, provider, category) ? 1 : 0;
      if (category === line.category && ruleId === line.ruleId && provider === line.provider && radiology === line.radiology) continue;
      update.run([category, ruleId, provider, radiology, line.id]);
      changed++;
    }
  } finally {
    update.free();
  }
  return { changed };
}
