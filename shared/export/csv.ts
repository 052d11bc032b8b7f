import { numberText } from '../ingest/values';
import { neutraliseFormula } from './neutralise';

export type CsvValue = string | number | null;

/** Byte order mark: Excel reads a UTF-8 CSV as Windows-1252 (mangling £) unless the file starts with it. */
export const CSV_BOM = '\uFEFF';

function field(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? numberText(value) : '';
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV: a header row, CRLF line ends (after the last row too), fields holding a comma, quote or
 * line break quoted with quotes doubled. Text is neutralised against formula injection; numbers are plain
 * decimals (no exponent), null is an empty field. Prefix CSV_BOM when saving for Excel.
 */
export function csvOf(columns: string[], rows: CsvValue[][]): string {
  const lines = [columns.map(field).join(',')];
  for (const row of rows) lines.push(row.map(field).join(','));
  return lines.join('\r\n') + '\r\n';
}
