/** Writers for the soak run's large files, streamed to disk so none is held in memory. */
import { once } from 'node:events';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { demoRisCsvLines } from '../../shared/demo/csv';
import { rowXml, writeWorkbook } from './xlsxFiles';

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let buffer = '';
  for (const line of lines) {
    buffer += line;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

/** The demo trust's RIS extract, `rows` data rows (about 250,000 examinations a year over two years per unit of scale). */
export async function writeRisCsv(path: string, rows: number): Promise<void> {
  if (existsSync(path)) return;
  const lines = demoRisCsvLines({ scale: Math.min((rows / 505_000) * 1.02, 4), errors: false });
  let n = -1;
  await writeLines(
    path,
    (function* () {
      for (const line of lines) {
        yield line;
        if (++n >= rows) return;
      }
    })(),
  );
}

/** Splits a CSV into `parts` files of consecutive rows, each with the header. */
export async function splitCsv(source: string, parts: number, target: (i: number) => string): Promise<string[]> {
  const paths = Array.from({ length: parts }, (_, i) => target(i));
  if (paths.every((p) => existsSync(p))) return paths;
  const { createInterface } = await import('node:readline');
  const { createReadStream } = await import('node:fs');
  const lines: string[] = [];
  for await (const line of createInterface({ input: createReadStream(source), crlfDelay: Infinity })) lines.push(line);
  const [header, ...body] = lines;
  const size = Math.ceil(body.length / parts);
  for (let i = 0; i < parts; i++) await writeLines(paths[i]!, [header + '\r\n', ...body.slice(i * size, (i + 1) * size).map((l) => l + '\r\n')]);
  return paths;
}

/** A workbook with a header and `rows` data rows: row numbers up to rows + 1. */
export async function writeXlsxRows(path: string, rows: number): Promise<void> {
  if (existsSync(path)) return;
  const out = createWriteStream(path);
  const header = ['Accession Number', 'Exam Code', 'Modality', 'Exam Date', 'Date Reported', 'Reported By', 'Site'];
  function* sheetRows() {
    yield rowXml(1, header);
    for (let r = 2; r <= rows + 1; r++) {
      const day = String((r % 28) + 1).padStart(2, '0');
      yield rowXml(r, [`ACC${r}`, 'XCHES', 'DX', `${day}/05/2023 10:00`, `${day}/05/2023 12:00`, `R${r % 40}`, r % 3 ? 'Main' : 'North']);
    }
  }
  await writeWorkbook(async (chunk) => {
    if (!out.write(chunk)) await once(out, 'drain');
  }, sheetRows());
  out.end();
  await once(out, 'finish');
}

/** A real file of `bytes` bytes: a RIS header, then rows repeated. */
export async function writeBigCsv(path: string, bytes: number): Promise<void> {
  if (existsSync(path) && statSync(path).size === bytes) return;
  const out = createWriteStream(path);
  const header = 'Accession Number,Exam Code,Modality,Exam Date,Date Reported,Reported By,Site\r\n';
  out.write(header);
  const block = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `A${i},XCHES,DX,01/05/2023 10:00,01/05/2023 12:00,R1,Main\r\n`).join(''));
  let written = header.length;
  while (written < bytes) {
    const piece = block.subarray(0, Math.min(block.length, bytes - written));
    if (!out.write(piece)) await once(out, 'drain');
    written += piece.length;
  }
  out.end();
  await once(out, 'finish');
}

/** A CSV whose second line is one line of `bytes` characters. */
export async function writeLongLine(path: string, bytes: number): Promise<void> {
  if (existsSync(path)) return;
  const out = createWriteStream(path);
  out.write('Accession Number,Exam Code,Modality,Exam Date,Date Reported,Reported By,Site\r\n');
  const block = Buffer.alloc(1 << 20, 0x41);
  for (let written = 0; written < bytes; written += block.length) {
    if (!out.write(block.subarray(0, Math.min(block.length, bytes - written)))) await once(out, 'drain');
  }
  out.end('\r\nA2,XCHES,DX,02/05/2023 10:00,,,Main\r\n');
  await once(out, 'finish');
}
