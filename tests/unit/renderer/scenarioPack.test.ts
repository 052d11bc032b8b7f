import { describe, expect, it } from 'vitest';
import type { ScenarioLevers } from '../../../shared/scenarios/api';
import { businessCaseDocument, optionsTable, reportsTable, type BusinessCaseDoc, type BusinessCaseInput } from '../../../renderer/scenarios/businessCase';
import { fakeBaseline, fakeEvaluate, fakeLevers } from './fakeScenarios';

function option(name: string, levers: ScenarioLevers = fakeLevers()) {
  return { name, levers, outcome: fakeEvaluate(fakeBaseline(), levers).outcome };
}

function input(overrides: Partial<BusinessCaseInput> = {}): BusinessCaseInput {
  const baseline = fakeBaseline();
  return {
    title: '',
    organisation: 'Northshire Hospitals NHS Trust',
    preparedBy: 'Dr A. Lead, clinical director',
    periodLabel: 'Financial year 2023/24',
    baseline,
    options: [option('Option A: four trainees')],
    recommended: 0,
    methods: fakeEvaluate(baseline, fakeLevers()).methods,
    symbols: [{ symbol: 'NE', meaning: 'net annual effect' }],
    generatedAt: '2026-02-03T09:00:00Z',
    synthetic: false,
    ...overrides,
  };
}

/** Everything a reader sees, in order: the paper as one text, as pdftotext would give it. */
function text(doc: BusinessCaseDoc): string {
  const parts = [doc.title, doc.subtitle, ...doc.meta.flatMap((m) => [m.label, m.value])];
  for (const s of doc.sections) {
    parts.push(s.title);
    for (const b of s.blocks) {
      if (b.kind === 'p') parts.push(b.text);
      if (b.kind === 'list') parts.push(...b.items);
      if (b.kind === 'table') parts.push(b.caption, ...b.columns, ...b.rows.flat());
      if (b.kind === 'tornado') parts.push(...b.rows.map((r) => r.label));
    }
  }
  return parts.join('\n');
}

const section = (doc: BusinessCaseDoc, id: string) => doc.sections.find((s) => s.id === id)!;
const paragraphs = (doc: BusinessCaseDoc, id: string) => section(doc, id).blocks.flatMap((b) => (b.kind === 'p' ? [b.text] : [])).join(' ');

describe('the business case as a board paper', () => {
  it('has the sections a board expects, in order, under a title page', () => {
    const doc = businessCaseDocument(input());
    expect(doc.sections.map((s) => s.title)).toEqual([
      'Summary and recommendation', 'The problem', 'Where the department is now', 'The option against the current position',
      'The financial case', 'Risks', 'Sensitivity', 'Methods and sources',
    ]);
    expect(doc.title).toBe('Reporting radiographers for plain film: a skill-mix business case');
    expect(doc.subtitle).toBe('Northshire Hospitals NHS Trust · Financial year 2023/24');
    expect(doc.meta).toContainEqual({ label: 'Prepared', value: '03/02/2026 by Dr A. Lead, clinical director' });
    expect(doc.meta).toContainEqual({ label: 'Period', value: 'Financial year 2023/24 (01/04/2023 to 31/03/2024)' });
  });

  it('writes the recommendation as prose with the figures in it', () => {
    const summary = paragraphs(businessCaseDocument(input()), 'summary');
    // 100,000 XR reports, 10% by radiographers; target 25%: 15,000 move; 750 radiologist hours at 20 an hour.
    expect(summary).toContain('In Financial year 2023/24, reporting radiographers issued 10.0% of plain-film reports, against the Shelford Group median 15.0% (2016/17; NHS Improvement, Imaging Services Transformation Programme (June 2018)).');
    expect(summary).toContain('The board is asked to approve “Option A: four trainees”: to train or recruit 4 reporting radiographers, each giving 0.60 WTE to reporting, so that reporting radiographers report 25.0% of plain film.');
    expect(summary).toContain('moves 15,000 plain-film reports a year from radiologists and releases 750 hours of radiologist time (188 four-hour sessions) a year, enough to bring 3,000 outsourced CT and MR reports a year back in-house.');
    // 3,000 CT at £45 = £135,000 avoided; 4 × 0.6 WTE × £45,000 = £108,000 added; £48,000 one-off repaid in 12 + 48/2.25 months.
    expect(summary).toContain('It avoids £135,000 of outsourcing spend a year and adds £108,000 a year in staff cost: a net annual saving of £27,000. The one-off cost of £48,000 is repaid 33.3 months (about 2 years 9 months) from the start of training.');
  });

  it('states the problem in the engine\'s own words (as the XLSX pack does), against the benchmark, with the outsourcing and the backlog', () => {
    const problem = paragraphs(businessCaseDocument(input()), 'problem');
    expect(problem).toContain('The department issues 100,000 plain-film (XR) reports a year. Reporting radiographers issue 10.0% of them, radiologists 88.0%.');
    expect(problem).toContain('The benchmark is 15.0% (NHS Improvement, Imaging Services Transformation Programme (June 2018), 2016/17).');
    expect(problem).toContain('Reaching the benchmark would mean reporting radiographers taking on about 5,000 more plain films a year.');
    expect(problem).toContain('7,000 reports a year are outsourced, 5,000 of them CT and 2,000 MR; the ledger shows £335,000 a year of outsourced reporting spend, £47.86 a report.');
    expect(problem).toContain('At the end of the period 1,200 examinations were waiting for a report.');
  });

  it('describes each option in words after the table', () => {
    const options = paragraphs(businessCaseDocument(input()), 'options');
    expect(options).toContain('Option 1: Option A: four trainees. Train or recruit 4 reporting radiographers, each giving 0.6 WTE to reporting, aiming for 25.0% of plain film.');
    expect(options).toContain('Spend avoided is £135,000 a year against £108,000 of added staff cost: a net annual effect of £27,000.');
  });

  it('shows the baseline tables: skill mix with source and year, reports by modality and group with totals, WTE, outsourcing', () => {
    const doc = businessCaseDocument(input());
    const tables = Object.fromEntries(section(doc, 'position').blocks.flatMap((b) => (b.kind === 'table' ? [[b.id, b]] : [])));
    expect(tables['skill-mix']?.rows[0]).toEqual(['Plain-film skill mix (XR reports by reporting radiographers)', '10.0%', '15.0%', 'Shelford Group, 2016/17', 'NHS Improvement, Imaging Services Transformation Programme (June 2018)']);
    expect(tables['skill-mix']?.rows[1]?.[2]).toBe('—');
    const reports = reportsTable(fakeBaseline());
    expect(reports.columns).toEqual(['Modality', 'Radiologist', 'Trainee (registrar)', 'Reporting radiographer', 'Sonographer', 'Outsourced (teleradiology)', 'All groups']);
    expect(reports.rows[0]).toEqual(['Plain radiography (XR)', '88,000', '2,000', '10,000', '0', '0', '100,000']);
    expect(reports.rows.at(-1)).toEqual(['All modalities', '131,000', '2,000', '10,000', '20,000', '7,000', '170,000']);
    expect(tables.wte?.rows).toContainEqual(['Reporting radiographer', '3.00']);
    expect(tables.outsourcing?.rows).toContainEqual(['Computed tomography (CT)', '5,000', '£45.00', 'Tariff (Reconcile)']);
    expect(tables.outsourcing?.rows.at(-1)).toEqual(['All outsourced', '7,000', '£47.86', 'Spend £335,000']);
  });

  it('compares up to three options with the current position, and names the best when another is recommended', () => {
    const cheap = option('Option B: two trainees', { ...fakeLevers(), radiographersToAdd: 2 });
    const a = option('Option A: four trainees');
    // Two trainees still reach the target (21,600 reports of capacity) at half the staff cost: B is better, A is recommended.
    const doc = businessCaseDocument(input({ options: [a, cheap], recommended: 0 }));
    const table = optionsTable(fakeBaseline(), [a, cheap]);
    expect(table.columns).toEqual(['', 'Current position', 'Option A: four trainees', 'Option B: two trainees']);
    const row = (label: string) => table.rows.find((r) => r[0] === label);
    expect(row('Target plain-film share by reporting radiographers')).toEqual(['Target plain-film share by reporting radiographers', '10.0%', '25.0%', '25.0%']);
    expect(row('Net annual effect')?.slice(1)).toEqual(['£0', '+£27,000', '+£81,000']);
    expect(row('New plain-film skill mix (benchmark 15.0%)')?.slice(1)).toEqual(['10.0%', '25.0%', '25.0%']);
    expect(section(doc, 'options').title).toBe('The options compared');
    const summary = paragraphs(doc, 'summary');
    expect(summary).toContain('The board is asked to approve “Option A: four trainees”');
    expect(summary).toContain('Section 4 compares it with “Option B: two trainees”. “Option B: two trainees” has a better net annual effect (+£81,000); section 4 sets out the differences.');
    const recommendB = paragraphs(businessCaseDocument(input({ options: [a, cheap], recommended: 1 })), 'summary');
    expect(recommendB).toContain('It has the best net annual effect of the 2 options.');
    expect(doc.meta).toContainEqual({ label: 'Options compared', value: 'Option A: four trainees; Option B: two trainees' });
  });

  it('gives the financial case with every assumption, its source, and what was changed from the default', () => {
    const levers = { ...fakeLevers(), monthsToCompetence: 18 };
    const doc = businessCaseDocument(input({ options: [option('Slow start', levers)] }));
    const financial = section(doc, 'financial');
    const assumptions = financial.blocks.find((b) => b.kind === 'table' && b.id === 'assumptions');
    expect(assumptions?.kind === 'table' && assumptions.rows).toEqual(expect.arrayContaining([
      ['Target share of plain-film (XR) reports by reporting radiographers', '25.0%', 'Benchmark', 'Above the Shelford Group median (15%, 2016/17)'],
      ['Reporting radiographers: Plain radiography (XR)', '12.0 an hour', 'Judgement', 'RCR reporting times (State of the wait, 2023)'],
      ['Reporting radiographer', '£45,000', 'Published figure', 'Agenda for Change band 7 top point with on-costs, 2024/25'],
      ['Time to competence', '18 months', 'Set for this case', 'Default 12 months: RadBench default'],
      ['Released radiologist time goes to', 'Bring outsourced CT and MR reporting back in-house', 'Default', 'Chosen for this case'],
    ]));
    const prose = paragraphs(doc, 'financial');
    expect(prose).toContain('1 assumption was set for this case rather than taken from the default: time to competence.');
    expect(prose).toContain('training 4 radiographers at £12,000 each');
    expect(prose).toContain('The radiographers take 18 months to report independently');
  });

  it('lists risks with their effect, likelihood and mitigation, quantified for the leading option', () => {
    const doc = businessCaseDocument(input());
    const table = section(doc, 'risks').blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.columns).toEqual(['Risk', 'Effect on the case', 'Likelihood', 'Mitigation']);
    const rows = table?.kind === 'table' ? table.rows : [];
    const redeploy = rows.find((r) => r[0] === 'Released radiologist time is not redeployed');
    // All £135,000 avoided is CT and MR: without redeployment the case is −£108,000 a year.
    expect(redeploy?.[1]).toContain('For Option A: four trainees: spend avoided falls by £135,000 and the net annual effect becomes −£108,000.');
    expect(redeploy?.[2]).toBe('High');
    expect(rows.map((r) => r[0])).toContain('The benchmark is dated');
  });

  it('tests the three most influential levers at ±20% and says whether the case holds', () => {
    const doc = businessCaseDocument(input());
    const s = section(doc, 'sensitivity');
    const tornado = s.blocks.find((b) => b.kind === 'tornado');
    expect(tornado?.kind === 'tornado' && tornado.rows).toHaveLength(3);
    expect(tornado?.kind === 'tornado' && tornado.centrePence).toBe(2_700_000);
    const list = s.blocks.find((b) => b.kind === 'list');
    // CT price ±20%: 3,000 × £36 − £108,000 = £0; 3,000 × £54 − £108,000 = +£54,000.
    expect(list?.kind === 'list' && list.items).toContain('Outsourced CT price: £0 with it 20% lower, +£54,000 with it 20% higher.');
    // At −20% the target moves fewer reports (−£18,000) and the CT price only breaks even: the case turns on both.
    expect(paragraphs(doc, 'sensitivity')).toContain('The case does not stay a saving across these ranges: it turns on target plain-film share and outsourced CT price, which the board should be confident of.');
  });

  it('writes out every formula and cites every source', () => {
    const doc = businessCaseDocument(input());
    const all = text(doc);
    expect(all).toContain('Net annual effect');
    expect(all).toContain('spend avoided − added staff cost');
    expect(all).toContain('Plain-film skill mix (XR reports by reporting radiographers): Shelford Group 15.0%, 2016/17. NHS Improvement, Imaging Services Transformation Programme (June 2018).');
    expect(all).toContain('Reports per hour: RCR reporting times (State of the wait, 2023)');
  });

  it('says when the figures are synthetic, and when a case never pays back', () => {
    const dear = option('Dear', { ...fakeLevers(), annualCostPerWtePence: { radiologist: 16_000_000, reporting_radiographer: 9_000_000 } });
    const doc = businessCaseDocument(input({ options: [dear], synthetic: true }));
    expect(doc.synthetic).toBe(true);
    const summary = paragraphs(doc, 'summary');
    expect(summary).toContain('a net annual cost of £81,000');
    expect(summary).toContain('On these assumptions the one-off cost is never repaid.');
    expect(summary).toContain('synthetic demonstration data');
  });

  it('refuses a paper with no option', () => {
    expect(() => businessCaseDocument(input({ options: [] }))).toThrow(/at least one option/);
  });
});
