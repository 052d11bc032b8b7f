import { describe, expect, it } from 'vitest';
import {
  compileRules,
  normaliseRuleText,
  parseRuleSet,
  previewRuleChange,
  RuleError,
  rulesInFront,
  validateRule,
  type ClassifiableLine,
  type ClassificationRule,
  type PreviewLine,
  type RuleCondition,
} from '../../../shared/finance/rules';
import { LEDGER_CATEGORIES } from '../../../shared/model';

const rule = (id: string, priority: number, category: ClassificationRule['category'], ...conditions: RuleCondition[]): ClassificationRule => ({
  id,
  priority,
  category,
  conditions,
  enabled: true,
});
const supplierIs = (value: string): RuleCondition => ({ field: 'supplier', op: 'is', value });

describe('normaliseRuleText', () => {
  it('lower-cases, trims and collapses whitespace, including non-breaking spaces', () => {
    expect(normaliseRuleText('  Medica\u00a0 Reporting\tLTD ')).toBe('medica reporting ltd');
    expect(normaliseRuleText('St George’s – Radiology')).toBe("st george's - radiology");
    expect(normaliseRuleText(null)).toBe('');
  });
});

describe('operators', () => {
  const classify = (condition: RuleCondition, line: ClassifiableLine) =>
    compileRules([rule('r', 1, 'insourcing', condition)]).classify(line).category;

  it('is: the whole normalised string', () => {
    const c = supplierIs('Medica Reporting Ltd');
    expect(classify(c, { supplier: 'MEDICA  REPORTING LTD ' })).toBe('insourcing');
    expect(classify(c, { supplier: 'Medica Reporting Ltd (Medica Group)' })).toBe('other');
  });
  it('contains', () => {
    const c: RuleCondition = { field: 'narrative', op: 'contains', value: 'Weekend  List' };
    expect(classify(c, { narrative: 'CT weekend list 12/08' })).toBe('insourcing');
    expect(classify(c, { narrative: 'weekday list' })).toBe('other');
    expect(classify(c, {})).toBe('other');
  });
  it('starts_with', () => {
    const c: RuleCondition = { field: 'costCentre', op: 'starts_with', value: 'RAD' };
    expect(classify(c, { costCentre: 'rad123 Radiology' })).toBe('insourcing');
    expect(classify(c, { costCentre: 'XRAD' })).toBe('other');
  });
  it('matches: a case-insensitive regular expression', () => {
    const c: RuleCondition = { field: 'expenseArea', op: 'matches', value: '^Radiology\\b' };
    expect(classify(c, { expenseArea: 'RADIOLOGY - DEPT (UHL)' })).toBe('insourcing');
    expect(classify(c, { expenseArea: 'Radiologyx' })).toBe('other');
  });
  it('one_of: any of a list of whole strings', () => {
    const c: RuleCondition = { field: 'supplier', op: 'one_of', value: ['TMC', 'Telemedicine Clinic Ltd'] };
    expect(classify(c, { supplier: 'tmc' })).toBe('insourcing');
    expect(classify(c, { supplier: 'TELEMEDICINE CLINIC LTD' })).toBe('insourcing');
    expect(classify(c, { supplier: 'TMC Pharma Services Ltd' })).toBe('other');
  });
  it('not_contains: true for a line without the text, and for an empty field', () => {
    const c: RuleCondition = { field: 'narrative', op: 'not_contains', value: 'recharge' };
    expect(classify(c, { narrative: 'Invoice 123' })).toBe('insourcing');
    expect(classify(c, {})).toBe('insourcing');
    expect(classify(c, { narrative: 'Recharge from ICHT' })).toBe('other');
  });
  it('subjective matches the code or the name (the Expense Type of a spend file)', () => {
    const c: RuleCondition = { field: 'subjective', op: 'is', value: '520115' };
    expect(classify(c, { subjectiveCode: '520115', subjectiveName: 'Agency' })).toBe('insourcing');
    const byName: RuleCondition = { field: 'subjective', op: 'contains', value: 'agency' };
    expect(classify(byName, { subjectiveCode: '520115', subjectiveName: 'Agency Nursing' })).toBe('insourcing');
    const not: RuleCondition = { field: 'subjective', op: 'not_contains', value: 'agency' };
    expect(classify(not, { subjectiveCode: '520115', subjectiveName: 'Agency Nursing' })).toBe('other');
  });
  it('needs every condition of a rule', () => {
    const classifier = compileRules([
      rule('both', 1, 'insourcing', supplierIs('4Ways Healthcare Ltd'), { field: 'narrative', op: 'contains', value: 'insourcing' }),
    ]);
    expect(classifier.classify({ supplier: '4Ways Healthcare Ltd', narrative: 'MRI insourcing' }).category).toBe('insourcing');
    expect(classifier.classify({ supplier: '4Ways Healthcare Ltd', narrative: 'reporting' }).category).toBe('other');
  });
});

describe('ordering', () => {
  const line = { supplier: 'Medica Reporting Ltd', narrative: 'weekend list' };
  const bySupplier = rule('b-supplier', 10, 'outsourced_reporting', { field: 'supplier', op: 'contains', value: 'medica' });
  const byNarrative = rule('a-narrative', 20, 'insourcing', { field: 'narrative', op: 'contains', value: 'weekend' });

  it('tries the lower priority number first, whatever the list order', () => {
    expect(compileRules([bySupplier, byNarrative]).classify(line)).toEqual({ category: 'outsourced_reporting', ruleId: 'b-supplier' });
    expect(compileRules([byNarrative, bySupplier]).classify(line)).toEqual({ category: 'outsourced_reporting', ruleId: 'b-supplier' });
  });
  it('breaks a priority tie by rule id', () => {
    const tied = [{ ...bySupplier, priority: 20 }, byNarrative];
    expect(compileRules(tied).classify(line).ruleId).toBe('a-narrative');
    expect(compileRules([...tied].reverse()).classify(line).ruleId).toBe('a-narrative');
  });
  it('skips disabled rules and calls unmatched lines other, with no rule', () => {
    const classifier = compileRules([{ ...bySupplier, enabled: false }]);
    expect(classifier.classify(line)).toEqual({ category: 'other', ruleId: null });
    expect(classifier.rules).toHaveLength(0);
  });
  it('puts --rules in front of the defaults', () => {
    const defaults = [rule('d1', 100, 'outsourced_reporting', supplierIs('x')), rule('d2', 200, 'agency_locum', supplierIs('y'))];
    const front = [rule('u2', 900, 'other', supplierIs('x')), rule('u1', 900, 'insourcing', supplierIs('y')), rule('d2', 5, 'insourcing', supplierIs('z'))];
    const combined = rulesInFront(front, defaults);
    expect(combined.map((r) => [r.id, r.priority])).toEqual([
      ['d2', 97],
      ['u1', 98],
      ['u2', 99],
      ['d1', 100],
    ]);
    const classifier = compileRules(combined);
    expect(classifier.classify({ supplier: 'x' }).ruleId).toBe('u2');
    expect(classifier.classify({ supplier: 'y' }).ruleId).toBe('u1');
  });
});

describe('invalid rules are refused with the reason', () => {
  const good = rule('ok', 1, 'insourcing', supplierIs('x'));
  const reasons = (patch: Record<string, unknown>) => validateRule({ ...good, ...patch });

  it('accepts a valid rule', () => {
    expect(validateRule(good)).toEqual([]);
  });
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no id', { id: '' }, /no id/],
    ['a fractional priority', { priority: 1.5 }, /whole number/],
    ['an unknown category', { category: 'radiology' }, /unknown category "radiology"/],
    ['no conditions', { conditions: [] }, /at least one condition/],
    ['an unknown field', { conditions: [{ field: 'amount', op: 'is', value: '1' }] }, /unknown field "amount"/],
    ['an unknown operator', { conditions: [{ field: 'supplier', op: 'equals', value: 'x' }] }, /unknown operator "equals"/],
    ['an empty value', { conditions: [{ field: 'supplier', op: 'contains', value: '   ' }] }, /value is empty/],
    ['a list for a single-value operator', { conditions: [{ field: 'supplier', op: 'is', value: ['a'] }] }, /use "one_of"/],
    ['one_of without a list', { conditions: [{ field: 'supplier', op: 'one_of', value: 'a' }] }, /needs a list/],
    ['one_of with an empty list', { conditions: [{ field: 'supplier', op: 'one_of', value: [] }] }, /at least one value/],
    ['one_of with an empty item', { conditions: [{ field: 'supplier', op: 'one_of', value: ['a', ''] }] }, /value 2 of the list is empty/],
    ['an invalid regular expression', { conditions: [{ field: 'supplier', op: 'matches', value: 'medica(' }] }, /invalid regular expression/],
    ['a pattern matching everything', { conditions: [{ field: 'supplier', op: 'matches', value: '.*' }] }, /matches an empty value/],
    ['enabled not a boolean', { enabled: 'yes' }, /"enabled" must be true or false/],
  ])('%s', (_name, patch, reason) => {
    expect(reasons(patch).join('; ')).toMatch(reason);
  });
  it('lists every reason at once', () => {
    expect(reasons({ id: '', category: 'x', conditions: [{ field: 'y', op: 'z', value: '' }] })).toHaveLength(4);
  });
  it('compileRules throws a RuleError naming the rule', () => {
    const bad = { ...good, id: 'broken', conditions: [{ field: 'supplier', op: 'matches', value: '[' }] } as ClassificationRule;
    expect(() => compileRules([good, bad])).toThrow(RuleError);
    expect(() => compileRules([good, bad])).toThrow(/Rule "broken" cannot be used: condition 1: invalid regular expression/);
    try {
      compileRules([bad]);
    } catch (error) {
      expect((error as RuleError).ruleId).toBe('broken');
      expect((error as RuleError).reasons[0]).toMatch(/invalid regular expression/);
    }
  });
  it('refuses two rules with one id, even a disabled one', () => {
    expect(() => compileRules([good, { ...good, enabled: false }])).toThrow(/Rule "ok".*same id/);
  });
  it('refuses invalid disabled rules too', () => {
    expect(() => compileRules([{ ...good, enabled: false, category: 'nope' as never }])).toThrow(/unknown category/);
  });
});

describe('parseRuleSet', () => {
  it('reads a list or { rules }, defaulting enabled and priority', () => {
    const rules = parseRuleSet([
      { id: 'a', category: 'insourcing', conditions: [supplierIs('x')] },
      { id: 'b', category: 'other', conditions: [supplierIs('y')], enabled: false, priority: 5, note: 'n' },
    ]);
    expect(rules).toEqual([
      { id: 'a', priority: 10, category: 'insourcing', conditions: [supplierIs('x')], enabled: true },
      { id: 'b', priority: 5, category: 'other', conditions: [supplierIs('y')], enabled: false, note: 'n' },
    ]);
    expect(parseRuleSet({ rules: [{ id: 'a', category: 'insourcing', conditions: [supplierIs('x')] }] })).toHaveLength(1);
  });
  it('names the item and the reasons of an invalid rule', () => {
    expect(() => parseRuleSet({ rules: [{ id: 'x', category: 'wrong', conditions: [supplierIs('x')] }] }, 'my.json')).toThrow(
      /Rule "x" cannot be used: item 1 of my.json; unknown category "wrong"/,
    );
    expect(() => parseRuleSet({ nope: 1 })).toThrow(RuleError);
    expect(() => parseRuleSet([{ id: 'a', category: 'other', conditions: [supplierIs('x')] }, { id: 'a', category: 'other', conditions: [supplierIs('y')] }])).toThrow(
      /two rules with this id/,
    );
  });
});

describe('previewRuleChange', () => {
  const lines: PreviewLine[] = [
    { supplier: 'Medica Reporting Ltd', amountPence: 100_000 },
    { supplier: 'Medica Reporting Ltd', amountPence: -25_050 }, // a credit note
    { supplier: 'Hexarad', amountPence: 40_000 },
    { supplier: 'Everlight Radiology', amountPence: 7 },
    { supplier: 'NHS Supply Chain', amountPence: 999_999 },
  ];
  const current = [rule('hexarad', 10, 'outsourced_reporting', supplierIs('Hexarad')), rule('everlight', 20, 'outsourced_reporting', supplierIs('Everlight Radiology'))];

  it('counts the lines and money that would change category, by transition', () => {
    const candidate = [...current, rule('medica', 5, 'outsourced_reporting', { field: 'supplier', op: 'starts_with', value: 'medica' })];
    expect(previewRuleChange(lines, current, candidate)).toEqual({
      changed: 2,
      pounds: 749.5,
      byTransition: [{ from: 'other', to: 'outsourced_reporting', lines: 2, pence: 74_950 }],
    });
  });
  it('shows moves between categories when a rule overrides another', () => {
    const candidate = [...current, rule('all-radiology-insourcing', 1, 'insourcing', { field: 'supplier', op: 'matches', value: 'hexarad|everlight' })];
    expect(previewRuleChange(lines, current, candidate)).toEqual({
      changed: 2,
      pounds: 400.07,
      byTransition: [{ from: 'outsourced_reporting', to: 'insourcing', lines: 2, pence: 40_007 }],
    });
  });
  it('is empty when nothing changes, and refuses an invalid candidate', () => {
    expect(previewRuleChange(lines, current, [...current])).toEqual({ changed: 0, pounds: 0, byTransition: [] });
    expect(() => previewRuleChange(lines, current, [...current, rule('bad', 1, 'other', { field: 'supplier', op: 'matches', value: '(' })])).toThrow(RuleError);
  });
  it('orders transitions by size', () => {
    const candidate = [
      rule('a', 1, 'agency_locum', supplierIs('NHS Supply Chain')),
      rule('b', 2, 'insourcing', supplierIs('Hexarad')),
    ];
    const preview = previewRuleChange(lines, current, [...current, ...candidate]);
    expect(preview.byTransition.map((t) => [t.from, t.to, t.pence])).toEqual([
      ['other', 'agency_locum', 999_999],
      ['outsourced_reporting', 'insourcing', 40_000],
    ]);
    expect(preview.pounds).toBe(10_399.99);
  });
});

describe('speed', () => {
  it('classifies 100,000 lines against 50 rules well within a second', () => {
    const rules: ClassificationRule[] = [];
    for (let i = 0; i < 50; i++) {
      const op = (['is', 'contains', 'starts_with', 'matches', 'one_of'] as const)[i % 5]!;
      const value = op === 'one_of' ? [`supplier ${i}`, `other ${i}`] : op === 'matches' ? `^supplier ${i}\\b` : `supplier ${i}`;
      rules.push(rule(`r${i}`, i, LEDGER_CATEGORIES[i % 5]!, { field: 'supplier', op, value }, { field: 'narrative', op: 'not_contains', value: 'credit' }));
    }
    const classifier = compileRules(rules);
    const lines: ClassifiableLine[] = Array.from({ length: 100_000 }, (_, i) => ({
      supplier: `Supplier ${i % 97} Ltd`,
      subjectiveCode: String(500000 + (i % 300)),
      subjectiveName: 'Services from non-NHS bodies',
      narrative: `Invoice ${i} for services`,
      costCentre: 'Radiology',
      expenseArea: 'Diagnostics',
    }));
    // CPU time rather than wall time: the test machine is shared, and other processes' time is not ours.
    const cpuMs = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const started = cpuMs();
    let matched = 0;
    for (const line of lines) if (classifier.classify(line).ruleId !== null) matched++;
    const ms = cpuMs() - started;
    // The same answer worked out naively for each of the 97 suppliers (narratives never say "credit").
    const naive = (supplier: string) =>
      rules.some((r) => {
        const c = r.conditions[0]!;
        const t = supplier.toLowerCase();
        if (c.op === 'is') return t === c.value;
        if (c.op === 'contains') return t.includes(c.value as string);
        if (c.op === 'starts_with') return t.startsWith(c.value as string);
        if (c.op === 'matches') return new RegExp(c.value as string, 'i').test(t);
        return (c.value as string[]).includes(t);
      });
    const matchedSuppliers = Array.from({ length: 97 }, (_, k) => k).filter((k) => naive(`Supplier ${k} Ltd`));
    expect(matched).toBe(lines.filter((_, i) => matchedSuppliers.includes(i % 97)).length);
    expect(ms).toBeLessThan(1000);
  });
});
