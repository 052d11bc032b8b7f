import type { Database, SqlJsStatic } from 'sql.js';
import type {
  AnalyseRequest,
  AnalysisResult,
  DashboardData,
  DbInfo,
  DrillRequest,
  DrillResult,
  EngineApi,
  FinanceData,
  WorkloadWeights,
  BenchmarkSetInfo,
  BenchmarkView,
  Distribution,
  PeerGroup,
  SourceRef,
  ClassificationRule,
  LedgerFilter,
  LedgerLinesResult,
  ProviderAlias,
  RuleChangePreview,
  StoredRule,
  FilterOptions,
  ImportSummary,
  ImportBatch,
  ImportPreview,
  ImportProgress,
  ImportReport,
  ImportRequest,
  MappingPreset,
  MetricDefinition,
  Period,
  PeriodSpec,
  PreviewRequest,
  StaffRow,
  UnclassifiedReporter,
  UndoResult,
} from '../contract';
import type { ImportKind, RowIssue, StaffRecord, Modality } from '../model';
import { MODALITIES } from '../model';
import { ImportError, type ByteSource } from '../io/types';
import type { EngineDeps } from './deps';
import type { EngineContext } from './context';
import type { ReconcileApi } from '../reconcile/api';
import type { ScenarioApi } from '../scenarios/api';
import { reconcileService } from '../reconcile/service';
import { scenarioService } from '../scenarios/service';
import { applyPragmas, openDatabase, queryRows, queryValue } from '../db/connection';
import { reopenWithHeadroom, type HeadroomWarmer } from '../db/headroom';
import { previewImport, runImport } from './importer';
import { mayConvertOffThread } from './risImport';
import { isWorkbookName } from '../io/openTable';
import { undoBatch } from './undo';
import { deleteStaff, listStaff, saveStaff } from './staff';
import { analyse, dashboard, DEFAULT_WEIGHTS, WEIGHTS_LABEL, WEIGHTS_SOURCE } from '../metrics/analyse';
import { resolvePeriod } from '../metrics/periods';
import { drillDown } from '../metrics/drill';
import { METRIC_DEFINITIONS } from '../metrics/definitions';
import { financialYearLabel, financialYearOf, periodFromMonths, periodMonths } from '../metrics/calendar';
import { hasLedger, ledgerLines, reviewQueue, spendByMonth, supplierTotals } from '../finance/spend';
import { deleteAlias, deleteRule, loadAliases, loadRules, previewLines, reclassifyLedger, saveAlias, saveRule, storedClassifier, storedProviders } from '../finance/store';
import { previewRuleChange, rulesInFront } from '../finance/rules';
import { parseBenchmarkFile } from '../benchmarks/parse';
import { benchmarkedMetrics, compareWithBenchmarks, distribution, metricValue } from '../benchmarks/compare';
import { buildWorkbook } from '../export/workbook';
import {
  activeBenchmarkSet,
  chooseBenchmarkSet,
  definePeerGroup,
  deleteBenchmarkSet,
  listBenchmarkSets,
  peerGroup,
  saveBenchmarkSet,
} from './benchmarkStore';

/** Below this growth an import runs as fast without pre-sizing the in-memory database file. */
const HEADROOM_MIN_BYTES = 4 * 1024 * 1024;
/** Never reserve more than this up front: the wasm heap must still hold the copy made when the database is saved. */
const HEADROOM_MAX_BYTES = 1024 * 1024 * 1024;

interface PendingImport {
  report: ImportReport;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The engine: one sql.js database and every operation on it. Hosts wrap it unchanged. */
export class Engine implements EngineApi {
  private SQL: SqlJsStatic | null = null;
  private database: Database | null = null;
  private pending: PendingImport | null = null;
  private readonly running = new Map<string, AbortController>();
  private readonly rejects = new Map<string, RowIssue[]>();
  private importSeq = 0;

  private readonly reconcile: ReconcileApi;
  private readonly scenarios: ScenarioApi;

  constructor(private readonly deps: EngineDeps) {
    const context: EngineContext = {
      database: async () => {
        await this.ensureOpen();
        return this.db;
      },
      change: async (work) => {
        await this.ensureOpen();
        this.assertWritable();
        return this.transaction(() => work(this.db));
      },
      now: () => this.now(),
      resolvePeriod: async (spec) => {
        await this.ensureOpen();
        return this.period(spec);
      },
      analyse: (req) => this.analyse(req),
    };
    this.reconcile = reconcileService(context);
    this.scenarios = scenarioService(context);
  }

  private get db(): Database {
    if (!this.database) throw new Error('No database is open.');
    return this.database;
  }

  private randomBytes(n: number): Uint8Array {
    return this.deps.randomBytes ? this.deps.randomBytes(n) : crypto.getRandomValues(new Uint8Array(n));
  }

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }

  private meta(key: string): string | null {
    const value = queryValue(this.db, 'SELECT value FROM meta WHERE key = ?', [key]);
    return value === null ? null : String(value);
  }

  private setMeta(key: string, value: string): void {
    this.db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value', [key, value]);
  }

  /** Refuses changes while an import waits for commit or discard, so its report stays true. */
  private assertWritable(): void {
    if (this.pending) {
      throw new ImportError(
        'busy',
        this.pending.report.file,
        `The import of ${this.pending.report.file} is waiting to be committed or discarded. Finish it first.`,
      );
    }
    if (this.running.size > 0) throw new ImportError('busy', '', 'An import is running. Wait for it to finish or cancel it.');
  }

  /** Runs a change in one transaction: all of it or none of it. */
  private transaction<T>(work: () => T): T {
    this.db.exec('BEGIN');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  async open(bytes: Uint8Array | null): Promise<DbInfo> {
    this.SQL ??= await this.deps.loadSql();
    if (this.pending) throw new ImportError('busy', this.pending.report.file, 'Commit or discard the pending import first.');
    const opened = openDatabase(this.SQL, bytes);
    this.database?.close();
    this.database = opened.db;
    if (this.meta('patient_salt') === null) {
      this.setMeta('patient_salt', toHex(this.randomBytes(16)));
      this.setMeta('created_at', this.now().toISOString());
    }
    return this.info();
  }

  private async ensureOpen(): Promise<void> {
    if (!this.database) await this.open(null);
  }

  async info(): Promise<DbInfo> {
    await this.ensureOpen();
    const count = (sql: string) => Number(queryValue(this.db, sql) ?? 0);
    return {
      schemaVersion: count('PRAGMA user_version'),
      exams: count('SELECT COALESCE(SUM(n), 0) FROM sum_exam'),
      reports: count('SELECT COALESCE(SUM(n), 0) FROM sum_report'),
      staff: count('SELECT count(*) FROM staff'),
      batches: count('SELECT count(*) FROM import_batch'),
      synthetic: this.meta('synthetic') === '1',
      pendingImport: this.pending?.report.importId ?? null,
    };
  }

  async exportDatabase(): Promise<Uint8Array> {
    await this.ensureOpen();
    if (this.pending) throw new ImportError('busy', this.pending.report.file, 'Commit or discard the pending import before saving.');
    const bytes = this.db.export();
    // export() closes and reopens the database, which resets pragmas.
    applyPragmas(this.db);
    return bytes;
  }

  async loadDemo(options: { scale?: number } = {}): Promise<DbInfo> {
    await this.ensureOpen();
    this.assertWritable();
    // Loaded on demand: the generator is only needed for the demo.
    const { loadDemoInto, DEMO_BYTES_PER_SCALE } = await import('./demo');
    this.database = reopenWithHeadroom(this.SQL!, this.db, Math.ceil(DEMO_BYTES_PER_SCALE * (options.scale ?? 1))).db;
    this.transaction(() => {
      loadDemoInto(this.db, this.now().toISOString(), { scale: options.scale });
      this.setMeta('synthetic', '1');
    });
    return this.info();
  }

  /** For a RIS file the host's worker would convert, starts the worker now; says whether the file qualifies. */
  private startWorkerAhead(kind: ImportKind, source: ByteSource, ref: SourceRef): boolean {
    const offThread = this.deps.offThreadRis;
    if (kind !== 'ris' || !mayConvertOffThread(offThread, source, ref)) return false;
    offThread!.prepare?.();
    return true;
  }

  async previewImport(req: PreviewRequest): Promise<ImportPreview> {
    await this.ensureOpen();
    const preset = req.preset ?? (req.presetName ? this.findPreset(req.presetName) : null);
    const source = this.deps.openSource(req.source);
    // The run usually follows: a worker started now is ready by then.
    this.startWorkerAhead(req.kind ?? 'ris', source, req.source);
    return previewImport(source, {
      kind: req.kind ?? preset?.kind ?? null,
      sheet: req.sheet ?? preset?.sheet ?? null,
      preset,
      findDuplicate: (sha) => {
        const id = queryValue(this.db, 'SELECT id FROM import_batch WHERE sha256 = ? ORDER BY id DESC LIMIT 1', [sha]);
        return id === null ? null : Number(id);
      },
    });
  }

  async runImport(req: ImportRequest, onProgress?: (p: ImportProgress) => void): Promise<ImportReport> {
    await this.ensureOpen();
    this.assertWritable();
    const importId = req.importId ?? `import-${++this.importSeq}-${Date.now()}`;
    const controller = new AbortController();
    this.running.set(importId, controller);
    const preset = req.preset ?? (req.presetName ? this.findPreset(req.presetName) : null);
    const salt = this.meta('patient_salt')!;
    const source = this.deps.openSource(req.source);
    const offThread = this.startWorkerAhead(req.kind, source, req.source);
    // Room for the rows this file will add, made once instead of grown in 12.5% steps: a CSV's rows and summaries
    // take about twice its size once stored, a (compressed) workbook's about half. Worth it only when the growth is
    // large beside the database (reopening copies it).
    const growth = Math.min(HEADROOM_MAX_BYTES, Math.ceil(source.size * (isWorkbookName(source.name) ? 0.5 : 2.0)));
    const currentBytes = Number(queryValue(this.db, 'PRAGMA page_count')) * Number(queryValue(this.db, 'PRAGMA page_size'));
    let headroom: HeadroomWarmer | null = null;
    if (growth >= HEADROOM_MIN_BYTES && growth > currentBytes / 4) {
      const reopened = reopenWithHeadroom(this.SQL!, this.db, growth, { shared: offThread });
      this.database = reopened.db;
      headroom = reopened.warmer;
    }
    this.db.exec('BEGIN');
    let report: ImportReport;
    try {
      report = await runImport(
        { db: this.db, salt, now: () => this.now(), sha256Hex: this.deps.sha256Hex },
        {
          importId,
          source,
          kind: req.kind,
          sheet: req.sheet ?? preset?.sheet ?? null,
          mapping: req.mapping ?? null,
          headerRow: req.headerRow ?? preset?.headerRow ?? null,
          preset,
          signal: controller.signal,
          onProgress,
          sourceRef: req.source,
          offThread: this.deps.offThreadRis,
          headroom,
        },
      );
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.running.delete(importId);
    }
    if (req.commit) {
      this.db.exec('COMMIT');
      report = { ...report, status: 'committed' };
      this.afterDataChange(report);
    } else {
      this.pending = { report };
    }
    return report;
  }

  private afterDataChange(report: ImportReport): void {
    // Real data now sits beside the demo: the database is no longer purely synthetic.
    if (report.kind === 'ris' && this.meta('synthetic') === '1') {
      const real = queryValue(this.db, "SELECT count(*) FROM import_batch WHERE file NOT LIKE 'Synthetic demo%' AND kind = 'ris'");
      if (Number(real) > 0) this.setMeta('synthetic', 'mixed');
    }
  }

  async commitImport(importId: string): Promise<ImportReport> {
    if (!this.pending || this.pending.report.importId !== importId) throw new Error('There is no pending import with that id.');
    this.db.exec('COMMIT');
    const report: ImportReport = { ...this.pending.report, status: 'committed' };
    this.pending = null;
    this.afterDataChange(report);
    return report;
  }

  async discardImport(importId: string): Promise<void> {
    if (!this.pending || this.pending.report.importId !== importId) throw new Error('There is no pending import with that id.');
    const issues = queryRows<{ row: number; col: string | null; value: string | null; reason: string; severity: RowIssue['severity'] }>(
      this.db,
      'SELECT row, col, value, reason, severity FROM import_issue WHERE batch_id = ? ORDER BY rowid',
      [this.pending.report.batchId!],
    );
    // The rejects stay viewable after a discard, so the user can fix the file.
    this.rejects.set(
      importId,
      issues.map((i) => ({ file: this.pending!.report.file, row: i.row, column: i.col, value: i.value, reason: i.reason, severity: i.severity })),
    );
    this.db.exec('ROLLBACK');
    this.pending = null;
  }

  async cancelImport(importId: string): Promise<void> {
    this.running.get(importId)?.abort();
  }

  async getRejects(importIdOrBatch: string | number): Promise<RowIssue[]> {
    await this.ensureOpen();
    if (typeof importIdOrBatch === 'string') {
      const kept = this.rejects.get(importIdOrBatch);
      if (kept) return kept;
      if (this.pending?.report.importId === importIdOrBatch) importIdOrBatch = this.pending.report.batchId!;
      else throw new Error('That import has no stored issues.');
    }
    const file = String(queryValue(this.db, 'SELECT file FROM import_batch WHERE id = ?', [importIdOrBatch]) ?? '');
    return queryRows<{ row: number; col: string | null; value: string | null; reason: string; severity: RowIssue['severity'] }>(
      this.db,
      'SELECT row, col, value, reason, severity FROM import_issue WHERE batch_id = ? ORDER BY row, rowid',
      [importIdOrBatch],
    ).map((i) => ({ file, row: i.row, column: i.col, value: i.value, reason: i.reason, severity: i.severity }));
  }

  async listBatches(): Promise<ImportBatch[]> {
    await this.ensureOpen();
    const rows = queryRows<Record<string, unknown>>(
      this.db,
      `SELECT b.*, CASE b.kind WHEN 'ris' THEN (SELECT count(*) FROM exam e WHERE e.batch_id = b.id)
                              WHEN 'ledger' THEN (SELECT count(*) FROM ledger_line l WHERE l.batch_id = b.id)
                              WHEN 'statement' THEN (SELECT count(*) FROM statement_line s WHERE s.batch_id = b.id)
                              WHEN 'tariff' THEN (SELECT count(*) FROM tariff t WHERE t.batch_id = b.id)
                              ELSE (SELECT count(*) FROM staff s WHERE s.batch_id = b.id) END AS live_rows
       FROM import_batch b ORDER BY b.id DESC`,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      file: String(r.file),
      sha256: String(r.sha256),
      kind: r.kind as ImportBatch['kind'],
      importedAt: String(r.imported_at),
      rowsRead: Number(r.rows_read),
      accepted: Number(r.accepted),
      inserted: Number(r.inserted),
      updated: Number(r.updated),
      rejected: Number(r.rejected),
      mapping: JSON.parse(String(r.mapping)),
      liveRows: Number(r.live_rows),
    }));
  }

  async undoBatch(batchId: number): Promise<UndoResult> {
    await this.ensureOpen();
    this.assertWritable();
    return this.transaction(() => undoBatch(this.db, batchId));
  }

  private findPreset(name: string): MappingPreset {
    const body = queryValue(this.db, 'SELECT body FROM mapping_preset WHERE name = ?', [name]);
    if (body === null) throw new Error(`There is no saved mapping preset called "${name}".`);
    return JSON.parse(String(body)) as MappingPreset;
  }

  async listPresets(): Promise<MappingPreset[]> {
    await this.ensureOpen();
    return queryRows<{ body: string }>(this.db, 'SELECT body FROM mapping_preset ORDER BY name').map(
      (r) => JSON.parse(r.body) as MappingPreset,
    );
  }

  async savePreset(preset: MappingPreset): Promise<void> {
    await this.ensureOpen();
    if (!preset.name.trim()) throw new Error('Give the mapping preset a name.');
    if (Object.keys(preset.headers).length === 0) throw new Error('The mapping preset maps no columns.');
    this.db.run(
      'INSERT INTO mapping_preset (name, kind, body) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET kind = excluded.kind, body = excluded.body',
      [preset.name.trim(), preset.kind, JSON.stringify({ ...preset, name: preset.name.trim() })],
    );
  }

  async deletePreset(name: string): Promise<void> {
    await this.ensureOpen();
    this.db.run('DELETE FROM mapping_preset WHERE name = ?', [name]);
  }

  async listStaff(): Promise<StaffRow[]> {
    await this.ensureOpen();
    return listStaff(this.db);
  }

  async saveStaff(row: StaffRecord & { id?: number }): Promise<StaffRow> {
    await this.ensureOpen();
    this.assertWritable();
    return this.transaction(() => saveStaff(this.db, row));
  }

  async deleteStaff(id: number): Promise<void> {
    await this.ensureOpen();
    this.assertWritable();
    deleteStaff(this.db, id);
  }

  private period(spec: PeriodSpec): Period {
    return resolvePeriod(this.db, spec);
  }

  async unclassifiedReporters(spec: PeriodSpec): Promise<UnclassifiedReporter[]> {
    await this.ensureOpen();
    return analyse(this.db, { period: this.period(spec) }).unclassifiedReporters;
  }

  async filterOptions(): Promise<FilterOptions> {
    await this.ensureOpen();
    const sites = queryRows<{ site: string }>(this.db, "SELECT DISTINCT site FROM sum_exam WHERE site <> '' ORDER BY site").map(
      (r) => r.site,
    );
    const present = new Set(queryRows<{ modality: string }>(this.db, 'SELECT DISTINCT modality FROM sum_exam').map((r) => r.modality));
    const range = queryRows<{ first: string | null; last: string | null }>(
      this.db,
      `SELECT min(m) AS first, max(m) AS last FROM (SELECT month AS m FROM sum_exam UNION ALL SELECT month FROM sum_report)`,
    )[0];
    const years = queryRows<{ month: string }>(this.db, 'SELECT DISTINCT month FROM sum_report ORDER BY month DESC').map((r) =>
      financialYearOf(r.month),
    );
    return {
      sites,
      modalities: MODALITIES.filter((m) => present.has(m)) as Modality[],
      firstMonth: range?.first ?? null,
      lastMonth: range?.last ?? null,
      financialYears: [...new Set(years)].map(financialYearLabel),
    };
  }

  async analyse(req: AnalyseRequest, imports: ImportSummary[] = []): Promise<AnalysisResult> {
    await this.ensureOpen();
    return this.withBenchmarks(analyse(this.db, { period: this.period(req.period), filters: req.filters, weights: this.weights(req), imports }));
  }

  async dashboard(req: AnalyseRequest): Promise<DashboardData> {
    await this.ensureOpen();
    const synthetic = this.meta('synthetic') === '1';
    const data = dashboard(this.db, { period: this.period(req.period), filters: req.filters, weights: this.weights(req) }, synthetic);
    this.withBenchmarks(data.analysis);
    return data;
  }

  async drillDown(req: DrillRequest): Promise<DrillResult> {
    await this.ensureOpen();
    return drillDown(this.db, this.period(req.period), req);
  }

  async metricDefinitions(): Promise<MetricDefinition[]> {
    return METRIC_DEFINITIONS;
  }

  async finance(spec: PeriodSpec): Promise<FinanceData> {
    await this.ensureOpen();
    const period = this.period(spec);
    return {
      hasLedger: hasLedger(this.db, period),
      spendByMonth: spendByMonth(this.db, period),
      suppliers: supplierTotals(this.db, period),
      reviewQueue: reviewQueue(this.db, period),
    };
  }

  async ledgerLines(spec: PeriodSpec, filter: LedgerFilter): Promise<LedgerLinesResult> {
    await this.ensureOpen();
    return ledgerLines(this.db, this.period(spec), filter);
  }

  async listRules(): Promise<StoredRule[]> {
    await this.ensureOpen();
    return loadRules(this.db);
  }

  async previewRule(rule: ClassificationRule): Promise<RuleChangePreview> {
    await this.ensureOpen();
    const current = loadRules(this.db);
    const candidate = [...current.filter((r) => r.id !== rule.id), rule];
    return previewRuleChange(previewLines(this.db), current, candidate);
  }

  /** Applies a change to rules or aliases and reclassifies, all in one transaction. */
  private reclassifyAfter(change: () => void): { changed: number } {
    this.assertWritable();
    return this.transaction(() => {
      change();
      return reclassifyLedger(this.db, storedClassifier(this.db), storedProviders(this.db));
    });
  }

  async saveRule(rule: ClassificationRule): Promise<{ changed: number }> {
    await this.ensureOpen();
    return this.reclassifyAfter(() => saveRule(this.db, rule));
  }

  async deleteRule(id: string): Promise<{ changed: number }> {
    await this.ensureOpen();
    return this.reclassifyAfter(() => {
      if (!deleteRule(this.db, id)) throw new Error(`There is no rule "${id}".`);
    });
  }

  async addRulesInFront(rules: ClassificationRule[]): Promise<{ changed: number }> {
    await this.ensureOpen();
    return this.reclassifyAfter(() => {
      const current = loadRules(this.db);
      const sources = new Map(current.map((r) => [r.id, r.source]));
      for (const rule of rulesInFront(rules, current)) saveRule(this.db, rule, sources.get(rule.id) ?? 'user');
    });
  }

  async importBenchmarks(req: { source: SourceRef; name?: string | null }): Promise<{ set: BenchmarkSetInfo; issues: RowIssue[] }> {
    await this.ensureOpen();
    this.assertWritable();
    const { set, issues } = await parseBenchmarkFile(this.deps.openSource(req.source), { name: req.name ?? undefined });
    const id = this.transaction(() => {
      const saved = saveBenchmarkSet(this.db, set, req.source.name, this.now().toISOString());
      chooseBenchmarkSet(this.db, saved);
      return saved;
    });
    return { set: listBenchmarkSets(this.db).find((s) => s.id === id)!, issues };
  }

  async listBenchmarkSets(): Promise<BenchmarkSetInfo[]> {
    await this.ensureOpen();
    return listBenchmarkSets(this.db);
  }

  async chooseBenchmarkSet(id: number | null): Promise<void> {
    await this.ensureOpen();
    this.assertWritable();
    chooseBenchmarkSet(this.db, id);
  }

  async deleteBenchmarkSet(id: number): Promise<void> {
    await this.ensureOpen();
    this.assertWritable();
    deleteBenchmarkSet(this.db, id);
  }

  async definePeerGroup(group: PeerGroup | null): Promise<void> {
    await this.ensureOpen();
    this.assertWritable();
    definePeerGroup(this.db, group);
  }

  /** Compares an analysis with the active set and peer group. */
  private withBenchmarks(result: AnalysisResult): AnalysisResult {
    const peers = peerGroup(this.db);
    result.benchmarks = compareWithBenchmarks(result, activeBenchmarkSet(this.db), {
      peerGroup: peers?.orgs,
      ownOrg: peers?.ownOrg ?? undefined,
      peerName: peers?.name,
    });
    return result;
  }

  async benchmarkView(req: AnalyseRequest): Promise<BenchmarkView> {
    await this.ensureOpen();
    const analysis = this.withBenchmarks(analyse(this.db, { period: this.period(req.period), filters: req.filters, weights: this.weights(req) }));
    const set = activeBenchmarkSet(this.db);
    const peers = peerGroup(this.db);
    const distributions = benchmarkedMetrics(set)
      .map((metric) =>
        distribution(set, metric, { ours: metricValue(analysis, metric), ownOrg: peers?.ownOrg ?? undefined, peerGroup: peers?.orgs }),
      )
      .filter((d): d is Distribution => d !== null);
    // One analysis per month of the period (each reads only the summaries), for the trend against each benchmark.
    const period = this.period(req.period);
    const months = periodMonths(period);
    const metrics = [...new Set(analysis.benchmarks.map((b) => b.metric))];
    const monthly = months.map((m) =>
      analyse(this.db, { period: periodFromMonths(m, m), filters: req.filters, weights: this.weights(req) }),
    );
    const trends = metrics.map((metric) => ({ metric, months, values: monthly.map((r) => metricValue(r, metric)) }));
    return { setName: set.name, comparisons: analysis.benchmarks, rows: set.rows, distributions, peerGroup: peers, trends };
  }

  async exportWorkbook(req: AnalyseRequest): Promise<Uint8Array> {
    // The dashboard already holds the analysis (with its benchmarks): compute it once.
    const dashboardData = await this.dashboard(req);
    return buildWorkbook({
      analysis: dashboardData.analysis,
      dashboard: dashboardData,
      definitions: METRIC_DEFINITIONS,
      benchmarks: dashboardData.analysis.benchmarks,
      generatedAt: this.now(),
      synthetic: this.meta('synthetic') === '1',
      weights: this.weights(req),
    });
  }

  /** The request's weights, else the user's saved set, else the shipped judgement set. */
  private weights(req: AnalyseRequest): Record<Modality, number> {
    return { ...DEFAULT_WEIGHTS, ...this.savedWeights(), ...req.weights };
  }

  private savedWeights(): Partial<Record<Modality, number>> {
    const text = this.meta('weights');
    return text ? (JSON.parse(text) as Partial<Record<Modality, number>>) : {};
  }

  async getWeights(): Promise<WorkloadWeights> {
    await this.ensureOpen();
    const saved = this.savedWeights();
    return { weights: { ...DEFAULT_WEIGHTS, ...saved }, defaults: DEFAULT_WEIGHTS, custom: Object.keys(saved).length > 0, label: WEIGHTS_LABEL, source: WEIGHTS_SOURCE };
  }

  async saveWeights(weights: Partial<Record<Modality, number>> | null): Promise<WorkloadWeights> {
    await this.ensureOpen();
    this.assertWritable();
    if (weights === null) {
      this.db.run("DELETE FROM meta WHERE key = 'weights'");
    } else {
      for (const [modality, weight] of Object.entries(weights)) {
        if (!(MODALITIES as readonly string[]).includes(modality)) throw new Error(`"${modality}" is not a modality.`);
        if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > 100) {
          throw new Error(`The weight for ${modality} must be a number from 0 to 100.`);
        }
      }
      this.setMeta('weights', JSON.stringify(weights));
    }
    return this.getWeights();
  }

  async listAliases(): Promise<ProviderAlias[]> {
    await this.ensureOpen();
    return loadAliases(this.db);
  }

  async saveAlias(alias: string, provider: string): Promise<{ changed: number }> {
    await this.ensureOpen();
    if (!alias.trim() || !provider.trim()) throw new Error('Give both the supplier name and the provider it stands for.');
    return this.reclassifyAfter(() => saveAlias(this.db, alias.trim(), provider.trim()));
  }

  async deleteAlias(alias: string): Promise<{ changed: number }> {
    await this.ensureOpen();
    return this.reclassifyAfter(() => {
      if (!deleteAlias(this.db, alias)) throw new Error(`There is no alias "${alias}".`);
    });
  }
  // Outsourcing reconciliation (shared/reconcile/).
  listTariffs(...a: Parameters<ReconcileApi['listTariffs']>) { return this.reconcile.listTariffs(...a); }
  saveTariff(...a: Parameters<ReconcileApi['saveTariff']>) { return this.reconcile.saveTariff(...a); }
  deleteTariff(...a: Parameters<ReconcileApi['deleteTariff']>) { return this.reconcile.deleteTariff(...a); }
  reconciliation(...a: Parameters<ReconcileApi['reconciliation']>) { return this.reconcile.reconciliation(...a); }
  reconcileLines(...a: Parameters<ReconcileApi['reconcileLines']>) { return this.reconcile.reconcileLines(...a); }
  decideLines(...a: Parameters<ReconcileApi['decideLines']>) { return this.reconcile.decideLines(...a); }
  exportDisputePack(...a: Parameters<ReconcileApi['exportDisputePack']>) { return this.reconcile.exportDisputePack(...a); }

  // Skill-mix business case (shared/scenarios/).
  scenarioBaseline(...a: Parameters<ScenarioApi['scenarioBaseline']>) { return this.scenarios.scenarioBaseline(...a); }
  evaluateScenario(...a: Parameters<ScenarioApi['evaluateScenario']>) { return this.scenarios.evaluateScenario(...a); }
  listScenarios(...a: Parameters<ScenarioApi['listScenarios']>) { return this.scenarios.listScenarios(...a); }
  saveScenario(...a: Parameters<ScenarioApi['saveScenario']>) { return this.scenarios.saveScenario(...a); }
  deleteScenario(...a: Parameters<ScenarioApi['deleteScenario']>) { return this.scenarios.deleteScenario(...a); }
  duplicateScenario(...a: Parameters<ScenarioApi['duplicateScenario']>) { return this.scenarios.duplicateScenario(...a); }
  exportBusinessCase(...a: Parameters<ScenarioApi['exportBusinessCase']>) { return this.scenarios.exportBusinessCase(...a); }
}

export function createEngine(deps: EngineDeps): Engine {
  return new Engine(deps);
}
