/**
 * What the engine host exposes over a port, and nothing more.
 * comlink's expose() would otherwise resolve any property path the page sends (GET, SET, CONSTRUCT,
 * `constructor.constructor`, `__proto__`…), letting a compromised page pollute or probe the host.
 */
import type { Endpoint } from 'comlink';
import type { EngineApi } from '../shared/contract';

/** Every EngineApi method; `satisfies` makes the type-check fail when the contract gains or loses one. */
export const ENGINE_METHODS = {
  open: true,
  info: true,
  exportDatabase: true,
  loadDemo: true,
  previewImport: true,
  runImport: true,
  commitImport: true,
  discardImport: true,
  cancelImport: true,
  getRejects: true,
  listBatches: true,
  undoBatch: true,
  listPresets: true,
  savePreset: true,
  deletePreset: true,
  listStaff: true,
  saveStaff: true,
  deleteStaff: true,
  unclassifiedReporters: true,
  filterOptions: true,
  analyse: true,
  dashboard: true,
  drillDown: true,
  metricDefinitions: true,
  finance: true,
  ledgerLines: true,
  listRules: true,
  previewRule: true,
  saveRule: true,
  deleteRule: true,
  addRulesInFront: true,
  listAliases: true,
  saveAlias: true,
  deleteAlias: true,
  importBenchmarks: true,
  listBenchmarkSets: true,
  chooseBenchmarkSet: true,
  deleteBenchmarkSet: true,
  definePeerGroup: true,
  benchmarkView: true,
  exportWorkbook: true,
  getWeights: true,
  saveWeights: true,
  listTariffs: true,
  saveTariff: true,
  deleteTariff: true,
  reconciliation: true,
  reconcileLines: true,
  decideLines: true,
  exportDisputePack: true,
  scenarioBaseline: true,
  evaluateScenario: true,
  listScenarios: true,
  saveScenario: true,
  deleteScenario: true,
  duplicateScenario: true,
  exportBusinessCase: true,
} as const satisfies Record<keyof EngineApi, true>;

export type EngineMethod = keyof typeof ENGINE_METHODS;

const METHOD_NAMES = new Set<string>(Object.keys(ENGINE_METHODS));

/** A null-prototype object holding only the engine's methods, bound to it. */
export function engineFacade(api: EngineApi): EngineApi {
  const facade = Object.create(null) as Record<string, unknown>;
  for (const name of METHOD_NAMES) {
    const method = (api as unknown as Record<string, unknown>)[name];
    if (typeof method !== 'function') throw new Error(`The engine has no method ${name}.`);
    facade[name] = (method as (...args: unknown[]) => unknown).bind(api);
  }
  return Object.freeze(facade) as unknown as EngineApi;
}

interface CallMessage {
  id?: unknown;
  type?: unknown;
  path?: unknown;
}

/** True for a call of one engine method by name, or comlink's release of the proxy. */
export function isAllowedEngineMessage(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const { type, path } = data as CallMessage;
  if (type === 'RELEASE') return path === undefined || (Array.isArray(path) && path.length === 0);
  return (
    type === 'APPLY' &&
    Array.isArray(path) &&
    path.length === 1 &&
    typeof path[0] === 'string' &&
    METHOD_NAMES.has(path[0])
  );
}

/**
 * Wraps the endpoint the engine is exposed on: refused messages never reach comlink, and the caller
 * gets a thrown error instead of waiting for ever.
 */
export function guardEndpoint(inner: Endpoint, isAllowed: (data: unknown) => boolean = isAllowedEngineMessage): Endpoint {
  const wrappers = new Map<EventListenerOrEventListenerObject, EventListener>();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => inner.postMessage(message, transfer),
    start: () => inner.start?.(),
    addEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      if (wrappers.has(listener)) return;
      const wrapper: EventListener = (event) => {
        const data = (event as MessageEvent).data as unknown;
        if (!isAllowed(data)) {
          const id = typeof data === 'object' && data !== null ? (data as CallMessage).id : undefined;
          if (typeof id === 'string') {
            inner.postMessage({
              id,
              type: 'HANDLER',
              name: 'throw',
              value: { isError: true, value: { name: 'Error', message: 'This call is not part of the engine API.' } },
            });
          }
          return;
        }
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      wrappers.set(listener, wrapper);
      inner.addEventListener(type, wrapper);
    },
    removeEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      const wrapper = wrappers.get(listener);
      if (!wrapper) return;
      wrappers.delete(listener);
      inner.removeEventListener(type, wrapper);
    },
  };
}
