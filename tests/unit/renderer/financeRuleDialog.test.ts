// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import RuleDialog from '../../../renderer/finance/RuleDialog.vue';
import {
  conditionFromLine, describeCondition, describeConditions, draftProblems, draftToRule, frontPriority, newRuleDraft, parseList,
  reasonsFromError, ruleToDraft, type RuleDraft,
} from '../../../renderer/finance/ruleDraft';
import { useEngineStore } from '../../../renderer/stores/engine';
import { useFinanceStore } from '../../../renderer/stores/finance';
import { RuleError } from '../../../shared/finance/rules';
import { createFakeEngine, ledgerFixture, rulesFixture } from './fakeEngine';

describe('rule drafts', () => {
  it('reads a one-of list one per line once there is a line break, else by commas', () => {
    expect(parseList('Medica, Hexarad ,, 4Ways')).toEqual(['Medica', 'Hexarad', '4Ways']);
    expect(parseList('Smith, Jones & Co\n  Hexarad Ltd \n\n')).toEqual(['Smith, Jones & Co', 'Hexarad Ltd']);
    expect(parseList('  ')).toEqual([]);
  });

  it('turns a draft into a rule and back', () => {
    const draft: RuleDraft = {
      id: ' teleradiology ', priority: '95', category: 'outsourced_reporting', enabled: true, note: '  ', existing: false,
      conditions: [{ field: 'supplier', op: 'one_of', value: 'Hexarad\nSmith, Jones & Co' }, { field: 'narrative', op: 'contains', value: 'report' }],
    };
    const rule = draftToRule(draft);
    expect(rule).toEqual({
      id: 'teleradiology', priority: 95, category: 'outsourced_reporting', enabled: true,
      conditions: [{ field: 'supplier', op: 'one_of', value: ['Hexarad', 'Smith, Jones & Co'] }, { field: 'narrative', op: 'contains', value: 'report' }],
    });
    expect(draftToRule(ruleToDraft(rule))).toEqual(rule);
    expect(draftToRule({ ...draft, priority: '9.5' }).priority).toBeNaN();
  });

  it("lists the engine's reasons, plus a missing category and a reused id", () => {
    const rules = rulesFixture();
    const draft = newRuleDraft(rules);
    expect(draftProblems(draft, ['medica'])).toEqual(['choose a category', 'condition 1: the value is empty']);
    const filled: RuleDraft = { ...draft, id: 'medica', priority: 'soon', category: 'insourcing', conditions: [{ field: 'supplier', op: 'matches', value: '.*' }] };
    expect(draftProblems(filled, ['medica'])).toEqual([
      'the priority must be a whole number',
      'condition 1: the pattern /.*/ matches an empty value, so it would match every line',
      'another rule already has the id "medica"',
    ]);
    // Editing a stored rule keeps its id.
    expect(draftProblems({ ...filled, existing: true, priority: '5', conditions: [{ field: 'supplier', op: 'is', value: 'Medica' }] }, ['medica'])).toEqual([]);
  });

  it('starts a new rule ahead of every stored one, with an id not yet taken', () => {
    const rules = rulesFixture();
    expect(frontPriority(rules)).toBe(100);
    expect(frontPriority([])).toBe(100);
    const line = ledgerFixture().find((l) => l.supplier === 'Sectra Ltd')!;
    const draft = newRuleDraft([...rules, { ...rules[0]!, id: 'supplier-sectra-ltd', priority: 40 }], { condition: conditionFromLine(line) });
    expect(draft).toMatchObject({ id: 'supplier-sectra-ltd-2', priority: '30', category: '', existing: false, conditions: [{ field: 'supplier', op: 'is', value: 'Sectra Ltd' }] });
    expect(conditionFromLine({ supplier: null, narrative: 'Accrual - WLI sessions', subjectiveName: null, subjectiveCode: '5012' })).toEqual({ field: 'narrative', op: 'contains', value: 'Accrual - WLI sessions' });
    expect(conditionFromLine({ supplier: ' ', narrative: null, subjectiveName: null, subjectiveCode: '5012' })).toEqual({ field: 'subjective', op: 'is', value: '5012' });
  });

  it('describes conditions as sentences', () => {
    expect(describeCondition({ field: 'supplier', op: 'one_of', value: ['Medica', 'Hexarad'] })).toBe('Supplier is one of “Medica”, “Hexarad”');
    expect(describeConditions([
      { field: 'supplier', op: 'matches', value: '\\bmedica\\b' },
      { field: 'narrative', op: 'not_contains', value: 'refund' },
    ])).toBe('Supplier matches (regular expression) /\\bmedica\\b/ and Description does not contain “refund”');
  });

  it("reads the reasons back from a refusal, in this thread or from the engine's worker", () => {
    const error = new RuleError('x', ['the priority must be a whole number', 'condition 1: the value is empty']);
    expect(reasonsFromError(error)).toEqual(['the priority must be a whole number', 'condition 1: the value is empty']);
    expect(reasonsFromError(new Error(error.message))).toEqual(['the priority must be a whole number', 'condition 1: the value is empty']);
    expect(reasonsFromError(new Error('The database is read-only.'))).toEqual(['The database is read-only.']);
  });
});

async function mountDialog(draft: RuleDraft | null = null) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = createFakeEngine();
  await useEngineStore().attach(fake);
  const finance = useFinanceStore();
  await finance.load(true);
  const wrapper = mount(RuleDialog, { props: { draft, takenIds: finance.takenRuleIds }, global: { plugins: [pinia] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, fake, finance };
}

describe('the rule dialog', () => {
  it('checks the rule live with the engine rules, and does not save an invalid one', async () => {
    const { wrapper, fake } = await mountDialog(newRuleDraft(rulesFixture()));
    expect(wrapper.find('[data-testid="rule-problems"]').exists()).toBe(false);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const problems = wrapper.get('[data-testid="rule-problems"]');
    expect(problems.findAll('li').map((li) => li.text())).toEqual(['choose a category', 'condition 1: the value is empty']);
    expect(fake.calls.some((c) => c.method === 'saveRule')).toBe(false);

    await wrapper.get('[data-testid="condition-value"]').setValue('Sectra Ltd');
    await wrapper.get('[data-testid="rule-category"]').setValue('outsourced_reporting');
    expect(wrapper.find('[data-testid="rule-problems"]').exists()).toBe(false);

    await wrapper.get('[data-testid="condition-op"]').setValue('matches');
    await wrapper.get('[data-testid="condition-value"]').setValue('[unclosed');
    expect(wrapper.get('[data-testid="rule-problems"]').text()).toContain('condition 1: invalid regular expression /[unclosed/');

    // "one of" takes a list in a text area.
    await wrapper.get('[data-testid="condition-op"]').setValue('one_of');
    expect(wrapper.get('[data-testid="condition-value"]').element.tagName).toBe('TEXTAREA');
    await wrapper.get('[data-testid="condition-value"]').setValue('Sectra Ltd, Hexarad');
    expect(wrapper.find('[data-testid="rule-problems"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('previews the effect before saving, then saves and says how many lines changed', async () => {
    const line = ledgerFixture().find((l) => l.supplier === 'Sectra Ltd')!;
    const { wrapper, fake, finance } = await mountDialog(newRuleDraft(rulesFixture(), { condition: conditionFromLine(line) }));
    expect((wrapper.get('[data-testid="condition-value"]').element as HTMLInputElement).value).toBe('Sectra Ltd');
    await wrapper.get('[data-testid="rule-category"]').setValue('outsourced_reporting');
    await wrapper.get('[data-testid="rule-preview-button"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="rule-preview-summary"]').text()).toBe('1 line, £109,997.10 would change category');
    const cells = wrapper.findAll('[data-testid="rule-preview"] tbody td').map((td) => td.text());
    expect(cells).toEqual(['Other', '→ Outsourced reporting', '1', '£109,997.10']);
    expect(fake.calls.some((c) => c.method === 'saveRule')).toBe(false);

    // An edit makes the preview stale.
    await wrapper.get('[data-testid="rule-note"]').setValue('PACS maintenance, for the test');
    expect(wrapper.find('[data-testid="rule-preview"]').exists()).toBe(false);

    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(fake.calls.find((c) => c.method === 'saveRule')?.args[0]).toEqual({
      id: 'supplier-sectra-ltd', priority: 100, category: 'outsourced_reporting', enabled: true, note: 'PACS maintenance, for the test',
      conditions: [{ field: 'supplier', op: 'is', value: 'Sectra Ltd' }],
    });
    expect(wrapper.emitted('close')).toHaveLength(1);
    expect(finance.notice).toBe('Saved the rule “supplier-sectra-ltd”: 1 ledger line reclassified.');
    wrapper.unmount();
  });

  it("shows the engine's reasons when it refuses the rule, and stays open", async () => {
    const { wrapper, fake } = await mountDialog(ruleToDraft(rulesFixture()[0]!));
    fake.refuseSave = ['another rule has the same id'];
    expect((wrapper.get('[data-testid="rule-id"]').element as HTMLInputElement).readOnly).toBe(true);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="rule-refused"]').text()).toContain('another rule has the same id');
    expect(wrapper.emitted('close')).toBeUndefined();
    wrapper.unmount();
  });

  it('adds and removes condition rows, always keeping one', async () => {
    const { wrapper } = await mountDialog(newRuleDraft(rulesFixture()));
    expect(wrapper.findAll('[data-testid="condition-row"]')).toHaveLength(1);
    expect(wrapper.get('[data-testid="condition-row"] .remove').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-testid="add-condition"]').trigger('click');
    expect(wrapper.findAll('[data-testid="condition-row"]')).toHaveLength(2);
    expect(wrapper.findAll('label').some((l) => l.text() === 'Field of condition 2')).toBe(true);
    await wrapper.findAll('[data-testid="condition-row"] .remove')[0]!.trigger('click');
    expect(wrapper.findAll('[data-testid="condition-row"]')).toHaveLength(1);
    expect((wrapper.get('[data-testid="condition-field"]').element as HTMLSelectElement).value).toBe('narrative');
    wrapper.unmount();
  });
});
