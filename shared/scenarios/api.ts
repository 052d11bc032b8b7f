/**
 * The skill-mix business case: baseline from data, levers, outcomes, saved scenarios and the pack.
 * Part of the EngineApi (shared/contract.ts extends it). Method names are wired into every host; fields may be
 * added, never renamed or removed without changing every caller. Money in pence, shares 0..1, annual figures.
 */
import type { PeriodSpec, Period, BenchmarkComparison } from '../contract';
import type { InHouseGroup, Modality, StaffGroup } from '../model';

/** Where the radiologist time released from plain film goes. */
export type ReleasedTimeUse = 'insource_ct_mr' | 'backlog';

/** Groups whose pay the business case needs. */
export type CostedGroup = 'radiologist' | 'reporting_radiographer';

export interface ScenarioLevers {
  /** Target share (0..1) of XR reports issued by reporting radiographers. */
  targetPlainFilmShare: number;
  /** Reporting radiographers to train or recruit. */
  radiographersToAdd: number;
  /** Reporting WTE of each of them (e.g. 0.6 of a full-time post given to reporting). */
  reportingWtePerRadiographer: number;
  /** Reports per reporting hour, by group and modality. */
  reportsPerHour: Record<CostedGroup, Partial<Record<Modality, number>>>;
  /** Reporting hours a year in one WTE (after leave, training and non-reporting duties). */
  reportingHoursPerWte: number;
  /** Annual cost of one WTE including on-costs, by group. */
  annualCostPerWtePence: Record<CostedGroup, number>;
  /** One-off training cost per radiographer (course fees and backfill). */
  trainingCostPencePerRadiographer: number;
  /** Months from starting training to reporting independently. */
  monthsToCompetence: number;
  /** Outsourcing unit price by modality (from the tariff where one exists). */
  outsourcingUnitPricePence: Partial<Record<Modality, number>>;
  releasedTimeUse: ReleasedTimeUse;
}

/** Where each lever's default came from, for the form and the methods section. */
export interface LeverNote {
  lever: keyof ScenarioLevers | string;
  label: string;
  source: string;
  /**
   * What kind of figure the default is: the department's own data, a published benchmark or figure (BENCHMARKS.md),
   * a published pay scale, or a RadBench assumption or judgement to be checked locally.
   */
  kind?: LeverSourceKind;
  /** The default as the user reads it ('24 an hour', '£66,638', '15.0%'). */
  value?: string;
}

export type LeverSourceKind = 'data' | 'benchmark' | 'published' | 'assumption' | 'judgement';

/** Where a modality's outsourcing unit price came from. */
export type PriceSource = 'tariff' | 'ledger' | 'reference';

export interface ScenarioBaseline {
  period: Period;
  /** Factor that turns the period's counts into a year's (12 / months). */
  annualisation: number;
  /** Reports in the period, by modality then staff group. */
  reportsByModalityGroup: Partial<Record<Modality, Partial<Record<StaffGroup, number>>>>;
  wte: Record<InHouseGroup, number>;
  outsourcing: {
    reports: number;
    spendPence: number;
    costPerReportPence: number | null;
    byModality: Partial<Record<Modality, { reports: number; unitPricePence: number | null; priceSource: PriceSource | null; priceNote?: string }>>;
  };
  backlog: number;
  /** Unreported examinations at the period end by modality (the same count as backlog, split). */
  backlogByModality?: Partial<Record<Modality, number>>;
  skillMix: { plainFilmRadiographerShare: number | null; ultrasoundSonographerShare: number | null };
  /** The skill-mix benchmarks (Shelford Group median 15% plain film by radiographers, 2016/17, and any imported). */
  benchmarks: BenchmarkComparison[];
  /** The headline plain-film benchmark (the Shelford Group median when present). */
  plainFilmBenchmark?: BenchmarkComparison | null;
  /** True for the synthetic demo trust: every output must say so. */
  synthetic?: boolean;
  defaults: ScenarioLevers;
  notes: LeverNote[];
}

export interface SensitivityBar {
  lever: string;
  label: string;
  /** Net annual effect with the lever at −20% and +20%. */
  lowPence: number;
  highPence: number;
  /** Net annual effect with every lever at its set value (the tornado's centre line). */
  basePence?: number;
  /** The lever's value as set, and at −20% and +20% (shares 0..1, money in pence). */
  baseValue?: number;
  lowValue?: number;
  highValue?: number;
}

export interface ScenarioOutcome {
  /** XR reports a year moved from radiologists (and outsourcing) to reporting radiographers. */
  reportsShifted: number;
  radiologistHoursReleased: number;
  /** Four-hour programmed-activity sessions a year. */
  sessionsReleased: number;
  outsourcedReportsBroughtBack: number;
  backlogReportsCleared: number;
  spendAvoidedPence: number;
  addedStaffCostPence: number;
  netAnnualEffectPence: number;
  oneOffCostPence: number;
  /** Months until the one-off cost is repaid, counted from the start of training; null when it never is. */
  paybackMonths: number | null;
  newPlainFilmShare: number | null;
  benchmarkPlainFilmShare: number | null;
  /** Why the outcome is smaller than asked (target below current share, no capacity, nothing outsourced…). */
  warnings: string[];
  /** The three most influential levers at ±20%, largest swing first. */
  sensitivity: SensitivityBar[];

  // Detail behind the headline figures (always filled by the engine; optional for older callers).
  currentPlainFilmShare?: number | null;
  /** XR reports a year needed to reach the target share (0 when the target is not above the current share). */
  gapToTarget?: number;
  /** XR reports a year the added reporting radiographers can issue. */
  radiographerCapacity?: number;
  shiftedFromRadiologists?: number;
  shiftedFromOutsourced?: number;
  /** Outsourced reports a year brought in-house, by modality (XR by radiographers, CT/MR by released time). */
  broughtBackByModality?: Partial<Record<Modality, number>>;
  spendAvoidedByModalityPence?: Partial<Record<Modality, number>>;
  /** Released radiologist hours that went to the backlog, and those left with no use in the model. */
  hoursToBacklog?: number;
  hoursUnused?: number;
  /** Non-cash: released radiologist hours at the radiologist's cost per reporting hour. Not in the net effect. */
  releasedTimeValuePence?: number;
  /** Every lever tested at ±20%, largest swing first (sensitivity is the first three). */
  sensitivityAll?: SensitivityBar[];
}

export interface SavedScenario {
  id: number;
  name: string;
  levers: ScenarioLevers;
  createdAt: string;
  updatedAt: string;
}

/** One line of the methods section: the formula in words and symbols. */
export interface ScenarioMethod {
  output: string;
  /** The formula in words. */
  formula: string;
  /** The same in symbols (defined in the methods' list of symbols). */
  symbols?: string;
}

export interface ScenarioEvaluation {
  baseline: ScenarioBaseline;
  outcome: ScenarioOutcome;
  methods: ScenarioMethod[];
}

export interface ScenarioApi {
  scenarioBaseline(req: { period: PeriodSpec }): Promise<ScenarioBaseline>;
  evaluateScenario(req: { period: PeriodSpec; levers: ScenarioLevers }): Promise<ScenarioEvaluation>;
  listScenarios(): Promise<SavedScenario[]>;
  /** Saves a new scenario (no id) or updates one; names are unique. */
  saveScenario(scenario: { id?: number; name: string; levers: ScenarioLevers }): Promise<SavedScenario>;
  deleteScenario(id: number): Promise<void>;
  duplicateScenario(id: number, name?: string | null): Promise<SavedScenario>;
  /** The business case pack as XLSX: baseline, options compared (up to three), financial case, sensitivity, methods. */
  exportBusinessCase(req: { period: PeriodSpec; scenarioIds: number[] }): Promise<Uint8Array>;
}
