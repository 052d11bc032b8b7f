/**
 * A worker thread that converts one large RIS CSV while the engine's thread writes (see OffThreadRis in
 * shared/engine/risImport.ts). It reads the file itself, hashes it, converts every row with the engine's own
 * RisStage and posts the batches back in order, holding back while too many wait unwritten.
 * Bundled to dist-electron/risStageWorker.cjs; under tsx it starts through risStageWorker.dev.mjs.
 */
import { createHash, hash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { PatientHasher } from '../../shared/engine/patientHash';
import { risStageBatches, type RisStageMessage, type RisStageRequest } from '../../shared/engine/risStage';
import { digestingSource } from '../../shared/io/digest';
import { touchSharedPages, type SharedHeadroom } from '../../shared/db/pageTouch';
import { openNodeSource } from './fileSource';
import { MAX_BATCHES_AHEAD, ValueDictionary, serialiseError, type WorkerReply } from './risStageProtocol';

/**
 * Headroom pages touched per step while the engine is behind and this thread would otherwise wait: only then, as
 * touching them ahead of every batch made this thread the slower one.
 */
const TOUCH_PER_STEP_BYTES = 1024 * 1024;

/** Touches the engine's fresh database pages from this thread, so that SQLite's first writes to them do not fault. */
class HeadroomToucher {
  private readonly words: Int32Array | null;
  private next: number;

  constructor(headroom: SharedHeadroom | undefined) {
    this.words = headroom ? new Int32Array(headroom.buffer, 0, headroom.buffer.byteLength >> 2) : null;
    this.next = headroom?.from ?? 0;
  }

  get done(): boolean {
    return this.words === null || this.next >= this.words.length * 4;
  }

  touch(bytes: number): void {
    if (this.words !== null) this.next = touchSharedPages(this.words, this.next, bytes);
  }
}

async function convert(
  request: RisStageRequest,
  post: (reply: WorkerReply) => void,
  written: (toucher: HeadroomToucher) => Promise<void>,
): Promise<void> {
  const toucher = new HeadroomToucher(request.headroom);
  const file = openNodeSource(request.source);
  const hashed = digestingSource(file, () => {
    const digest = createHash('sha256');
    return { update: (chunk) => void digest.update(chunk), digest: () => digest.digest('hex') };
  });
  // Node's one-shot digest, as the engine's Node host uses: the same patient hashes alike either way.
  const hasher = await PatientHasher.create(request.salt, (text) => hash('sha256', text, 'hex'));
  const batches = risStageBatches(hashed.source, request, (id) => hasher.hash(id));
  const dictionary = new ValueDictionary();
  for (;;) {
    const next = await batches.next();
    if (next.done) {
      const sha256 = hashed.digest();
      if (sha256 === null) throw new Error(`${file.name} was not read to its end.`);
      const end: RisStageMessage = { type: 'end', ...next.value, sha256 };
      post(end);
      return;
    }
    await written(toucher);
    const newValues = dictionary.encode(next.value.chunks);
    post({ ...next.value, newValues });
  }
}

if (parentPort) {
  const port = parentPort;
  let ahead = 0;
  let resume: (() => void) | null = null;
  const written = async (toucher: HeadroomToucher) => {
    while (ahead >= MAX_BATCHES_AHEAD) {
      if (toucher.done) {
        await new Promise<void>((resolve) => (resume = resolve));
      } else {
        // Held back: touch pages a step at a time, looking for the engine's reply in between.
        toucher.touch(TOUCH_PER_STEP_BYTES);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    ahead++;
  };
  port.on('message', (message: unknown) => {
    if (message === 'written') {
      ahead--;
      resume?.();
      resume = null;
      return;
    }
    const post = (reply: WorkerReply) => port.postMessage(reply);
    convert(message as RisStageRequest, post, written).catch((error: unknown) => post({ type: 'error', error: serialiseError(error) }));
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}
