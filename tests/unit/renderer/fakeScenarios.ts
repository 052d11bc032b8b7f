/**
 * The scenario part of the fake engine used by renderer and host tests: a small department's baseline, a
 * deliberately simple model of the business case (enough for outputs to move the right way when a lever moves,
 * not the engine's arithmetic), and saved scenarios kept in memory with the engine's rules (unique names).
 */
import type {
  SavedScenario, ScenarioApi, ScenarioBaseline, ScenarioEvaluation, ScenarioLevers, ScenarioMethod, ScenarioOutcome, SensitivityBar,
} from '../../../shared/scenarios/api';

export const SHELFORD = { metric: 'skillMix.plainFilmRadiographerShare', cohort: 'shelford', year: '2016/17', value: 0.15, source: 'NHS Improvement, Imaging Services Transformation Programme (June 2018)' };

export function fakeLevers(): ScenarioLevers {
  return {
    targetPlainFilmShare: 0.25,
    radiographersToAdd: 4,
    reportingWtePerRadiographer: 0.6,
    reportsPerHour: { radiologist: { XR: 20, CT: 4, MR: 3 }, reporting_radiographer: { XR: 12 } },
    reportingHoursPerWte: 1500,
    annualCostPerWtePence: { radiologist: 16_000_000, reporting_radiographer: 4_500_000 },
    trainingCostPencePerRadiographer: 1_200_000,
    monthsToCompetence: 12,
    outsourcingUnitPricePence: { XR: 800, CT: 4500, MR: 5500 },
    releasedTimeUse: 'insource_ct_mr',
  };
}

export function fakeBaseline(): ScenarioBaseline {
  return {
    period: { from: '2023-04-01', to: '2024-03-31', months: 12 },
    annualisation: 1,
    reportsByModalityGroup: {
      XR: { radiologist: 88_000, trainee: 2_000, reporting_radiographer: 10_000 },
      CT: { radiologist: 30_000, outsourced: 5_000 },
      MR: { radiologist: 8_000, outsourced: 2_000 },
      US: { sonographer: 20_000, radiologist: 5_000 },
    },
    wte: { radiologist: 20, trainee: 4, reporting_radiographer: 3, sonographer: 6, other_in_house: 0 },
    outsourcing: {
      reports: 7_000,
      spendPence: 33_500_000,
      costPerReportPence: 4786,
      byModality: { CT: { reports: 5_000, unitPricePence: 4500, priceSource: 'tariff' }, MR: { reports: 2_000, unitPricePence: 5500, priceSource: 'ledger' } },
    },
    backlog: 1_200,
    skillMix: { plainFilmRadiographerShare: 0.1, ultrasoundSonographerShare: 0.8 },
    benchmarks: [{ ...SHELFORD, ours: 0.1 }],
    plainFilmBenchmark: { ...SHELFORD, ours: 0.1 },
    backlogByModality: { XR: 700, CT: 300, MR: 200 },
    synthetic: false,
    defaults: fakeLevers(),
    notes: [
      { lever: 'targetPlainFilmShare', label: 'Target share', source: 'Above the Shelford Group median (15%, 2016/17)', kind: 'benchmark', value: '25.0%' },
      // A note for a whole group of levers: the form finds it for each rate.
      { lever: 'reportsPerHour', label: 'Reports per hour', source: 'RCR reporting times (State of the wait, 2023)', kind: 'judgement' },
      { lever: 'annualCostPerWtePence.reporting_radiographer', label: 'Reporting radiographer cost', source: 'Agenda for Change band 7 top point with on-costs, 2024/25', kind: 'published' },
      { lever: 'outsourcingUnitPricePence.CT', label: 'CT price', source: 'Tariff: Medica 2024/25', kind: 'data' },
    ],
  };
}

const sumOf = (r: Partial<Record<string, number>> | undefined): number => Object.values(r ?? {}).reduce<number>((a, b) => a + (b ?? 0), 0);

function model(baseline: ScenarioBaseline, lv: ScenarioLevers): Omit<ScenarioOutcome, 'sensitivity'> {
  const a = baseline.annualisation;
  const xr = sumOf(baseline.reportsByModalityGroup.XR) * a;
  const rrNow = (baseline.reportsByModalityGroup.XR?.reporting_radiographer ?? 0) * a;
  const wanted = Math.max(0, lv.targetPlainFilmShare * xr - rrNow);
  const capacity = lv.radiographersToAdd * lv.reportingWtePerRadiographer * lv.reportingHoursPerWte * (lv.reportsPerHour.reporting_radiographer.XR ?? 0);
  const shifted = Math.min(wanted, capacity);
  const hours = shifted / (lv.reportsPerHour.radiologist.XR ?? 1);
  const outsourced = ((baseline.reportsByModalityGroup.CT?.outsourced ?? 0) + (baseline.reportsByModalityGroup.MR?.outsourced ?? 0)) * a;
  const insource = lv.releasedTimeUse === 'insource_ct_mr';
  const broughtBack = insource ? Math.min(outsourced, hours * (lv.reportsPerHour.radiologist.CT ?? 0)) : 0;
  const cleared = insource ? 0 : Math.min(baseline.backlog, hours * (lv.reportsPerHour.radiologist.XR ?? 0));
  const spendAvoided = Math.round(broughtBack * (lv.outsourcingUnitPricePence.CT ?? 0));
  const added = Math.round(lv.radiographersToAdd * lv.reportingWtePerRadiographer * lv.annualCostPerWtePence.reporting_radiographer);
  const net = spendAvoided - added;
  const oneOff = lv.radiographersToAdd * lv.trainingCostPencePerRadiographer;
  const warnings: string[] = [];
  if (wanted === 0) warnings.push('The target is at or below the current share: nothing moves.');
  else if (capacity < wanted) warnings.push('The new radiographers cannot report enough to reach the target.');
  return {
    currentPlainFilmShare: xr ? rrNow / xr : null,
    gapToTarget: wanted,
    radiographerCapacity: capacity,
    shiftedFromRadiologists: shifted,
    shiftedFromOutsourced: 0,
    reportsShifted: Math.round(shifted),
    radiologistHoursReleased: hours,
    sessionsReleased: hours / 4,
    outsourcedReportsBroughtBack: Math.round(broughtBack),
    backlogReportsCleared: Math.round(cleared),
    spendAvoidedPence: spendAvoided,
    addedStaffCostPence: added,
    netAnnualEffectPence: net,
    oneOffCostPence: oneOff,
    paybackMonths: net > 0 ? lv.monthsToCompetence + oneOff / (net / 12) : null,
    newPlainFilmShare: xr ? (rrNow + shifted) / xr : null,
    benchmarkPlainFilmShare: 0.15,
    warnings,
  };
}

const SENSITIVE: { lever: string; label: string; scale: (lv: ScenarioLevers, f: number) => ScenarioLevers }[] = [
  { lever: 'targetPlainFilmShare', label: 'Target plain-film share', scale: (lv, f) => ({ ...lv, targetPlainFilmShare: lv.targetPlainFilmShare * f }) },
  { lever: 'annualCostPerWtePence.reporting_radiographer', label: 'Reporting radiographer cost per WTE', scale: (lv, f) => ({ ...lv, annualCostPerWtePence: { ...lv.annualCostPerWtePence, reporting_radiographer: lv.annualCostPerWtePence.reporting_radiographer * f } }) },
  { lever: 'outsourcingUnitPricePence.CT', label: 'Outsourced CT price', scale: (lv, f) => ({ ...lv, outsourcingUnitPricePence: { ...lv.outsourcingUnitPricePence, CT: (lv.outsourcingUnitPricePence.CT ?? 0) * f } }) },
  { lever: 'radiographersToAdd', label: 'Radiographers added', scale: (lv, f) => ({ ...lv, radiographersToAdd: lv.radiographersToAdd * f }) },
];

export function fakeEvaluate(baseline: ScenarioBaseline, levers: ScenarioLevers): ScenarioEvaluation {
  const sensitivity: SensitivityBar[] = SENSITIVE.map((s) => ({
    lever: s.lever,
    label: s.label,
    lowPence: model(baseline, s.scale(levers, 0.8)).netAnnualEffectPence,
    highPence: model(baseline, s.scale(levers, 1.2)).netAnnualEffectPence,
  }))
    .sort((x, y) => Math.abs(y.highPence - y.lowPence) - Math.abs(x.highPence - x.lowPence))
    .slice(0, 3);
  const methods: ScenarioMethod[] = [
    { output: 'Reports moved', formula: 'min(target share × XR reports − XR reports by reporting radiographers, radiographers × reporting WTE × hours per WTE × reports per hour)' },
    { output: 'Net annual effect', formula: 'spend avoided − added staff cost', symbols: 'NE = SA − SC' },
  ];
  return { baseline, outcome: { ...model(baseline, levers), sensitivity }, methods };
}

export function fakeOutcome(levers: ScenarioLevers = fakeLevers()): ScenarioOutcome {
  return fakeEvaluate(fakeBaseline(), levers).outcome;
}

/** Methods only (fakeEngine spreads them into itself); the saved scenarios live in this closure, as in a database. */
export function fakeScenarioApi(): ScenarioApi {
  let scenarios: SavedScenario[] = [];
  let nextId = 1;
  let clock = 0;
  const stamp = () => `2026-01-01T10:${String(clock++).padStart(2, '0')}:00Z`;
  const api: ScenarioApi = {
    scenarioBaseline: async () => fakeBaseline(),
    evaluateScenario: async ({ levers }) => fakeEvaluate(fakeBaseline(), structuredClone(levers)),
    listScenarios: async () => scenarios.map((s) => structuredClone(s)),
    saveScenario: async ({ id, name, levers }) => {
      if (scenarios.some((s) => s.name === name && s.id !== id)) throw new Error(`A scenario called "${name}" already exists.`);
      const existing = id === undefined ? undefined : scenarios.find((s) => s.id === id);
      if (id !== undefined && !existing) throw new Error(`There is no scenario ${id}.`);
      const row: SavedScenario = existing
        ? { ...existing, name, levers: structuredClone(levers), updatedAt: stamp() }
        : { id: nextId++, name, levers: structuredClone(levers), createdAt: stamp(), updatedAt: '' };
      if (!existing) row.updatedAt = row.createdAt;
      scenarios = [...scenarios.filter((s) => s.id !== row.id), row].sort((a, b) => a.id - b.id);
      return structuredClone(row);
    },
    deleteScenario: async (id) => {
      scenarios = scenarios.filter((s) => s.id !== id);
    },
    duplicateScenario: async (id, name) => {
      const from = scenarios.find((s) => s.id === id);
      if (!from) throw new Error(`There is no scenario ${id}.`);
      return api.saveScenario({ name: name ?? `${from.name} (copy)`, levers: from.levers });
    },
    // A zip's signature, so a test can tell the bytes reached the host unchanged.
    exportBusinessCase: async () => new Uint8Array([80, 75, 3, 4]),
  };
  return api;
}
