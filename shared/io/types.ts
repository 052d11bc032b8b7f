/** Where import bytes come from. Hosts adapt a File, a Node stream or a Uint8Array to this. */
export interface ByteSource {
  readonly name: string;
  /** Total size in bytes, for progress. */
  readonly size: number;
  /** A fresh stream of the bytes from the start each time it is called. */
  stream(): AsyncIterable<Uint8Array>;
}

/**
 * A cell as read: CSV gives strings; XLSX gives typed values. Excel dates become Date in UTC-as-local:
 * the UTC fields (getUTC*, toISOString) hold the date and time the sheet shows, whatever the machine's timezone.
 */
export type Cell = string | number | boolean | Date | null;

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface TableInfo {
  format: 'csv' | 'xlsx' | 'xls';
  /** Text files only. A CSV sniffed as 'utf-8' turns 'windows-1252' if invalid UTF-8 appears later while reading. */
  encoding: TextEncodingName | null;
  delimiter: string | null;
  /** Sheet names, for workbooks. */
  sheets: string[];
  sheet: string | null;
}

export interface RowBatch {
  /** Rows in file order. */
  rows: Cell[][];
  /**
   * 1-based file row number of rows[0], as a spreadsheet shows it. For CSV this counts records: it is the
   * physical line number unless an earlier quoted value spans several lines. Rows in a batch are consecutive.
   */
  firstRowNumber: number;
  /** Bytes of the source consumed so far, for progress (monotonic, ends at size). */
  bytesRead: number;
  /** Structural problems the parser found in these rows (e.g. an unclosed quote), by file row number. */
  problems: { row: number; message: string }[];
}

export interface TableReader {
  readonly info: TableInfo;
  /** Streams every row from the top of the file (title rows included), in batches. */
  batches(): AsyncIterable<RowBatch>;
}

export type ImportErrorCode =
  | 'empty'
  | 'binary'
  | 'unreadable'
  | 'no_header'
  | 'missing_fields'
  | 'too_large'
  | 'no_sheet'
  | 'cancelled'
  | 'busy'
  | 'duplicate';

/** The one error type an import may throw: it names the file and says what to do. */
export class ImportError extends Error {
  readonly code: ImportErrorCode;
  readonly file: string;
  readonly details: Record<string, unknown>;
  constructor(code: ImportErrorCode, file: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ImportError';
    this.code = code;
    this.file = file;
    this.details = details;
  }
}
