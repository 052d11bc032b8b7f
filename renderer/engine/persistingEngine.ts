import { releaseProxy } from 'comlink';
import type { EngineApi, ImportProgress } from '../../shared/contract';
import type { DatabaseStore } from './opfsStore';

/**
 * Wraps the engine for the browser host: every call waits until the saved database is open, and every call
 * that changes committed data saves the database afterwards. Pending imports are not saved: nothing is
 * written before a commit.
 */
export function withPersistence(engine: EngineApi, store: DatabaseStore, ready: Promise<unknown>): EngineApi {
  const persist = async () => store.save(await engine.exportDatabase());

  function read<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
    return async (...args: A): Promise<R> => {
      await ready;
      return fn.apply(engine, args);
    };
  }

  function write<A extends unknown[], R>(fn: (...args: A) => Promise<R>, changed: (result: R, ...args: A) => boolean = () => true) {
    return async (...args: A): Promise<R> => {
      await ready;
      const result = await fn.apply(engine, args);
      if (changed(result, ...args)) await persist();
      return result;
    };
  }

  return {
    open: write(engine.open),
    info: read(engine.info),
    exportDatabase: read(engine.exportDatabase),
    loadDemo: write(engine.loadDemo),
    previewImport: read(engine.previewImport),
    runImport: async (req, onProgress?: (p: ImportProgress) => void) => {
      await ready;
      try {
        const report = await engine.runImport(req, onProgress);
        if (report.status === 'committed') await persist();
        return report;
      } finally {
        // A progress callback from another thread is a Comlink proxy holding a MessagePort; free it.
        const remote = onProgress as unknown as { [releaseProxy]?: () => void } | undefined;
        remote?.[releaseProxy]?.();
      }
    },
    commitImport: write(engine.commitImport),
    discardImport: read(engine.discardImport),
    cancelImport: read(engine.cancelImport),
    getRejects: read(engine.getRejects),
    listBatches: read(engine.listBatches),
    undoBatch: write(engine.undoBatch),
    listPresets: read(engine.listPresets),
    savePreset: write(engine.savePreset),
    deletePreset: write(engine.deletePreset),
    listStaff: read(engine.listStaff),
    saveStaff: write(engine.saveStaff),
    deleteStaff: write(engine.deleteStaff),
    unclassifiedReporters: read(engine.unclassifiedReporters),
    filterOptions: read(engine.filterOptions),
    analyse: read(engine.analyse),
    dashboard: read(engine.dashboard),
    drillDown: read(engine.drillDown),
    metricDefinitions: read(engine.metricDefinitions),
    finance: read(engine.finance),
    ledgerLines: read(engine.ledgerLines),
    listRules: read(engine.listRules),
    previewRule: read(engine.previewRule),
    saveRule: write(engine.saveRule),
    deleteRule: write(engine.deleteRule),
    addRulesInFront: write(engine.addRulesInFront),
    listAliases: read(engine.listAliases),
    saveAlias: write(engine.saveAlias),
    deleteAlias: write(engine.deleteAlias),
    importBenchmarks: write(engine.importBenchmarks),
    listBenchmarkSets: read(engine.listBenchmarkSets),
    chooseBenchmarkSet: write(engine.chooseBenchmarkSet),
    deleteBenchmarkSet: write(engine.deleteBenchmarkSet),
    definePeerGroup: write(engine.definePeerGroup),
    benchmarkView: read(engine.benchmarkView),
    exportWorkbook: read(engine.exportWorkbook),
    getWeights: read(engine.getWeights),
    saveWeights: write(engine.saveWeights),
    listTariffs: read(engine.listTariffs),
    saveTariff: write(engine.saveTariff),
    deleteTariff: write(engine.deleteTariff),
    reconciliation: read(engine.reconciliation),
    reconcileLines: read(engine.reconcileLines),
    decideLines: write(engine.decideLines),
    exportDisputePack: read(engine.exportDisputePack),
    scenarioBaseline: read(engine.scenarioBaseline),
    evaluateScenario: read(engine.evaluateScenario),
    listScenarios: read(engine.listScenarios),
    saveScenario: write(engine.saveScenario),
    deleteScenario: write(engine.deleteScenario),
    duplicateScenario: write(engine.duplicateScenario),
    exportBusinessCase: read(engine.exportBusinessCase),
  };
}
