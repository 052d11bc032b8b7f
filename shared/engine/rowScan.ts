import type { Cell } from '../io/types';
import type { RowIssue } from '../model';
import { cellText } from '../ingest/values';
import type { RowOutcome } from './risRows';

export function isBlank(row: Cell[]): boolean {
  return row.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''));
}

/** A totals line at the foot of an extract: its first non-empty cell says "Total". */
export function isTotalRow(row: Cell[]): boolean {
  const first = row.find((cell) => cell !== null && cellText(cell) !== '');
  if (first === undefined) return false;
  const text = cellText(first);
  // Only 'grand', 'sub' or 'total' can start one: most rows are ruled out without the pattern.
  const initial = text.charCodeAt(0) | 0x20;
  return (initial === 0x67 || initial === 0x73 || initial === 0x74) && /^(grand\s+)?(sub\s*)?totals?\b/i.test(text);
}

/** What a scan of data rows has counted so far. */
export interface ScanCounts {
  /** Data rows: neither blank nor a totals row. */
  rowsRead: number;
  accepted: number;
  rejected: number;
  skippedBlank: number;
}

export const emptyCounts = (): ScanCounts => ({ rowsRead: 0, accepted: 0, rejected: 0, skippedBlank: 0 });

export interface ScanHandlers<T> {
  file: string;
  convert: (row: Cell[], rowNumber: number) => RowOutcome<T>;
  accept: (record: T, rowNumber: number) => void;
  issue: (issue: RowIssue) => void;
}

/**
 * Sorts each row from `startIndex` on: a blank row is skipped, a totals row is skipped with a warning, a row the
 * parser found broken is rejected with its problem, and every other row is converted and accepted or rejected.
 * `problems` are the parser's, by file row number.
 */
export function scanRows<T>(
  rows: Cell[][],
  firstRowNumber: number,
  startIndex: number,
  problems: readonly { row: number; message: string }[],
  counts: ScanCounts,
  handlers: ScanHandlers<T>,
): void {
  const problemsByRow = problems.length ? new Map(problems.map((p) => [p.row, p.message])) : null;
  for (let i = startIndex; i < rows.length; i++) {
    const row = rows[i]!;
    const rowNumber = firstRowNumber + i;
    if (isBlank(row)) {
      counts.skippedBlank++;
      continue;
    }
    if (isTotalRow(row)) {
      const value = cellText(row.find((c) => c !== null) ?? null);
      handlers.issue({ file: handlers.file, row: rowNumber, column: null, value, reason: 'a totals row; skipped', severity: 'warning' });
      continue;
    }
    counts.rowsRead++;
    const problem = problemsByRow?.get(rowNumber);
    if (problem) {
      counts.rejected++;
      handlers.issue({ file: handlers.file, row: rowNumber, column: null, value: null, reason: problem, severity: 'error' });
      continue;
    }
    const outcome = handlers.convert(row, rowNumber);
    for (const issue of outcome.issues) handlers.issue(issue);
    if (outcome.record) {
      counts.accepted++;
      handlers.accept(outcome.record, rowNumber);
    } else {
      counts.rejected++;
    }
  }
}
