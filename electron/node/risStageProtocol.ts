/** Messages between the engine and its RIS conversion worker (risStageWorker.ts). */
import { EXAM_REPEATING_COLUMNS, EXAM_VALUES_PER_ROW, type ExamValue, type RisStageMessage } from '../../shared/engine/risStage';
import { ImportError, type ImportErrorCode } from '../../shared/io/types';

/** Converted batches the worker may post before the engine has written them: bounds the memory they hold. */
export const MAX_BATCHES_AHEAD = 8;

export interface SerialisedError {
  message: string;
  /** Set for an ImportError, which crosses as one. */
  importError?: { code: ImportErrorCode; file: string; details: Record<string, unknown> };
}

/** The worker says it is ready once loaded; a batch crosses with its repeating values as codes into a dictionary both sides grow (see ValueDictionary). */
export type WorkerReply =
  | { type: 'ready' }
  | (RisStageMessage & { newValues?: string[] })
  | { type: 'error'; error: SerialisedError };

/**
 * Codes for the values that repeat (exam codes and names, modalities, sites, reporters): a batch then carries small
 * integers for them instead of thousands of copies of the same strings, which the engine's thread would
 * otherwise deserialise one by one and hash again in its summary lookups.
 */
export class ValueDictionary {
  private readonly codes = new Map<string, number>();
  private readonly values: string[] = [];

  /** Replaces repeating strings in the chunks with their codes (in place); returns the values first coded here. */
  encode(chunks: ExamValue[][]): string[] {
    const added: string[] = [];
    for (const chunk of chunks) {
      for (let row = 0; row < chunk.length; row += EXAM_VALUES_PER_ROW) {
        for (const column of EXAM_REPEATING_COLUMNS) {
          const value = chunk[row + column];
          if (typeof value !== 'string') continue;
          let code = this.codes.get(value);
          if (code === undefined) {
            code = this.codes.size;
            this.codes.set(value, code);
            added.push(value);
          }
          chunk[row + column] = code;
        }
      }
    }
    return added;
  }

  /** Puts the strings back (in place), after taking in the values the other side added. */
  decode(chunks: ExamValue[][], added: readonly string[]): void {
    for (const value of added) this.values.push(value);
    for (const chunk of chunks) {
      for (let row = 0; row < chunk.length; row += EXAM_VALUES_PER_ROW) {
        for (const column of EXAM_REPEATING_COLUMNS) {
          const code = chunk[row + column];
          if (typeof code === 'number') chunk[row + column] = this.values[code]!;
        }
      }
    }
  }
}

export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof ImportError) {
    return { message: error.message, importError: { code: error.code, file: error.file, details: error.details } };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

export function reviveError(error: SerialisedError): Error {
  const known = error.importError;
  return known ? new ImportError(known.code, known.file, error.message, known.details) : new Error(error.message);
}
