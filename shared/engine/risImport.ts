/**
 * The RIS half of an import: examinations converted (here or on a host's worker thread) and written in file order,
 * with their contribution to the summaries.
 */
import type { Database, Statement } from 'sql.js';
import type { SourceRef } from '../contract';
import type { ByteSource, ImportError, TableReader } from '../io/types';
import type { ExamRecord, RowIssue } from '../model';
import { EXAM_COLUMN_NAMES } from '../db/schema';
import { isWorkbookName } from '../io/openTable';
import { PatientHasher } from './patientHash';
import type { Head, ImportTarget, RunOptions } from './importer';
import type { ScanCounts } from './rowScan';
import {
  EXAM_VALUES_PER_ROW,
  EXAMS_PER_CHUNK,
  RisStage,
  pushExamValues,
  summaryInputAt,
  type ExamValue,
  type RisStageMessage,
  type RisStagePlan,
  type RisStageRequest,
} from './risStage';
import { SummaryAccumulator, type SummaryInput } from './summaries';

/**
 * A host's way to convert a large RIS file on another thread while this one writes: a worker opens the file
 * again, runs a RisStage over it and hands back its batches in order. Only CSV files from a path qualify
 * (a workbook would be parsed twice).
 */
export interface OffThreadRis {
  /** Smaller files convert faster here than a worker starts. */
  minBytes: number;
  /** Resolves once the worker runs, with its batches to come; rejects if it cannot start (the engine then converts). */
  start(request: RisStageRequest, signal: AbortSignal): Promise<AsyncIterable<RisStageMessage>>;
  /** A large RIS import is on its way: start a worker now, so that it is ready when start() is called. */
  prepare?(): void;
}

/** A file the host's worker could open again (from a path) and large enough to be worth it, whatever its format. */
function largeFromPath(offThread: OffThreadRis | undefined, source: ByteSource, ref: SourceRef | undefined): offThread is OffThreadRis {
  return !!offThread && ref?.kind === 'path' && source.size >= offThread.minBytes;
}

/** Whether a file could go to the host's conversion worker, judged by its name before it is read. */
export function mayConvertOffThread(offThread: OffThreadRis | undefined, source: ByteSource, ref: SourceRef | undefined): boolean {
  return largeFromPath(offThread, source, ref) && !isWorkbookName(source.name);
}

/** The worker's batches; the headroom warming stops at the first of them, or when they stop. */
async function* stoppingAtFirst(batches: AsyncIterable<RisStageMessage>, stop: () => void): AsyncGenerator<RisStageMessage> {
  try {
    for await (const message of batches) {
      stop();
      yield message;
    }
  } finally {
    stop();
  }
}

/** The upsert for `rows` examinations; the batch id is written into the SQL, so a row binds one value fewer. */
const examUpsertSql = (rows: number, batchId: number) => {
  const tuple = `(${EXAM_COLUMN_NAMES.split(',').map((name) => (name.trim() === 'batch_id' ? String(batchId) : '?')).join(', ')})`;
  return `INSERT INTO exam (${EXAM_COLUMN_NAMES}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}
  ON CONFLICT (accession, exam_code) DO UPDATE SET
    exam_name = excluded.exam_name, modality = excluded.modality, modality_unknown = excluded.modality_unknown,
    site = excluded.site, patient_source = excluded.patient_source, priority = excluded.priority,
    requested_at = excluded.requested_at, exam_at = excluded.exam_at, reported_at = excluded.reported_at,
    reporter_code = excluded.reporter_code, reporter_name = excluded.reporter_name,
    extract_group = excluded.extract_group, provider = excluded.provider, patient_hash = excluded.patient_hash,
    batch_id = excluded.batch_id, src_row = excluded.src_row`;
};

/** Rows per multi-row upsert: a third fewer calls into sql.js per row than one row at a time. */
const EXAM_ROWS_PER_STATEMENT = EXAMS_PER_CHUNK;

/**
 * Upserts examinations for one batch, several rows per statement, and adds each to the summaries.
 * Rows go to SQLite in file order, so a key repeated in the file still updates its earlier row.
 * Call finish() before reading the table, and free() in any case.
 */
export class ExamWriter {
  private readonly many: Statement;
  private readonly one: Statement;
  private pending: ExamValue[] = [];
  private readonly summaryInput = {} as SummaryInput;

  constructor(
    db: Database,
    batchId: number,
    private readonly accumulator: SummaryAccumulator,
  ) {
    this.one = db.prepare(examUpsertSql(1, batchId));
    this.many = db.prepare(examUpsertSql(EXAM_ROWS_PER_STATEMENT, batchId));
  }

  write(r: ExamRecord, sourceRow: number | null): void {
    pushExamValues(this.pending, r, sourceRow);
    this.accumulator.add(r, 1);
    if (this.pending.length === EXAM_ROWS_PER_STATEMENT * EXAM_VALUES_PER_ROW) {
      this.many.run(this.pending);
      this.pending = [];
    }
  }

  /** Writes a RisStage's chunks: a full one is one statement as it stands, a partial one waits for more rows. */
  writeChunks(chunks: readonly ExamValue[][]): void {
    const full = EXAM_ROWS_PER_STATEMENT * EXAM_VALUES_PER_ROW;
    for (const chunk of chunks) {
      for (let at = 0; at < chunk.length; at += EXAM_VALUES_PER_ROW) {
        this.accumulator.add(summaryInputAt(chunk, at, this.summaryInput), 1);
      }
      if (chunk.length === full && this.pending.length === 0) {
        this.many.run(chunk);
        continue;
      }
      for (const value of chunk) {
        this.pending.push(value);
        if (this.pending.length === full) {
          this.many.run(this.pending);
          this.pending = [];
        }
      }
    }
  }

  /** Writes the rows still buffered. */
  finish(): void {
    for (let at = 0; at < this.pending.length; at += EXAM_VALUES_PER_ROW) {
      this.one.run(this.pending.slice(at, at + EXAM_VALUES_PER_ROW));
    }
    this.pending = [];
  }

  free(): void {
    this.one.free();
    this.many.free();
  }
}

export interface RisRowsWritten {
  counts: ScanCounts;
  /** What the new examinations add to the summaries, not yet written. */
  accumulator: SummaryAccumulator;
  /** The file's SHA-256 when the off-thread conversion read it (else the engine's own read yields it). */
  sha256: string | null;
}

export interface RisRowsInput {
  db: Database;
  batchId: number;
  target: ImportTarget;
  options: RunOptions;
  reader: TableReader;
  head: Head;
  firstDataIndex: number;
  plan: RisStagePlan;
}

export interface RisRowsEvents {
  issue: (issue: RowIssue) => void;
  progress: (bytesRead: number, counts: ScanCounts) => void;
  cancelled: () => ImportError;
}

/** The host's conversion worker for this file, if it qualifies and the worker starts. */
async function startOffThread(input: RisRowsInput): Promise<AsyncIterable<RisStageMessage> | null> {
  const { options, head } = input;
  const offThread = options.offThread;
  const ref = options.sourceRef;
  if (!largeFromPath(offThread, options.source, ref) || ref?.kind !== 'path' || input.reader.info.format !== 'csv' || head.done) {
    return null;
  }
  const request: RisStageRequest = {
    source: ref,
    sheet: options.sheet,
    plan: input.plan,
    salt: input.target.salt,
    firstDataIndex: input.firstDataIndex,
    headroom: options.headroom?.shared() ?? undefined,
  };
  // Until the worker's first rows arrive this thread only waits: it touches the pages SQLite will write first.
  // (Later the worker touches them, in shared memory, whenever it waits for this thread.)
  const stopWarming = options.headroom?.start() ?? (() => {});
  try {
    return stoppingAtFirst(await offThread.start(request, options.signal), stopWarming);
  } catch {
    stopWarming();
    // No worker (a broken install, a host without threads): converting here gives the same result, only later.
    return null;
  }
}

/**
 * Converts and writes every RIS row: on another thread when the host offers one and the file is a large CSV
 * (this thread then only writes), else here, going on from the rows already read.
 */
export async function writeRisRows(input: RisRowsInput, events: RisRowsEvents): Promise<RisRowsWritten> {
  const { options, head } = input;
  const accumulator = new SummaryAccumulator();
  const writer = new ExamWriter(input.db, input.batchId, accumulator);
  try {
    const remote = await startOffThread(input);
    if (remote) {
      // The worker reads the file from the top; stop reading it here.
      await head.rest.return?.();
      for await (const message of remote) {
        if (options.signal.aborted) throw events.cancelled();
        if (message.type === 'end') {
          writer.finish();
          return { counts: message.counts, accumulator, sha256: message.sha256 };
        }
        for (const issue of message.issues) events.issue(issue);
        writer.writeChunks(message.chunks);
        events.progress(message.bytesRead, message.counts);
      }
      if (options.signal.aborted) throw events.cancelled();
      throw new Error(`The conversion of ${input.plan.file} stopped before the end of the file.`);
    }

    const hasher = await PatientHasher.create(input.target.salt, input.target.sha256Hex);
    const stage = new RisStage(input.plan, (id) => hasher.hash(id));
    const write = (bytesRead: number) => {
      const { chunks, issues } = stage.drain();
      for (const issue of issues) events.issue(issue);
      writer.writeChunks(chunks);
      events.progress(bytesRead, stage.counts);
    };
    stage.take(head.rows, head.firstRowNumber, input.firstDataIndex, head.problems);
    write(head.bytesRead);
    while (!head.done) {
      if (options.signal.aborted) throw events.cancelled();
      const next = await head.rest.next();
      if (next.done) break;
      stage.take(next.value.rows, next.value.firstRowNumber, 0, next.value.problems);
      write(next.value.bytesRead);
    }
    if (options.signal.aborted) throw events.cancelled();
    writer.finish();
    return { counts: stage.counts, accumulator, sha256: null };
  } finally {
    writer.free();
  }
}
