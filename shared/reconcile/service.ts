import type { EngineContext } from '../engine/context';
import type { ReconcileApi } from './api';

const notYet = (): never => {
  throw new Error('Reconciliation is being built.');
};

/** The reconciliation endpoints of the engine. */
export function reconcileService(ctx: EngineContext): ReconcileApi {
  void ctx;
  return {
    listTariffs: async () => notYet(),
    saveTariff: async () => notYet(),
    deleteTariff: async () => notYet(),
    reconciliation: async () => notYet(),
    reconcileLines: async () => notYet(),
    decideLines: async () => notYet(),
    exportDisputePack: async () => notYet(),
  };
}
