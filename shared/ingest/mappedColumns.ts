import type { ColumnMapping } from '../contract';
import type { Cell } from '../io/types';
import type { RowIssue } from '../model';
import { cellText } from './values';

/** A file's rows read through its column mapping: a field's cell, its text, and row issues that name the column as the file does. */
export class MappedColumns {
  constructor(
    private readonly file: string,
    private readonly mapping: ColumnMapping,
    private readonly headers: readonly string[],
  ) {}

  /** The field's cell, or null when the field has no column. */
  cell(row: Cell[], field: string): Cell {
    const column = this.mapping[field];
    return column == null ? null : (row[column] ?? null);
  }

  /** The field's text with runs of white space made one space ('' when empty or unmapped). */
  text(row: Cell[], field: string): string {
    return cellText(this.cell(row, field)).replace(/\s+/g, ' ');
  }

  /** The column's header as the file gives it, else its position, else the field's id when it has no column. */
  columnName(field: string): string {
    const column = this.mapping[field];
    return column == null ? field : (this.headers[column] ?? `column ${column + 1}`);
  }

  issue(row: number, field: string, value: string, reason: string, severity: RowIssue['severity'] = 'error'): RowIssue {
    return { file: this.file, row, column: this.columnName(field), value, reason, severity };
  }
}
