/** Small hand-made baselines and levers for the scenario tests; every expected figure is worked out in the tests. */
import type { ScenarioLevers } from '../../../shared/scenarios/api';
import type { ModelBaseline } from '../../../shared/scenarios/model';

/** Round, easy levers: 2 radiographers at 0.5 WTE, 1,500 hours, 12 films an hour → 18,000 films a year of capacity. */
export function levers(overrides: Partial<ScenarioLevers> = {}): ScenarioLevers {
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
    ...overrides,
  };
}

export function baseline(overrides: Partial<ModelBaseline> = {}): ModelBaseline {
  return {
    annualisation: 1,
    reportsByModalityGroup: {},
    radiographerWte: 3,
    backlogByModality: {},
    benchmarkPlainFilmShare: 0.15,
    ...overrides,
  };
}
