/**
 * Classification rules: each ledger line gets one category (METRICS.md) and the id of the rule that gave it.
 * Rules are ordered by priority (lower number first), then by id, so the first match is deterministic.
 * A rule's conditions must all match. Matching is case-insensitive on whitespace-normalised text.
 */
import { LEDGER_CATEGORIES, type LedgerCategory } from '../model';

export const RULE_FIELDS = ['supplier', 'subjective', 'narrative', 'costCentre', 'expenseArea'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

export const RULE_OPS = ['is', 'contains', 'starts_with', 'matches', 'one_of', 'not_contains'] as const;
export type RuleOp = (typeof RULE_OPS)[number];

export const RULE_FIELD_LABELS: Record<RuleField, string> = {
  supplier: 'Supplier',
  subjective: 'Subjective or expense type (code or name)',
  narrative: 'Description',
  costCentre: 'Cost centre',
  expenseArea: 'Expense area',
};

export const RULE_OP_LABELS: Record<RuleOp, string> = {
  is: 'is',
  contains: 'contains',
  starts_with: 'starts with',
  matches: 'matches (regular expression)',
  one_of: 'is one of',
  not_contains: 'does not contain',
};

export interface RuleCondition {
  field: RuleField;
  op: RuleOp;
  value: string | string[];
}

export interface ClassificationRule {
  id: string;
  priority: number;
  category: LedgerCategory;
  /** All must match. */
  conditions: RuleCondition[];
  enabled: boolean;
  note?: string;
}

/** The text a rule can see on a ledger line. */
export interface ClassifiableLine {
  supplier?: string | null;
  subjectiveCode?: string | null;
  /** Subjective description, or a spend file's Expense Type. */
  subjectiveName?: string | null;
  narrative?: string | null;
  costCentre?: string | null;
  expenseArea?: string | null;
}

export interface Classification {
  category: LedgerCategory;
  ruleId: string | null;
}

export interface Classifier {
  /** The enabled rules in the order they are tried. */
  readonly rules: readonly ClassificationRule[];
  classify(line: ClassifiableLine): Classification;
}

export class RuleError extends Error {
  constructor(
    readonly ruleId: string | null,
    readonly reasons: string[],
  ) {
    super(`${ruleId ? `Rule "${ruleId}"` : 'A rule'} cannot be used: ${reasons.join('; ')}.`);
    this.name = 'RuleError';
  }
}

/** Lower case, every run of whitespace (and non-breaking space) one space, curly quotes straight, trimmed. */
const NEEDS_NORMALISING = /[\u2018\u2019\u2012-\u2015\u2212]|\s\s|[^\S ]|^ | $/;

export function normaliseRuleText(text: string | null | undefined): string {
  if (!text) return '';
  if (!NEEDS_NORMALISING.test(text)) return text.toLowerCase();
  return text.replace(/[\u2018\u2019]/g, "'").replace(/[\u2012-\u2015\u2212]/g, '-').replace(/\s+/g, ' ').trim().toLowerCase();
}

const MAX_PATTERN = 500;
const MAX_ID = 100;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function conditionProblems(c: unknown, at: string): string[] {
  if (!isRecord(c)) return [`${at} is not a condition`];
  const problems: string[] = [];
  const field = c['field'];
  const op = c['op'];
  const value = c['value'];
  if (!RULE_FIELDS.includes(field as RuleField)) {
    problems.push(`${at}: unknown field ${JSON.stringify(field)} (use ${RULE_FIELDS.join(', ')})`);
  }
  if (!RULE_OPS.includes(op as RuleOp)) {
    problems.push(`${at}: unknown operator ${JSON.stringify(op)} (use ${RULE_OPS.join(', ')})`);
    return problems;
  }
  if (op === 'one_of') {
    if (!Array.isArray(value)) return [...problems, `${at}: "one of" needs a list of values`];
    if (value.length === 0) return [...problems, `${at}: "one of" needs at least one value`];
    value.forEach((v, i) => {
      if (typeof v !== 'string') problems.push(`${at}: value ${i + 1} of the list is not text`);
      else if (normaliseRuleText(v) === '') problems.push(`${at}: value ${i + 1} of the list is empty`);
    });
    return problems;
  }
  if (Array.isArray(value)) return [...problems, `${at}: "${op}" takes one value, not a list (use "one_of" for a list)`];
  if (typeof value !== 'string') return [...problems, `${at}: the value is not text`];
  if (normaliseRuleText(value) === '') return [...problems, `${at}: the value is empty`];
  if (op === 'matches') {
    if (value.length > MAX_PATTERN) return [...problems, `${at}: the pattern is longer than ${MAX_PATTERN} characters`];
    let re: RegExp;
    try {
      re = new RegExp(value, 'i');
    } catch (error) {
      return [...problems, `${at}: invalid regular expression /${value}/: ${(error as Error).message}`];
    }
    // A pattern that matches nothing at all matches every line: almost certainly a mistake.
    if (re.test('')) problems.push(`${at}: the pattern /${value}/ matches an empty value, so it would match every line`);
  }
  return problems;
}

/** Every reason the rule cannot be used; empty when it is valid. Accepts any value (rules come from files and the UI). */
export function validateRule(rule: unknown): string[] {
  if (!isRecord(rule)) return ['a rule must be an object'];
  const problems: string[] = [];
  const id = rule['id'];
  if (typeof id !== 'string' || id.trim() === '') problems.push('the rule has no id');
  else if (id.length > MAX_ID) problems.push(`the id is longer than ${MAX_ID} characters`);
  const priority = rule['priority'];
  if (typeof priority !== 'number' || !Number.isSafeInteger(priority)) problems.push('the priority must be a whole number');
  if (!LEDGER_CATEGORIES.includes(rule['category'] as LedgerCategory)) {
    problems.push(`unknown category ${JSON.stringify(rule['category'])} (use ${LEDGER_CATEGORIES.join(', ')})`);
  }
  if (typeof rule['enabled'] !== 'boolean') problems.push('"enabled" must be true or false');
  if (rule['note'] !== undefined && rule['note'] !== null && typeof rule['note'] !== 'string') problems.push('the note must be text');
  const conditions = rule['conditions'];
  if (!Array.isArray(conditions)) problems.push('the conditions must be a list');
  else if (conditions.length === 0) problems.push('a rule needs at least one condition (a rule without one would match every line)');
  else conditions.forEach((c, i) => problems.push(...conditionProblems(c, `condition ${i + 1}`)));
  return problems;
}

/** Throws a RuleError naming the rule and every reason when the rule is invalid. */
export function assertValidRule(rule: unknown): asserts rule is ClassificationRule {
  const problems = validateRule(rule);
  if (problems.length) {
    const id = isRecord(rule) && typeof rule['id'] === 'string' ? rule['id'] : null;
    throw new RuleError(id, problems);
  }
}

// --- compiled matching ------------------------------------------------------------------------------

type Test = (text: string) => boolean;

function compileTest(c: RuleCondition): Test {
  switch (c.op) {
    case 'is': {
      const v = normaliseRuleText(c.value as string);
      return (t) => t === v;
    }
    case 'contains':
    case 'not_contains': {
      const v = normaliseRuleText(c.value as string);
      return (t) => t.includes(v);
    }
    case 'starts_with': {
      const v = normaliseRuleText(c.value as string);
      return (t) => t.startsWith(v);
    }
    case 'matches': {
      const re = new RegExp(c.value as string, 'i');
      return (t) => re.test(t);
    }
    case 'one_of': {
      const set = new Set((c.value as string[]).map(normaliseRuleText));
      return (t) => set.has(t);
    }
  }
}

/** One distinct text of a field: its normal form and, lazily, each of the field's tests on it (0 unknown, 1 yes, 2 no). */
interface TextEntry {
  norm: string;
  results: Int8Array;
}

/** Distinct texts kept per field before the cache starts again. */
const CACHE_LIMIT = 50_000;
/** After this many look-ups, a field whose values rarely repeat (narratives with invoice numbers) stops caching. */
const CACHE_TRIAL = 5_000;

/**
 * The tests on one field, and a cache by raw text. Ledgers repeat suppliers, subjectives and cost centres on
 * thousands of lines, so each distinct value is normalised and tested once; a field whose values are nearly all
 * different is tested afresh each time instead, without the cost of caching.
 */
class FieldTests {
  readonly tests: Test[] = [];
  private readonly keys = new Map<string, number>();
  private readonly cache = new Map<string, TextEntry>();
  private lookups = 0;
  private hits = 0;
  private caching = true;
  /** Entries reused line after line when not caching; two because the subjective has a code and a name. */
  private scratch: TextEntry[] = [];

  /** The index of a test, shared by equal conditions (contains and not_contains of one value share one). */
  add(c: RuleCondition): number {
    const key = `${c.op === 'not_contains' ? 'contains' : c.op}\u0000${JSON.stringify(c.value)}`;
    let index = this.keys.get(key);
    if (index === undefined) {
      index = this.tests.length;
      this.tests.push(compileTest(c));
      this.keys.set(key, index);
    }
    return index;
  }

  entry(raw: string | null | undefined, slot: 0 | 1 = 0): TextEntry | null {
    if (!raw || this.tests.length === 0) return null;
    let e: TextEntry | undefined;
    if (this.caching) {
      e = this.cache.get(raw);
      this.lookups++;
      if (e !== undefined) this.hits++;
      else {
        if (this.lookups >= CACHE_TRIAL && this.hits * 2 < this.lookups) {
          this.caching = false;
          this.cache.clear();
        } else {
          if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
          e = { norm: normaliseRuleText(raw), results: new Int8Array(this.tests.length) };
          this.cache.set(raw, e);
        }
      }
    }
    if (e === undefined) {
      e = this.scratch[slot] ??= { norm: '', results: new Int8Array(this.tests.length) };
      e.norm = normaliseRuleText(raw);
      e.results.fill(0);
    }
    return e.norm === '' ? null : e;
  }

  holds(e: TextEntry | null, index: number): boolean {
    if (e === null) return false;
    let r = e.results[index]!;
    if (r === 0) e.results[index] = r = this.tests[index]!(e.norm) ? 1 : 2;
    return r === 1;
  }
}

interface CompiledCondition {
  field: RuleField;
  index: number;
  negate: boolean;
}

interface CompiledRule {
  rule: ClassificationRule;
  conditions: CompiledCondition[];
}

export function compareRules(a: ClassificationRule, b: ClassificationRule): number {
  return a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Builds a classifier. Every rule (enabled or not) must be valid and ids must be unique; otherwise a RuleError
 * names the rule and the reasons. Disabled rules are skipped when classifying.
 */
export function compileRules(rules: readonly ClassificationRule[]): Classifier {
  const seen = new Set<string>();
  for (const rule of rules) {
    assertValidRule(rule);
    if (seen.has(rule.id)) throw new RuleError(rule.id, ['another rule has the same id']);
    seen.add(rule.id);
  }
  const ordered = rules.filter((r) => r.enabled).sort(compareRules);
  const fields = Object.fromEntries(RULE_FIELDS.map((f) => [f, new FieldTests()])) as Record<RuleField, FieldTests>;
  const compiled: CompiledRule[] = ordered.map((rule) => ({
    rule,
    conditions: rule.conditions.map((c) => ({ field: c.field, index: fields[c.field].add(c), negate: c.op === 'not_contains' })),
  }));
  const { supplier, subjective, narrative, costCentre, expenseArea } = fields;
  return {
    rules: ordered,
    classify(line: ClassifiableLine): Classification {
      // Looked up once per line; a condition on the subjective holds when it holds for the code or the name.
      const s = supplier.entry(line.supplier);
      const code = subjective.entry(line.subjectiveCode);
      const name = subjective.entry(line.subjectiveName, 1);
      const n = narrative.entry(line.narrative);
      const cc = costCentre.entry(line.costCentre);
      const ea = expenseArea.entry(line.expenseArea);
      const holds = (c: CompiledCondition): boolean => {
        let any: boolean;
        switch (c.field) {
          case 'supplier':
            any = supplier.holds(s, c.index);
            break;
          case 'subjective':
            any = subjective.holds(code, c.index) || subjective.holds(name, c.index);
            break;
          case 'narrative':
            any = narrative.holds(n, c.index);
            break;
          case 'costCentre':
            any = costCentre.holds(cc, c.index);
            break;
          case 'expenseArea':
            any = expenseArea.holds(ea, c.index);
            break;
        }
        return c.negate ? !any : any;
      };
      outer: for (const { rule, conditions } of compiled) {
        for (const c of conditions) if (!holds(c)) continue outer;
        return { category: rule.category, ruleId: rule.id };
      }
      return { category: 'other', ruleId: null };
    },
  };
}

// --- combining and previewing ------------------------------------------------------------------------

/**
 * Puts `front` rules ahead of `rest` whatever their priority numbers (the CLI's --rules "added in front of the
 * defaults"): front rules keep their own order and are renumbered below the lowest priority in `rest`.
 * A front rule with the id of a rest rule replaces it.
 */
export function rulesInFront(front: readonly ClassificationRule[], rest: readonly ClassificationRule[]): ClassificationRule[] {
  const frontIds = new Set(front.map((r) => r.id));
  const kept = rest.filter((r) => !frontIds.has(r.id));
  const lowest = kept.length ? kept.reduce((min, r) => Math.min(min, r.priority), Infinity) : front.length + 1;
  const ordered = [...front].sort(compareRules);
  return [...ordered.map((r, i) => ({ ...r, priority: lowest - ordered.length + i })), ...kept];
}

export interface PreviewLine extends ClassifiableLine {
  amountPence: number;
}

export interface CategoryTransition {
  from: LedgerCategory;
  to: LedgerCategory;
  lines: number;
  pence: number;
}

export interface RuleChangePreview {
  /** Lines whose category would change. */
  changed: number;
  /** Net amount of those lines in pounds (credits negative), at most 2 decimal places. */
  pounds: number;
  byTransition: CategoryTransition[];
}

/**
 * The effect of replacing `currentRules` by `candidateRules` (e.g. saving one rule): which lines, and how
 * much money, would change category. Throws a RuleError when a candidate rule is invalid.
 */
export function previewRuleChange(
  lines: Iterable<PreviewLine>,
  currentRules: readonly ClassificationRule[],
  candidateRules: readonly ClassificationRule[],
): RuleChangePreview {
  const current = compileRules(currentRules);
  const candidate = compileRules(candidateRules);
  const transitions = new Map<string, CategoryTransition>();
  let changed = 0;
  let pence = 0;
  for (const line of lines) {
    const from = current.classify(line).category;
    const to = candidate.classify(line).category;
    if (from === to) continue;
    changed++;
    pence += line.amountPence;
    const key = `${from}>${to}`;
    let t = transitions.get(key);
    if (!t) transitions.set(key, (t = { from, to, lines: 0, pence: 0 }));
    t.lines++;
    t.pence += line.amountPence;
  }
  const order = (c: LedgerCategory) => LEDGER_CATEGORIES.indexOf(c);
  const byTransition = [...transitions.values()].sort(
    (a, b) => Math.abs(b.pence) - Math.abs(a.pence) || order(a.from) - order(b.from) || order(a.to) - order(b.to),
  );
  return { changed, pounds: pence / 100, byTransition };
}

// --- rule files ----------------------------------------------------------------------------------------

/**
 * Reads a rule set from parsed JSON: a list of rules, or { rules: [...] } (the shape of resources/rules/default.json).
 * For hand-written files, `enabled` defaults to true and a missing priority to the rule's place in the list
 * (10, 20, ...). Throws a RuleError naming the first invalid rule and every reason, or a duplicate id.
 */
export function parseRuleSet(doc: unknown, source = 'the rules file'): ClassificationRule[] {
  const list = Array.isArray(doc) ? doc : isRecord(doc) && Array.isArray(doc['rules']) ? doc['rules'] : null;
  if (list === null) throw new RuleError(null, [`${source} must hold a list of rules, or an object with a "rules" list`]);
  const rules = list.map((raw: unknown, i): ClassificationRule => {
    if (!isRecord(raw)) throw new RuleError(null, [`item ${i + 1} of ${source} is not a rule`]);
    const rule: Record<string, unknown> = { enabled: true, priority: (i + 1) * 10, ...raw };
    const problems = validateRule(rule);
    if (problems.length) {
      const id = typeof rule['id'] === 'string' && rule['id'] ? rule['id'] : null;
      throw new RuleError(id, [`item ${i + 1} of ${source}`, ...problems]);
    }
    const valid = rule as unknown as ClassificationRule;
    return {
      id: valid.id,
      priority: valid.priority,
      category: valid.category,
      conditions: valid.conditions.map((c) => ({ field: c.field, op: c.op, value: Array.isArray(c.value) ? [...c.value] : c.value })),
      enabled: valid.enabled,
      ...(typeof valid.note === 'string' ? { note: valid.note } : {}),
    };
  });
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) throw new RuleError(r.id, [`${source} has two rules with this id`]);
    ids.add(r.id);
  }
  return rules;
}
