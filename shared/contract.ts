/**
 * The engine's typed request / response / progress contract.
 * Every host (Web Worker, Electron utilityProcess, in-process CLI and tests) exposes exactly this API.
 * Everything here is structured-clone safe: plain objects, arrays, strings, numbers, Uint8Array, Blob.
 */
import type { ImportKind, InHouseGroup, LedgerCategory, Modality, RowIssue, StaffGroup, StaffRecord } from './model';
import type { TableInfo } from './io/types';
import type { ClassificationRule, RuleChangePreview } from './finance/rules';
import type { StoredRule } from './finance/store';
import type { ProviderAlias } from './finance/providers';
import type { LedgerFilter, LedgerLineRow, LedgerLinesResult, MonthCategorySpend, SupplierTotal } from './finance/spend';

import type { BenchmarkRow } from './benchmarks/types';
import type { Distribution } from './benchmarks/compare';
import type { BenchmarkSetInfo, PeerGroup } from './engine/benchmarkStore';
import type { ReconcileApi } from './reconcile/api';
import type { ScenarioApi } from './scenarios/api';

export type { BenchmarkRow, Distribution, BenchmarkSetInfo, PeerGroup };

/** Workload weights per modality for weighted reports per WTE: a judgement, editable, with its provenance. */
export interface WorkloadWeights {
  weights: Record<Modality, number>;
  defaults: Record<Modality, number>;
  custom: boolean;
  label: string;
  source: string;
}

/** The Benchmarks view: comparisons for the period, the active set's rows, and per-organisation distributions. */
export interface BenchmarkView {
  setName: string;
  comparisons: BenchmarkComparison[];
  rows: BenchmarkRow[];
  distributions: Distribution[];
  peerGroup: PeerGroup | null;
  /** Our value month by month for every metric with a benchmark, to draw against the benchmark line. */
  trends: { metric: string; months: string[]; values: (number | null)[] }[];
}

export type { ClassificationRule, RuleChangePreview, StoredRule, ProviderAlias, LedgerFilter, LedgerLineRow, LedgerLinesResult, MonthCategorySpend, SupplierTotal };

/** The Finance view's data for a period. Money in pence. */
export interface FinanceData {
  hasLedger: boolean;
  spendByMonth: MonthCategorySpend[];
  suppliers: SupplierTotal[];
  reviewQueue: LedgerLineRow[];
}

/** How a host hands the engine a file. The host turns it into a ByteSource. */
export type SourceRef =
  | { kind: 'blob'; name: string; blob: Blob }
  | { kind: 'path'; name: string; path: string }
  | { kind: 'bytes'; name: string; bytes: Uint8Array };

/** Canonical field id → 0-based column index in the file (or null when unmapped). */
export type ColumnMapping = Record<string, number | null>;

export interface MappingPreset {
  name: string;
  kind: ImportKind;
  /** Header text (normalised) → canonical field id; matches the same layout in any column order. */
  headers: Record<string, string>;
  /** Optional explicit header row (1-based), when the layout has one. */
  headerRow?: number | null;
  /** Sheet to read in workbooks. */
  sheet?: string | null;
}

export interface PreviewRequest {
  source: SourceRef;
  kind?: ImportKind | null;
  sheet?: string | null;
  presetName?: string | null;
  preset?: MappingPreset | null;
}

export interface ColumnPreview {
  index: number;
  header: string;
  field: string | null;
  /** 0..1: 1 for an exact synonym or preset, lower for a fuzzy or value-based guess. */
  confidence: number;
  samples: string[];
}

export interface FieldInfo {
  id: string;
  label: string;
  required: boolean;
  description: string;
  /**
   * Set on fields that are required as alternatives: at least one of the fields with the same text must be
   * mapped. The text names them all ("Line amount or unit price").
   */
  oneOf?: string;
}

export interface ImportPreview {
  file: string;
  size: number;
  table: TableInfo;
  kind: ImportKind;
  /** How sure the detection of the kind is, 0..1, with the other kinds' scores. */
  kindScores: Record<ImportKind, number>;
  /** 1-based row number of the header row, or null for a headerless layout (e.g. DID submission). */
  headerRow: number | null;
  layout: string | null; // e.g. 'DID (headerless)', a preset name
  columns: ColumnPreview[];
  fields: FieldInfo[];
  missingRequired: string[];
  sampleRows: string[][];
  /** Set when a batch with the same SHA-256 was already imported. */
  duplicateOfBatch: number | null;
  warnings: string[];
}

export interface ImportRequest {
  source: SourceRef;
  kind: ImportKind;
  sheet?: string | null;
  /** Explicit mapping; when absent, detection (and presetName/preset) decides. */
  mapping?: ColumnMapping | null;
  headerRow?: number | null;
  presetName?: string | null;
  preset?: MappingPreset | null;
  /** Commit immediately (CLI). Otherwise the import stays pending until commitImport or discardImport. */
  commit: boolean;
  /** Lets the caller cancel by id; generated when absent. */
  importId?: string;
}

export interface ImportProgress {
  importId: string;
  file: string;
  phase: 'reading' | 'summarising' | 'done';
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
}

export interface ImportReport {
  importId: string;
  batchId: number | null;
  status: 'pending' | 'committed' | 'discarded';
  file: string;
  kind: ImportKind;
  sha256: string;
  rowsRead: number;
  accepted: number;
  inserted: number;
  updated: number;
  rejected: number;
  duplicateKeysInFile: number;
  unknownModality: number;
  negativeTurnaround: number;
  /** First rejected rows and warnings (capped); getRejects returns all of them. */
  issues: RowIssue[];
  issueCount: number;
  mapping: ColumnMapping;
  headerRow: number | null;
  durationMs: number;
  duplicateOfBatch: number | null;
}

export interface ImportBatch {
  id: number;
  file: string;
  sha256: string;
  kind: ImportKind;
  importedAt: string;
  rowsRead: number;
  accepted: number;
  inserted: number;
  updated: number;
  rejected: number;
  mapping: ColumnMapping;
  /** Rows currently held whose latest version came from this batch. */
  liveRows: number;
}

export interface UndoResult {
  batchId: number;
  removed: number;
  restored: number;
}

/** A period: whole calendar months, inclusive. */
export interface Period {
  from: string; // YYYY-MM-01
  to: string; // last day of a month
  months: number;
}

/** What the user asks for: '2023/24', '2023/24-Q3', '2024-01', or explicit months. */
export type PeriodSpec = { spec: string } | { fromMonth: string; toMonth: string } | { latest: true };

export interface AnalysisFilters {
  sites?: string[];
  modalities?: Modality[];
}

export interface AnalyseRequest {
  period: PeriodSpec;
  filters?: AnalysisFilters;
  /** Modality → workload weight; defaults to the shipped judgement set. */
  weights?: Partial<Record<Modality, number>>;
}

export interface TurnaroundStat {
  n: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface ImportSummary {
  file: string;
  kind: ImportKind;
  rowsRead: number;
  accepted: number;
  updated: number;
  rejected: number;
}

export interface ProviderFigures {
  provider: string;
  reports: number;
  spend: number;
  costPerReport: number | null;
}

export interface BenchmarkComparison {
  metric: string;
  cohort: string;
  year: string;
  value: number;
  source: string;
  ours: number | null;
}

/** The stable JSON contract of `radbench analyse --format json` (CLI.md). */
export interface AnalysisResult {
  period: Period;
  imports: ImportSummary[];
  exams: { total: number; byModality: Partial<Record<Modality, number>> };
  reports: { total: number; byGroup: Record<StaffGroup, number>; byModality: Partial<Record<Modality, number>> };
  wte: Record<InHouseGroup, number>;
  reportsPerWte: Record<InHouseGroup, number | null>;
  weightedReportsPerWte: Record<InHouseGroup, number | null>;
  skillMix: { plainFilmRadiographerShare: number | null; ultrasoundSonographerShare: number | null };
  outsourcing: { reports: number; share: number | null; spend: number; costPerReport: number | null; byProvider: ProviderFigures[] };
  insourcing: { reports: number; share: number | null; spend: number; costPerReport: number | null };
  spendByCategory: Record<LedgerCategory, number>;
  externalSpendPerReport: number | null;
  turnaround: { overall: TurnaroundStat; byModality: Partial<Record<Modality, TurnaroundStat>> };
  backlog: { total: number; ageDays: { '0-7': number; '8-14': number; '15-28': number; '29+': number } };
  breaches28d: number;
  unclassifiedReporters: { code: string; name: string; reports: number }[];
  benchmarks: BenchmarkComparison[];
  dataQuality: { negativeTurnaround: number; unknownModality: number; duplicateKeysInFile: number };
}

/** Extra series the dashboard draws, on top of the analysis. */
export interface DashboardData {
  analysis: AnalysisResult;
  /** Month keys 'YYYY-MM' in the period. */
  months: string[];
  reportsByMonthGroup: Record<StaffGroup, number[]>;
  skillMixByMonth: { plainFilm: (number | null)[]; ultrasound: (number | null)[] };
  turnaroundByPatientSource: Record<string, TurnaroundStat>;
  synthetic: boolean;
}

export interface FilterOptions {
  sites: string[];
  modalities: Modality[];
  /** First and last month holding examinations or reports, 'YYYY-MM'. */
  firstMonth: string | null;
  lastMonth: string | null;
  /** Financial years holding reports, newest first, e.g. '2024/25'. */
  financialYears: string[];
}

export interface StaffRow extends StaffRecord {
  id: number;
}

export interface UnclassifiedReporter {
  code: string;
  name: string;
  reports: number;
}

export type DrillMetric =
  | 'reports'
  | 'exams'
  | 'turnaround'
  | 'backlog'
  | 'breaches28d'
  | 'skillMix.plainFilm'
  | 'skillMix.ultrasound'
  | 'outsourcing'
  | 'unclassified';

export interface DrillRequest {
  metric: DrillMetric;
  period: PeriodSpec;
  filters?: AnalysisFilters;
  group?: StaffGroup | null;
  limit?: number;
  offset?: number;
}

export interface DrillResult {
  columns: string[];
  rows: (string | number | null)[][];
  total: number;
}

export interface MetricDefinition {
  id: string;
  title: string;
  numerator: string;
  denominator: string | null;
  filters: string;
  exclusions: string;
  unit: 'count' | 'share' | 'hours' | 'per_wte' | 'gbp';
  /** The query the engine runs for it, quoted from the same builders (shared/metrics/queries.ts). */
  sql?: string;
}

export interface DbInfo {
  schemaVersion: number;
  exams: number;
  reports: number;
  staff: number;
  batches: number;
  synthetic: boolean;
  pendingImport: string | null;
}

/** The engine API. Each host exposes it unchanged; progress arrives through a callback. */
export interface EngineApi extends ReconcileApi, ScenarioApi {
  open(bytes: Uint8Array | null): Promise<DbInfo>;
  info(): Promise<DbInfo>;
  exportDatabase(): Promise<Uint8Array>;
  /** Loads the synthetic demo trust; scale 1 ≈ 250,000 examinations a year over two financial years. */
  loadDemo(options?: { scale?: number }): Promise<DbInfo>;

  previewImport(req: PreviewRequest): Promise<ImportPreview>;
  runImport(req: ImportRequest, onProgress?: (p: ImportProgress) => void): Promise<ImportReport>;
  commitImport(importId: string): Promise<ImportReport>;
  discardImport(importId: string): Promise<void>;
  cancelImport(importId: string): Promise<void>;
  getRejects(importIdOrBatch: string | number): Promise<RowIssue[]>;
  listBatches(): Promise<ImportBatch[]>;
  undoBatch(batchId: number): Promise<UndoResult>;

  listPresets(): Promise<MappingPreset[]>;
  savePreset(preset: MappingPreset): Promise<void>;
  deletePreset(name: string): Promise<void>;

  listStaff(): Promise<StaffRow[]>;
  saveStaff(row: StaffRecord & { id?: number }): Promise<StaffRow>;
  deleteStaff(id: number): Promise<void>;
  unclassifiedReporters(period: PeriodSpec): Promise<UnclassifiedReporter[]>;

  filterOptions(): Promise<FilterOptions>;
  analyse(req: AnalyseRequest): Promise<AnalysisResult>;
  dashboard(req: AnalyseRequest): Promise<DashboardData>;
  drillDown(req: DrillRequest): Promise<DrillResult>;
  metricDefinitions(): Promise<MetricDefinition[]>;

  finance(period: PeriodSpec): Promise<FinanceData>;
  ledgerLines(period: PeriodSpec, filter: LedgerFilter): Promise<LedgerLinesResult>;
  listRules(): Promise<StoredRule[]>;
  /** The effect of saving a rule (new or edited) before it is saved; throws with reasons for an invalid rule. */
  previewRule(rule: ClassificationRule): Promise<RuleChangePreview>;
  /** Saves a rule and reclassifies every ledger line; an invalid rule is refused with its reasons. */
  saveRule(rule: ClassificationRule): Promise<{ changed: number }>;
  deleteRule(id: string): Promise<{ changed: number }>;
  /** Puts rules ahead of every stored rule (the CLI's --rules) and reclassifies. */
  addRulesInFront(rules: ClassificationRule[]): Promise<{ changed: number }>;
  listAliases(): Promise<ProviderAlias[]>;
  saveAlias(alias: string, provider: string): Promise<{ changed: number }>;
  deleteAlias(alias: string): Promise<{ changed: number }>;

  /** Imports a benchmark file (BENCHMARKS.md format) as a named set; rejected rows come back with reasons. */
  importBenchmarks(req: { source: SourceRef; name?: string | null }): Promise<{ set: BenchmarkSetInfo; issues: RowIssue[] }>;
  listBenchmarkSets(): Promise<BenchmarkSetInfo[]>;
  /** The set the views compare against, laid over the published defaults; null = the defaults alone. */
  chooseBenchmarkSet(id: number | null): Promise<void>;
  deleteBenchmarkSet(id: number): Promise<void>;
  definePeerGroup(group: PeerGroup | null): Promise<void>;
  benchmarkView(req: AnalyseRequest): Promise<BenchmarkView>;
  /** The analysis as an XLSX workbook: one sheet per view, definitions and sources. */
  exportWorkbook(req: AnalyseRequest): Promise<Uint8Array>;
  getWeights(): Promise<WorkloadWeights>;
  /** Saves the user's weights (used by every analysis that names none); null restores the defaults. */
  saveWeights(weights: Partial<Record<Modality, number>> | null): Promise<WorkloadWeights>;
}
