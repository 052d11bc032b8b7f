/**
 * An EngineApi double whose "database" is a byte array: open() loads it, every change appends a
 * byte, exportDatabase() returns it. Enough to see what the host saves, and when.
 */
import { fakeReconcileApi } from '../renderer/fakeReconcile';
import { fakeScenarioApi } from '../renderer/fakeScenarios';
import type { DbInfo, EngineApi, ImportProgress, ImportReport, ImportRequest } from '../../../shared/contract';

export interface FakeEngine extends EngineApi {
  data: Uint8Array;
  calls: string[];
}

function info(): DbInfo {
  return { schemaVersion: 1, exams: 0, reports: 0, staff: 0, batches: 0, synthetic: false, pendingImport: null };
}

function report(importId: string, status: ImportReport['status']): ImportReport {
  return { importId, status, file: 'ris.csv', inserted: 3 } as unknown as ImportReport;
}

export function fakeEngine(): FakeEngine {
  const engine: FakeEngine = {
    data: new Uint8Array([0]),
    calls: [],
    async open(bytes) {
      engine.calls.push('open');
      if (bytes && bytes[0] === 0xee) throw new Error('This file was made by a newer RadBench (schema 99).');
      engine.data = bytes ? Uint8Array.from(bytes) : new Uint8Array([0]);
      return info();
    },
    info: async () => info(),
    async exportDatabase() {
      engine.calls.push('export');
      return Uint8Array.from(engine.data);
    },
    async loadDemo() {
      engine.calls.push('loadDemo');
      engine.data = new Uint8Array([0xde, 0x30]);
      return { ...info(), synthetic: true };
    },
    previewImport: async () => ({}) as never,
    async runImport(req: ImportRequest, onProgress?: (p: ImportProgress) => void) {
      engine.calls.push('runImport');
      for (let i = 1; i <= 3; i++) {
        onProgress?.({ importId: 'imp-1', file: req.source.name, phase: 'reading', bytesRead: i * 10, bytesTotal: 30, rowsRead: i });
      }
      if (req.commit) engine.data = Uint8Array.from([...engine.data, 1]);
      return report('imp-1', req.commit ? 'committed' : 'pending');
    },
    async commitImport(importId) {
      engine.calls.push('commitImport');
      engine.data = Uint8Array.from([...engine.data, 2]);
      return report(importId, 'committed');
    },
    discardImport: async () => undefined,
    cancelImport: async () => undefined,
    getRejects: async () => [],
    listBatches: async () => [],
    async undoBatch(batchId) {
      engine.data = Uint8Array.from([...engine.data, 3]);
      return { batchId, removed: 1, restored: 0 };
    },
    listPresets: async () => [],
    savePreset: async () => undefined,
    deletePreset: async () => undefined,
    listStaff: async () => [],
    async saveStaff(row) {
      engine.data = Uint8Array.from([...engine.data, 4]);
      return { ...row, id: row.id ?? 1 };
    },
    deleteStaff: async () => undefined,
    unclassifiedReporters: async () => [],
    filterOptions: async () => ({ sites: [], modalities: [], firstMonth: null, lastMonth: null, financialYears: [] }),
    analyse: async () => ({}) as never,
    dashboard: async () => ({}) as never,
    drillDown: async () => ({ columns: [], rows: [], total: 0 }),
    metricDefinitions: async () => [],
    finance: async () => ({ hasLedger: false, spendByMonth: [], suppliers: [], reviewQueue: [] }),
    ledgerLines: async () => ({ rows: [], total: 0, pence: 0 }),
    listRules: async () => [],
    previewRule: async () => ({ changed: 0, pounds: 0, byTransition: [] }),
    saveRule: async () => ({ changed: 0 }),
    deleteRule: async () => ({ changed: 0 }),
    addRulesInFront: async () => ({ changed: 0 }),
    listAliases: async () => [],
    saveAlias: async () => ({ changed: 0 }),
    deleteAlias: async () => ({ changed: 0 }),
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
