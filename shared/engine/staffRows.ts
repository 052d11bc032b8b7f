import type { ColumnMapping } from '../contract';
import { MappedColumns } from '../ingest/mappedColumns';
import type { Cell } from '../io/types';
import type { RowIssue, StaffRecord } from '../model';
import { cellText, columnDateOrder, parseDate, parseNumber } from '../ingest/values';
import { parseStaffGroup } from '../ingest/staffGroup';
import { normaliseReporterCode } from './staff';
import type { RowOutcome } from './risRows';

/** Used when a register has no start dates: the entry counts for every month. */
export const ALWAYS_VALID_FROM = '1900-01-01';

export class StaffRowConverter {
  private readonly fromOrder: 'dmy' | 'mdy';
  private readonly toOrder: 'dmy' | 'mdy';

  private readonly fields: MappedColumns;

  constructor(
    file: string,
    mapping: ColumnMapping,
    headers: readonly string[],
    sampleRows: Cell[][],
  ) {
    this.fields = new MappedColumns(file, mapping, headers);
    this.fromOrder = columnDateOrder(sampleRows, mapping['validFrom']);
    this.toOrder = columnDateOrder(sampleRows, mapping['validTo']);
  }

  convert(row: Cell[], rowNumber: number): RowOutcome<StaffRecord> {
    const issues: RowIssue[] = [];
    const code = normaliseReporterCode(cellText(this.fields.cell(row, 'reporterCode')));
    if (!code) issues.push(this.fields.issue(rowNumber, 'reporterCode', '', 'the reporter code is empty'));

    const groupText = cellText(this.fields.cell(row, 'group'));
    const group = parseStaffGroup(groupText || null);
    if (!group || group === 'unclassified') {
      issues.push(
        this.fields.issue(rowNumber, 'group', groupText, groupText ? `"${groupText}" is not a staff group RadBench knows` : 'the staff group is empty'),
      );
    }

    const wteCell = this.fields.cell(row, 'wte');
    const wte = parseNumber(wteCell);
    let wteValue = 0;
    if (wte === null) issues.push(this.fields.issue(rowNumber, 'wte', '', 'the WTE is empty'));
    else if (typeof wte === 'object') issues.push(this.fields.issue(rowNumber, 'wte', cellText(wteCell), wte.error));
    else if (wte < 0 || wte > 2) issues.push(this.fields.issue(rowNumber, 'wte', cellText(wteCell), 'a WTE must be between 0 and 2'));
    else wteValue = wte;

    const date = (field: string, order: 'dmy' | 'mdy'): string | null => {
      const cell = this.fields.cell(row, field);
      const parsed = parseDate(cell, order);
      if (parsed === null) return null;
      if ('error' in parsed) {
        issues.push(this.fields.issue(rowNumber, field, cellText(cell), parsed.error));
        return null;
      }
      return parsed.date;
    };
    const validFrom = date('validFrom', this.fromOrder) ?? ALWAYS_VALID_FROM;
    const validTo = date('validTo', this.toOrder);
    if (validTo !== null && validTo < validFrom) {
      issues.push(this.fields.issue(rowNumber, 'validTo', validTo, `the end date is before the start date (${validFrom})`));
    }
    if (issues.length > 0 || !group || group === 'unclassified') return { record: null, issues };
    return {
      record: {
        code,
        name: cellText(this.fields.cell(row, 'name')) || null,
        group: group as StaffRecord['group'],
        wte: wteValue,
        validFrom,
        validTo,
        grade: cellText(this.fields.cell(row, 'grade')) || null,
        provider: cellText(this.fields.cell(row, 'provider')) || null,
      },
      issues,
    };
  }
}
