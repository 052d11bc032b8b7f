import * as XLSX from 'xlsx';
import { throwIfAborted } from './cancel';
import { readAllBytes } from './sources';
import { ImportError, type ByteSource, type Cell, type RowBatch, type TableReader } from './types';
import { checkZippedWorkbook, EXCEL_MAX_ROWS } from './zipGuard';

/** Workbooks are read whole; past this the spreadsheet reader would run out of memory long before finishing. */
export const DEFAULT_WORKBOOK_MAX_BYTES = 200 * 1024 * 1024;

/** Rows read from one sheet at most: the reader needs about 4 GB for a million rows of a RIS extract. */
export const MAX_WORKBOOK_ROWS = 1_000_000;

function tooManyRows(file: string, rows: number, sheet: string | null): ImportError {
  const where = sheet ? `Sheet "${sheet}" of ${file}` : file;
  const count = rows.toLocaleString('en-GB');
  const message =
    rows >= EXCEL_MAX_ROWS
      ? `${where} fills every row Excel allows (${count}), so the export was almost certainly cut off at Excel's limit and rows are missing. Export the extract from the RIS as CSV, which has no row limit, and import that instead.`
      : `${where} has ${count} rows; RadBench reads at most ${MAX_WORKBOOK_ROWS.toLocaleString('en-GB')} rows from a workbook. Export it as CSV, which has no such limit, and import the CSV instead.`;
  return new ImportError('too_large', file, message, { rows, maxRows: MAX_WORKBOOK_ROWS, sheet });
}

const BATCH_SIZE = 2000;

export interface WorkbookOptions {
  /** Sheet to read; by default the first sheet with any cells. */
  sheet?: string | null;
  signal?: AbortSignal;
  maxBytes?: number;
}

/** Excel's error codes as SheetJS stores them (cellText is off, so there is no display text to fall back on). */
const EXCEL_ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

/**
 * Converts one SheetJS cell. Formula cells carry their cached result in `v`. Empty text is null.
 * Dates: SheetJS (0.20) builds them from the serial number in UTC, so the Date's UTC fields hold the
 * wall-clock date and time the spreadsheet shows, whatever the machine's timezone: read them with
 * getUTC*() or toISOString(), never with local-time methods.
 */
function toCell(cell: XLSX.CellObject | undefined): Cell {
  if (!cell) return null;
  const v = cell.v;
  switch (cell.t) {
    case 'n':
      return typeof v === 'number' ? v : null;
    case 'b':
      return Boolean(v);
    case 'd':
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
      return typeof v === 'string' && v !== '' ? v : null;
    case 'e':
      return typeof v === 'number' ? (EXCEL_ERRORS[v] ?? '#ERROR') : '#ERROR';
    case 's':
      return v === undefined || v === null || v === '' ? null : String(v);
    default:
      return null;
  }
}

/** One sheet row as cells from column A, cut after its last non-empty cell (so a blank row is []). */
function toRow(cells: XLSX.CellObject[] | undefined): Cell[] {
  if (!cells) return [];
  let end = cells.length;
  while (end > 0 && toCell(cells[end - 1]) === null) end--;
  const row = new Array<Cell>(end);
  for (let c = 0; c < end; c++) row[c] = toCell(cells[c]);
  return row;
}

function hasCells(rows: XLSX.CellObject[][] | undefined): boolean {
  return !!rows?.some((cells) => cells?.some((cell) => toCell(cell) !== null));
}

/** Last row holding any value: formatting often stretches a sheet's range far below its data. */
function usedRowCount(rows: XLSX.CellObject[][]): number {
  let n = rows.length;
  while (n > 0 && toRow(rows[n - 1]).length === 0) n--;
  return n;
}

function tooLargeSheet(file: string, sheet: string): ImportError {
  return new ImportError(
    'too_large',
    file,
    `${file}: sheet "${sheet}" could not be read. It is most likely too large for the spreadsheet reader (about 950,000 rows at most). Export it as CSV and import the CSV instead.`,
    { sheet },
  );
}

/**
 * Opens an XLSX or XLS workbook (SheetJS reads both, plus other formats it recognises). The whole file is
 * parsed up front; rows then stream from the chosen sheet, title rows included, from spreadsheet row 1.
 * Cells are typed: numbers, strings, booleans, Dates (see toCell) and null for empty.
 */
export async function openWorkbook(source: ByteSource, opts: WorkbookOptions = {}): Promise<TableReader> {
  const { signal } = opts;
  const bytes = await readAllBytes(source, opts.maxBytes ?? DEFAULT_WORKBOOK_MAX_BYTES, signal);
  if (bytes.length === 0) throw new ImportError('empty', source.name, `${source.name} is empty: it has no rows to import.`);
  const format = bytes[0] === 0x50 && bytes[1] === 0x4b ? 'xlsx' : 'xls';
  if (format === 'xlsx') {
    // Unpack-and-count before the reader unpacks for real: a zip bomb or an oversized sheet stops here.
    const check = await checkZippedWorkbook(bytes, source.name, signal);
    const deepest = Math.max(0, ...Object.values(check.lastRows));
    if (deepest > MAX_WORKBOOK_ROWS) throw tooManyRows(source.name, deepest, null);
  }
  let workbook: XLSX.WorkBook;
  try {
    // cellText/cellHTML off: formatted text is not needed and building it costs time and memory.
    // WTF stays off so one odd feature does not sink a readable sheet; a sheet SheetJS drops is caught below.
    workbook = XLSX.read(bytes, { type: 'array', dense: true, cellDates: true, cellText: false, cellHTML: false, WTF: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportError(
      'unreadable',
      source.name,
      `${source.name} could not be read as a workbook (${reason}). Open it in Excel and save it again as .xlsx without a password, or export it as CSV.`,
      { reason },
    );
  }
  throwIfAborted(signal, source.name);

  const sheets = [...workbook.SheetNames];
  let name: string;
  if (opts.sheet != null) {
    const wanted = opts.sheet;
    const match = sheets.find((s) => s === wanted) ?? sheets.find((s) => s.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (match === undefined) {
      throw new ImportError('no_sheet', source.name, `${source.name} has no sheet called "${wanted}". Its sheets are: ${sheets.join(', ')}.`, {
        sheet: wanted,
        sheets,
      });
    }
    if (!workbook.Sheets[match]) throw tooLargeSheet(source.name, match);
    name = match;
  } else {
    const missing = sheets.find((s) => !workbook.Sheets[s]);
    const first = sheets.find((s) => hasCells(workbook.Sheets[s]?.['!data']));
    if (first === undefined) {
      if (missing !== undefined) throw tooLargeSheet(source.name, missing);
      throw new ImportError('empty', source.name, `${source.name} is empty: none of its sheets has any cells.`, { sheets });
    }
    name = first;
  }

  const data = workbook.Sheets[name]?.['!data'] ?? [];
  const rowCount = usedRowCount(data);
  if (rowCount > MAX_WORKBOOK_ROWS) throw tooManyRows(source.name, rowCount, name);
  if (rowCount === 0) {
    throw new ImportError('empty', source.name, `Sheet "${name}" of ${source.name} is empty. Choose another sheet.`, { sheet: name, sheets });
  }
  const size = source.size || bytes.length;
  return {
    info: { format, encoding: null, delimiter: null, sheets, sheet: name },
    async *batches(): AsyncGenerator<RowBatch> {
      for (let start = 0; start < rowCount; start += BATCH_SIZE) {
        throwIfAborted(signal, source.name);
        const end = Math.min(rowCount, start + BATCH_SIZE);
        const rows: Cell[][] = [];
        for (let r = start; r < end; r++) rows.push(toRow(data[r]));
        // The bytes were all read up front; report progress through the sheet instead.
        yield { rows, firstRowNumber: start + 1, bytesRead: Math.round((size * end) / rowCount), problems: [] };
      }
    },
  };
}
