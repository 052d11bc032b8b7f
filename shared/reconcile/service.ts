import type { EngineContext } from '../engine/context';
import type { PeriodSpec } from '../contract';
import { periodMonths } from '../metrics/calendar';
import { storedProviders } from '../finance/store';
import { buildDisputePack } from '../export/disputePack';
import type { DecisionTarget } from './decisions';
import { applyDecision, checkDecideRequest, DecisionError, loadDecisions } from './decisions';
import type { ReconcileApi, ReconcileLine } from './api';
import { parseLineKey } from './match';
import { isSynthetic, providerLines, reconcileEnv, reconciliationRows, type Scope } from './reconcile';
import { TRAFFIC_LIGHT_RULES } from './summary';
import { deleteTariff, loadTariffs, saveTariff } from './tariffStore';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MAX_PAGE = 50_000;

/** The reconciliation endpoints of the engine. */
export function reconcileService(ctx: EngineContext): ReconcileApi {
  const scopeOf = async (period: PeriodSpec | null | undefined, provider: string | null | undefined): Promise<Scope> => ({
    months: period ? periodMonths(await ctx.resolvePeriod(period)) : null,
    provider: provider?.trim() || null,
  });

  return {
    listTariffs: async () => loadTariffs(await ctx.database()),

    saveTariff: async (row) => ctx.change((db) => saveTariff(db, row, storedProviders(db))),

    deleteTariff: async (id) => ctx.change((db) => deleteTariff(db, id)),

    reconciliation: async (req) => {
      const scope = await scopeOf(req.period, req.provider);
      const db = await ctx.database();
      return { rows: reconciliationRows(db, scope), statusRules: TRAFFIC_LIGHT_RULES };
    },

    reconcileLines: async (req) => {
      if (!req.provider?.trim()) throw new DecisionError('Choose a provider.');
      if (!MONTH.test(req.month ?? '')) throw new DecisionError(`"${req.month}" is not a month (YYYY-MM).`);
      const db = await ctx.database();
      const env = reconcileEnv(db);
      let lines: ReconcileLine[] = providerLines(db, env, env.canonical(req.provider), [req.month]);
      if (req.status) lines = lines.filter((l) => l.status === req.status);
      if (req.decision) lines = lines.filter((l) => l.decision === req.decision);
      const offset = Math.max(0, Math.floor(req.offset ?? 0));
      const limit = Math.min(Math.max(1, Math.floor(req.limit ?? 500)), MAX_PAGE);
      return { lines: lines.slice(offset, offset + limit), total: lines.length };
    },

    decideLines: async (req) => {
      const { keys, decision, note } = checkDecideRequest(req);
      const decidedAt = ctx.now().toISOString();
      return ctx.change((db) => {
        const env = reconcileEnv(db);
        const groups = new Map<string, { provider: string; month: string; keys: string[] }>();
        for (const key of keys) {
          const parsed = parseLineKey(key);
          if (!parsed) throw new DecisionError(`"${key}" is not a reconciliation line.`);
          const id = `${parsed.provider}\u0000${parsed.month}`;
          const group = groups.get(id) ?? { provider: parsed.provider, month: parsed.month, keys: [] };
          group.keys.push(key);
          groups.set(id, group);
        }
        let changed = 0;
        let locked = 0;
        for (const group of groups.values()) {
          const current = new Map(providerLines(db, env, group.provider, [group.month]).map((l) => [l.key, l]));
          const missing = group.keys.filter((k) => !current.has(k));
          if (missing.length) {
            throw new DecisionError(
              `${missing.length} of the lines chosen for ${group.provider}, ${group.month} no longer exist (the statement may have been ` +
                'undone or re-imported since): reload the lines and decide again. Nothing was changed.',
            );
          }
          const targets: DecisionTarget[] = group.keys.map((k) => ({ key: k, provider: group.provider, month: group.month, status: current.get(k)!.status }));
          const result = applyDecision(db, targets, loadDecisions(db, group.provider, [group.month]), { decision, note }, decidedAt);
          changed += result.changed;
          locked += result.locked;
        }
        return { changed, locked };
      });
    },

    exportDisputePack: async (req) => {
      const scope = await scopeOf(req.period, req.provider);
      const db = await ctx.database();
      const lines: ReconcileLine[] = [];
      const rows = reconciliationRows(db, scope, reconcileEnv(db), lines);
      return buildDisputePack({ rows, lines, statusRules: TRAFFIC_LIGHT_RULES, generatedAt: ctx.now(), synthetic: isSynthetic(db) });
    },
  };
}
