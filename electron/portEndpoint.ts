/**
 * Carrying comlink over Electron's MessagePortMain.
 *
 * Electron's main and utility processes cannot deserialise a MessagePort that sits inside message
 * data (their deserialiser knows no DOM host objects, so the whole message arrives as null), and
 * transferring an ArrayBuffer there drops the message too (electron/electron#34905, #37565).
 * comlink puts a MessagePort inside the data for every proxied callback (e.g. runImport's onProgress).
 * So on the way in we replace each port found in the data with a marker and send the ports only in
 * the transfer list; the other side puts them back. ArrayBuffers are copied, never transferred.
 *
 * No Electron or Node import here: the sandboxed preload bundles this file too.
 */
import type { Endpoint } from 'comlink';

const PORT_MARK = '__radbenchPort';

interface PortMarker {
  [PORT_MARK]: number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isPortMarker(value: unknown): value is PortMarker {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  const index = value[PORT_MARK];
  return keys.length === 1 && keys[0] === PORT_MARK && typeof index === 'number' && Number.isInteger(index);
}

function mapDeep(value: unknown, replace: (v: unknown) => { hit: true; value: unknown } | { hit: false }): unknown {
  const replaced = replace(value);
  if (replaced.hit) return replaced.value;
  if (Array.isArray(value)) return value.map((item) => mapDeep(item, replace));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = mapDeep(item, replace);
    return out;
  }
  return value;
}

/** Replaces each of `ports` found in plain objects/arrays of `data` by a marker holding its index in `ports`. */
export function encodePorts(data: unknown, ports: readonly unknown[]): unknown {
  if (ports.length === 0) return data;
  const index = new Map<unknown, number>(ports.map((port, i) => [port, i]));
  return mapDeep(data, (v) => {
    const i = index.get(v);
    return i === undefined ? { hit: false } : { hit: true, value: { [PORT_MARK]: i } satisfies PortMarker };
  });
}

/** Puts `ports[i]` (as mapped by `wrap`) back where encodePorts left marker i. */
export function decodePorts<P, W>(data: unknown, ports: readonly P[], wrap: (port: P) => W): unknown {
  if (ports.length === 0) return data;
  const wrapped = ports.map(wrap);
  return mapDeep(data, (v) => {
    if (!isPortMarker(v)) return { hit: false };
    const port = wrapped[v[PORT_MARK]];
    return port === undefined ? { hit: false } : { hit: true, value: port };
  });
}

/** The part of Electron's MessagePortMain this adapter uses. */
export interface MainPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: MainPortLike[] }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown; ports: MainPortLike[] }) => void): unknown;
  once(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown, transfer?: MainPortLike[]): void;
  start(): void;
  close(): void;
}

type MainListener = (event: { data: unknown; ports: MainPortLike[] }) => void;

/** A comlink Endpoint over a MessagePortMain (utility or main process). */
export class MainPortEndpoint implements Endpoint {
  private readonly listeners = new Map<EventListenerOrEventListenerObject, MainListener>();

  constructor(readonly port: MainPortLike) {}

  postMessage(message: unknown, transfer: readonly unknown[] = []): void {
    const endpoints = transfer.filter((t): t is MainPortEndpoint => t instanceof MainPortEndpoint);
    this.port.postMessage(
      encodePorts(message, endpoints),
      endpoints.map((e) => e.port),
    );
  }

  addEventListener(type: string, listener: EventListenerOrEventListenerObject): void {
    if (type !== 'message' || this.listeners.has(listener)) return;
    const wrapper: MainListener = (event) => {
      const ports = event.ports.map((p) => new MainPortEndpoint(p));
      const data = decodePorts(event.data, ports, (e) => e);
      const messageEvent = { data, ports } as unknown as MessageEvent;
      if (typeof listener === 'function') listener(messageEvent);
      else listener.handleEvent(messageEvent);
    };
    this.listeners.set(listener, wrapper);
    this.port.on('message', wrapper);
  }

  removeEventListener(type: string, listener: EventListenerOrEventListenerObject): void {
    const wrapper = this.listeners.get(listener);
    if (type !== 'message' || !wrapper) return;
    this.listeners.delete(listener);
    this.port.off('message', wrapper);
  }

  start(): void {
    this.port.start();
  }

  close(): void {
    for (const wrapper of this.listeners.values()) this.port.off('message', wrapper);
    this.listeners.clear();
    this.port.close();
  }

  /** Called once when the other end goes away (window closed or reloaded). */
  onClose(listener: () => void): void {
    this.port.once('close', listener);
  }
}

/** The part of a DOM MessagePort the preload relay uses. */
export interface WebPortLike {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
  close(): void;
}

/**
 * Relays between a page-side port and the port to the engine (preload, isolated world), encoding
 * ports on the way to the engine and decoding them on the way back, so the page can use plain comlink.
 * Returns a function that closes both ports.
 */
export function relayPorts(page: WebPortLike, engine: WebPortLike): () => void {
  page.onmessage = (event) => {
    const ports = [...event.ports];
    engine.postMessage(encodePorts(event.data, ports), ports);
  };
  engine.onmessage = (event) => {
    const ports = [...event.ports];
    page.postMessage(
      decodePorts(event.data, ports, (p) => p),
      ports,
    );
  };
  return () => {
    page.onmessage = null;
    engine.onmessage = null;
    page.close();
    engine.close();
  };
}
