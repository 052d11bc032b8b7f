import Papa from 'papaparse';
import { throwIfAborted } from './cancel';
import { detectDialect, type CsvDialect } from './csvDialect';
import { decodeText } from './decode';
import { ImportError, type ByteSource, type Cell, type RowBatch, type TableInfo, type TableReader, type TextEncodingName } from './types';

export const DEFAULT_BATCH_SIZE = 2000;

/** Characters of decoded text used to choose the delimiter. */
const SNIFF_CHARS = 64 * 1024;

/**
 * A record still open after this many characters is taken to have an unclosed quote: it is cut at its first
 * line break and reading goes on, instead of swallowing (and re-parsing) the rest of the file.
 */
export const MAX_RECORD_CHARS = 1 << 20;

export interface CsvOptions {
  signal?: AbortSignal;
  /** Most rows per batch; a batch is also sent whenever another 1% of the bytes has been read. */
  batchSize?: number;
}

interface PapaError {
  code: string;
  row?: number;
}

interface PapaResult {
  data: string[][];
  errors: PapaError[];
  meta: { cursor: number };
}

type Problem = RowBatch['problems'][number];

const QUOTE_MESSAGES: Record<string, string> = {
  MissingQuotes: 'Unclosed quote: a quoted value in this row never ends, so the row was read only to the end of its line.',
  InvalidQuotes: 'Malformed quotes: a closing quote in this row is followed by other text.',
};

/**
 * Opens a delimited text file for streaming. Rows come out as papaparse's string arrays, untrimmed;
 * a blank line is an empty row []. Row numbers count records (as a spreadsheet shows the file): they equal
 * physical line numbers unless an earlier quoted value spans several lines.
 */
export async function openCsv(source: ByteSource, opts: CsvOptions = {}): Promise<TableReader> {
  const { signal } = opts;
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const probe = await sniff(source, signal);
  const info: TableInfo = { format: 'csv', encoding: probe.encoding, delimiter: probe.dialect.delimiter, sheets: [], sheet: null };
  return { info, batches: () => readBatches(source, probe.dialect, info, batchSize, signal) };
}

/** Reads the first 64 KiB of text to check the file is not empty and to choose the dialect. */
async function sniff(source: ByteSource, signal: AbortSignal | undefined): Promise<{ dialect: CsvDialect; encoding: TextEncodingName }> {
  let head = '';
  let encoding: TextEncodingName = 'utf-8';
  let hasContent = false;
  let complete = true;
  for await (const chunk of decodeText(source, signal)) {
    encoding = chunk.encoding;
    if (head.length < SNIFF_CHARS) head += chunk.text;
    if (!hasContent) hasContent = /\S/.test(chunk.text);
    if (hasContent && head.length >= SNIFF_CHARS) {
      complete = false;
      break;
    }
  }
  if (!hasContent) {
    throw new ImportError('empty', source.name, `${source.name} is empty: it has no rows to import. Check you chose the right file.`);
  }
  if (head.length > SNIFF_CHARS) {
    head = head.slice(0, SNIFF_CHARS);
    complete = false;
  }
  return { dialect: detectDialect(head, complete), encoding };
}

async function* readBatches(
  source: ByteSource,
  dialect: CsvDialect,
  info: TableInfo,
  batchSize: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<RowBatch> {
  const { delimiter, newline, width } = dialect;
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  const stripCr = newline === '\n';
  const progressStep = Math.max(1, Math.floor(source.size / 100));

  // NUL characters mean binary data inside the text: rows holding one are reported, not read as values.
  let sawNul = false;
  const ready: RowBatch[] = [];
  let rows: Cell[][] = [];
  let problems: Problem[] = [];
  let firstRowNumber = 1;
  let nextRowNumber = 1;
  let bytesRead = 0;
  let reported = -1;

  const cut = () => {
    ready.push({ rows, firstRowNumber, bytesRead: 0, problems });
    rows = [];
    problems = [];
    firstRowNumber = nextRowNumber;
  };

  /** Moves parsed records into the current batch; errors for records papaparse held back (row ≥ data.length) recur later. */
  const take = (result: PapaResult) => {
    const { data, errors } = result;
    let e = 0;
    for (let i = 0; i < data.length; i++) {
      let row: Cell[] = data[i] as string[];
      const n = row.length;
      if (stripCr) {
        const last = row[n - 1] as string;
        if (last.charCodeAt(last.length - 1) === 13) row[n - 1] = last.slice(0, -1);
      }
      if (n === 1 && row[0] === '') row = [];
      const rowNumber = nextRowNumber++;
      // One message per row: papaparse may flag a bad quote several times, and an unclosed one says the most.
      let code: string | null = null;
      for (; e < errors.length && (errors[e]?.row ?? 0) <= i; e++) {
        const error = errors[e];
        if (error?.row === i && code !== 'MissingQuotes') code = error.code;
      }
      if (code) problems.push({ row: rowNumber, message: QUOTE_MESSAGES[code] ?? `CSV structure problem (${code}).` });
      else if (sawNul && hasNul(row)) problems.push({ row: rowNumber, message: NUL_MESSAGE });
      if (width > 1 && n > width && hasValueFrom(row, width)) {
        problems.push({
          row: rowNumber,
          message: `Row has ${n} fields where the file's rows have ${width}: a value may contain an unquoted "${delimiter === '\t' ? 'tab' : delimiter}".`,
        });
      }
      rows.push(row);
      if (rows.length >= batchSize) cut();
    }
  };

  /** Parses complete records out of `text` and returns the unfinished tail; at the end of the file nothing is left. */
  const drain = (text: string, final: boolean): string => {
    let rest = text;
    for (;;) {
      const result = parser.parse(rest, 0, true) as PapaResult;
      take(result);
      rest = rest.substring(result.meta.cursor);
      if (final ? rest.length === 0 : rest.length <= MAX_RECORD_CHARS) return rest;
      if (final) {
        const last = parser.parse(rest, 0, false) as PapaResult;
        if (!last.errors.some((error) => error.code === 'MissingQuotes')) {
          take(last);
          return '';
        }
      }
      // An unclosed quote: keep the record's first line (papaparse reads the open field to its end) and go on after it.
      const lineEnd = rest.indexOf(newline);
      // A single line of over a megabyte: not a table (or its line endings were lost). Stop with a clear error.
      if ((lineEnd === -1 ? rest.length : lineEnd) > MAX_RECORD_CHARS) throw longLine(source.name, nextRowNumber);
      take(parser.parse(lineEnd === -1 ? rest : rest.substring(0, lineEnd), 0, false) as PapaResult);
      if (lineEnd === -1) return '';
      rest = rest.substring(lineEnd + 1);
    }
  };

  const flush = function* (): Generator<RowBatch> {
    for (const batch of ready) {
      batch.bytesRead = bytesRead;
      reported = bytesRead;
      yield batch;
    }
    ready.length = 0;
  };

  let pending = '';
  for await (const chunk of decodeText(source, signal)) {
    bytesRead = chunk.bytesRead;
    info.encoding = chunk.encoding;
    if (!sawNul && chunk.text.indexOf('\0') !== -1) sawNul = true;
    pending = drain(pending + chunk.text, false);
    if (rows.length > 0 && bytesRead - reported >= progressStep) cut();
    yield* flush();
    throwIfAborted(signal, source.name);
  }
  drain(pending, true);
  if (rows.length > 0 || reported < bytesRead) cut();
  yield* flush();
}

const NUL_MESSAGE = 'Contains NUL characters (binary data), so the file is damaged here; the row was not read. Export the extract again.';

function hasNul(row: Cell[]): boolean {
  for (const cell of row) if ((cell as string).indexOf('\0') !== -1) return true;
  return false;
}

function longLine(file: string, row: number): ImportError {
  return new ImportError(
    'too_large',
    file,
    `${file}: line ${row.toLocaleString('en-GB')} runs on for more than ${(MAX_RECORD_CHARS / (1 << 20)).toFixed(0)} MB of text without a line break. A RIS extract's rows are a few hundred characters, so this is not a table RadBench can read, or its line endings were lost in transfer. Export the file again as CSV.`,
    { row, maxLineChars: MAX_RECORD_CHARS },
  );
}

function hasValueFrom(row: Cell[], from: number): boolean {
  for (let i = from; i < row.length; i++) if ((row[i] as string).trim() !== '') return true;
  return false;
}
