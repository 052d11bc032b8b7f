/** CSV for downloads that users open in Excel. */

/** Text a spreadsheet would run as a formula (OWASP CSV injection): = + - @, tab and carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function guardCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 with CRLF, and a BOM so Excel reads UTF-8 (a £ sign survives). */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const lines = [header, ...rows].map((row) => row.map((cell) => quote(guardCell(cell))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function csvBytes(header: string[], rows: (string | number | null)[][]): Uint8Array {
  return new TextEncoder().encode(toCsv(header, rows));
}
