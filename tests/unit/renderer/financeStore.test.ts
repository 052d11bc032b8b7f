// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClassificationRule, PeriodSpec } from '../../../shared/contract';
import { OKABE_ITO } from '../../../renderer/charts/palette';
import { CATEGORY_COLOURS } from '../../../renderer/charts/spendChart';
import { browserHost, setHost } from '../../../renderer/platform/host';
import { useDashboardStore } from '../../../renderer/stores/dashboard';
import { useEngineStore } from '../../../renderer/stores/engine';
import { LEDGER_PAGE, useFinanceStore } from '../../../renderer/stores/finance';
import { createFakeEngine } from './fakeEngine';

async function setup() {
  setActivePinia(createPinia());
  const fake = createFakeEngine();
  fake.info_ = { ...fake.info_, exams: 12_500, reports: 12_000 };
  await useEngineStore().attach(fake);
  return { fake, finance: useFinanceStore(), dash: useDashboardStore() };
}

const sectraRule: ClassificationRule = {
  id: 'supplier-sectra-ltd',
  priority: 100,
  category: 'outsourced_reporting',
  conditions: [{ field: 'supplier', op: 'is', value: 'SECTRA  LTD' }],
  enabled: true,
};

const periodsAsked = (fake: ReturnType<typeof createFakeEngine>) => fake.calls.filter((c) => c.method === 'finance').map((c) => c.args[0] as PeriodSpec);

afterEach(() => setHost(null));

describe('finance store: loading', () => {
  it('reads the period, spend, suppliers, review queue, rules and aliases for the newest ledger year', async () => {
    const { fake, finance, dash } = await setup();
    await finance.load(true);
    expect(finance.error).toBeNull();
    // The ledger covers Oct–Nov 2023: its year, found from the ledger itself, is offered and chosen.
    expect(finance.range).toEqual({ first: '2023-10', last: '2023-11' });
    expect(finance.financialYears).toEqual(['2023/24', '2022/23']);
    expect(finance.selection).toMatchObject({ mode: 'fy', fy: '2023/24' });
    expect(periodsAsked(fake)).toEqual([{ spec: '2023/24' }]);
    // The dashboard, with no period of its own yet, starts from the same one.
    expect(dash.selection).toMatchObject({ fy: '2023/24' });

    expect(finance.data?.hasLedger).toBe(true);
    expect(finance.totals.outsourced_reporting).toBe(4_606_870 + 6_251_438 - 100_000);
    expect(finance.totals.other).toBe(10_999_710 + 3_000_000);
    expect(finance.totalPence).toBe(fake.ledger.reduce((s, l) => s + l.amountPence, 0));
    expect(finance.data?.reviewQueue.map((l) => l.supplier)).toEqual(['Sectra Ltd']);
    expect(finance.rules.map((r) => r.id)).toEqual(['medica', 'alliance-medical', 'agency']);
    expect(finance.aliases).toHaveLength(4);
    expect(finance.takenRuleIds).toContain('medica');
  });

  it('draws twelve months stacked by category in Okabe–Ito colours, with the figures as a table to the penny', async () => {
    const { finance } = await setup();
    await finance.load(true);
    // Other is left out of the chart until asked for: a trust-wide spend file would dwarf everything else.
    expect(finance.chart.config.data.datasets.map((d) => d.label)).toEqual(['Outsourced reporting', 'Outsourced imaging', 'Agency and locum']);
    expect(finance.chart.description).toContain('Other left out');
    finance.chartIncludesOther = true;
    const chart = finance.chart;
    expect(chart.config.data.labels).toHaveLength(12);
    expect(chart.config.data.labels?.[6]).toBe('Oct 2023');
    const datasets = chart.config.data.datasets;
    expect(datasets.map((d) => d.label)).toEqual(['Outsourced reporting', 'Outsourced imaging', 'Agency and locum', 'Other']);
    expect(datasets[0]?.backgroundColor).toBe(CATEGORY_COLOURS.outsourced_reporting);
    expect(CATEGORY_COLOURS.outsourced_imaging).toBe(OKABE_ITO.orange);
    // October: 46,068.70 + 62,514.38; November: the £1,000 credit note.
    expect(datasets[0]?.data.slice(6, 8)).toEqual([108_583.08, -1000]);
    expect(chart.table.columns).toEqual(['Month', 'Outsourced reporting', 'Outsourced imaging', 'Agency and locum', 'Other', 'Total']);
    expect(chart.table.rows[6]).toEqual(['Oct 2023', '£108,583.08', '£60,967.20', '£0.00', '£109,997.10', '£279,547.38']);
  });

  it('takes the dashboard period on arrival, and hands a new one back', async () => {
    const { fake, finance, dash } = await setup();
    dash.selection = { mode: 'quarter', fy: '2022/23', quarter: 2, fiscalMonth: 1 };
    await finance.load(true);
    expect(periodsAsked(fake).pop()).toEqual({ spec: '2022/23-Q2' });
    expect(finance.data?.hasLedger).toBe(false);

    await finance.setSelection({ fy: '2023/24', mode: 'month', fiscalMonth: 7 });
    expect(periodsAsked(fake).pop()).toEqual({ spec: '2023-10' });
    expect(dash.selection).toMatchObject({ fy: '2023/24', mode: 'month', fiscalMonth: 7 });
    expect(finance.totals.outsourced_reporting).toBe(4_606_870 + 6_251_438);
  });

  it('reads the ledger range on arriving and after an import, not on every period change or rule edit', async () => {
    const { fake, finance } = await setup();
    const rangeReads = () => fake.calls.filter((c) => c.method === 'ledgerLines' && 'fromMonth' in (c.args[0] as object)).length;
    await finance.load(true);
    const first = rangeReads();
    expect(first).toBe(2); // the first line and the last
    await finance.setSelection({ mode: 'quarter', quarter: 3 });
    await finance.saveRule(sectraRule);
    expect(rangeReads()).toBe(first);

    // A ledger import adds a batch: the range may have moved.
    fake.ledger.push({ ...fake.ledger[0]!, id: 99, periodMonth: '2024-02', amountPence: 500 });
    fake.batches.push({ id: 9, file: 'ledger.csv', sha256: 'x', kind: 'ledger', importedAt: '2024-05-01T10:00:00', rowsRead: 1, accepted: 1, inserted: 1, updated: 0, rejected: 0, mapping: {}, liveRows: 1 });
    await useEngineStore().changed();
    await flushPromises();
    expect(rangeReads()).toBe(first + 2);
    expect(finance.range).toEqual({ first: '2023-10', last: '2024-02' });
  });

  it('shows an engine failure as a message, not a blank page', async () => {
    const { fake, finance } = await setup();
    fake.finance = async () => {
      throw new Error('The database is locked.');
    };
    await finance.load(true);
    expect(finance.error).toBe('The database is locked.');
  });
});

describe('finance store: rules', () => {
  it('previews a rule: lines and pounds that would change category, and nothing is saved', async () => {
    const { fake, finance } = await setup();
    await finance.load(true);
    const outcome = await finance.previewRule(sectraRule);
    expect(outcome).toEqual({
      ok: true,
      value: { changed: 1, pounds: 109_997.1, byTransition: [{ from: 'other', to: 'outsourced_reporting', lines: 1, pence: 10_999_710 }] },
    });
    expect(fake.calls.some((c) => c.method === 'saveRule')).toBe(false);
  });

  it('saves a rule, says how many lines changed and shows the new totals', async () => {
    const { fake, finance } = await setup();
    await finance.load(true);
    const revision = useEngineStore().revision;
    const outcome = await finance.saveRule(sectraRule);
    expect(outcome).toEqual({ ok: true, value: { changed: 1 } });
    expect(fake.calls.find((c) => c.method === 'saveRule')?.args[0]).toEqual(sectraRule);
    expect(finance.notice).toBe('Saved the rule “supplier-sectra-ltd”: 1 ledger line reclassified.');
    // Other pages (the dashboard tiles) are told the data changed.
    expect(useEngineStore().revision).toBeGreaterThan(revision);
    expect(finance.totals.outsourced_reporting).toBe(4_606_870 + 6_251_438 - 100_000 + 10_999_710);
    expect(finance.data?.reviewQueue).toEqual([]);
    expect(finance.rules.find((r) => r.id === 'supplier-sectra-ltd')).toMatchObject({ source: 'user', priority: 100 });
  });

  it('returns the reasons for an invalid rule, and saves nothing', async () => {
    const { fake, finance } = await setup();
    await finance.load(true);
    const bad: ClassificationRule = { ...sectraRule, conditions: [{ field: 'supplier', op: 'matches', value: '(' }] };
    const preview = await finance.previewRule(bad);
    expect(preview.ok).toBe(false);
    expect(!preview.ok && preview.reasons[0]).toMatch(/^condition 1: invalid regular expression \/\(\//);

    fake.refuseSave = ['another rule has the same id', 'the priority must be a whole number'];
    const saved = await finance.saveRule(sectraRule);
    expect(saved).toEqual({ ok: false, reasons: ['another rule has the same id', 'the priority must be a whole number'] });
    expect(fake.rules.some((r) => r.id === 'supplier-sectra-ltd')).toBe(false);
    expect(finance.notice).toBeNull();
  });

  it('disables and deletes rules, reclassifying the ledger each time', async () => {
    const { fake, finance } = await setup();
    await finance.load(true);
    await finance.setRuleEnabled(finance.rules.find((r) => r.id === 'agency')!, false);
    expect(finance.notice).toBe('Disabled the rule “agency”: 1 ledger line reclassified.');
    expect(finance.rules.find((r) => r.id === 'agency')?.enabled).toBe(false);
    expect(finance.totals.agency_locum).toBe(0);

    await finance.deleteRule('medica');
    expect(finance.notice).toBe('Deleted the rule “medica”: 3 ledger lines reclassified.');
    expect(fake.rules.map((r) => r.id)).toEqual(['alliance-medical', 'agency']);
    expect(finance.totals.outsourced_reporting).toBe(0);

    await finance.deleteRule('nope');
    expect(finance.error).toBe('There is no rule "nope".');
  });
});

describe('finance store: aliases and ledger lines', () => {
  it('adds, renames and removes provider names', async () => {
    const { fake, finance } = await setup();
    await finance.load(true);
    expect(await finance.saveAlias(' Hexarad Ltd ', 'Hexarad')).toEqual({ ok: true, value: { changed: 0 } });
    expect(finance.aliases).toContainEqual({ alias: 'Hexarad Ltd', provider: 'Hexarad' });
    await finance.saveAlias('Hexarad Limited', 'Hexarad', 'Hexarad Ltd');
    // "Limited" and "Ltd" are one name to the engine, so renaming between them deletes nothing.
    expect(fake.calls.some((c) => c.method === 'deleteAlias')).toBe(false);
    await finance.saveAlias('Hexarad Group Reporting', 'Hexarad', 'Hexarad Limited');
    expect(fake.calls.filter((c) => c.method === 'deleteAlias').map((c) => c.args[0])).toEqual(['Hexarad Limited']);
    expect(await finance.saveAlias('', 'Hexarad')).toEqual({ ok: false, reasons: ['enter the name as it is written in the ledger or the RIS'] });
    await finance.deleteAlias('Medica');
    expect(finance.aliases.some((a) => a.alias === 'Medica')).toBe(false);
  });

  it('drills from a figure to its ledger lines and downloads every one as CSV', async () => {
    const saved: { name: string; text: string; mime: string }[] = [];
    setHost({ ...browserHost(), saveFile: async (name, bytes, mime) => (saved.push({ name, text: new TextDecoder().decode(bytes), mime }), true) });
    const { fake, finance } = await setup();
    await finance.load(true);
    await finance.openLines('Medica Reporting Ltd (Medica Group) · Outsourced reporting', { supplier: 'Medica Reporting Ltd (Medica Group)', category: 'outsourced_reporting' });
    const drill = finance.drill!;
    expect(drill.subtitle).toBe('Financial year 2023/24');
    expect(drill.result).toMatchObject({ total: 3, pence: 10_758_308 });
    expect(drill.result?.rows.map((r) => r.amountPence)).toEqual([6_251_438, 4_606_870, -100_000]);
    const asked = fake.calls.filter((c) => c.method === 'ledgerLines').pop()!;
    expect(asked.args).toEqual([{ spec: '2023/24' }, { supplier: 'Medica Reporting Ltd (Medica Group)', category: 'outsourced_reporting', limit: LEDGER_PAGE, offset: 0 }]);

    await finance.exportLines();
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe('radbench-ledger-Medica-Reporting-Ltd-Medica-Group-Outsourced-reporting-2023-24.csv');
    expect(saved[0]!.mime).toBe('text/csv');
    const rows = saved[0]!.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^Ledger month,Transaction date,Supplier,Canonical provider,/);
    expect(rows).toHaveLength(4);
    // Amounts stay numbers, so a credit note is not turned into text by the formula guard.
    expect(rows[3]).toContain(',-1000,');
    expect(rows[1]).toContain(',62514.38,Outsourced reporting (teleradiology),medica,');
    finance.closeLines();
    expect(finance.drill).toBeNull();
  });
});
