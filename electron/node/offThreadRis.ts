/**
 * Runs a RIS import's conversion in a worker thread (risStageWorker.ts), so that on a machine with a second core
 * parsing and converting overlap with writing. The engine converts in-process whatever the worker does not take
 * (workbooks, small files, sources that are not paths) and whenever the worker cannot start.
 */
import { Worker } from 'node:worker_threads';
import type { OffThreadRis } from '../../shared/engine/risImport';
import type { RisStageMessage, RisStageRequest } from '../../shared/engine/risStage';
import { ValueDictionary, reviveError, type WorkerReply } from './risStageProtocol';

/** Below this a worker's start-up (about 0.3 s) costs more than the overlap saves. */
export const OFF_THREAD_MIN_BYTES = 8 * 1024 * 1024;

/**
 * The worker's young generation: a conversion makes short-lived strings and arrays for every row, and with V8's
 * default the worker spent a sixth of its time collecting them; this halves that for at most 64 MB more memory.
 */
const WORKER_YOUNG_GENERATION_MB = 64;

export function workerOffThreadRis(script: URL | string, minBytes: number = OFF_THREAD_MIN_BYTES): OffThreadRis {
  // A worker started ahead (when a large RIS import is on its way) takes half a second less to answer.
  let spare: Promise<ReadyWorker> | null = null;
  return {
    minBytes,
    prepare: () => {
      spare ??= spawnWorker(script);
      spare.catch(() => (spare = null));
    },
    start: async (request, signal) => {
      const ready = spare;
      spare = null;
      const started = await ready?.catch(() => null);
      return startWorker(started && !started.queue.stopped ? started : await spawnWorker(script), request, signal);
    },
  };
}

/** Replies from one worker, waited for in order. */
class ReplyQueue {
  private readonly replies: WorkerReply[] = [];
  private failure: Error | null = null;
  private ended = false;
  private wake: (() => void) | null = null;

  constructor(worker: Worker) {
    worker.on('message', (reply: WorkerReply) => this.push(reply));
    worker.on('error', (error) => this.stop(error));
    worker.on('exit', () => this.stop(null));
  }

  /** Whether the worker has stopped (or failed) already. */
  get stopped(): boolean {
    return this.ended;
  }

  private push(reply: WorkerReply): void {
    this.replies.push(reply);
    this.notify();
  }

  private stop(error: Error | null): void {
    this.failure ??= error;
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    this.wake?.();
    this.wake = null;
  }

  /** The next reply; throws what stopped the worker if it stopped first. */
  async next(signal: AbortSignal): Promise<Exclude<WorkerReply, { type: 'error' }> | null> {
    while (this.replies.length === 0 && !this.ended && !signal.aborted) {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    if (signal.aborted) return null;
    const reply = this.replies.shift();
    if (reply === undefined) throw this.failure ?? new Error('The conversion worker stopped before the end of the file.');
    if (reply.type === 'error') throw reviveError(reply.error);
    return reply;
  }

  /** Wakes a wait when the import is cancelled. */
  cancel(): void {
    this.notify();
  }
}

interface ReadyWorker {
  worker: Worker;
  queue: ReplyQueue;
}

/**
 * Starts a worker and waits until it says it is ready; rejects (and stops it) if it cannot start. It does not keep
 * the process alive until it is given work: a spare left unused never holds up an exit.
 */
async function spawnWorker(script: URL | string): Promise<ReadyWorker> {
  const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  worker.unref();
  const queue = new ReplyQueue(worker);
  try {
    const first = await queue.next(new AbortController().signal);
    if (first?.type !== 'ready') throw new Error('The conversion worker did not start.');
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return { worker, queue };
}

function startWorker({ worker, queue }: ReadyWorker, request: RisStageRequest, signal: AbortSignal): AsyncIterable<RisStageMessage> {
  worker.ref();
  worker.postMessage(request);
  return replies(worker, queue, signal);
}

async function* replies(worker: Worker, queue: ReplyQueue, signal: AbortSignal): AsyncGenerator<RisStageMessage> {
  const dictionary = new ValueDictionary();
  const cancel = () => {
    queue.cancel();
    void worker.terminate();
  };
  signal.addEventListener('abort', cancel);
  try {
    for (;;) {
      const reply = await queue.next(signal);
      if (reply === null || reply.type === 'ready') return;
      if (reply.type === 'end') {
        yield { type: 'end', counts: reply.counts, sha256: reply.sha256 };
        return;
      }
      worker.postMessage('written');
      dictionary.decode(reply.chunks, reply.newValues ?? []);
      yield { type: 'batch', counts: reply.counts, bytesRead: reply.bytesRead, chunks: reply.chunks, issues: reply.issues };
    }
  } finally {
    signal.removeEventListener('abort', cancel);
    await worker.terminate();
  }
}
