/**
 * Importing a provider statement: one row → one billed line, or the reasons it cannot be one; the lines are
 * written to statement_line, then each is given its statement month.
 *
 * The statement month: the statement's own period column when it has one; otherwise the month most of the
 * file's lines were reported in. Lines reported in a month that holds under a tenth of the file's lines (a late
 * report of the month before) belong to that main month; a month holding more stands on its own, so a file
 * covering a quarter gives three statement months.
 */
import type { Database, Statement } from 'sql.js';
import { MappedColumns } from '../ingest/mappedColumns';
import type { ColumnMapping } from '../contract';
import type { Cell } from '../io/types';
import type { RowIssue } from '../model';
import type { RowOutcome } from '../engine/risRows';
import { cellText, columnDateOrder, isParseError, parseDate, parseMoneyPence, type DateOrder } from '../ingest/values';
import { resolveModality } from '../ingest/modality';
import { parseLedgerPeriod } from '../finance/periods';
import type { ProviderIndex } from '../finance/providers';
import { queryRows } from '../db/connection';
import { LineProviders } from './providerNames';
import { normaliseExamCode } from './tariffBook';
import { monthName, pounds } from './text';

export interface StatementRecord {
  provider: string;
  providerRaw: string | null;
  /** The month from the statement's period column; null when it has none (decided after the import). */
  periodMonth: string | null;
  accession: string;
  examCode: string;
  examName: string | null;
  modality: string | null;
  priority: string | null;
  reportedOn: string;
  unitPricePence: number;
  amountPence: number;
  reference: string | null;
}

/** A month below this share of a file's lines joins the file's main month. */
export const MINOR_MONTH_SHARE = 0.1;

const INSERT_SQL = `INSERT INTO statement_line (batch_id, src_row, provider, provider_raw, month, month_from_period, accession,
  exam_code, exam_name, modality, priority, reported_on, unit_price_pence, amount_pence, reference)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Converts and writes the rows of one statement file; the importer drives it row by row. */
export class StatementSink {
  private readonly dateOrder: DateOrder;
  private readonly periodOrder: DateOrder;
  private readonly insert: Statement;
  private readonly lineProviders: LineProviders;
  written = 0;

  private readonly fields: MappedColumns;

  constructor(
    db: Database,
    private readonly batchId: number,
    file: string,
    private readonly mapping: ColumnMapping,
    headers: readonly string[],
    sampleRows: Cell[][],
    providers: ProviderIndex,
    /** The provider the file name or title names, for lines without a provider of their own. */
    fileProvider: string | null,
  ) {
    this.fields = new MappedColumns(file, mapping, headers);
    this.lineProviders = new LineProviders(providers, fileProvider, this.fields, mapping['provider'] != null);
    this.dateOrder = columnDateOrder(sampleRows, mapping['reportDate']);
    this.periodOrder = columnDateOrder(sampleRows, mapping['period']);
    this.insert = db.prepare(INSERT_SQL);
  }

  private money(row: Cell[], rowNumber: number, field: string, issues: RowIssue[]): number | null {
    const cell = this.fields.cell(row, field);
    const pence = parseMoneyPence(cell);
    if (pence !== null && isParseError(pence)) {
      issues.push(this.fields.issue(rowNumber, field, cellText(cell), pence.error));
      return null;
    }
    return pence;
  }

  convert(row: Cell[], rowNumber: number): RowOutcome<StatementRecord> {
    const issues: RowIssue[] = [];
    const accession = this.fields.text(row, 'accession');
    if (!accession) issues.push(this.fields.issue(rowNumber, 'accession', '', 'the accession number is empty'));

    const providerRaw = this.fields.text(row, 'provider') || null;
    const provider = this.lineProviders.read(providerRaw ?? '', rowNumber, issues);

    const dateCell = this.fields.cell(row, 'reportDate');
    const date = parseDate(dateCell, this.dateOrder);
    let reportedOn: string | null = null;
    if (date === null) issues.push(this.fields.issue(rowNumber, 'reportDate', '', 'the date reported is empty'));
    else if (isParseError(date)) issues.push(this.fields.issue(rowNumber, 'reportDate', cellText(dateCell), date.error));
    else reportedOn = date.date;

    let periodMonth: string | null = null;
    if (this.mapping['period'] != null) {
      // The date reported settles a period that names no year ("Oct", "M07").
      const period = parseLedgerPeriod({ period: this.fields.cell(row, 'period'), transactionDate: dateCell }, this.periodOrder);
      if (period !== null && 'error' in period) {
        const field = period.field === 'period' ? 'period' : 'reportDate';
        issues.push(this.fields.issue(rowNumber, field, cellText(this.fields.cell(row, field)), period.error));
      } else if (period !== null) periodMonth = period.month;
    }

    const issuesBeforeMoney = issues.length;
    const unit = this.money(row, rowNumber, 'unitPrice', issues);
    const amount = this.money(row, rowNumber, 'amount', issues);
    const unitGiven = this.mapping['unitPrice'] != null;
    const amountGiven = this.mapping['amount'] != null;
    if (unit === null && amount === null && issues.length === issuesBeforeMoney) {
      issues.push(this.fields.issue(rowNumber, amountGiven ? 'amount' : 'unitPrice', '', unitGiven && amountGiven ? 'the line amount and unit price are both empty' : 'the amount is empty'));
    }

    if (issues.some((i) => i.severity === 'error') || !provider || !reportedOn || (unit === null && amount === null)) return { record: null, issues };

    const unitPricePence = unit ?? amount!;
    const amountPence = amount ?? unit!;
    if (unit !== null && amount !== null && unit !== amount) {
      issues.push(
        this.fields.issue(rowNumber, 'amount', cellText(this.fields.cell(row, 'amount')), `the line amount (${pounds(amount)}) is not the unit price (${pounds(unit)}); the amount is what is billed`, 'warning'),
      );
    }

    const examCode = normaliseExamCode(this.fields.text(row, 'examCode')) ?? '';
    const examName = this.fields.text(row, 'examName') || null;
    const modalityText = this.fields.text(row, 'modality');
    const resolved = resolveModality({ modality: modalityText, examCode, examName });
    const modality = resolved.source === 'unknown' ? null : resolved.modality;
    if (modality === null && (modalityText || examCode || examName)) {
      issues.push(
        this.fields.issue(
          rowNumber,
          modalityText ? 'modality' : examCode ? 'examCode' : 'examName',
          modalityText || examCode || examName || '',
          'the modality could not be derived; the line is matched on its accession number alone',
          'warning',
        ),
      );
    }

    return {
      record: {
        provider,
        providerRaw,
        periodMonth,
        accession,
        examCode,
        examName,
        modality,
        priority: this.fields.text(row, 'priority') || null,
        reportedOn,
        unitPricePence,
        amountPence,
        reference: this.fields.text(row, 'reference') || null,
      },
      issues,
    };
  }

  write(r: StatementRecord, rowNumber: number): void {
    this.insert.run([
      this.batchId, rowNumber, r.provider, r.providerRaw, r.periodMonth ?? r.reportedOn.slice(0, 7), r.periodMonth ? 1 : 0,
      r.accession, r.examCode, r.examName, r.modality, r.priority, r.reportedOn, r.unitPricePence, r.amountPence, r.reference,
    ]);
    this.written++;
  }

  finish(): void {
    // Nothing is buffered.
  }

  free(): void {
    this.insert.free();
  }
}

/**
 * After the rows are written: gives lines without a period their statement month (see the file comment), and
 * warns where the provider already has a statement for the same month. Returns the warnings.
 */
export function settleStatementBatch(db: Database, batchId: number, file: string): RowIssue[] {
  const issues: RowIssue[] = [];
  const months = queryRows<{ month: string; n: number; first: number | null }>(
    db,
    `SELECT month, count(*) AS n, min(src_row) AS first FROM statement_line WHERE batch_id = ? AND month_from_period = 0
     GROUP BY month ORDER BY n DESC, month`,
    [batchId],
  );
  const total = months.reduce((sum, m) => sum + m.n, 0);
  const main = months[0];
  if (main) {
    for (const m of months.slice(1)) {
      if (m.n >= total * MINOR_MONTH_SHARE) continue;
      db.run('UPDATE statement_line SET month = ? WHERE batch_id = ? AND month_from_period = 0 AND month = ?', [main.month, batchId, m.month]);
      issues.push({
        file,
        row: m.first ?? 0,
        column: null,
        value: null,
        reason: `${m.n} line${m.n === 1 ? '' : 's'} reported in ${monthName(m.month)} ${m.n === 1 ? 'is' : 'are'} taken as part of the ${monthName(main.month)} statement, the month most lines were reported in`,
        severity: 'warning',
      });
    }
  }
  const earlier = queryRows<{ provider: string; month: string; batch: number; file: string; first: number | null }>(
    db,
    `WITH mine AS (SELECT provider, month, min(src_row) AS first FROM statement_line WHERE batch_id = ? GROUP BY provider, month)
     SELECT DISTINCT m.provider, m.month, o.batch_id AS batch, b.file, m.first
     FROM mine m JOIN statement_line o ON o.provider = m.provider AND o.month = m.month AND o.batch_id <> ?
     JOIN import_batch b ON b.id = o.batch_id
     ORDER BY m.provider, m.month, o.batch_id`,
    [batchId, batchId],
  );
  for (const e of earlier) {
    issues.push({
      file,
      row: e.first ?? 0,
      column: null,
      value: null,
      reason:
        `${e.provider} already has a statement for ${monthName(e.month)} (${e.file}, import batch ${e.batch}): ` +
        `an examination billed on both counts as billed twice. Undo batch ${e.batch} first if this statement replaces it.`,
      severity: 'warning',
    });
  }
  return issues;
}
