/** Test doubles for Electron objects used by several electron/ tests. */
import { EventEmitter } from 'node:events';
import { MessageChannel, MessagePort as NodeMessagePort } from 'node:worker_threads';
import type { MainPortLike } from '../../../electron/portEndpoint';

/** True if a MessagePort (Node or our fake) sits anywhere in plain objects/arrays of `value`. */
export function containsPort(value: unknown): boolean {
  if (value instanceof NodeMessagePort || value instanceof FakeMainPort) return true;
  if (Array.isArray(value)) return value.some(containsPort);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).some(containsPort);
  }
  return false;
}

/**
 * A MessagePortMain double over a Node MessagePort. Like Electron's, it queues messages until
 * start(), emits 'message' with { data, ports }, and — the point — delivers `data: null` when the
 * sender put a MessagePort inside the data (Electron's main/utility deserialiser cannot read one).
 */
export class FakeMainPort extends EventEmitter implements MainPortLike {
  readonly node: NodeMessagePort;
  private queue: { data: unknown; ports: FakeMainPort[] }[] | null = [];

  constructor(node: NodeMessagePort) {
    super();
    this.node = node;
    node.addEventListener('message', (event) => {
      const e = event as MessageEvent;
      const ports = (e.ports as unknown as NodeMessagePort[]).map((p) => new FakeMainPort(p));
      const message = { data: containsPort(e.data) ? null : e.data, ports };
      if (this.queue) this.queue.push(message);
      else this.emit('message', message);
    });
    node.addEventListener('close', () => this.emit('close'));
  }

  postMessage(message: unknown, transfer: MainPortLike[] = []): void {
    this.node.postMessage(
      message,
      transfer.map((p) => (p as FakeMainPort).node),
    );
  }

  /** Delivers what arrived before (Node's port starts by itself; Electron's waits for this). */
  start(): void {
    this.node.start();
    const queued = this.queue ?? [];
    this.queue = null;
    for (const message of queued) this.emit('message', message);
  }

  close(): void {
    this.node.close();
  }
}

/** A Node MessageChannel whose second port is wrapped as a MessagePortMain double. */
export function mainChannel(): { web: NodeMessagePort; main: FakeMainPort } {
  const { port1, port2 } = new MessageChannel();
  return { web: port1, main: new FakeMainPort(port2) };
}
