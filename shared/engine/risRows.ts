import type { ColumnMapping } from '../contract';
import type { Cell } from '../io/types';
import type { ExamRecord, RowIssue } from '../model';
import { cellText, combineDateTime, inferDateOrder, parseDate, parseTime } from '../ingest/values';
import { resolveModality } from '../ingest/modality';
import { parsePatientSource, parseStaffGroup } from '../ingest/staffGroup';
import { normaliseReporterCode } from './staff';

export interface RowOutcome<T> {
  record: T | null;
  issues: RowIssue[];
}

type DateOrder = 'dmy' | 'mdy';

/** Date columns whose day/month order is inferred from the head of the file (DATA.md). */
const RIS_DATE_FIELDS = ['examDate', 'reportDate', 'requestDate'] as const;

export function inferDateOrders(mapping: ColumnMapping, sampleRows: Cell[][]): Record<string, DateOrder> {
  const orders: Record<string, DateOrder> = {};
  for (const field of RIS_DATE_FIELDS) {
    const column = mapping[field];
    orders[field] = column == null ? 'dmy' : inferDateOrder(sampleRows.map((r) => r[column] ?? null));
  }
  return orders;
}

/**
 * Turns one RIS row into an ExamRecord, or into the reasons it cannot be one.
 * Patient identifiers are hashed here and the clear values go no further.
 */
export class RisRowConverter {
  constructor(
    private readonly file: string,
    private readonly mapping: ColumnMapping,
    private readonly headers: readonly string[],
    private readonly dateOrders: Record<string, DateOrder>,
    private readonly hashPatient: (id: string) => string,
  ) {}

  private text(row: Cell[], field: string): string {
    const column = this.mapping[field];
    return column == null ? '' : cellText(row[column] ?? null);
  }

  private columnName(field: string): string {
    const column = this.mapping[field];
    return column == null ? field : (this.headers[column] ?? `column ${column + 1}`);
  }

  /** Reads a date (and optional separate time) pair; returns an ISO date-time, null when empty, or an issue. */
  private dateTime(
    row: Cell[],
    rowNumber: number,
    dateField: string,
    timeField: string,
    timeWhenMissing: string | null = null,
  ): string | null | RowIssue {
    const dateColumn = this.mapping[dateField];
    if (dateColumn == null) return null;
    const cell = row[dateColumn] ?? null;
    const parsed = parseDate(cell, this.dateOrders[dateField] ?? 'dmy');
    if (parsed === null) return null;
    if ('error' in parsed) return this.issue(rowNumber, dateField, cellText(cell), parsed.error);
    let time = parsed.time;
    const timeColumn = this.mapping[timeField];
    if (timeColumn != null) {
      const timeCell = row[timeColumn] ?? null;
      const parsedTime = parseTime(timeCell);
      if (parsedTime !== null && typeof parsedTime === 'object') {
        return this.issue(rowNumber, timeField, cellText(timeCell), parsedTime.error);
      }
      if (parsedTime !== null) time = parsedTime;
    }
    return combineDateTime(parsed.date, time ?? timeWhenMissing);
  }

  private issue(row: number, field: string, value: string, reason: string, severity: RowIssue['severity'] = 'error'): RowIssue {
    return { file: this.file, row, column: this.columnName(field), value, reason, severity };
  }

  convert(row: Cell[], rowNumber: number): RowOutcome<ExamRecord> {
    const issues: RowIssue[] = [];
    const accession = this.text(row, 'accession');
    if (!accession) issues.push(this.issue(rowNumber, 'accession', '', 'the accession number is empty'));

    const examAt = this.dateTime(row, rowNumber, 'examDate', 'examTime');
    if (examAt === null) issues.push(this.issue(rowNumber, 'examDate', this.text(row, 'examDate'), 'the examination date is empty'));
    else if (typeof examAt === 'object') issues.push(examAt);

    // A report date with no time beside a timed examination counts as issued at the end of its day: a same-day
    // report is then never negative, and the turnaround is an upper bound rather than a guess.
    const examTimed = typeof examAt === 'string' && !examAt.endsWith('T00:00');
    const reportedAt = this.dateTime(row, rowNumber, 'reportDate', 'reportTime', examTimed ? '23:59' : null);
    if (reportedAt !== null && typeof reportedAt === 'object') issues.push(reportedAt);
    const requestedAt = this.dateTime(row, rowNumber, 'requestDate', 'requestTime');
    if (requestedAt !== null && typeof requestedAt === 'object') issues.push(requestedAt);

    if (issues.length > 0 || typeof examAt !== 'string') return { record: null, issues };
    const report = typeof reportedAt === 'string' ? reportedAt : null;
    if (report !== null && report < examAt) {
      issues.push(
        this.issue(
          rowNumber,
          'reportDate',
          report,
          `the report (${report}) is dated before the examination (${examAt}); the row is kept but its turnaround is excluded`,
          'warning',
        ),
      );
    }

    const examCode = this.text(row, 'examCode');
    const examName = this.text(row, 'examName');
    const modalityText = this.text(row, 'modality');
    const modality = resolveModality({ modality: modalityText, examCode, examName });
    if (modality.source === 'unknown') {
      issues.push(
        this.issue(
          rowNumber,
          modalityText ? 'modality' : examCode ? 'examCode' : 'examName',
          modalityText || examCode || examName,
          'the modality could not be derived from the modality, examination code or name; counted as OT (other)',
          'warning',
        ),
      );
    }

    const groupText = this.text(row, 'reporterGroup');
    const extractGroup = groupText ? parseStaffGroup(groupText) : null;
    const reporterCode = this.text(row, 'reporterCode');
    const patientId = this.text(row, 'patientId');
    const record: ExamRecord = {
      accession,
      examCode,
      examName: examName || null,
      modality: modality.modality,
      modalityUnknown: modality.source === 'unknown',
      site: this.text(row, 'site') || null,
      patientSource: parsePatientSource(this.text(row, 'patientSource') || null),
      priority: this.text(row, 'priority') || null,
      requestedAt: typeof requestedAt === 'string' ? requestedAt : null,
      examAt,
      reportedAt: report,
      reporterCode: reporterCode ? normaliseReporterCode(reporterCode) : null,
      reporterName: this.text(row, 'reporterName') || null,
      extractGroup: extractGroup === 'unclassified' ? null : extractGroup,
      provider: this.text(row, 'provider') || null,
      patientHash: patientId ? this.hashPatient(patientId) : null,
    };
    // A name column but no code column: the name is the only handle on the reporter.
    if (!record.reporterCode && record.reporterName && this.mapping['reporterCode'] == null) {
      record.reporterCode = normaliseReporterCode(record.reporterName);
    }
    return { record, issues };
  }
}
