/**
 * Entry of the engine's utilityProcess (bundled to dist-electron/engineHost.cjs).
 * Main sends it control requests and one MessagePortMain per window load over process.parentPort;
 * the engine is exposed with comlink on each port, so bulk data never passes through main.
 */
import { join } from 'node:path';
import { expose } from 'comlink';
import type { ParentPort } from 'electron';
import type { EngineApi } from '../shared/contract';
import { DocumentHost } from './documentHost';
import { engineFacade, guardEndpoint } from './engineGuard';
import { isHostRequest, type HostMessage } from './hostProtocol';
import { createNodeEngine } from './node/nodeEngine';
import { MainPortEndpoint, type MainPortLike } from './portEndpoint';
import { RecoveryStore } from './recovery';
import { wasmPath } from './wasmPath';

/** Exposes the engine on one window's port until that window goes away. */
export function exposeOnPort(port: MainPortLike, api: EngineApi): MainPortEndpoint {
  const endpoint = new MainPortEndpoint(port);
  endpoint.onClose(() => endpoint.close());
  expose(api, guardEndpoint(endpoint));
  return endpoint;
}

export interface EngineHostOptions {
  /** Where recovery copies of unsaved work go (main passes userData/recovery). */
  recoveryDir?: string | null;
  session?: string;
}

/** `--recovery-dir DIR --session TOKEN`, as main forks the host. */
export function hostOptionsFromArgs(argv: readonly string[]): EngineHostOptions {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? (argv[at + 1] ?? null) : null;
  };
  return { recoveryDir: value('--recovery-dir'), session: value('--session') ?? `pid-${process.pid}` };
}

export function runEngineHost(parentPort: ParentPort, engine: EngineApi, options: EngineHostOptions = {}): void {
  const post = (message: HostMessage) => parentPort.postMessage(message);
  const recovery = options.recoveryDir ? { store: new RecoveryStore(options.recoveryDir), session: options.session ?? `pid-${process.pid}` } : null;
  const doc = new DocumentHost({ engine, post, recovery });
  const api = engineFacade(doc.api);
  const ready = engine.open(null).then(
    () => post({ type: 'ready' }),
    (error: unknown) =>
      post({ type: 'error', id: null, message: `The engine could not start: ${String(error)}`, doc: doc.state }),
  );

  parentPort.on('message', (event) => {
    const request: unknown = event.data;
    if (!isHostRequest(request)) return;
    if (request.type === 'port') {
      const port = event.ports[0];
      if (port) void ready.then(() => exposeOnPort(port, api));
      return;
    }
    void ready.then(() => doc.handle(request));
  });
}

// Only when running as the utility process; tests import the functions above.
if (process.parentPort) {
  runEngineHost(process.parentPort, createNodeEngine({ wasmPath: wasmPath(__dirname), risWorker: join(__dirname, 'risStageWorker.cjs') }), hostOptionsFromArgs(process.argv));
}
