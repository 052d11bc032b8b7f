/**
 * Formula-injection guard for exported text (OWASP "CSV Injection"): text starting with = + - @, tab or
 * carriage return is prefixed with a single quote, so a spreadsheet shows it as text and never runs it.
 *
 * Why a visible quote: in a CSV nothing else stops Excel or LibreOffice evaluating '=HYPERLINK(…)'. In XLSX
 * we write such text as a plain string cell, which Excel does not evaluate either, but the same text can be
 * copied out of the workbook into another sheet or re-saved as CSV. So both exports carry the one guard,
 * and the quote tells the reader the value was neutralised. Numbers are written as numbers, never as text,
 * so a negative amount keeps its sign and is not touched.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export function neutraliseFormula(text: string): string {
  return text.length > 0 && TRIGGERS.has(text[0]!) ? `'${text}` : text;
}
