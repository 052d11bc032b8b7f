/**
 * The CPU-heavy half of a RIS import: rows in, examinations out as the values the exam upsert binds, with the
 * rows' issues. It never touches the database, so a host may run it on another thread (a Node worker) while the
 * engine's thread writes what it hands back and adds it to the summaries.
 */
import type { ColumnMapping, SourceRef } from '../contract';
import type { SharedHeadroom } from '../db/pageTouch';
import type { ByteSource, Cell } from '../io/types';
import type { ExamRecord, RowIssue } from '../model';
import { openTable } from '../io/openTable';
import { RisRowConverter, type DateOrder } from './risRows';
import { emptyCounts, scanRows, type ScanCounts } from './rowScan';
import type { SummaryInput } from './summaries';

/** What the engine decided from the head of the file, which the conversion needs. */
export interface RisStagePlan {
  file: string;
  mapping: ColumnMapping;
  headers: string[];
  dateOrders: Record<string, DateOrder>;
}

/** A value bound into the exam upsert. */
export type ExamValue = string | number | null;

/** Values per examination, in EXAM_COLUMN_NAMES order without batch_id: the record's 16 and its source row. */
export const EXAM_VALUES_PER_ROW = 17;

/** Appends an examination's values in EXAM_COLUMN_NAMES order (batch_id left out: the upsert writes it). */
export function pushExamValues(values: ExamValue[], r: ExamRecord, sourceRow: number | null): void {
  values.push(
    r.accession, r.examCode, r.examName, r.modality, r.modalityUnknown ? 1 : 0, r.site, r.patientSource, r.priority,
    r.requestedAt, r.examAt, r.reportedAt, r.reporterCode, r.reporterName, r.extractGroup, r.provider, r.patientHash,
    sourceRow,
  );
}

/** Where each summary input sits among an examination's values (see pushExamValues). */
const AT = { modality: 3, modalityUnknown: 4, site: 5, patientSource: 6, examAt: 9, reportedAt: 10, reporterCode: 11, reporterName: 12, extractGroup: 13, provider: 14 };

/** Columns among an examination's values that repeat from row to row (codes, names, groups), for a host to dictionary-code in transit. */
export const EXAM_REPEATING_COLUMNS: readonly number[] = [1, 2, 3, 5, 6, 7, 11, 12, 13, 14];

/** Reads the summary inputs of the examination whose values start at `at` into `into`, reused so that nothing is allocated. */
export function summaryInputAt(values: readonly ExamValue[], at: number, into: SummaryInput): SummaryInput {
  into.examAt = values[at + AT.examAt] as string;
  into.reportedAt = values[at + AT.reportedAt] as string | null;
  into.site = values[at + AT.site] as string | null;
  into.modality = values[at + AT.modality] as string;
  into.modalityUnknown = values[at + AT.modalityUnknown] === 1;
  into.patientSource = values[at + AT.patientSource] as string | null;
  into.reporterCode = values[at + AT.reporterCode] as string | null;
  into.extractGroup = values[at + AT.extractGroup] as string | null;
  into.provider = values[at + AT.provider] as string | null;
  into.reporterName = values[at + AT.reporterName] as string | null;
  return into;
}

/**
 * Examinations per chunk of values: the rows of one multi-row upsert. Small arrays also keep V8 from growing one
 * large array a batch (every growth past about 128 KB is a fresh large-object allocation).
 */
export const EXAMS_PER_CHUNK = 32;

/** Converted rows since the last drain. */
export interface RisStageOutput {
  /** EXAMS_PER_CHUNK examinations' values per chunk, in file order; only the last may hold fewer. */
  chunks: ExamValue[][];
  issues: RowIssue[];
}

/** Converts rows to exam values, collecting their issues. */
export class RisStage {
  readonly counts: ScanCounts = emptyCounts();
  private readonly converter: RisRowConverter;
  private output: RisStageOutput = { chunks: [], issues: [] };
  private chunk: ExamValue[] = [];

  constructor(
    private readonly plan: RisStagePlan,
    hashPatient: (id: string) => string,
  ) {
    this.converter = new RisRowConverter(plan.file, plan.mapping, plan.headers, plan.dateOrders, hashPatient);
  }

  take(rows: Cell[][], firstRowNumber: number, startIndex: number, problems: readonly { row: number; message: string }[]): void {
    const { issues } = this.output;
    scanRows(rows, firstRowNumber, startIndex, problems, this.counts, {
      file: this.plan.file,
      convert: (row, n) => this.converter.convert(row, n),
      accept: (record, n) => {
        pushExamValues(this.chunk, record, n);
        if (this.chunk.length === EXAMS_PER_CHUNK * EXAM_VALUES_PER_ROW) {
          this.output.chunks.push(this.chunk);
          this.chunk = [];
        }
      },
      issue: (issue) => issues.push(issue),
    });
  }

  /** What was converted since the last call, handed over (the stage starts a fresh output). */
  drain(): RisStageOutput {
    const output = this.output;
    if (this.chunk.length > 0) output.chunks.push(this.chunk);
    this.chunk = [];
    this.output = { chunks: [], issues: [] };
    return output;
  }
}

/** What the engine asks of a host that converts a RIS file off its thread. */
export interface RisStageRequest {
  source: SourceRef;
  sheet: string | null;
  plan: RisStagePlan;
  /** The database's patient salt. */
  salt: string;
  /** Rows (0-based, counted from the top of the file) before the first data row. */
  firstDataIndex: number;
  /** The database's fresh headroom, whose pages the host's thread may touch ahead of SQLite (see pageTouch.ts). */
  headroom?: SharedHeadroom;
}

/** What the host hands back, in order: batches, then one end. */
export type RisStageMessage =
  | ({ type: 'batch'; counts: ScanCounts; bytesRead: number } & RisStageOutput)
  | { type: 'end'; counts: ScanCounts; sha256: string };

/**
 * Reads a whole file through a RisStage, yielding what it converts one parser batch at a time, and returns the
 * final counts. The rows before `firstDataIndex` (titles, the header) are skipped.
 */
export async function* risStageBatches(
  source: ByteSource,
  request: Omit<RisStageRequest, 'source' | 'salt'>,
  hashPatient: (id: string) => string,
  signal?: AbortSignal,
): AsyncGenerator<Extract<RisStageMessage, { type: 'batch' }>, { counts: ScanCounts }> {
  const stage = new RisStage(request.plan, hashPatient);
  const reader = await openTable(source, { sheet: request.sheet, signal });
  let rowIndex = 0;
  for await (const batch of reader.batches()) {
    const start = Math.max(0, Math.min(batch.rows.length, request.firstDataIndex - rowIndex));
    rowIndex += batch.rows.length;
    stage.take(batch.rows, batch.firstRowNumber, start, batch.problems);
    yield { type: 'batch', counts: { ...stage.counts }, bytesRead: batch.bytesRead, ...stage.drain() };
  }
  return { counts: { ...stage.counts } };
}
