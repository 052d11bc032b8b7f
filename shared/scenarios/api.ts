/**
 * The skill-mix business case: baseline from data, levers, outcomes, saved scenarios and the pack.
 * Part of the EngineApi (shared/contract.ts extends it). Method names are wired into every host; types may grow.
 */
import type { PeriodSpec } from '../contract';

export interface ScenarioLevers {
  /** Target share (0..1) of XR reports issued by reporting radiographers. */
  targetPlainFilmShare: number;
  [lever: string]: unknown;
}

export interface ScenarioBaseline {
  period: { from: string; to: string; months: number };
  defaults: ScenarioLevers;
}

export interface SavedScenario {
  id: number;
  name: string;
  levers: ScenarioLevers;
  createdAt: string;
  updatedAt: string;
}

export interface ScenarioOutcome {
  netAnnualEffectPence: number;
}

export interface ScenarioApi {
  scenarioBaseline(req: { period: PeriodSpec }): Promise<ScenarioBaseline>;
  evaluateScenario(req: { period: PeriodSpec; levers: ScenarioLevers }): Promise<ScenarioOutcome>;
  listScenarios(): Promise<SavedScenario[]>;
  saveScenario(scenario: { id?: number; name: string; levers: ScenarioLevers }): Promise<SavedScenario>;
  deleteScenario(id: number): Promise<void>;
  duplicateScenario(id: number, name?: string | null): Promise<SavedScenario>;
  exportBusinessCase(req: { period: PeriodSpec; scenarioIds: number[] }): Promise<Uint8Array>;
}
