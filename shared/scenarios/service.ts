import type { EngineContext } from '../engine/context';
import type { ScenarioApi } from './api';

const notYet = (): never => {
  throw new Error('Scenarios are being built.');
};

/** The business-case scenario endpoints of the engine. */
export function scenarioService(ctx: EngineContext): ScenarioApi {
  void ctx;
  return {
    scenarioBaseline: async () => notYet(),
    evaluateScenario: async () => notYet(),
    listScenarios: async () => notYet(),
    saveScenario: async () => notYet(),
    deleteScenario: async () => notYet(),
    duplicateScenario: async () => notYet(),
    exportBusinessCase: async () => notYet(),
  };
}
