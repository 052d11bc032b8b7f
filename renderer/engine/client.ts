/**
 * The one engine client for both hosts. In Electron the engine runs in a utility process and its
 * MessagePort arrives through the preload; in a browser it runs in a module Web Worker.
 * Only the Pinia stores use this module.
 */
import * as Comlink from 'comlink';
import type { EngineApi } from '../../shared/contract';
import type { RadbenchDesktopApi } from '../../electron/preloadApi';

export type EngineRemote = Comlink.Remote<EngineApi>;

export interface ConnectOptions {
  /** The engine stopped for good (a worker that failed to load or crashed). */
  onFatal?: (message: string) => void;
  /** Electron restarted the engine process and sent a fresh port. */
  onReconnect?: (remote: EngineRemote) => void;
  timeoutMs?: number;
}

export const ENGINE_PORT_MESSAGE = 'radbench:engine-port';

function isPortMessage(event: MessageEvent): boolean {
  const data: unknown = event.data;
  return (
    event.source === window &&
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === ENGINE_PORT_MESSAGE &&
    event.ports.length > 0
  );
}

function connectDesktop(desktop: RadbenchDesktopApi, options: ConnectOptions): Promise<EngineRemote> {
  return new Promise((resolve, reject) => {
    let first = true;
    const timer = setTimeout(() => {
      if (!first) return;
      first = false;
      reject(new Error('The RadBench engine did not start within 30 seconds. Close RadBench and open it again.'));
    }, options.timeoutMs ?? 30_000);

    // The listener stays: a later port means main restarted the engine process.
    window.addEventListener('message', (event: MessageEvent) => {
      if (!isPortMessage(event)) return;
      const port = event.ports[0]!;
      port.start();
      const remote = Comlink.wrap<EngineApi>(port);
      if (first) {
        first = false;
        clearTimeout(timer);
        resolve(remote);
      } else {
        options.onReconnect?.(remote);
      }
    });
    desktop.requestEnginePort();
  });
}

function connectWorker(options: ConnectOptions): EngineRemote {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'radbench-engine' });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    options.onFatal?.(`The RadBench engine could not start in this browser (${event.message || 'worker error'}). Reload the page; if it happens again, use a current version of Edge, Chrome or Firefox.`);
  });
  return Comlink.wrap<EngineApi>(worker);
}

export async function connectEngine(options: ConnectOptions = {}): Promise<EngineRemote> {
  const desktop = window.radbench;
  return desktop ? connectDesktop(desktop, options) : connectWorker(options);
}

/** Wraps a progress callback so the engine, on another thread, can call it. */
export function progressCallback<T>(fn: (value: T) => void): (value: T) => void {
  return Comlink.proxy(fn);
}
