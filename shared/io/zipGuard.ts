/**
 * Checks an XLSX (a zip) before the spreadsheet reader unpacks it: a "zip bomb" (a few megabytes that
 * unpack to gigabytes), a worksheet too large for the reader, or one that reaches Excel's last row
 * (an export cut off at Excel's limit). Entries are unpacked as a stream with the platform's
 * DecompressionStream and counted, stopping as soon as a limit is passed, so neither memory nor time
 * grows with what the file claims. The reader itself then unpacks the same bytes.
 */
import { throwIfAborted } from './cancel';
import { ImportError } from './types';

/** The reader holds each worksheet's XML as one string; V8 caps strings at 536,870,888 characters. */
export const MAX_ENTRY_EXPANDED_BYTES = 500 * 1024 * 1024;
/** All parts together: past this the reader's memory use (about 4× the XML) exceeds what a PC can give it. */
export const MAX_TOTAL_EXPANDED_BYTES = 1024 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 10_000;
/** Real spreadsheets unpack to at most about 100× their size; past this, and past 50 MB, the file is treated as a bomb. */
export const BOMB_RATIO = 200;
const BOMB_MIN_BYTES = 50 * 1024 * 1024;
/** Excel's last row. */
export const EXCEL_MAX_ROWS = 1_048_576;

/** Kept of each worksheet's XML to find its last row without holding it all. */
const TAIL_BYTES = 64 * 1024;

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  /** Where the entry's data starts. */
  dataOffset: number;
}

export interface ZipCheck {
  entries: number;
  expandedBytes: number;
  /** Highest row number holding a value, per worksheet entry, where the XML shows it. */
  lastRows: Record<string, number>;
}

function damaged(file: string, what: string): ImportError {
  return new ImportError(
    'unreadable',
    file,
    `${file} could not be read as a workbook: ${what}. Open it in Excel and save it again as .xlsx, or export it as CSV.`,
    { reason: what },
  );
}

const mb = (n: number) => `${Math.round(n / (1024 * 1024)).toLocaleString('en-GB')} MB`;

function bomb(file: string, fileBytes: number, expanded: number): ImportError {
  return new ImportError(
    'too_large',
    file,
    `${file} unpacks to more than ${mb(expanded)} from ${mb(Math.max(fileBytes, 1024 * 1024))} on disk, far more than any real spreadsheet: it is damaged or built to exhaust memory (a "zip bomb"). RadBench did not open it. If it is a genuine export, export the data as CSV instead.`,
    { expandedBytes: expanded, fileBytes },
  );
}

function tooBig(file: string, expanded: number): ImportError {
  return new ImportError(
    'too_large',
    file,
    `${file} holds more than ${mb(expanded)} of spreadsheet data once unpacked, more than the spreadsheet reader can hold (roughly 950,000 rows). Export it as CSV, which has no such limit, and import the CSV instead.`,
    { expandedBytes: expanded },
  );
}

/** Reads the zip's central directory (ZIP64 included); throws 'unreadable' if it is not there or inconsistent. */
export function zipEntries(bytes: Uint8Array, file: string): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  // The end-of-central-directory record sits in the last 22 + 65,535 bytes (its comment can be that long).
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (u32(at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw damaged(file, 'its zip directory is missing (the file may be cut short)');
  let count = u16(eocd + 10);
  let directory = u32(eocd + 16);
  if ((count === 0xffff || directory === 0xffffffff) && eocd >= 20 && u32(eocd - 20) === 0x07064b50) {
    const zip64 = u64(eocd - 20 + 8);
    if (zip64 + 56 > bytes.length || u32(zip64) !== 0x06064b50) throw damaged(file, 'its ZIP64 directory is damaged');
    count = u64(zip64 + 32);
    directory = u64(zip64 + 48);
  }
  if (count > MAX_ZIP_ENTRIES) {
    throw new ImportError('too_large', file, `${file} holds ${count.toLocaleString('en-GB')} parts; a workbook has at most a few hundred. RadBench did not open it.`, { entries: count });
  }
  const entries: ZipEntryInfo[] = [];
  let at = directory;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(at) !== 0x02014b50) throw damaged(file, 'its zip directory is damaged');
    const method = u16(at + 10);
    let compressedSize = u32(at + 20);
    let declaredSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localOffset = u32(at + 42);
    if (at + 46 + nameLength + extraLength + commentLength > bytes.length) throw damaged(file, 'its zip directory is damaged');
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // ZIP64 sizes and offset live in extra field 0x0001, in this order, for the fields set to 0xFFFFFFFF.
    for (let e = at + 46 + nameLength; e + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = u16(e);
      const size = u16(e + 2);
      if (id === 0x0001) {
        let p = e + 4;
        const end = Math.min(e + 4 + size, bytes.length);
        if (declaredSize === 0xffffffff && p + 8 <= end) {
          declaredSize = u64(p);
          p += 8;
        }
        if (compressedSize === 0xffffffff && p + 8 <= end) {
          compressedSize = u64(p);
          p += 8;
        }
        if (localOffset === 0xffffffff && p + 8 <= end) localOffset = u64(p);
      }
      e += 4 + size;
    }
    if (localOffset + 30 > bytes.length || u32(localOffset) !== 0x04034b50) throw damaged(file, `part ${name} is missing`);
    const dataOffset = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    if (dataOffset + compressedSize > bytes.length) throw damaged(file, `part ${name} is cut short`);
    entries.push({ name, method, compressedSize, declaredSize, dataOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;
/** A cell with content (not a self-closing styled blank), and its row. */
const CELL_WITH_VALUE = /<(?:\w+:)?c\b[^>]*?\br="[A-Z]{1,3}(\d{1,7})"[^>]*?(?<!\/)>/g;

function lastValueRow(tail: Uint8Array): number | null {
  // Latin-1 keeps one character per byte; the markup is ASCII whatever the text.
  const text = new TextDecoder('latin1').decode(tail);
  let last: number | null = null;
  for (const match of text.matchAll(CELL_WITH_VALUE)) last = Number(match[1]);
  return last;
}

/** Unpacks one deflated entry as a stream, counting bytes and keeping its tail; stops past `limit`. */
async function inflateCounting(
  data: Uint8Array,
  limit: number,
  keepTail: boolean,
): Promise<{ size: number; overLimit: boolean; tail: Uint8Array | null; broken: boolean }> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let size = 0;
  let overLimit = false;
  let broken = false;
  let tail: Uint8Array | null = keepTail ? new Uint8Array(0) : null;
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
      if (tail) {
        const joined = new Uint8Array(Math.min(TAIL_BYTES, tail.length + value.length));
        const fromValue = Math.min(value.length, joined.length);
        joined.set(tail.subarray(tail.length - (joined.length - fromValue)), 0);
        joined.set(value.subarray(value.length - fromValue), joined.length - fromValue);
        tail = joined;
      }
      if (size > limit) {
        overLimit = true;
        await reader.cancel().catch(() => undefined);
        return;
      }
    }
  })().catch(() => {
    broken = true;
  });
  try {
    const step = 1 << 20;
    for (let at = 0; at < data.length && !overLimit; at += step) {
      // The stream API takes ArrayBuffer-backed views only (a shared buffer is copied).
      const piece = data.subarray(at, Math.min(data.length, at + step));
      await writer.write(piece.buffer instanceof ArrayBuffer ? (piece as Uint8Array<ArrayBuffer>) : new Uint8Array(piece));
    }
    if (!overLimit) await writer.close();
  } catch {
    if (!overLimit) broken = true;
  }
  await pump;
  if (overLimit) await writer.abort().catch(() => undefined);
  return { size, overLimit, tail, broken: broken && !overLimit };
}

/**
 * Checks a zipped workbook's parts before it is read. Throws ImportError 'too_large' (bomb, too large, or
 * rows at Excel's limit) or 'unreadable' (damaged zip); returns what it measured.
 */
export async function checkZippedWorkbook(bytes: Uint8Array, file: string, signal?: AbortSignal): Promise<ZipCheck> {
  const entries = zipEntries(bytes, file);
  const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0);
  if (declared > MAX_TOTAL_EXPANDED_BYTES) {
    throw declared > BOMB_MIN_BYTES && declared / Math.max(1, bytes.length) > BOMB_RATIO ? bomb(file, bytes.length, declared) : tooBig(file, declared);
  }
  const lastRows: Record<string, number> = {};
  let total = 0;
  for (const entry of entries) {
    throwIfAborted(signal, file);
    const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    let size: number;
    let tail: Uint8Array | null = null;
    if (entry.method === 0) {
      size = entry.compressedSize;
      if (WORKSHEET.test(entry.name)) tail = data.subarray(Math.max(0, data.length - TAIL_BYTES));
    } else if (entry.method === 8) {
      const limit = Math.min(MAX_ENTRY_EXPANDED_BYTES, MAX_TOTAL_EXPANDED_BYTES - total);
      const result = await inflateCounting(data, limit, WORKSHEET.test(entry.name));
      if (result.overLimit) {
        const expanded = total + result.size;
        throw expanded > BOMB_MIN_BYTES && expanded / Math.max(1, bytes.length) > BOMB_RATIO ? bomb(file, bytes.length, expanded) : tooBig(file, expanded);
      }
      if (result.broken) throw damaged(file, `part ${entry.name} is damaged`);
      size = result.size;
      tail = result.tail;
    } else {
      throw damaged(file, `part ${entry.name} uses a compression method (${entry.method}) Excel does not write`);
    }
    total += size;
    if (size > MAX_ENTRY_EXPANDED_BYTES || total > MAX_TOTAL_EXPANDED_BYTES) throw tooBig(file, total);
    if (tail) {
      const last = lastValueRow(tail);
      if (last !== null) lastRows[entry.name] = last;
    }
  }
  return { entries: entries.length, expandedBytes: total, lastRows };
}
