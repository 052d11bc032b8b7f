/** The scenario part of the fake engine used by renderer and host tests. */
import type { SavedScenario, ScenarioApi, ScenarioBaseline, ScenarioLevers, ScenarioOutcome } from '../../../shared/scenarios/api';

export function fakeLevers(): ScenarioLevers {
  return {
    targetPlainFilmShare: 0.15,
    radiographersToAdd: 2,
    reportingWtePerRadiographer: 0.5,
    reportsPerHour: { radiologist: { XR: 24, CT: 4, MR: 3 }, reporting_radiographer: { XR: 12 } },
    reportingHoursPerWte: 1500,
    annualCostPerWtePence: { radiologist: 16_000_000, reporting_radiographer: 7_000_000 },
    trainingCostPencePerRadiographer: 1_000_000,
    monthsToCompetence: 12,
    outsourcingUnitPricePence: { XR: 800, CT: 4500, MR: 5500 },
    releasedTimeUse: 'insource_ct_mr',
  };
}

export function fakeBaseline(): ScenarioBaseline {
  return {
    period: { from: '2024-04-01', to: '2025-03-31', months: 12 },
    annualisation: 1,
    reportsByModalityGroup: { XR: { radiologist: 90_000, reporting_radiographer: 10_000 }, CT: { radiologist: 30_000, outsourced: 5_000 } },
    wte: { radiologist: 20, trainee: 4, reporting_radiographer: 3, sonographer: 6, other_in_house: 0 },
    outsourcing: { reports: 5_000, spendPence: 22_500_000, costPerReportPence: 4500, byModality: { CT: { reports: 5_000, unitPricePence: 4500, priceSource: 'tariff' } } },
    backlog: 1200,
    skillMix: { plainFilmRadiographerShare: 0.1, ultrasoundSonographerShare: 0.6 },
    benchmarks: [],
    defaults: fakeLevers(),
    notes: [],
  };
}

export function fakeOutcome(): ScenarioOutcome {
  return {
    reportsShifted: 5_000,
    radiologistHoursReleased: 208,
    sessionsReleased: 52,
    outsourcedReportsBroughtBack: 833,
    backlogReportsCleared: 0,
    spendAvoidedPence: 3_750_000,
    addedStaffCostPence: 7_000_000,
    netAnnualEffectPence: -3_250_000,
    oneOffCostPence: 2_000_000,
    paybackMonths: null,
    newPlainFilmShare: 0.15,
    benchmarkPlainFilmShare: 0.15,
    warnings: [],
    sensitivity: [],
  };
}

export function fakeScenarioApi(): ScenarioApi {
  const saved: SavedScenario[] = [];
  return {
    scenarioBaseline: async () => fakeBaseline(),
    evaluateScenario: async () => ({ baseline: fakeBaseline(), outcome: fakeOutcome(), methods: [] }),
    listScenarios: async () => saved,
    saveScenario: async (s) => {
      const row = { id: s.id ?? saved.length + 1, name: s.name, levers: s.levers, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
      saved.push(row);
      return row;
    },
    deleteScenario: async () => undefined,
    duplicateScenario: async (id, name) => ({ ...saved.find((s) => s.id === id)!, id: saved.length + 1, name: name ?? 'Copy' }),
    exportBusinessCase: async () => new Uint8Array([80, 75, 3, 4]),
  };
}
