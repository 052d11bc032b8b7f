import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Engine } from '../../shared/engine/engine';
import type { PeriodSpec } from '../../shared/contract';
import { MODALITIES, STAFF_GROUPS } from '../../shared/model';
import { evaluate, modelBaseline } from '../../shared/scenarios/model';
import { SCENARIO_METHODS } from '../../shared/scenarios/methods';
import { PACK_SHEETS } from '../../shared/scenarios/pack';
import { leverProblems } from '../../shared/scenarios/validate';
import { createNodeEngine } from '../../electron/node/nodeEngine';
import { csvBytes, freshEngine } from '../helpers/engine';

/** Whole pounds as the pack writes them in its sentences: −£1,234. */
const gbp = (pence: number): string => `${pence < 0 ? '\u2212' : ''}£${Math.round(Math.abs(pence) / 100).toLocaleString('en-GB')}`;

/** Two CT reports by an outsourcing provider and two plain films by a radiologist, in May 2024. */
const SMALL_RIS = [
  'Accession Number,Modality,Exam Date,Date Reported,Reporter Code,Staff Group,Outsourcing Provider',
  'A1,CT,01/05/2024 10:00,02/05/2024 12:00,EXT1,,Medica',
  'A2,CT,03/05/2024 10:00,04/05/2024 12:00,EXT1,,Medica',
  'A3,DX,03/05/2024 10:00,03/05/2024 12:00,R1,Consultant Radiologist,',
  'A4,DX,03/05/2024 11:00,03/05/2024 13:00,R1,Consultant Radiologist,',
];

let engine: Engine;
let earlier: PeriodSpec;
let latest: PeriodSpec;

beforeAll(async () => {
  engine = await freshEngine();
  await engine.loadDemo({ scale: 0.05 });
  const years = (await engine.filterOptions()).financialYears;
  latest = { spec: years[0]! };
  earlier = { spec: years[1]! };
});

describe('the skill-mix business case on the demo trust', () => {
  it('builds its baseline from the same figures as the analysis', async () => {
    const [b, a] = await Promise.all([engine.scenarioBaseline({ period: earlier }), engine.analyse({ period: earlier })]);
    expect(b.period).toEqual(a.period);
    expect(b.annualisation).toBe(1);
    for (const m of MODALITIES) {
      const cells = b.reportsByModalityGroup[m] ?? {};
      expect(Object.values(cells).reduce((x, n) => x + (n ?? 0), 0)).toBe(a.reports.byModality[m] ?? 0);
    }
    for (const g of STAFF_GROUPS) {
      expect(MODALITIES.reduce((x, m) => x + (b.reportsByModalityGroup[m]?.[g] ?? 0), 0)).toBe(a.reports.byGroup[g]);
    }
    expect(b.wte).toEqual(a.wte);
    expect(b.skillMix).toEqual(a.skillMix);
    expect(b.outsourcing.reports).toBe(a.outsourcing.reports);
    expect(Object.values(b.outsourcing.byModality).reduce((x, m) => x + m!.reports, 0)).toBe(a.outsourcing.reports);
    expect(b.backlog).toBe(a.backlog.total);
    expect(Object.values(b.backlogByModality!).reduce((x, n) => x + (n ?? 0), 0)).toBe(a.backlog.total);
    expect(b.plainFilmBenchmark).toMatchObject({ cohort: 'shelford', year: '2016/17', value: 0.15 });
    expect(b.benchmarks.every((x) => x.metric.startsWith('skillMix.'))).toBe(true);
    expect(b.synthetic).toBe(true);
    // The demo's tariff prices each modality: a routine report's price, weighted over the two providers' volumes, so it
    // lies between the providers' general rates in force in the period.
    const tariffs = await engine.listTariffs();
    for (const m of ['XR', 'CT', 'MR'] as const) {
      const general = tariffs
        .filter((t) => t.modality === m && t.priority === null && t.examCode === null)
        .filter((t) => t.effectiveFrom <= a.period.to && (t.effectiveTo === null || t.effectiveTo >= a.period.from))
        .map((t) => t.unitPricePence);
      expect(general.length).toBeGreaterThan(0);
      const price = b.outsourcing.byModality[m]!;
      expect(price).toMatchObject({ priceSource: 'tariff', reports: b.reportsByModalityGroup[m]?.outsourced ?? 0 });
      expect(price.unitPricePence!).toBeGreaterThanOrEqual(Math.min(...general));
      expect(price.unitPricePence!).toBeLessThanOrEqual(Math.max(...general));
      expect(b.defaults.outsourcingUnitPricePence[m]).toBe(price.unitPricePence);
    }
    // 2024/25 is below the Shelford median, so the default target is the median and at least one radiographer is added.
    expect(a.skillMix.plainFilmRadiographerShare!).toBeLessThan(0.15);
    expect(b.defaults.targetPlainFilmShare).toBe(0.15);
    expect(b.defaults.radiographersToAdd).toBeGreaterThanOrEqual(1);
    expect(leverProblems(b.defaults)).toEqual([]);
    expect(b.notes.map((n) => n.lever)).toEqual(expect.arrayContaining(['targetPlainFilmShare', 'radiographersToAdd', 'reportingHoursPerWte', 'monthsToCompetence']));
  });

  it('evaluates a scenario with the model the unit tests check, and refuses bad levers', async () => {
    const b = await engine.scenarioBaseline({ period: earlier });
    const levers = { ...b.defaults, radiographersToAdd: 1, targetPlainFilmShare: 0.2 };
    const evaluation = await engine.evaluateScenario({ period: earlier, levers });
    expect(evaluation.baseline).toEqual(b);
    expect(evaluation.methods).toEqual(SCENARIO_METHODS);
    expect(evaluation.outcome).toEqual(evaluate(modelBaseline(b), levers));
    const r = evaluation.outcome;
    // 1 radiographer × 0.5 WTE × 1,600 hours × 12 an hour = 9,600 films a year of capacity; staff cost 0.5 × £66,638 = £33,319.
    expect(r.radiographerCapacity).toBe(9_600);
    expect(r.addedStaffCostPence).toBe(3_331_900);
    expect(r.reportsShifted).toBe(Math.min(r.gapToTarget!, 9_600));
    expect(r.radiologistHoursReleased).toBeCloseTo(r.shiftedFromRadiologists! / 24, 0);
    expect(r.netAnnualEffectPence).toBe(r.spendAvoidedPence - r.addedStaffCostPence);
    expect(r.sensitivity.length).toBeGreaterThan(0);
    expect(r.sensitivity.length).toBeLessThanOrEqual(3);

    await expect(engine.evaluateScenario({ period: earlier, levers: { ...levers, targetPlainFilmShare: 1.2 } })).rejects.toThrow(
      'The target plain-film share must be from 0% to 100% (it is 120%).',
    );
  });

  it('stretches the default target five points above a current share already above the benchmark', async () => {
    const b = await engine.scenarioBaseline({ period: latest });
    const current = b.skillMix.plainFilmRadiographerShare!;
    expect(current).toBeGreaterThan(0.15);
    expect(b.defaults.targetPlainFilmShare).toBeCloseTo(current + 0.05, 3);
    expect(b.defaults.radiographersToAdd).toBeGreaterThan(0);
    const { outcome } = await engine.evaluateScenario({ period: latest, levers: b.defaults });
    expect(outcome.reportsShifted).toBeGreaterThan(0);
    expect(outcome.newPlainFilmShare!).toBeGreaterThan(current);
    // A target at the current share is the edge case: nothing moves and no saving is claimed.
    const flat = await engine.evaluateScenario({ period: latest, levers: { ...b.defaults, targetPlainFilmShare: current } });
    expect(flat.outcome).toMatchObject({ reportsShifted: 0, spendAvoidedPence: 0 });
    expect(flat.outcome.warnings[0]).toContain('is not above the current share');
  });

  it('saves, lists, duplicates and deletes scenarios, and keeps them in the saved file', async () => {
    const e = await freshEngine();
    const b = await e.scenarioBaseline({ period: { spec: '2024/25' } });
    const a = await e.saveScenario({ name: 'Two reporters', levers: { ...b.defaults, radiographersToAdd: 2 } });
    const copy = await e.duplicateScenario(a.id);
    expect(copy.name).toBe('Two reporters (copy)');
    const renamed = await e.saveScenario({ id: copy.id, name: 'Backlog first', levers: { ...copy.levers, releasedTimeUse: 'backlog' } });
    await expect(e.saveScenario({ name: 'two REPORTERS', levers: b.defaults })).rejects.toThrow('A scenario called "two REPORTERS" already exists');
    const third = await e.duplicateScenario(a.id, 'Three');
    await e.deleteScenario(third.id);
    const listed = await e.listScenarios();
    expect(listed.map((s) => [s.name, s.levers.radiographersToAdd, s.levers.releasedTimeUse])).toEqual([
      ['Two reporters', 2, 'insource_ct_mr'],
      ['Backlog first', 2, 'backlog'],
    ]);
    expect(listed[1]).toEqual(renamed);
    expect(listed[0]!.createdAt).toBe('2026-11-29T12:00:00.000Z');

    // Saved to a file and opened again, the scenarios come back as they were.
    const reopened = createNodeEngine({ now: () => new Date('2026-11-30T09:00:00Z') });
    await reopened.open(await e.exportDatabase());
    expect(await reopened.listScenarios()).toEqual(listed);
    await expect(reopened.deleteScenario(third.id)).rejects.toThrow(`There is no saved scenario number ${third.id}`);
  });

  it('exports the business case pack with the evaluated figures in its text', async () => {
    const b = await engine.scenarioBaseline({ period: earlier });
    const levers = { ...b.defaults, radiographersToAdd: 2, targetPlainFilmShare: 0.3 };
    const one = await engine.saveScenario({ name: 'Pack: two reporters', levers });
    const two = await engine.saveScenario({ name: 'Pack: backlog', levers: { ...levers, releasedTimeUse: 'backlog' } });
    const bytes = await engine.exportBusinessCase({ period: earlier, scenarioIds: [one.id, two.id] });
    const book = XLSX.read(bytes);
    expect(book.SheetNames).toEqual(['Summary', 'Financial case', 'Sensitivity', 'Risks', 'Baseline data', 'Methods and sources']);

    const r1 = (await engine.evaluateScenario({ period: earlier, levers })).outcome;
    const r2 = (await engine.evaluateScenario({ period: earlier, levers: two.levers })).outcome;
    const summary = XLSX.utils.sheet_to_csv(book.Sheets[PACK_SHEETS.summary]!);
    expect(summary).toContain('SYNTHETIC DEMO DATA');
    expect(summary).toContain(`They would take on ${r1.reportsShifted.toLocaleString('en-GB')} plain films a year`);
    expect(summary).toContain(
      `Spend avoided is ${gbp(r1.spendAvoidedPence)} a year against ${gbp(r1.addedStaffCostPence)} of added staff cost: a net annual effect of ${gbp(r1.netAnnualEffectPence)}.`,
    );
    expect(summary).toContain(`a net annual effect of ${gbp(r2.netAnnualEffectPence)}.`);
    expect(summary).toContain(`enough to clear ${r2.backlogReportsCleared.toLocaleString('en-GB')} examinations from the backlog`);

    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[PACK_SHEETS.summary]!, { header: 1 });
    const row = (label: string) => rows.find((r) => r[0] === label)!.slice(1, 4);
    expect(rows.find((r) => r[1] === 'Baseline (now)')!.slice(1, 4)).toEqual(['Baseline (now)', 'Option 1: Pack: two reporters', 'Option 2: Pack: backlog']);
    expect(row('Net annual effect (positive is a saving)')).toEqual([0, r1.netAnnualEffectPence / 100, r2.netAnnualEffectPence / 100]);
    expect(row('Outsourced reports brought back a year')).toEqual([0, r1.outsourcedReportsBroughtBack, r2.outsourcedReportsBroughtBack]);
    expect(row('Plain-film share by reporting radiographers')).toEqual([b.skillMix.plainFilmRadiographerShare, r1.newPlainFilmShare, r2.newPlainFilmShare]);

    await expect(engine.exportBusinessCase({ period: earlier, scenarioIds: [one.id, two.id, one.id] })).rejects.toThrow('chosen twice');
    await expect(engine.exportBusinessCase({ period: earlier, scenarioIds: [1, 2, 3, 4] })).rejects.toThrow('Choose at most 3 scenarios');
  });

  it('falls back to the published reference price with no tariff and no ledger', async () => {
    const e = await freshEngine();
    await e.runImport({ source: { kind: 'bytes', name: 'ris.csv', bytes: csvBytes(SMALL_RIS) }, kind: 'ris', commit: true });
    const b = await e.scenarioBaseline({ period: { spec: '2024/25' } });
    expect(b.outsourcing).toMatchObject({ reports: 2, spendPence: 0, costPerReportPence: null });
    for (const m of ['XR', 'CT', 'MR'] as const) {
      expect(b.outsourcing.byModality[m]).toMatchObject({ unitPricePence: 3270, priceSource: 'reference' });
      expect(b.outsourcing.byModality[m]!.priceNote).toContain('£1,213,005 for 37,090 outsourced reports');
    }
  });

  it('prices outsourcing from the ledger when there is no tariff', async () => {
    const e = await freshEngine();
    await e.runImport({ source: { kind: 'bytes', name: 'ris.csv', bytes: csvBytes(SMALL_RIS) }, kind: 'ris', commit: true });
    const ledger = await e.runImport({
      source: {
        kind: 'bytes',
        name: 'ledger.csv',
        bytes: csvBytes(['Supplier,Description,Period,Amount', 'Medica Reporting Ltd,Teleradiology reporting May,2024/25 M02,"£90.00"']),
      },
      kind: 'ledger',
      commit: true,
    });
    expect(ledger.accepted).toBe(1);
    const b = await e.scenarioBaseline({ period: { spec: '2024/25' } });
    // £90 over 2 outsourced reports = £45.00 a report, used for every modality without a tariff.
    expect(b.outsourcing).toMatchObject({ reports: 2, spendPence: 9_000, costPerReportPence: 4_500 });
    expect(b.outsourcing.byModality.CT).toMatchObject({ reports: 2, unitPricePence: 4_500, priceSource: 'ledger' });
    expect(b.outsourcing.byModality.XR).toMatchObject({ reports: 0, unitPricePence: 4_500, priceSource: 'ledger' });
    expect(b.defaults.outsourcingUnitPricePence).toMatchObject({ XR: 4_500, CT: 4_500, MR: 4_500 });

    // A tariff, once entered, wins over the ledger's average for its modality.
    await e.saveTariff({ provider: 'Medica', modality: 'CT', priority: null, examCode: null, unitPricePence: 4_000, effectiveFrom: '2024-04-01', effectiveTo: null });
    const priced = await e.scenarioBaseline({ period: { spec: '2024/25' } });
    expect(priced.outsourcing.byModality.CT).toMatchObject({ unitPricePence: 4_000, priceSource: 'tariff' });
    expect(priced.outsourcing.byModality.XR).toMatchObject({ unitPricePence: 4_500, priceSource: 'ledger' });
  });
});
