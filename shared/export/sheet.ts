/**
 * Builds SheetJS worksheets from typed values: numbers stay numbers with a number format, dates become
 * Excel serial dates with a date format, text is neutralised against formula injection. SheetJS CE writes
 * number formats but not fonts or fills, so there is no bold header: the layout carries the structure.
 */
import * as XLSX from 'xlsx';
import { neutraliseFormula } from './neutralise';

export const FORMATS = {
  share: '0.0%',
  // The pound sign quoted, as Excel itself stores an en-GB currency format.
  gbp: '"£"#,##0.00',
  hours: '0.0',
  count: '#,##0',
  per_wte: '#,##0.0',
  wte: '0.00',
  weight: '0.0#',
  date: 'dd/mm/yyyy',
  dateTime: 'dd/mm/yyyy hh:mm',
  month: 'mmm yyyy',
} as const;

export interface NumberValue {
  n: number | null;
  z: string;
}
/** 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM[:SS]' as written (no zone), or a Date read in local time. */
export interface DateValue {
  date: string | Date;
  z?: string;
}
/** Text that does not set its column's width (titles, notes). */
export interface NoteValue {
  note: string;
}
export type SheetValue = string | number | null | NumberValue | DateValue | NoteValue;

export const num = (n: number | null, z: string): NumberValue => ({ n, z });
export const date = (value: string | Date, z: string = FORMATS.date): DateValue => ({ date: value, z });
export const note = (text: string): NoteValue => ({ note: text });

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Excel 1900-system serial for a wall-clock date-time (dates after 1900-02-28, where the two systems agree). */
export function excelSerial(value: string | Date): number | null {
  let ms: number;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    ms = Date.UTC(value.getFullYear(), value.getMonth(), value.getDate(), value.getHours(), value.getMinutes(), value.getSeconds());
  } else {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
    if (!m) return null;
    ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  }
  return (ms - EXCEL_EPOCH) / 86_400_000;
}

interface Built {
  cell: XLSX.CellObject;
  width: number;
}

function formatted(z: string, v: number): string {
  try {
    return XLSX.SSF.format(z, v);
  } catch {
    return String(v);
  }
}

/** Shown widths by format and value: long sheets repeat prices and dates, and formatting is the slow part. */
const widthCache = new Map<string, number>();
function formattedWidth(z: string, v: number): number {
  const key = `${z}\u0000${v}`;
  let w = widthCache.get(key);
  if (w === undefined) {
    if (widthCache.size >= 50_000) widthCache.clear();
    widthCache.set(key, (w = formatted(z, v).length));
  }
  return w;
}

function build(value: SheetValue): Built | null {
  if (value === null) return null;
  if (typeof value === 'string') {
    if (value === '') return null;
    const v = neutraliseFormula(value);
    return { cell: { t: 's', v }, width: v.length };
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { cell: { t: 'n', v: value }, width: String(value).length } : null;
  }
  if ('note' in value) return value.note === '' ? null : { cell: { t: 's', v: neutraliseFormula(value.note) }, width: 0 };
  if ('n' in value) {
    if (value.n === null || !Number.isFinite(value.n)) return null;
    return { cell: { t: 'n', v: value.n, z: value.z }, width: formattedWidth(value.z, value.n) };
  }
  const serial = excelSerial(value.date);
  if (serial === null) return null;
  const z = value.z ?? FORMATS.date;
  return { cell: { t: 'n', v: serial, z }, width: formattedWidth(z, serial) };
}

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** A worksheet from rows of values, from A1; column widths fit the longest value, within 8..60 characters. */
export function buildSheet(rows: SheetValue[][]): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  const widths: number[] = [];
  let lastCol = 0;
  rows.forEach((row, r) => {
    row.forEach((value, c) => {
      const built = build(value);
      if (!built) return;
      ws[XLSX.utils.encode_cell({ r, c })] = built.cell;
      widths[c] = Math.max(widths[c] ?? 0, built.width);
      lastCol = Math.max(lastCol, c);
    });
  });
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(rows.length - 1, 0), c: lastCol } });
  ws['!cols'] = Array.from({ length: lastCol + 1 }, (_, c) => ({ wch: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, (widths[c] ?? 0) + 2)) }));
  return ws;
}

/** A workbook's document properties. */
export interface WorkbookProps {
  title: string;
  subject?: string;
  createdDate: Date;
}

/** Compressed XLSX bytes of the named sheets, in order. */
export function writeWorkbook(sheets: [name: string, rows: SheetValue[][]][], props: WorkbookProps): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of sheets) XLSX.utils.book_append_sheet(wb, buildSheet(rows), name);
  wb.Props = { Title: props.title, ...(props.subject === undefined ? {} : { Subject: props.subject }), Author: 'RadBench', CreatedDate: props.createdDate };
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}
