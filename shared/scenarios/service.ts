import type { EngineContext } from '../engine/context';
import type { PeriodSpec } from '../contract';
import type { ScenarioApi, ScenarioBaseline, ScenarioEvaluation, ScenarioLevers } from './api';
import { buildBaseline } from './baseline';
import { evaluate, modelBaseline } from './model';
import { SCENARIO_METHODS } from './methods';
import { checkedLevers } from './validate';
import * as store from './store';
import { MAX_OPTIONS, buildBusinessCasePack } from './pack';

/** The business-case scenario endpoints of the engine. */
export function scenarioService(ctx: EngineContext): ScenarioApi {
  const baselineFor = async (spec: PeriodSpec): Promise<ScenarioBaseline> => {
    const period = await ctx.resolvePeriod(spec);
    // The analysis carries the benchmarks in force (the published defaults, or the user's chosen set and peer group).
    const analysis = await ctx.analyse({ period: { fromMonth: period.from.slice(0, 7), toMonth: period.to.slice(0, 7) } });
    return buildBaseline(await ctx.database(), period, analysis);
  };

  const evaluation = (baseline: ScenarioBaseline, levers: ScenarioLevers): ScenarioEvaluation => ({
    baseline,
    outcome: evaluate(modelBaseline(baseline), checkedLevers(levers)),
    methods: SCENARIO_METHODS,
  });

  return {
    scenarioBaseline: async ({ period }) => baselineFor(period),

    evaluateScenario: async ({ period, levers }) => {
      const checked = checkedLevers(levers);
      return evaluation(await baselineFor(period), checked);
    },

    listScenarios: async () => store.listScenarios(await ctx.database()),

    saveScenario: async (scenario) => ctx.change((db) => store.saveScenario(db, scenario, ctx.now())),

    deleteScenario: async (id) => ctx.change((db) => store.deleteScenario(db, id)),

    duplicateScenario: async (id, name) => ctx.change((db) => store.duplicateScenario(db, id, name, ctx.now())),

    exportBusinessCase: async ({ period, scenarioIds }) => {
      if (scenarioIds.length > MAX_OPTIONS) {
        throw new Error(`Choose at most ${MAX_OPTIONS} scenarios to compare with the baseline (${scenarioIds.length} were chosen).`);
      }
      if (new Set(scenarioIds).size !== scenarioIds.length) throw new Error('The same scenario was chosen twice for the business case.');
      const db = await ctx.database();
      const scenarios = scenarioIds.map((id) => store.getScenario(db, id));
      const baseline = await baselineFor(period);
      const options = scenarios.map((scenario) => ({ scenario, outcome: evaluation(baseline, scenario.levers).outcome }));
      return buildBusinessCasePack({ baseline, options, methods: SCENARIO_METHODS, generatedAt: ctx.now() });
    },
  };
}
