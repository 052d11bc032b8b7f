/**
 * Benchmarks the streaming CSV reader end to end (read, decode, split) on a generated RIS-like extract.
 *   npx tsx scripts/bench-csv.ts [--rows 1000000] [--quoted] [--blob] [--batch 2000]
 * --quoted puts a quoted value with an embedded comma in every row (papaparse's slower, quote-aware path);
 * --cp1252 writes a "£" as the single byte 0xA3 in the header, so the file decodes as Windows-1252;
 * --blob reads through blobSource(fs.openAsBlob) as a browser worker would, instead of a Node file stream;
 * --chunk N sets the file stream's chunk size in bytes (default 1 MiB).
 * The file is generated once into the OS temp folder and reused.
 */
import { createReadStream, createWriteStream, existsSync, openAsBlob, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCsv } from '../shared/io/csv';
import { blobSource } from '../shared/io/sources';
import type { ByteSource } from '../shared/io/types';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const rows = option('--rows', 1_000_000);
const quoted = flag('--quoted');
const cp1252 = flag('--cp1252');
const batchSize = option('--batch', 2000);
const file = join(tmpdir(), `radbench-bench-${rows}${quoted ? '-quoted' : ''}${cp1252 ? '-cp1252' : ''}.csv`);

const MODALITIES = ['CT', 'MR', 'XR', 'US', 'NM', 'FL'];
const SOURCES = ['Outpatient', 'Inpatient', 'A&E', 'GP Direct Access'];
const PRIORITIES = ['Routine', 'Urgent', '2WW', 'Inpatient Urgent'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const stamp = (day: number, minute: number) =>
  `${pad((day % 28) + 1)}/${pad(((day >> 5) % 12) + 1)}/2023 ${pad(Math.floor(minute / 60) % 24)}:${pad(minute % 60)}`;

async function generate(): Promise<void> {
  const out = createWriteStream(file);
  const header = [
    'Accession Number', 'Exam Code', 'Exam Name', 'Modality', 'Site', 'Patient Source', 'Priority', 'Request Date',
    'Exam Date', 'Report Date', 'Reporter Code', 'Reporter Name', 'Staff Group', 'Outsourcing Provider', 'NHS Number (£ test)',
  ];
  let buffer = header.join(',') + '\r\n';
  for (let i = 0; i < rows; i++) {
    const modality = MODALITIES[i % MODALITIES.length] ?? 'CT';
    const name = quoted ? `"${modality} Chest, Abdomen and Pelvis with contrast"` : `${modality} Chest Abdomen and Pelvis with contrast`;
    buffer +=
      [
        `RAD${pad(i, 9)}`, `C${modality}CAP${i % 7}`, name, modality, `Queen Elizabeth Hospital Main Site ${i % 5}`, SOURCES[i % 4], PRIORITIES[i % 4],
        stamp(i, i % 1440), stamp(i + 1, (i * 7) % 1440), stamp(i + 3, (i * 13) % 1440), `R${pad(i % 400, 5)}`,
        `Dr Reporter Surname ${i % 400}`, 'Consultant Radiologist', i % 10 === 0 ? 'Medica Reporting Ltd' : '',
        pad((i * 7919) % 1e10, 10),
      ].join(',') + '\r\n';
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer, cp1252 ? 'latin1' : 'utf8')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.end(buffer, cp1252 ? 'latin1' : 'utf8');
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
}

function fileSource(path: string): ByteSource {
  return {
    name: path,
    size: statSync(path).size,
    async *stream() {
      for await (const chunk of createReadStream(path, { highWaterMark: option("--chunk", 1 << 20) })) yield chunk as Uint8Array;
    },
  };
}

async function main(): Promise<void> {
  if (!existsSync(file)) {
    const t = performance.now();
    await generate();
    console.log(`generated ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const size = statSync(file).size;
  const source = flag('--blob') ? blobSource(file, await openAsBlob(file)) : fileSource(file);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const reader = await openCsv(source, { batchSize });
  let count = 0;
  let batches = 0;
  let fields = 0;
  let problems = 0;
  for await (const batch of reader.batches()) {
    batches++;
    count += batch.rows.length;
    problems += batch.problems.length;
    const last = batch.rows[batch.rows.length - 1];
    if (last) fields += last.length; // touch the rows so nothing is optimised away
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${flag('--blob') ? 'blob' : 'file'} ${quoted ? 'quoted' : 'plain'}${cp1252 ? ' cp1252' : ''}: ` +
      `${count.toLocaleString('en-GB')} rows (${batches} batches, ${problems} problems, ${fields} fields sampled), ` +
      `${(size / 1e6).toFixed(0)} MB in ${seconds.toFixed(2)} s = ${Math.round(count / seconds).toLocaleString('en-GB')} rows/s, ` +
      `${(size / 1e6 / seconds).toFixed(0)} MB/s, CPU ${cpuSeconds.toFixed(2)} s, peak RSS ${rssMb.toFixed(0)} MB, ` +
      `encoding ${reader.info.encoding}, delimiter ${JSON.stringify(reader.info.delimiter)}`,
  );
}

await main();
