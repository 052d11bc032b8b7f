import type { Database } from 'sql.js';
import type { AnalyseRequest, AnalysisResult, Period, PeriodSpec } from '../contract';

/**
 * What a feature service (reconciliation, scenarios) may use of the engine: the open database, one
 * transaction per change, the clock and the core analysis. Keeps those services out of the Engine class.
 */
export interface EngineContext {
  /** The open database (opened empty when none is). */
  database(): Promise<Database>;
  /** Runs a change in one transaction; refused while an import is running or waits for commit. */
  change<T>(work: (db: Database) => T): Promise<T>;
  now(): Date;
  resolvePeriod(spec: PeriodSpec): Promise<Period>;
  analyse(req: AnalyseRequest): Promise<AnalysisResult>;
}
