/**
 * Main's handle on the engine's utility process: forks it, gives each window load its own
 * MessageChannelMain (one port to the engine, one to the page), sends control requests and matches
 * replies, and restarts the process if it dies, handing the windows fresh ports.
 */
import { Channels } from './channels';
import type { HostMessage, HostRequest } from './hostProtocol';
import { isHostMessage } from './hostProtocol';

/** The parts of Electron's objects used here (tests pass fakes). */
export interface PortLike {
  close(): void;
}
export interface ChildLike {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: unknown, transfer?: PortLike[]): void;
  kill(): boolean;
}
export interface PortTarget {
  postMessage(channel: string, message: unknown, transfer?: PortLike[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface EngineProcessDeps {
  fork: () => ChildLike;
  createChannel: () => { port1: PortLike; port2: PortLike };
  /** Unsolicited messages from the host (document state, autosave results). */
  onMessage: (message: HostMessage) => void;
  /** The process died and was restarted; windows already have new ports. */
  onRestart: (exitCode: number) => void;
  /** The process died too often in a short time and is left stopped. */
  onGiveUp: (exitCode: number) => void;
  now?: () => number;
  /** Crash-loop guard: at most this many restarts within `restartWindowMs`. */
  maxRestarts?: number;
  restartWindowMs?: number;
}

type Pending = { resolve: (message: HostMessage) => void; reject: (error: Error) => void };

/** A request without its id (an object type per request kind, so the union stays discriminated). */
export type HostRequestBody = HostRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class EngineProcess {
  private child: ChildLike | null = null;
  private stopping = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly targets = new Set<PortTarget>();
  private restarts: number[] = [];
  private readonly deps: EngineProcessDeps;

  constructor(deps: EngineProcessDeps) {
    this.deps = deps;
  }

  get running(): boolean {
    return this.child !== null;
  }

  start(): void {
    if (this.child) return;
    this.stopping = false;
    const child = this.deps.fork();
    this.child = child;
    child.on('message', (message) => this.received(message));
    child.once('exit', (code) => this.exited(child, code));
  }

  /** Creates a port pair for this page: port1 to the engine, port2 to the page (replacing any earlier one). */
  connect(target: PortTarget): void {
    if (target.isDestroyed()) return;
    if (!this.targets.has(target)) {
      this.targets.add(target);
      target.once('destroyed', () => this.targets.delete(target));
    }
    const child = this.child;
    if (!child) return; // Stopped for good; the page gets no engine.
    const { port1, port2 } = this.deps.createChannel();
    child.postMessage({ type: 'port' } satisfies HostRequest, [port1]);
    target.postMessage(Channels.enginePort, null, [port2]);
  }

  /** Sends a control request and resolves with the host's reply to it ('opened', 'saved', 'error' or 'closed'). */
  request(body: HostRequestBody): Promise<HostMessage> {
    const child = this.child;
    if (!child) return Promise.reject(new Error('The RadBench engine is not running. Restart RadBench.'));
    const id = this.nextId++;
    return new Promise<HostMessage>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.postMessage({ ...body, id });
    });
  }

  stop(): void {
    this.stopping = true;
    const child = this.child;
    this.child = null;
    this.failPending('The RadBench engine was stopped.');
    child?.kill();
  }

  private received(message: unknown): void {
    if (!isHostMessage(message)) return;
    const id = 'id' in message ? message.id : null;
    const pending = typeof id === 'number' ? this.pending.get(id) : undefined;
    if (pending && typeof id === 'number') {
      this.pending.delete(id);
      pending.resolve(message);
      return;
    }
    this.deps.onMessage(message);
  }

  private failPending(reason: string): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(new Error(reason));
  }

  private exited(child: ChildLike, code: number): void {
    if (child !== this.child) return;
    this.child = null;
    this.failPending('The RadBench engine stopped unexpectedly.');
    if (this.stopping) return;

    const now = (this.deps.now ?? Date.now)();
    const windowMs = this.deps.restartWindowMs ?? 60_000;
    this.restarts = [...this.restarts.filter((t) => now - t < windowMs), now];
    if (this.restarts.length > (this.deps.maxRestarts ?? 3)) {
      this.deps.onGiveUp(code);
      return;
    }
    this.start();
    for (const target of this.targets) this.connect(target);
    this.deps.onRestart(code);
  }
}
