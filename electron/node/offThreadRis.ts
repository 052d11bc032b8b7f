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

export function workerOffThreadRis(script: URL | string, minBytes: number = OFF_THREAD_MIN_BYTES): OffThreadRis {
  return { minBytes, start: (request, signal) => startWorker(script, request, signal) };
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

/** Starts a worker and waits until it says it is ready; rejects (and stops it) if it cannot start. */
async function startWorker(script: URL | string, request: RisStageRequest, signal: AbortSignal): Promise<AsyncIterable<RisStageMessage>> {
  const worker = new Worker(script);
  const queue = new ReplyQueue(worker);
  try {
    const first = await queue.next(signal);
    if (first?.type !== 'ready') throw new Error('The conversion worker did not start.');
  } catch (error) {
    await worker.terminate();
    throw error;
  }
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
