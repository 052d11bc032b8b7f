import type { ColumnMapping } from '../contract';
import { MappedColumns } from '../ingest/mappedColumns';
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

export type DateOrder = 'dmy' | 'mdy';

/** Date columns whose day/month order is inferred from the head of the file (DATA.md). */
const RIS_DATE_FIELDS = ['examDate', 'reportDate', 'requestDate'] as const;
const RIS_TIME_FIELDS = ['examTime', 'reportTime', 'requestTime'] as const;

export function inferDateOrders(mapping: ColumnMapping, sampleRows: Cell[][]): Record<string, DateOrder> {
  const orders: Record<string, DateOrder> = {};
  for (const field of RIS_DATE_FIELDS) {
    const column = mapping[field];
    orders[field] = column == null ? 'dmy' : inferDateOrder(sampleRows.map((r) => r[column] ?? null));
  }
  return orders;
}

/** Distinct values a RepeatCache keeps before starting afresh. */
const CACHE_ENTRIES = 8192;
/** Lookups after which a cache that hits less than half the time is switched off. */
const CACHE_TRIAL = 4096;

/**
 * Remembers a parser's answers for values that repeat (an extract's dates, times, modalities and patient sources
 * repeat thousands of times), and stops remembering where values rarely repeat (a date-time in one cell).
 * Only strings and numbers are remembered. Answers are shared between rows, so callers must not change them.
 */
class RepeatCache<K, V> {
  /** Null once the trial showed the values do not repeat. */
  private answers: Map<K, V> | null = new Map();
  private lookups = 0;
  private hits = 0;

  constructor(private readonly compute: (key: K) => V) {}

  get(key: K): V {
    const answers = this.answers;
    if (answers === null || (typeof key !== 'string' && typeof key !== 'number')) return this.compute(key);
    const known = answers.get(key);
    if (this.lookups < CACHE_TRIAL && ++this.lookups === CACHE_TRIAL && this.hits < CACHE_TRIAL / 2) this.answers = null;
    if (known !== undefined) {
      this.hits++;
      return known;
    }
    const answer = this.compute(key);
    if (this.answers !== null) {
      if (answers.size >= CACHE_ENTRIES) answers.clear();
      answers.set(key, answer);
    }
    return answer;
  }
}

/** Column indexes of the RIS fields, looked up once rather than per row. */
function columnsOf(mapping: ColumnMapping) {
  const at = (field: string): number | null => mapping[field] ?? null;
  return {
    accession: at('accession'),
    examCode: at('examCode'),
    examName: at('examName'),
    modality: at('modality'),
    examDate: at('examDate'),
    reporterGroup: at('reporterGroup'),
    reporterCode: at('reporterCode'),
    reporterName: at('reporterName'),
    patientId: at('patientId'),
    patientSource: at('patientSource'),
    site: at('site'),
    priority: at('priority'),
    provider: at('provider'),
  };
}

const SEP = '\u0001';

/**
 * Turns one RIS row into an ExamRecord, or into the reasons it cannot be one.
 * Patient identifiers are hashed here and the clear values go no further.
 */
export class RisRowConverter {
  private readonly dates = new Map<string, RepeatCache<Cell, ReturnType<typeof parseDate>>>();
  private readonly times = new Map<string, RepeatCache<Cell, ReturnType<typeof parseTime>>>();
  private readonly columns: ReturnType<typeof columnsOf>;
  /** Keyed by modality, examination code and name joined by SEP. */
  private readonly modalities = new RepeatCache((key: string) => {
    const [modality, examCode, examName] = key.split(SEP) as [string, string, string];
    return resolveModality({ modality, examCode, examName });
  });
  private readonly sources = new RepeatCache((text: string) => parsePatientSource(text || null));
  private readonly groups = new RepeatCache((text: string) => parseStaffGroup(text));

  private readonly fields: MappedColumns;

  constructor(
    private readonly file: string,
    private readonly mapping: ColumnMapping,
    headers: readonly string[],
    dateOrders: Record<string, DateOrder>,
    private readonly hashPatient: (id: string) => string,
  ) {
    this.fields = new MappedColumns(file, mapping, headers);
    for (const field of RIS_DATE_FIELDS) {
      const order = dateOrders[field] ?? 'dmy';
      this.dates.set(field, new RepeatCache((cell) => parseDate(cell, order)));
    }
    for (const field of RIS_TIME_FIELDS) this.times.set(field, new RepeatCache(parseTime));
    this.columns = columnsOf(mapping);
  }

  private text(row: Cell[], column: number | null): string {
    return column === null ? '' : cellText(row[column] ?? null);
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
    const parsed = this.dates.get(dateField)!.get(cell);
    if (parsed === null) return null;
    if ('error' in parsed) return this.fields.issue(rowNumber, dateField, cellText(cell), parsed.error);
    let time = parsed.time;
    const timeColumn = this.mapping[timeField];
    if (timeColumn != null) {
      const timeCell = row[timeColumn] ?? null;
      const parsedTime = this.times.get(timeField)!.get(timeCell);
      if (parsedTime !== null && typeof parsedTime === 'object') {
        return this.fields.issue(rowNumber, timeField, cellText(timeCell), parsedTime.error);
      }
      if (parsedTime !== null) time = parsedTime;
    }
    return combineDateTime(parsed.date, time ?? timeWhenMissing);
  }

  private issue(row: number, field: string, value: string, reason: string, severity: RowIssue['severity'] = 'error'): RowIssue {
    return { file: this.file, row, column: this.fields.columnName(field), value, reason, severity };
  }

  convert(row: Cell[], rowNumber: number): RowOutcome<ExamRecord> {
    const issues: RowIssue[] = [];
    const columns = this.columns;
    const accession = this.text(row, columns.accession);
    if (!accession) issues.push(this.fields.issue(rowNumber, 'accession', '', 'the accession number is empty'));

    const examAt = this.dateTime(row, rowNumber, 'examDate', 'examTime');
    if (examAt === null) issues.push(this.fields.issue(rowNumber, 'examDate', this.text(row, columns.examDate), 'the examination date is empty'));
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
        this.fields.issue(
          rowNumber,
          'reportDate',
          report,
          `the report (${report}) is dated before the examination (${examAt}); the row is kept but its turnaround is excluded`,
          'warning',
        ),
      );
    }

    const examCode = this.text(row, columns.examCode);
    const examName = this.text(row, columns.examName);
    const modalityText = this.text(row, columns.modality);
    const modality =
      modalityText.includes(SEP) || examCode.includes(SEP) || examName.includes(SEP)
        ? resolveModality({ modality: modalityText, examCode, examName })
        : this.modalities.get(modalityText + SEP + examCode + SEP + examName);
    if (modality.source === 'unknown') {
      issues.push(
        this.fields.issue(
          rowNumber,
          modalityText ? 'modality' : examCode ? 'examCode' : 'examName',
          modalityText || examCode || examName,
          'the modality could not be derived from the modality, examination code or name; counted as OT (other)',
          'warning',
        ),
      );
    }

    const groupText = this.text(row, columns.reporterGroup);
    const extractGroup = groupText ? this.groups.get(groupText) : null;
    const reporterCode = this.text(row, columns.reporterCode);
    const patientId = this.text(row, columns.patientId);
    const record: ExamRecord = {
      accession,
      examCode,
      examName: examName || null,
      modality: modality.modality,
      modalityUnknown: modality.source === 'unknown',
      site: this.text(row, columns.site) || null,
      patientSource: this.sources.get(this.text(row, columns.patientSource)),
      priority: this.text(row, columns.priority) || null,
      requestedAt: typeof requestedAt === 'string' ? requestedAt : null,
      examAt,
      reportedAt: report,
      reporterCode: reporterCode ? normaliseReporterCode(reporterCode) : null,
      reporterName: this.text(row, columns.reporterName) || null,
      extractGroup: extractGroup === 'unclassified' ? null : extractGroup,
      provider: this.text(row, columns.provider) || null,
      patientHash: patientId ? this.hashPatient(patientId) : null,
    };
    // A name column but no code column: the name is the only handle on the reporter.
    if (!record.reporterCode && record.reporterName && this.mapping['reporterCode'] == null) {
      record.reporterCode = normaliseReporterCode(record.reporterName);
    }
    return { record, issues };
  }
}
