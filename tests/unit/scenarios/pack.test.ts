import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { SavedScenario, ScenarioBaseline, ScenarioLevers } from '../../../shared/scenarios/api';
import { evaluate, modelBaseline } from '../../../shared/scenarios/model';
import { SCENARIO_METHODS } from '../../../shared/scenarios/methods';
import { PACK_SHEETS, buildBusinessCasePack } from '../../../shared/scenarios/pack';
import { levers } from './fixtures';

/** The six-month case of model.test.ts as a full baseline: net £85,500 a year, payback 10.7 months. */
function fullBaseline(): ScenarioBaseline {
  const defaults = levers({
    targetPlainFilmShare: 0.25,
    radiographersToAdd: 1,
    reportingWtePerRadiographer: 1,
    reportsPerHour: { radiologist: { XR: 25, CT: 4, MR: 3 }, reporting_radiographer: { XR: 10 } },
    annualCostPerWtePence: { radiologist: 15_000_000, reporting_radiographer: 6_000_000 },
    trainingCostPencePerRadiographer: 1_200_000,
    monthsToCompetence: 9,
    outsourcingUnitPricePence: { XR: 1_000, CT: 6_000, MR: 7_000 },
  });
  return {
    period: { from: '2024-04-01', to: '2024-09-30', months: 6 },
    annualisation: 2,
    reportsByModalityGroup: {
      XR: { radiologist: 30_000, outsourced: 10_000 },
      CT: { radiologist: 5_000, outsourced: 2_000 },
    },
    wte: { radiologist: 12, trainee: 2, reporting_radiographer: 0, sonographer: 4, other_in_house: 0 },
    outsourcing: {
      reports: 12_000,
      spendPence: 30_000_000,
      costPerReportPence: 2_500,
      byModality: {
        XR: { reports: 10_000, unitPricePence: 1_000, priceSource: 'tariff', priceNote: 'Tariff for XR' },
        CT: { reports: 2_000, unitPricePence: 6_000, priceSource: 'tariff', priceNote: 'Tariff for CT' },
        MR: { reports: 0, unitPricePence: 7_000, priceSource: 'tariff', priceNote: 'Tariff for MR' },
      },
    },
    backlog: 400,
    backlogByModality: { XR: 300, CT: 100 },
    skillMix: { plainFilmRadiographerShare: 0, ultrasoundSonographerShare: null },
    benchmarks: [
      { metric: 'skillMix.plainFilmRadiographerShare', cohort: 'shelford', year: '2016/17', value: 0.15, source: 'NHS Improvement (June 2018)', ours: 0 },
    ],
    plainFilmBenchmark: { metric: 'skillMix.plainFilmRadiographerShare', cohort: 'shelford', year: '2016/17', value: 0.15, source: 'NHS Improvement (June 2018)', ours: 0 },
    synthetic: false,
    defaults,
    notes: [
      { lever: 'radiographersToAdd', label: 'Reporting radiographers to train or recruit', source: 'RadBench assumption', kind: 'assumption', value: '1' },
      { lever: 'outsourcingUnitPricePence.CT', label: 'Outsourcing price per report: Computed tomography', source: 'Tariff for CT', kind: 'data', value: '£60.00' },
    ],
  };
}

const saved = (id: number, name: string, l: ScenarioLevers): SavedScenario => ({ id, name, levers: l, createdAt: 'x', updatedAt: 'x' });

function cellsText(sheet: XLSX.WorkSheet): string {
  return XLSX.utils.sheet_to_csv(sheet);
}

describe('the business case pack', () => {
  it('reads as a board document with the figures in its text', () => {
    const b = fullBaseline();
    const one = saved(1, 'One full-time reporter', b.defaults);
    const two = saved(2, '=HYPERLINK("x")', { ...b.defaults, releasedTimeUse: 'backlog' });
    const options = [one, two].map((scenario) => ({ scenario, outcome: evaluate(modelBaseline(b), scenario.levers) }));
    const bytes = buildBusinessCasePack({ baseline: b, options, methods: SCENARIO_METHODS, generatedAt: new Date('2026-11-29T12:00:00Z') });
    const book = XLSX.read(bytes);
    expect(book.SheetNames).toEqual(Object.values(PACK_SHEETS));

    const summary = cellsText(book.Sheets[PACK_SHEETS.summary]!);
    // X = 80,000 a year; radiographers 0%, radiologists 60,000 / 80,000 = 75%, outsourced 25%.
    expect(summary).toContain('The department issues 80,000 plain-film (XR) reports a year (a yearly rate from 6 months of data).');
    expect(summary).toContain('Reporting radiographers issue 0.0% of them, radiologists 75.0%, and 25.0% are outsourced.');
    // Benchmark 15%: 0.15 × 80,000 − 0 = 12,000 more a year.
    expect(summary).toContain('about 12,000 more plain films a year');
    expect(summary).toContain('They would take on 15,000 plain films a year (11,250 from radiologists, 3,750 now outsourced), moving the share from 0.0% to 18.8%');
    expect(summary).toContain('This releases 450 radiologist hours a year (112.5 sessions), enough to bring 1,800 outsourced CT and MR reports a year back in-house.');
    expect(summary).toContain('Spend avoided is £145,500 a year against £60,000 of added staff cost: a net annual effect of £85,500.');
    expect(summary).toContain('The one-off training cost of £12,000 is repaid 10.7 months after training starts.');
    // The backlog option: the same 3,750 outsourced plain films avoid £37,500; 450 hours clear the whole backlog of 400
    // (XR 300 / 25 + CT 100 / 4 = 37 hours). Net £37,500 − £60,000 = −£22,500.
    expect(summary).toContain('a net annual effect of −£22,500');
    expect(summary).toContain('On these assumptions Option 1: One full-time reporter gives the largest net annual effect, £85,500 a year');
    // A name that looks like a formula stays text: every cell of every sheet is a value, none a formula.
    const optionsHeader = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[PACK_SHEETS.summary]!, { header: 1 }).find((r) => r[1] === 'Baseline (now)')!;
    expect(optionsHeader.slice(1)).toEqual(['Baseline (now)', 'Option 1: One full-time reporter', 'Option 2: =HYPERLINK("x")']);
    for (const name of book.SheetNames) {
      for (const [address, cell] of Object.entries(book.Sheets[name]!)) {
        if (!address.startsWith('!')) expect((cell as XLSX.CellObject).f).toBeUndefined();
      }
    }

    const financial = book.Sheets[PACK_SHEETS.financial]!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(financial, { header: 1 });
    const line = (label: string) => rows.find((r) => r[0] === label)!.slice(1, 3);
    // Money is in pounds, typed as numbers.
    expect(line('Spend avoided, total')).toEqual([145_500, 37_500]);
    expect(line('Net annual effect (positive is a saving)')).toEqual([85_500, -22_500]);
    expect(line('Payback, months from the start of training')).toEqual([10.7, 'Not repaid']);
    // Cash view at 24 months: −£12,000 + £85,500 × (24 − 9) / 12 = £94,875.
    expect(rows.find((r) => r[0] === 24)!.slice(1, 2)).toEqual([94_875]);

    const sensitivity = cellsText(book.Sheets[PACK_SHEETS.sensitivity]!);
    expect(sensitivity).toContain('The net annual effect of £85,500 moves most with reporting radiographer plain-film reports per hour (£56,400 to £114,600)');
    const risks = cellsText(book.Sheets[PACK_SHEETS.risks]!);
    expect(risks).toContain('every six months\' delay moves payback from 10.7 months to 16.7 months');
    // Not redeploying the released time loses the CT part of the spend avoided: £108,000 → net −£22,500.
    expect(risks).toContain('spend avoided falls by £108,000 and the net annual effect becomes −£22,500');
    const methods = cellsText(book.Sheets[PACK_SHEETS.methods]!);
    expect(methods).toContain('S = min(G, C, X_rad + X_out)');
    expect(methods).toContain('P = M + OC / (NE / 12), when NE > 0');
  });

  it('refuses more than three options, and shows the baseline alone when none are chosen', () => {
    const b = fullBaseline();
    const option = { scenario: saved(1, 'A', b.defaults), outcome: evaluate(modelBaseline(b), b.defaults) };
    expect(() => buildBusinessCasePack({ baseline: b, options: [option, option, option, option], methods: [], generatedAt: new Date() })).toThrow(
      'at most 3 options',
    );
    const book = XLSX.read(buildBusinessCasePack({ baseline: { ...b, synthetic: true }, options: [], methods: SCENARIO_METHODS, generatedAt: new Date() }));
    const summary = cellsText(book.Sheets[PACK_SHEETS.summary]!);
    expect(summary).toContain('No options were chosen for this pack: it sets out the baseline only.');
    expect(summary).toContain('SYNTHETIC DEMO DATA');
  });
});
