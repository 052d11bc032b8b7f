/**
 * A classification rule as the rule dialog edits it: text fields that may be half-typed, turned into a
 * ClassificationRule and checked with the engine's own validateRule, so the dialog and the engine agree.
 */
import type { ClassificationRule, LedgerLineRow, StoredRule } from '../../shared/contract';
import { RULE_FIELD_LABELS, RULE_OP_LABELS, validateRule, type RuleCondition, type RuleField, type RuleOp } from '../../shared/finance/rules';
import type { LedgerCategory } from '../../shared/model';

export interface ConditionDraft {
  field: RuleField;
  op: RuleOp;
  /** One value; for 'one_of', a list one per line, or separated by commas. */
  value: string;
}

export interface RuleDraft {
  id: string;
  priority: string;
  category: LedgerCategory | '';
  enabled: boolean;
  note: string;
  conditions: ConditionDraft[];
  /** Editing a stored rule (its id is fixed) rather than adding one. */
  existing: boolean;
}

/**
 * The values of a 'one of' list. Supplier names can hold commas ("Smith, Jones & Co"), so once the text has
 * a line break, lines are the separator; otherwise commas are.
 */
export function parseList(text: string): string[] {
  const parts = /[\r\n]/.test(text) ? text.split(/\r?\n|\r/) : text.split(',');
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function conditionValue(c: ConditionDraft): string | string[] {
  return c.op === 'one_of' ? parseList(c.value) : c.value;
}

/** The rule the draft describes. A priority that is not a whole number stays NaN, for validateRule to name. */
export function draftToRule(draft: RuleDraft): ClassificationRule {
  const priorityText = draft.priority.trim();
  const priority = /^-?\d+$/.test(priorityText) ? Number(priorityText) : Number.NaN;
  const note = draft.note.trim();
  return {
    id: draft.id.trim(),
    priority,
    category: draft.category as LedgerCategory,
    conditions: draft.conditions.map((c) => ({ field: c.field, op: c.op, value: conditionValue(c) })),
    enabled: draft.enabled,
    ...(note ? { note } : {}),
  };
}

export function ruleToDraft(rule: ClassificationRule): RuleDraft {
  return {
    id: rule.id,
    priority: String(rule.priority),
    category: rule.category,
    enabled: rule.enabled,
    note: rule.note ?? '',
    conditions: rule.conditions.map((c) => ({
      field: c.field,
      op: c.op,
      // A list is edited one value per line, so values with commas survive a round trip.
      value: Array.isArray(c.value) ? c.value.join('\n') : c.value,
    })),
    existing: true,
  };
}

/** 'Medica Reporting Ltd' → 'medica-reporting-ltd'. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'rule'
  );
}

/** An id not yet taken: 'base', else 'base-2', 'base-3', … */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const ids = new Set(taken);
  if (!ids.has(base)) return base;
  for (let n = 2; ; n++) if (!ids.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * A priority that puts a new rule ahead of every stored one, so it wins over the defaults it is meant to
 * correct; the user can change it.
 */
export function frontPriority(rules: readonly Pick<ClassificationRule, 'priority'>[]): number {
  if (rules.length === 0) return 100;
  return Math.min(...rules.map((r) => r.priority)) - 10;
}

export interface RulePrefill {
  /** The first condition, e.g. supplier is "Sectra Ltd". */
  condition?: ConditionDraft;
  category?: LedgerCategory;
}

export function newRuleDraft(rules: readonly StoredRule[], prefill: RulePrefill = {}): RuleDraft {
  const c = prefill.condition;
  const base = c && c.value.trim() ? `${c.field === 'supplier' ? 'supplier' : c.field.toLowerCase()}-${slug(c.value)}` : 'my-rule';
  return {
    id: uniqueId(base, rules.map((r) => r.id)),
    priority: String(frontPriority(rules)),
    category: prefill.category ?? '',
    enabled: true,
    note: '',
    conditions: [c ? { ...c } : { field: 'supplier', op: 'contains', value: '' }],
    existing: false,
  };
}

/**
 * The condition a review-queue line suggests: its supplier exactly; for a journal without one, a word-for-word
 * part of its description; failing that, its subjective or expense type.
 */
export function conditionFromLine(line: Pick<LedgerLineRow, 'supplier' | 'narrative' | 'subjectiveName' | 'subjectiveCode'>): ConditionDraft {
  if (line.supplier?.trim()) return { field: 'supplier', op: 'is', value: line.supplier.trim() };
  if (line.narrative?.trim()) return { field: 'narrative', op: 'contains', value: line.narrative.trim() };
  const subjective = line.subjectiveName?.trim() || line.subjectiveCode?.trim() || '';
  return { field: 'subjective', op: 'is', value: subjective };
}

/**
 * Every reason the draft cannot be saved, in the engine's words (validateRule) plus the two things only the
 * dialog knows: no category chosen yet, and a new rule reusing an id.
 */
export function draftProblems(draft: RuleDraft, takenIds: Iterable<string>): string[] {
  const problems: string[] = [];
  if (draft.category === '') problems.push('choose a category');
  for (const p of validateRule(draftToRule(draft))) {
    if (draft.category === '' && p.startsWith('unknown category')) continue;
    problems.push(p);
  }
  const id = draft.id.trim();
  if (!draft.existing && id && new Set(takenIds).has(id)) problems.push(`another rule already has the id "${id}"`);
  return problems;
}

function quoted(value: string): string {
  return `“${value}”`;
}

/** 'Supplier is one of “A”, “B”' — a condition as a sentence. */
export function describeCondition(c: RuleCondition): string {
  const field = RULE_FIELD_LABELS[c.field] ?? c.field;
  const op = RULE_OP_LABELS[c.op] ?? c.op;
  const value = Array.isArray(c.value) ? c.value.map(quoted).join(', ') : c.op === 'matches' ? `/${c.value}/` : quoted(c.value);
  return `${field} ${op} ${value}`;
}

/** All conditions must hold: joined with 'and'. */
export function describeConditions(conditions: readonly RuleCondition[]): string {
  return conditions.map(describeCondition).join(' and ');
}

/**
 * The reasons in a refusal from the engine. A RuleError carries them as a list in this thread; across the
 * worker boundary only its message survives ("Rule "x" cannot be used: a; b."), so they are read back from it.
 */
export function reasonsFromError(err: unknown): string[] {
  if (typeof err === 'object' && err !== null) {
    const reasons = (err as { reasons?: unknown }).reasons;
    if (Array.isArray(reasons) && reasons.length > 0 && reasons.every((r) => typeof r === 'string')) return reasons as string[];
  }
  const message = err instanceof Error ? err.message : typeof err === 'object' && err !== null && 'message' in err ? String((err as { message: unknown }).message) : String(err);
  const m = /cannot be used: ([\s\S]*?)\.?$/.exec(message);
  if (m?.[1]) return m[1].split('; ').map((r) => r.trim()).filter(Boolean);
  return [message];
}

/**
 * A fresh plain copy of a rule, without a stored rule's `source` and free of Vue proxies, which cannot be
 * structured-cloned to the engine's thread.
 */
export function plainRule(rule: ClassificationRule): ClassificationRule {
  return {
    id: rule.id,
    priority: rule.priority,
    category: rule.category,
    conditions: rule.conditions.map((c) => ({ field: c.field, op: c.op, value: Array.isArray(c.value) ? [...c.value] : c.value })),
    enabled: rule.enabled,
    ...(rule.note !== undefined ? { note: rule.note } : {}),
  };
}
