/**
 * `npm run bench`: import speed, memory and query times on generated RIS extracts, next to the native sqlite3
 * shell importing the same CSV. Prints figures; asserts nothing (targets are in the README and the issue).
 *   npm run bench [-- --quick] [-- --runs N]     --quick: 100k rows only, one run; --runs: runs per input (default 3)
 * Each input is imported N times, each run next to a sqlite3 run on the same file, so that a busy spell on a shared
 * machine slows both sides alike; the table gives the fastest run of each side and the medians.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import * as XLSX from 'xlsx';
import Papa from 'papaparse';
import { demoRisCsvLines } from '../shared/demo/csv';

const quick = process.argv.includes('--quick');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg === -1 ? (quick ? 1 : 3) : Math.max(1, Number(process.argv[runsArg + 1]) || 1);
const dir = join(tmpdir(), 'radbench-bench');
mkdirSync(dir, { recursive: true });

/** Writes the demo trust's RIS extract until `rows` data rows, scaling the trust to get there. */
async function writeCsv(path: string, rows: number): Promise<void> {
  if (existsSync(path)) return;
  const out = createWriteStream(path);
  // About 252,000 examinations per year at scale 1, over two years.
  const scale = rows / 505_000;
  let written = -1;
  let buffer = '';
  for (const line of demoRisCsvLines({ scale: Math.min(scale * 1.02, 4), errors: false })) {
    buffer += line;
    if (++written >= rows) break;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

function writeXlsxFromCsv(csvPath: string, xlsxPath: string): number {
  if (existsSync(xlsxPath)) return 0;
  const text = execFileSync('cat', [csvPath], { maxBuffer: 1 << 30 }).toString('utf8');
  const rows = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data;
  const sheet = XLSX.utils.aoa_to_sheet(rows, { dense: true } as XLSX.AOA2SheetOpts);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'RIS extract');
  const started = performance.now();
  writeFileSync(xlsxPath, new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
  return (performance.now() - started) / 1000;
}

interface RunResult {
  rows: number;
  importSeconds: number;
  importCpuSeconds: number;
  peakRssMb: number;
  dbMb: number;
  openMs: number;
  analyseMs: number;
  filterMs: number;
  year: string;
}

function measure(file: string): RunResult {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/importRun.ts', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) throw new Error(`import of ${file} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as RunResult;
}

function nativeSqliteSeconds(csv: string): number | null {
  const probe = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  if (probe.status !== 0) return null;
  const db = join(dir, 'native.db');
  rmSync(db, { force: true });
  const started = performance.now();
  const run = spawnSync('sqlite3', [db], { input: `.mode csv\n.import '${csv}' ris\n`, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`sqlite3 failed: ${run.stderr}`);
  return (performance.now() - started) / 1000;
}

const cases: { label: string; file: string; native: boolean }[] = [];
const csv100k = join(dir, 'ris-100k.csv');
await writeCsv(csv100k, 100_000);
cases.push({ label: 'CSV 100k', file: csv100k, native: true });
if (!quick) {
  const csv1m = join(dir, 'ris-1m.csv');
  await writeCsv(csv1m, 1_000_000);
  cases.push({ label: 'CSV 1M', file: csv1m, native: true });
}
const xlsx100k = join(dir, 'ris-100k.xlsx');
writeXlsxFromCsv(csv100k, xlsx100k);
cases.push({ label: 'XLSX 100k', file: xlsx100k, native: false });

const fmt = (x: number, dp = 1) => x.toLocaleString('en-GB', { minimumFractionDigits: dp, maximumFractionDigits: dp });
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ratio = (ours: number, native: number | null) => (native === null ? '—' : `${fmt(ours / native, 2)}×`);
const table: string[][] = [
  [
    'input', 'MB', 'rows', 'import s', 'median s', 'CPU s', 'rows/s', 'peak RSS MB', 'db MB', 'open ms', 'analyse 1y ms', 'filter ms',
    'sqlite3 s', 'median s', 'ratio', 'median ratio',
  ],
];
for (const c of cases) {
  const results: RunResult[] = [];
  const natives: number[] = [];
  for (let run = 0; run < runs; run++) {
    results.push(measure(c.file));
    const native = c.native ? nativeSqliteSeconds(c.file) : null;
    if (native !== null) natives.push(native);
  }
  // The fastest run's figures; peak memory is the largest any run reached.
  const r = results.reduce((best, next) => (next.importSeconds < best.importSeconds ? next : best));
  const peakRssMb = Math.max(...results.map((x) => x.peakRssMb));
  const native = natives.length ? Math.min(...natives) : null;
  const medianOurs = median(results.map((x) => x.importSeconds));
  const medianNative = natives.length ? median(natives) : null;
  table.push([
    c.label,
    fmt(statSync(c.file).size / 1024 / 1024),
    r.rows.toLocaleString('en-GB'),
    fmt(r.importSeconds, 2),
    fmt(medianOurs, 2),
    fmt(r.importCpuSeconds, 2),
    Math.round(r.rows / r.importSeconds).toLocaleString('en-GB'),
    fmt(peakRssMb, 0),
    fmt(r.dbMb),
    fmt(r.openMs, 0),
    fmt(r.analyseMs, 0),
    fmt(r.filterMs, 0),
    native === null ? '—' : fmt(native, 2),
    medianNative === null ? '—' : fmt(medianNative, 2),
    ratio(r.importSeconds, native),
    ratio(medianOurs, medianNative),
  ]);
}
const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
for (const row of table) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
console.log('\nTargets: 1M CSV rows < 12 s and within 3× of sqlite3 .import; peak RSS < 1 GB; 100k XLSX < 10 s;');
console.log('one year analyse < 500 ms; dashboard filter change < 200 ms. Files in', dir);
console.log(`${runs} run(s) per input; import s and sqlite3 s are each side's fastest, ratio their quotient; the medians beside them.`);
console.log('CPU s is user + system time of the import (all threads): compare it when the machine is busy, as wall time then varies.');
