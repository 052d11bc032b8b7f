import { openCsv } from './csv';
import { limitImportSize } from './sources';
import { ImportError, type ByteSource, type TableReader } from './types';
import { openWorkbook } from './xlsx';

export interface OpenTableOptions {
  sheet?: string | null;
  signal?: AbortSignal;
}

const WORKBOOK_NAME = /\.(xlsx|xlsm|xls)$/i;

/** Whether a file's name says it is a workbook (read with SheetJS) rather than delimited text. */
export const isWorkbookName = (name: string): boolean => WORKBOOK_NAME.test(name);

/** The first bytes of a source (stopping its stream straight after). */
async function readMagic(source: ByteSource, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let filled = 0;
  for await (const chunk of source.stream()) {
    const n = Math.min(length - filled, chunk.byteLength);
    out.set(chunk.subarray(0, n), filled);
    filled += n;
    if (filled === length) break;
  }
  return out.subarray(0, filled);
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * Opens any supported table file. The content decides, not the name: a zip (PK\x03\x04) is read as XLSX,
 * an OLE2 compound file (D0 CF 11 E0) as XLS, anything else as delimited text. The name only shapes the
 * error when a zip or OLE2 file named like a CSV turns out not to be a workbook.
 */
export async function openTable(original: ByteSource, opts: OpenTableOptions = {}): Promise<TableReader> {
  const source = limitImportSize(original);
  const magic = await readMagic(source, 8);
  const isZip = startsWith(magic, [0x50, 0x4b, 0x03, 0x04]);
  const isOle = startsWith(magic, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  if (!isZip && !isOle) return openCsv(source, { signal: opts.signal });
  try {
    return await openWorkbook(source, { sheet: opts.sheet ?? null, signal: opts.signal });
  } catch (error) {
    if (error instanceof ImportError && error.code === 'unreadable' && !isWorkbookName(source.name)) {
      throw new ImportError(
        'binary',
        source.name,
        `${source.name} is not a text/CSV file, nor a workbook that can be read: it holds other binary data. Choose a CSV, XLSX or XLS file.`,
        error.details,
      );
    }
    throw error;
  }
}
