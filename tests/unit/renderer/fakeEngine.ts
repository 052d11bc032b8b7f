/**
 * An in-memory stand-in for the engine, for renderer store and component tests only.
 * It keeps just enough state (staff, batches, one pending import) to exercise the UI flows.
 */
import { fakeReconcileApi } from './fakeReconcile';
import { fakeScenarioApi } from './fakeScenarios';
import type {
  AnalysisResult, ClassificationRule, DashboardData, DbInfo, EngineApi, FieldInfo, FinanceData, ImportBatch, ImportPreview, ImportProgress,
  ImportReport, ImportRequest, LedgerFilter, LedgerLineRow, MappingPreset, MonthCategorySpend, PeriodSpec, PreviewRequest, ProviderAlias,
  StaffRow, StoredRule, SupplierTotal, UnclassifiedReporter,
} from '../../../shared/contract';
import { compileRules, previewRuleChange, RuleError, validateRule } from '../../../shared/finance/rules';
import { parsePeriod, periodFromMonths } from '../../../shared/metrics/calendar';
import type { ImportKind, RowIssue, StaffRecord } from '../../../shared/model';

export const RIS_FIELDS: FieldInfo[] = [
  { id: 'accession', label: 'Accession number', required: true, description: '' },
  { id: 'examCode', label: 'Examination code', required: false, description: '' },
  { id: 'examAt', label: 'Examination date-time', required: true, description: '' },
  { id: 'reportedAt', label: 'Report-issued date-time', required: false, description: '' },
  { id: 'reporterCode', label: 'Reporter code', required: false, description: '' },
];

export function analysisFixture(overrides: Partial<AnalysisResult> = {}): AnalysisResult {
  const zeroGroups = { radiologist: 0, trainee: 0, reporting_radiographer: 0, sonographer: 0, other_in_house: 0, outsourced: 0, insourced: 0, unclassified: 0 };
  return {
    period: { from: '2023-04-01', to: '2024-03-31', months: 12 },
    imports: [],
    exams: { total: 12_500, byModality: { XR: 8000, US: 3000, CT: 1500 } },
    reports: {
      total: 12_000,
      byGroup: { ...zeroGroups, radiologist: 7000, reporting_radiographer: 2400, sonographer: 1800, outsourced: 600, unclassified: 200 },
      byModality: { XR: 8000, US: 2700, CT: 1300 },
    },
    wte: { radiologist: 5, trainee: 0, reporting_radiographer: 2, sonographer: 1.5, other_in_house: 0 },
    reportsPerWte: { radiologist: 1400, trainee: null, reporting_radiographer: 1200, sonographer: 1200, other_in_house: null },
    weightedReportsPerWte: { radiologist: 1500, trainee: null, reporting_radiographer: 1100, sonographer: 1000, other_in_house: null },
    skillMix: { plainFilmRadiographerShare: 0.3, ultrasoundSonographerShare: 2 / 3 },
    outsourcing: { reports: 600, share: 0.05, spend: 18_000, costPerReport: 30, byProvider: [] },
    insourcing: { reports: 0, share: 0, spend: 0, costPerReport: null },
    spendByCategory: { outsourced_reporting: 18_000, outsourced_imaging: 0, insourcing: 0, agency_locum: 0, waiting_list_initiative: 0, other: 0 },
    externalSpendPerReport: 1.5,
    turnaround: {
      overall: { n: 11_900, medianHours: 20.25, p90Hours: 200 },
      byModality: { XR: { n: 8000, medianHours: 10, p90Hours: 100 }, CT: { n: 1200, medianHours: 30, p90Hours: 300 } },
    },
    backlog: { total: 340, ageDays: { '0-7': 200, '8-14': 80, '15-28': 40, '29+': 20 } },
    breaches28d: 75,
    unclassifiedReporters: [{ code: 'ZZ9', name: 'Dr Unknown', reports: 200 }],
    benchmarks: [{ metric: 'skillMix.plainFilmRadiographerShare', cohort: 'shelford', year: '2016/17', value: 0.15, source: 'x', ours: 0.3 }],
    dataQuality: { negativeTurnaround: 3, unknownModality: 4, duplicateKeysInFile: 0 },
    ...overrides,
  };
}

export function dashboardFixture(analysis: AnalysisResult = analysisFixture()): DashboardData {
  const months = ['2023-04', '2023-05', '2023-06'];
  const zero = [0, 0, 0];
  return {
    analysis,
    months,
    reportsByMonthGroup: {
      radiologist: [2000, 2500, 2500], trainee: zero, reporting_radiographer: [800, 800, 800], sonographer: [600, 600, 600],
      other_in_house: zero, outsourced: [200, 200, 200], insourced: zero, unclassified: [100, 50, 50],
    },
    skillMixByMonth: { plainFilm: [0.3, null, 0.31], ultrasound: [0.6, 0.7, 0.7] },
    turnaroundByPatientSource: {},
    synthetic: false,
  };
}

/** A small ledger in 2023/24 (pence): Medica with a credit note, Alliance Medical, and look-alikes no rule catches. */
export function ledgerFixture(): LedgerLineRow[] {
  const line = (id: number, month: string, supplier: string | null, provider: string | null, subjectiveName: string, area: string, pence: number, category: LedgerLineRow['category'], ruleId: string | null, radiology: boolean, narrative: string | null = null): LedgerLineRow => ({
    id, batchId: 1, srcRow: id + 1, periodMonth: month, transactionDate: `${month}-15`, supplier, provider, costCentre: null, subjectiveCode: null,
    subjectiveName, expenseArea: area, narrative, reference: `INV${id}`, entity: 'Test Trust', amountPence: pence, category, ruleId, radiology,
  });
  return [
    line(1, '2023-10', 'Medica Reporting Ltd (Medica Group)', 'Medica', 'Image Exchange Portal', 'Radiology', 4_606_870, 'outsourced_reporting', 'medica', true),
    line(2, '2023-10', 'Medica Reporting Ltd (Medica Group)', 'Medica', 'Non-Nhs Contracts', 'Radiology Department', 6_251_438, 'outsourced_reporting', 'medica', true),
    line(3, '2023-11', 'Medica Reporting Ltd (Medica Group)', 'Medica', 'Non-Nhs Contracts', 'Radiology Department', -100_000, 'outsourced_reporting', 'medica', true, 'Credit note'),
    line(4, '2023-10', 'Alliance Medical Limited', 'Alliance Medical', 'M.R.I. Scans', 'Radiology:- Other Scanning', 6_096_720, 'outsourced_imaging', 'alliance-medical', true),
    line(5, '2023-10', 'Sectra Ltd', null, 'Computer Maintenance Contracts', 'Radiology', 10_999_710, 'other', null, true),
    line(6, '2023-11', 'Alliance Healthcare (Distribution) Ltd', null, 'Drugs', 'Pharmacy', 3_000_000, 'other', null, false),
    line(7, '2023-11', 'Medacs Healthcare', null, 'Agency Medical Staff', 'Radiology', 2_550_000, 'agency_locum', 'agency', true),
  ];
}

export function rulesFixture(): StoredRule[] {
  return [
    { id: 'medica', priority: 110, category: 'outsourced_reporting', conditions: [{ field: 'supplier', op: 'matches', value: '\\bmedica\\b' }], enabled: true, note: 'Medica Group, teleradiology', source: 'default' },
    { id: 'alliance-medical', priority: 130, category: 'outsourced_imaging', conditions: [{ field: 'supplier', op: 'starts_with', value: 'Alliance Medical' }], enabled: true, source: 'default' },
    { id: 'agency', priority: 300, category: 'agency_locum', conditions: [{ field: 'subjective', op: 'contains', value: 'agency' }], enabled: true, source: 'default' },
  ];
}

export function aliasesFixture(): ProviderAlias[] {
  return [
    { alias: 'Alliance Medical Ltd', provider: 'Alliance Medical' },
    { alias: 'Medica', provider: 'Medica' },
    { alias: 'MEDICA REPORTING LTD', provider: 'Medica' },
    { alias: 'Medica Reporting Ltd (Medica Group)', provider: 'Medica' },
  ];
}

/** The months a spec covers, or null for every month. */
function specMonths(spec: PeriodSpec): [string, string] | null {
  const period = 'spec' in spec ? parsePeriod(spec.spec) : 'fromMonth' in spec ? periodFromMonths(spec.fromMonth, spec.toMonth) : null;
  return period ? [period.from.slice(0, 7), period.to.slice(0, 7)] : null;
}

function inSpec(spec: PeriodSpec, month: string): boolean {
  const range = specMonths(spec);
  return !range || (month >= range[0] && month <= range[1]);
}

/** What the engine throws for an invalid rule, as it arrives from the worker: only the message survives. */
function refusal(id: string, reasons: string[]): Error {
  return new Error(new RuleError(id, reasons).message);
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export interface FakeEngine extends EngineApi {
  calls: { method: string; args: unknown[] }[];
  staff: StaffRow[];
  batches: ImportBatch[];
  presets: MappingPreset[];
  info_: DbInfo;
  unclassified: UnclassifiedReporter[];
  /** When set, runImport waits on this before finishing (to test cancel and progress). */
  holdImport: ReturnType<typeof deferred<void>> | null;
  dashboardData: DashboardData;
  previewFor: (req: PreviewRequest) => ImportPreview;
  ledger: LedgerLineRow[];
  rules: StoredRule[];
  aliases: ProviderAlias[];
  /** When set, saveRule refuses every rule with these reasons (a refusal only the engine can see). */
  refuseSave: string[] | null;
  /** Re-runs the rules over the ledger, as the engine does after a rule change. */
  reclassify(): { changed: number };
}

export function createFakeEngine(): FakeEngine {
  const pending = new Map<string, ImportReport>();
  let nextStaffId = 1;
  let nextBatch = 1;

  const engine: FakeEngine = {
    calls: [],
    staff: [],
    batches: [],
    presets: [],
    unclassified: [{ code: 'ZZ9', name: 'Dr Unknown', reports: 200 }],
    holdImport: null,
    info_: { schemaVersion: 1, exams: 0, reports: 0, staff: 0, batches: 0, synthetic: false, pendingImport: null },
    dashboardData: dashboardFixture(),

    previewFor(req) {
      const kind: ImportKind = req.kind ?? 'ris';
      return {
        file: req.source.name,
        size: 2_000_000,
        table: { format: 'csv', encoding: 'utf-8', delimiter: ',', sheets: [], sheet: null },
        kind,
        kindScores: { ris: kind === 'ris' ? 0.95 : 0.2, staff: kind === 'staff' ? 0.9 : 0.1, ledger: 0.05, statement: 0.02, tariff: 0.02 },
        headerRow: 1,
        layout: null,
        columns: [
          { index: 0, header: 'Acc No', field: 'accession', confidence: 1, samples: ['A1'] },
          { index: 1, header: 'Exam Date', field: 'examAt', confidence: 0.95, samples: ['01/04/2023'] },
          { index: 2, header: 'Rep Date', field: null, confidence: 0, samples: ['02/04/2023'] },
          { index: 3, header: 'Reporter', field: 'reporterCode', confidence: 0.7, samples: ['R1'] },
        ],
        fields: RIS_FIELDS,
        missingRequired: [],
        sampleRows: [['A1', '01/04/2023', '02/04/2023', 'R1']],
        duplicateOfBatch: null,
        warnings: [],
      };
    },

    async open(bytes) {
      engine.calls.push({ method: 'open', args: [bytes] });
      engine.info_ = { ...engine.info_, exams: 0, reports: 0, staff: 0, batches: 0, synthetic: false };
      return engine.info_;
    },
    async info() {
      return { ...engine.info_, staff: engine.staff.length, batches: engine.batches.length };
    },
    async exportDatabase() {
      return new TextEncoder().encode('SQLite format 3\0fake');
    },
    async loadDemo() {
      engine.calls.push({ method: 'loadDemo', args: [] });
      engine.info_ = { ...engine.info_, exams: 5000, reports: 4800, synthetic: true };
      return engine.info_;
    },
    async previewImport(req) {
      engine.calls.push({ method: 'previewImport', args: [req] });
      return engine.previewFor(req);
    },
    async runImport(req: ImportRequest, onProgress?: (p: ImportProgress) => void) {
      engine.calls.push({ method: 'runImport', args: [req] });
      const id = req.importId ?? 'generated';
      const total = 2_000_000;
      onProgress?.({ importId: id, file: req.source.name, phase: 'reading', bytesRead: total / 2, bytesTotal: total, rowsRead: 500 });
      if (engine.holdImport) await engine.holdImport.promise;
      onProgress?.({ importId: id, file: req.source.name, phase: 'done', bytesRead: total, bytesTotal: total, rowsRead: 1000 });
      const issues: RowIssue[] = [{ file: req.source.name, row: 7, column: 'Exam Date', value: '31/02/2023', reason: 'Not a date', severity: 'error' }];
      const report: ImportReport = {
        importId: id, batchId: null, status: 'pending', file: req.source.name, kind: req.kind, sha256: 'abc', rowsRead: 1000,
        accepted: 999, inserted: 990, updated: 9, rejected: 1, duplicateKeysInFile: 0, unknownModality: 0, negativeTurnaround: 0,
        issues, issueCount: 1, mapping: req.mapping ?? {}, headerRow: req.headerRow ?? 1, durationMs: 1234, duplicateOfBatch: null,
      };
      pending.set(id, report);
      engine.info_ = { ...engine.info_, pendingImport: id };
      return report;
    },
    async commitImport(importId) {
      engine.calls.push({ method: 'commitImport', args: [importId] });
      const report = pending.get(importId);
      if (!report) throw new Error(`No pending import ${importId}`);
      pending.delete(importId);
      const batchId = nextBatch++;
      engine.batches.unshift({
        id: batchId, file: report.file, sha256: report.sha256, kind: report.kind, importedAt: '2024-05-01T10:00:00', rowsRead: report.rowsRead,
        accepted: report.accepted, inserted: report.inserted, updated: report.updated, rejected: report.rejected, mapping: report.mapping, liveRows: report.accepted,
      });
      engine.info_ = { ...engine.info_, pendingImport: null, exams: engine.info_.exams + report.inserted };
      return { ...report, status: 'committed', batchId };
    },
    async discardImport(importId) {
      engine.calls.push({ method: 'discardImport', args: [importId] });
      pending.delete(importId);
      engine.info_ = { ...engine.info_, pendingImport: null };
    },
    async cancelImport(importId) {
      engine.calls.push({ method: 'cancelImport', args: [importId] });
      const err = new Error('Import of ris.csv cancelled.');
      err.name = 'ImportError';
      engine.holdImport?.reject(err);
    },
    async getRejects() {
      return [];
    },
    async listBatches() {
      return engine.batches.map((b) => ({ ...b }));
    },
    async undoBatch(batchId) {
      engine.calls.push({ method: 'undoBatch', args: [batchId] });
      const batch = engine.batches.find((b) => b.id === batchId);
      if (!batch) throw new Error(`No batch ${batchId}`);
      engine.batches = engine.batches.filter((b) => b.id !== batchId);
      return { batchId, removed: batch.inserted, restored: batch.updated };
    },
    async listPresets() {
      return engine.presets.map((p) => ({ ...p }));
    },
    async savePreset(preset) {
      engine.calls.push({ method: 'savePreset', args: [preset] });
      engine.presets = [...engine.presets.filter((p) => p.name !== preset.name), preset];
    },
    async deletePreset(name) {
      engine.presets = engine.presets.filter((p) => p.name !== name);
    },
    async listStaff() {
      return engine.staff.map((s) => ({ ...s }));
    },
    async saveStaff(row: StaffRecord & { id?: number }) {
      engine.calls.push({ method: 'saveStaff', args: [row] });
      const saved: StaffRow = { ...row, id: row.id ?? nextStaffId++ };
      engine.staff = [...engine.staff.filter((s) => s.id !== saved.id), saved];
      engine.unclassified = engine.unclassified.filter((u) => u.code !== saved.code);
      return saved;
    },
    async deleteStaff(id) {
      engine.staff = engine.staff.filter((s) => s.id !== id);
    },
    async unclassifiedReporters(period) {
      engine.calls.push({ method: 'unclassifiedReporters', args: [period] });
      return engine.unclassified.map((u) => ({ ...u }));
    },
    async filterOptions() {
      return { sites: ['Main', 'North'], modalities: ['XR', 'CT', 'US'], firstMonth: '2022-04', lastMonth: '2024-03', financialYears: ['2023/24', '2022/23'] };
    },
    async analyse() {
      return engine.dashboardData.analysis;
    },
    async dashboard(req) {
      engine.calls.push({ method: 'dashboard', args: [req] });
      return engine.dashboardData;
    },
    async drillDown(req) {
      engine.calls.push({ method: 'drillDown', args: [req] });
      return { columns: ['Accession', 'Reported'], rows: [['A1', '2023-04-02T10:00']], total: 1 };
    },
    async metricDefinitions() {
      return [
        { id: 'reports.total', title: 'Reports', numerator: 'Examinations with a report issued in the period', denominator: null, filters: 'Report date in period', exclusions: 'None', unit: 'count' },
        { id: 'skillMix.plainFilmRadiographerShare', title: 'Plain-film skill mix', numerator: 'XR reports by reporting radiographers', denominator: 'All XR reports', filters: 'XR', exclusions: 'None', unit: 'share' },
      ];
    },
    ledger: ledgerFixture(),
    rules: rulesFixture(),
    aliases: aliasesFixture(),
    refuseSave: null,

    async finance(spec): Promise<FinanceData> {
      engine.calls.push({ method: 'finance', args: [spec] });
      const lines = engine.ledger.filter((l) => inSpec(spec, l.periodMonth));
      const cells = new Map<string, MonthCategorySpend>();
      const suppliers = new Map<string, SupplierTotal>();
      for (const l of lines) {
        const cell = cells.get(`${l.periodMonth}|${l.category}`) ?? { month: l.periodMonth, category: l.category, pence: 0 };
        cell.pence += l.amountPence;
        cells.set(`${l.periodMonth}|${l.category}`, cell);
        const key = `${l.supplier}|${l.provider}|${l.category}`;
        const s = suppliers.get(key) ?? { supplier: l.supplier ?? '', provider: l.provider, category: l.category, lines: 0, pence: 0 };
        s.lines++;
        s.pence += l.amountPence;
        suppliers.set(key, s);
      }
      return {
        hasLedger: lines.length > 0,
        spendByMonth: [...cells.values()].sort((a, b) => a.month.localeCompare(b.month)),
        suppliers: [...suppliers.values()].sort((a, b) => b.pence - a.pence),
        reviewQueue: lines.filter((l) => l.category === 'other' && l.radiology).map((l) => ({ ...l })),
      };
    },
    async ledgerLines(spec, filter: LedgerFilter) {
      engine.calls.push({ method: 'ledgerLines', args: [spec, filter] });
      const rows = engine.ledger
        .filter((l) => inSpec(spec, l.periodMonth))
        .filter((l) => !filter.category || l.category === filter.category)
        .filter((l) => !filter.supplier || l.supplier === filter.supplier)
        .filter((l) => !filter.provider || (l.provider ?? l.supplier ?? '(no supplier)') === filter.provider)
        .filter((l) => !filter.month || l.periodMonth === filter.month)
        .sort((a, b) => a.periodMonth.localeCompare(b.periodMonth) || Math.abs(b.amountPence) - Math.abs(a.amountPence) || a.id - b.id);
      const offset = filter.offset ?? 0;
      return { rows: rows.slice(offset, offset + (filter.limit ?? 500)).map((l) => ({ ...l })), total: rows.length, pence: rows.reduce((s, l) => s + l.amountPence, 0) };
    },
    async listRules() {
      return engine.rules.map((r) => structuredClone(r));
    },
    async previewRule(rule: ClassificationRule) {
      engine.calls.push({ method: 'previewRule', args: [rule] });
      const problems = validateRule(rule);
      if (problems.length) throw refusal(rule.id, problems);
      const current = engine.rules;
      return previewRuleChange(
        engine.ledger.map((l) => ({ ...l })),
        current,
        [...current.filter((r) => r.id !== rule.id), rule],
      );
    },
    async saveRule(rule: ClassificationRule) {
      engine.calls.push({ method: 'saveRule', args: [structuredClone(rule)] });
      const problems = engine.refuseSave ?? validateRule(rule);
      if (problems.length) throw refusal(rule.id, problems);
      // As the engine does: a saved rule, even an edited default, is the user's.
      engine.rules = [...engine.rules.filter((r) => r.id !== rule.id), { ...rule, source: 'user' as const }]
        .sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
      return engine.reclassify();
    },
    async deleteRule(id) {
      engine.calls.push({ method: 'deleteRule', args: [id] });
      if (!engine.rules.some((r) => r.id === id)) throw new Error(`There is no rule "${id}".`);
      engine.rules = engine.rules.filter((r) => r.id !== id);
      return engine.reclassify();
    },
    addRulesInFront: async () => ({ changed: 0 }),
    async listAliases() {
      return engine.aliases.map((a) => ({ ...a }));
    },
    async saveAlias(alias, provider) {
      engine.calls.push({ method: 'saveAlias', args: [alias, provider] });
      engine.aliases = [...engine.aliases.filter((a) => a.alias.toLowerCase() !== alias.toLowerCase()), { alias, provider }];
      return { changed: 0 };
    },
    async deleteAlias(alias) {
      engine.calls.push({ method: 'deleteAlias', args: [alias] });
      if (!engine.aliases.some((a) => a.alias === alias)) throw new Error(`There is no alias "${alias}".`);
      engine.aliases = engine.aliases.filter((a) => a.alias !== alias);
      return { changed: 0 };
    },
    reclassify() {
      const classifier = compileRules(engine.rules);
      let changed = 0;
      for (const l of engine.ledger) {
        const { category, ruleId } = classifier.classify(l);
        if (category !== l.category || ruleId !== l.ruleId) changed++;
        l.category = category;
        l.ruleId = ruleId;
      }
      return { changed };
    },
    importBenchmarks: async () => ({ set: { id: 1, name: 'Imported', file: 'b.csv', importedAt: '2026-01-01T00:00:00Z', rows: 0, metrics: [], orgs: [], builtIn: false, active: true }, issues: [] }),
    listBenchmarkSets: async () => [],
    chooseBenchmarkSet: async () => undefined,
    deleteBenchmarkSet: async () => undefined,
    definePeerGroup: async () => undefined,
    benchmarkView: async () => ({ setName: 'Published figures', comparisons: [], rows: [], distributions: [], peerGroup: null, trends: [] }),
    exportWorkbook: async () => new Uint8Array([80, 75, 3, 4]),
    getWeights: async () => ({ weights: { XR: 1, CT: 6, MR: 8, US: 3, NM: 4, PET: 8, FL: 3, IR: 6, MG: 2, DXA: 1, OT: 1 }, defaults: { XR: 1, CT: 6, MR: 8, US: 3, NM: 4, PET: 8, FL: 3, IR: 6, MG: 2, DXA: 1, OT: 1 }, custom: false, label: 'judgement', source: 'RadBench default' }),
    saveWeights: async () => ({ weights: { XR: 1, CT: 6, MR: 8, US: 3, NM: 4, PET: 8, FL: 3, IR: 6, MG: 2, DXA: 1, OT: 1 }, defaults: { XR: 1, CT: 6, MR: 8, US: 3, NM: 4, PET: 8, FL: 3, IR: 6, MG: 2, DXA: 1, OT: 1 }, custom: true, label: 'judgement', source: 'RadBench default' }),
    ...fakeReconcileApi(),
    ...fakeScenarioApi(),
  };
  return engine;
}

export { deferred };

/**
 * Makes the fake's previews those of a supplier statement, whose line amount and unit price are alternatives
 * (one of them must have a column).
 */
export function previewStatementWithAlternatives(engine: FakeEngine): void {
  const ris = engine.previewFor.bind(engine);
  engine.previewFor = (req) => ({
    ...ris(req),
    kind: 'statement',
    fields: [
      { id: 'accession', label: 'Accession number', required: true, description: 'The RIS accession.' },
      { id: 'amount', label: 'Line amount', required: false, description: 'Charged.', oneOf: 'Line amount or unit price' },
      { id: 'unitPrice', label: 'Unit price', required: false, description: 'Per report.', oneOf: 'Line amount or unit price' },
    ],
  });
}
