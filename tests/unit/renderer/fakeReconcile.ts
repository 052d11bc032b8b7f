/** The reconciliation part of the fake engine used by renderer and host tests. */
import type { ReconcileApi } from '../../../shared/reconcile/api';

export function fakeReconcileApi(): ReconcileApi {
  return {
    listTariffs: async () => [],
    saveTariff: async (row) => ({ ...row, id: row.id ?? 1 }),
    deleteTariff: async () => undefined,
    reconciliation: async () => ({ rows: [] }),
    reconcileLines: async () => ({ lines: [], total: 0 }),
    decideLines: async (req) => ({ changed: req.keys.length, locked: 0 }),
    exportDisputePack: async () => new Uint8Array([80, 75, 3, 4]),
  };
}
