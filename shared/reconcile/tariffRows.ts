/**
 * Importing a tariff: one row → one price, checked against the prices already held and the rows above it
 * (tariffBook.ts says when periods overlap). A row with the key and start of a price already held re-prices it
 * (the replaced version is kept, so undoing the import restores it); an overlapping period is rejected.
 */
import type { Database, Statement } from 'sql.js';
import type { ColumnMapping } from '../contract';
import type { Cell } from '../io/types';
import type { RowIssue } from '../model';
import type { RowOutcome } from '../engine/risRows';
import { MappedColumns } from '../ingest/mappedColumns';
import { cellText, columnDateOrder, isParseError, parseDate, parseMoneyPence, type DateOrder } from '../ingest/values';
import { resolveModality } from '../ingest/modality';
import type { ProviderIndex } from '../finance/providers';
import { queryValue } from '../db/connection';
import type { TariffRow } from './api';
import { LineProviders, canonicalProvider } from './providerNames';
import { normaliseExamCode, tariffConflict } from './tariffBook';
import { describePeriod, describeTariffKey, loadTariffs, MAX_UNIT_PRICE_PENCE, overlapMessage } from './tariffStore';
import { pounds } from './text';

export interface TariffRecord extends Omit<TariffRow, 'id' | 'batchId'> {
  /** The id of the price this row re-prices (same key and start), or null for a new price. */
  replaces: number | null;
}

export class TariffSink {
  private readonly fromOrder: DateOrder;
  private readonly toOrder: DateOrder;
  private readonly held: TariffRow[];
  private readonly rowOf = new Map<number, number>();
  private readonly insert: Statement;
  private readonly update: Statement;
  private readonly lineProviders: LineProviders;
  inserted = 0;
  updated = 0;

  private readonly fields: MappedColumns;

  constructor(
    private readonly db: Database,
    private readonly batchId: number,
    file: string,
    private readonly mapping: ColumnMapping,
    headers: readonly string[],
    sampleRows: Cell[][],
    private readonly providers: ProviderIndex,
    fileProvider: string | null,
  ) {
    this.fields = new MappedColumns(file, mapping, headers);
    this.lineProviders = new LineProviders(providers, fileProvider, this.fields, mapping['provider'] != null);
    this.fromOrder = columnDateOrder(sampleRows, mapping['effectiveFrom']);
    this.toOrder = columnDateOrder(sampleRows, mapping['effectiveTo']);
    this.held = loadTariffs(db);
    this.insert = db.prepare(
      `INSERT INTO tariff (provider, modality, priority, exam_code, unit_price_pence, effective_from, effective_to, batch_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.update = db.prepare(
      `UPDATE tariff SET provider = ?, modality = ?, priority = ?, exam_code = ?, unit_price_pence = ?, effective_from = ?,
         effective_to = ?, batch_id = ? WHERE id = ?`,
    );
  }

  private date(row: Cell[], rowNumber: number, field: string, order: DateOrder, issues: RowIssue[]): string | null {
    const cell = this.fields.cell(row, field);
    const parsed = parseDate(cell, order);
    if (parsed === null) return null;
    if (isParseError(parsed)) {
      issues.push(this.fields.issue(rowNumber, field, cellText(cell), parsed.error));
      return null;
    }
    return parsed.date;
  }

  convert(row: Cell[], rowNumber: number): RowOutcome<TariffRecord> {
    const issues: RowIssue[] = [];
    const provider = this.lineProviders.read(this.fields.text(row, 'provider'), rowNumber, issues);

    const examCode = normaliseExamCode(this.fields.text(row, 'examCode'));
    const modalityText = this.fields.text(row, 'modality');
    const resolved = resolveModality({ modality: modalityText, examCode, examName: this.fields.text(row, 'examName') });
    if (resolved.source === 'unknown') {
      issues.push(
        this.fields.issue(
          rowNumber,
          modalityText || !examCode ? 'modality' : 'examCode',
          modalityText || examCode || '',
          modalityText ? `"${modalityText}" is not a modality RadBench knows` : 'the modality is empty and cannot be derived from the examination code',
        ),
      );
    }

    const priceCell = this.fields.cell(row, 'unitPrice');
    const price = parseMoneyPence(priceCell);
    if (price === null) issues.push(this.fields.issue(rowNumber, 'unitPrice', '', 'the unit price is empty'));
    else if (isParseError(price)) issues.push(this.fields.issue(rowNumber, 'unitPrice', cellText(priceCell), price.error));
    else if (price < 0) issues.push(this.fields.issue(rowNumber, 'unitPrice', cellText(priceCell), 'a unit price cannot be negative'));
    else if (price > MAX_UNIT_PRICE_PENCE) issues.push(this.fields.issue(rowNumber, 'unitPrice', cellText(priceCell), `a unit price over ${pounds(MAX_UNIT_PRICE_PENCE)} is taken for a typing error`));

    const issuesBeforeFrom = issues.length;
    const effectiveFrom = this.date(row, rowNumber, 'effectiveFrom', this.fromOrder, issues);
    if (effectiveFrom === null && issues.length === issuesBeforeFrom) {
      issues.push(this.fields.issue(rowNumber, 'effectiveFrom', '', 'the effective-from date is empty'));
    }
    const effectiveTo = this.date(row, rowNumber, 'effectiveTo', this.toOrder, issues);
    if (effectiveFrom !== null && effectiveTo !== null && effectiveTo < effectiveFrom) {
      issues.push(this.fields.issue(rowNumber, 'effectiveTo', cellText(this.fields.cell(row, 'effectiveTo')), 'the effective-to date is before the effective-from date'));
    }

    if (issues.some((i) => i.severity === 'error') || !provider || effectiveFrom === null || price === null || isParseError(price)) {
      return { record: null, issues };
    }
    const candidate = {
      provider,
      modality: resolved.modality,
      priority: this.fields.text(row, 'priority') || null,
      examCode,
      unitPricePence: price,
      effectiveFrom,
      effectiveTo,
    };
    const conflict = tariffConflict(candidate, this.held, (name) => canonicalProvider(this.providers, name));
    let replaces: number | null = null;
    if (conflict?.kind === 'overlap') {
      const fromThisFile = this.rowOf.get(conflict.row.id);
      issues.push(
        this.fields.issue(rowNumber, 'effectiveFrom', describePeriod(candidate), overlapMessage(conflict.row, fromThisFile ? `row ${fromThisFile} of this file` : 'a price already held')),
      );
      return { record: null, issues };
    }
    if (conflict) {
      replaces = conflict.row.id;
      const fromThisFile = this.rowOf.get(conflict.row.id);
      const changed = conflict.row.unitPricePence !== price || conflict.row.effectiveTo !== effectiveTo;
      if (fromThisFile) {
        issues.push(this.fields.issue(rowNumber, 'effectiveFrom', describePeriod(candidate), `repeats the price at row ${fromThisFile} (${describeTariffKey(candidate)}); the later row is kept`, 'warning'));
      } else if (changed) {
        issues.push(
          this.fields.issue(rowNumber, 'unitPrice', pounds(price), `re-prices ${describeTariffKey(conflict.row)} ${describePeriod(conflict.row)}, held at ${pounds(conflict.row.unitPricePence)}`, 'warning'),
        );
      }
    }
    return { record: { ...candidate, replaces }, issues };
  }

  write(r: TariffRecord, rowNumber: number): void {
    const values = [r.provider, r.modality, r.priority, r.examCode, r.unitPricePence, r.effectiveFrom, r.effectiveTo, this.batchId];
    let id: number;
    if (r.replaces !== null) {
      this.update.run([...values, r.replaces]);
      id = r.replaces;
      // A repeat within the file counts once: as the insert it repeats.
      if (!this.rowOf.has(id)) this.updated++;
      const at = this.held.findIndex((h) => h.id === id);
      if (at >= 0) this.held.splice(at, 1);
    } else {
      this.insert.run(values);
      id = Number(queryValue(this.db, 'SELECT last_insert_rowid()'));
      this.inserted++;
    }
    this.held.push({ id, provider: r.provider, modality: r.modality, priority: r.priority, examCode: r.examCode, unitPricePence: r.unitPricePence, effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo, batchId: this.batchId });
    this.rowOf.set(id, rowNumber);
  }

  finish(): void {
    // Nothing is buffered.
  }

  free(): void {
    this.insert.free();
    this.update.free();
  }
}
