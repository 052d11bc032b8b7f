/** The scenario part of the fake engine used by renderer and host tests. */
import type { SavedScenario, ScenarioApi } from '../../../shared/scenarios/api';

export function fakeScenarioApi(): ScenarioApi {
  const saved: SavedScenario[] = [];
  return {
    scenarioBaseline: async () => ({ period: { from: '2024-04-01', to: '2025-03-31', months: 12 }, defaults: { targetPlainFilmShare: 0.15 } }),
    evaluateScenario: async () => ({ netAnnualEffectPence: 0 }),
    listScenarios: async () => saved,
    saveScenario: async (s) => {
      const row = { id: s.id ?? saved.length + 1, name: s.name, levers: s.levers, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
      saved.push(row);
      return row;
    },
    deleteScenario: async () => undefined,
    duplicateScenario: async (id, name) => ({ ...saved.find((s) => s.id === id)!, id: saved.length + 1, name: name ?? 'Copy' }),
    exportBusinessCase: async () => new Uint8Array([80, 75, 3, 4]),
  };
}
