/**
 * Builds XLSX files for the hostile-input tests and the soak run without holding them in memory: a small
 * streaming zip writer (deflate per chunk with a sync flush, so chunks concatenate into one valid stream),
 * a minimal workbook around one worksheet, and a "zip bomb" whose sheet unpacks to gigabytes.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export type Sink = (chunk: Uint8Array) => void | Promise<void>;

export interface EntryOptions {
  /** Store without compression. */
  store?: boolean;
  /** Claim this uncompressed size in the headers instead of the true one (a lying zip). */
  claimSize?: number;
  /** Sizes only in a data descriptor after the data, zeros in the local header (as streaming writers do). */
  dataDescriptor?: boolean;
  /** Skip the CRC (a bomb's gigabytes need not be checksummed: nothing reading it gets that far). */
  skipCrc?: boolean;
}

interface Written {
  name: Uint8Array;
  offset: number;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  flags: number;
}

const encoder = new TextEncoder();

function u16(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff];
}
function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

/** Writes a zip entry by entry to `sink`; sizes up to 4 GB (no ZIP64). */
export class ZipWriter {
  private offset = 0;
  private readonly written: Written[] = [];
  private readonly sink: Sink;

  constructor(sink: Sink) {
    this.sink = sink;
  }

  private async put(bytes: Uint8Array | number[]): Promise<void> {
    const chunk = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes);
    this.offset += chunk.byteLength;
    await this.sink(chunk);
  }

  /** Adds an entry from plain parts; or, with `precompressed`, from raw deflate data already made. */
  async add(name: string, parts: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, options: EntryOptions = {}): Promise<void> {
    const nameBytes = encoder.encode(name);
    const method = options.store ? 0 : 8;
    const descriptor = options.dataDescriptor ?? false;
    const flags = descriptor ? 0x08 : 0;
    const localAt = this.offset;
    // Without a descriptor the sizes must be known first: buffer the compressed data.
    const chunks: Uint8Array[] = [];
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const emit = async (bytes: Uint8Array) => {
      compressed += bytes.byteLength;
      if (descriptor) await this.put(bytes);
      else chunks.push(bytes);
    };
    if (descriptor) await this.put(localHeader(nameBytes, method, flags, 0, 0, 0));
    for await (const part of parts) {
      size += part.byteLength;
      if (!options.skipCrc) crc = crc32(part, crc);
      await emit(options.store ? part : deflateRawSync(part, { finishFlush: constants.Z_SYNC_FLUSH }));
    }
    if (!options.store) await emit(deflateRawSync(new Uint8Array(0)));
    const claimed = options.claimSize ?? size;
    if (descriptor) {
      await this.put([...u32(0x08074b50), ...u32(crc), ...u32(compressed), ...u32(claimed)]);
    } else {
      await this.put(localHeader(nameBytes, method, flags, crc, compressed, claimed));
      for (const chunk of chunks) await this.put(chunk);
    }
    this.written.push({ name: nameBytes, offset: localAt, method, crc, compressed, size: claimed, flags });
  }

  /** Adds an entry whose raw deflate data is given as is (for crafted streams). */
  async addDeflated(name: string, deflated: Iterable<Uint8Array>, claimSize: number): Promise<void> {
    const nameBytes = encoder.encode(name);
    const chunks = [...deflated];
    const compressed = chunks.reduce((n, c) => n + c.byteLength, 0);
    const localAt = this.offset;
    await this.put(localHeader(nameBytes, 8, 0, 0, compressed, claimSize));
    for (const chunk of chunks) await this.put(chunk);
    this.written.push({ name: nameBytes, offset: localAt, method: 8, crc: 0, compressed, size: claimSize, flags: 0 });
  }

  async finish(): Promise<void> {
    const directoryAt = this.offset;
    for (const w of this.written) {
      await this.put([
        ...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(w.flags), ...u16(w.method), ...u16(0), ...u16(0x21),
        ...u32(w.crc), ...u32(w.compressed), ...u32(w.size), ...u16(w.name.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0),
        ...u32(0), ...u32(w.offset),
      ]);
      await this.put(w.name);
    }
    const directorySize = this.offset - directoryAt;
    await this.put([
      ...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(this.written.length), ...u16(this.written.length),
      ...u32(directorySize), ...u32(directoryAt), ...u16(0),
    ]);
  }
}

function localHeader(name: Uint8Array, method: number, flags: number, crc: number, compressed: number, size: number): Uint8Array {
  return Uint8Array.from([
    ...u32(0x04034b50), ...u16(20), ...u16(flags), ...u16(method), ...u16(0), ...u16(0x21),
    ...u32(crc), ...u32(compressed), ...u32(size), ...u16(name.length), ...u16(0), ...name,
  ]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="RIS extract" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
export const SHEET_START = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
export const SHEET_END = '</sheetData></worksheet>';

async function workbookParts(zip: ZipWriter): Promise<void> {
  await zip.add('[Content_Types].xml', [encoder.encode(CONTENT_TYPES)]);
  await zip.add('_rels/.rels', [encoder.encode(ROOT_RELS)]);
  await zip.add('xl/workbook.xml', [encoder.encode(WORKBOOK)]);
  await zip.add('xl/_rels/workbook.xml.rels', [encoder.encode(WORKBOOK_RELS)]);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** One row of inline-string cells, numbered `r`. */
export function rowXml(r: number, cells: string[]): string {
  const cellXml = cells.map((text, i) => `<c r="${columnName(i)}${r}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`).join('');
  return `<row r="${r}">${cellXml}</row>`;
}

/** A one-sheet workbook whose rows come from `rows` (already XML), written as a stream to `sink`. */
export async function writeWorkbook(sink: Sink, rows: Iterable<string> | AsyncIterable<string>, chunkChars = 1 << 20): Promise<void> {
  const zip = new ZipWriter(sink);
  await workbookParts(zip);
  async function* sheet(): AsyncGenerator<Uint8Array> {
    let buffer = SHEET_START;
    for await (const row of rows) {
      buffer += row;
      if (buffer.length >= chunkChars) {
        yield encoder.encode(buffer);
        buffer = '';
      }
    }
    yield encoder.encode(buffer + SHEET_END);
  }
  await zip.add('xl/worksheets/sheet1.xml', sheet(), { dataDescriptor: true });
  await zip.finish();
}

/** Collects a sink's output into one array (small files). */
export function memorySink(): { sink: Sink; bytes: () => Uint8Array } {
  const parts: Uint8Array[] = [];
  return {
    sink: (chunk) => void parts.push(chunk.slice()),
    bytes: () => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.byteLength;
      }
      return out;
    },
  };
}

/**
 * A workbook whose sheet unpacks to `gigabytes` GB of whitespace from about 1 MB per GB: the same 16 MB
 * deflate segment repeated. `claim` says what the headers declare: the truth, a small lie, or nothing
 * (zeros, sizes "in a data descriptor" that never says more).
 */
export async function zipBomb(gigabytes: number, claim: 'truth' | 'small' | 'zero'): Promise<Uint8Array> {
  const segmentBytes = 16 * 1024 * 1024;
  const segment = deflateRawSync(new Uint8Array(segmentBytes).fill(0x20), { finishFlush: constants.Z_SYNC_FLUSH });
  const repeats = Math.ceil((gigabytes * 1024 * 1024 * 1024) / segmentBytes);
  const head = deflateRawSync(encoder.encode(SHEET_START), { finishFlush: constants.Z_SYNC_FLUSH });
  const tail = deflateRawSync(encoder.encode(SHEET_END));
  const size = SHEET_START.length + repeats * segmentBytes + SHEET_END.length;
  const out = memorySink();
  const zip = new ZipWriter(out.sink);
  await workbookParts(zip);
  const claimed = claim === 'truth' ? Math.min(size, 0xffffffff) : claim === 'small' ? 4096 : 0;
  await zip.addDeflated('xl/worksheets/sheet1.xml', [head, ...Array.from({ length: repeats }, () => segment), tail], claimed);
  await zip.finish();
  return out.bytes();
}
