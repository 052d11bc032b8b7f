/**
 * `npm run test:soak`: the long runs that CI cannot afford. Each prints its figures and fails the run if its
 * bound is not met:
 *   - ten imports in a row: memory after each stays bounded (in-process engine, Node);
 *   - a real 1,048,576-row XLSX: refused as cut off at Excel's limit, quickly, in bounded memory;
 *   - a real 2 GB file: refused from its size, at once;
 *   - a CSV of one 100 MB line: refused, naming the line;
 *   - the browser: a 1,000,000-row RIS import while frames keep coming and clicks are answered
 *     (tests/e2e/flows/load.mjs with LOAD_ROWS=1000000; needs `npm run build:renderer` first).
 * Every refusal must leave the database byte for byte as it was.
 *   npm run test:soak [-- --only memory,xlsx,2gb,line,browser]
 * Files are generated once in the system temp folder (radbench-soak/), about 3.5 GB; --clean removes them after.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitCsv, writeBigCsv, writeLongLine, writeRisCsv, writeXlsxRows } from '../tests/soak/writeFiles';

const ROOT = join(import.meta.dirname, '..');
const DIR = join(tmpdir(), 'radbench-soak');
mkdirSync(DIR, { recursive: true });
const onlyAt = process.argv.indexOf('--only');
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice(7) ?? (onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined);
const only = onlyArg !== undefined ? new Set(onlyArg.split(',')) : null;
const wanted = (name: string) => !only || only.has(name);

interface Outcome {
  name: string;
  ok: boolean;
  figures: string;
  problem?: string;
}
const outcomes: Outcome[] = [];

function tsx(args: string[], nodeArgs: string[] = [], env: NodeJS.ProcessEnv = {}): string {
  const run = spawnSync(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, ...env },
  });
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
  return run.stdout;
}

async function step(name: string, fn: () => Promise<string>): Promise<void> {
  process.stdout.write(`• ${name} … `);
  const started = Date.now();
  try {
    const figures = await fn();
    outcomes.push({ name, ok: true, figures });
    process.stdout.write(`ok (${((Date.now() - started) / 1000).toFixed(0)} s)\n  ${figures.replace(/\n/g, '\n  ')}\n`);
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    outcomes.push({ name, ok: false, figures: '', problem });
    process.stdout.write(`FAILED\n  ${problem.replace(/\n/g, '\n  ')}\n`);
  }
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(what);
}

interface Refusal {
  refused: boolean;
  code: string | null;
  message: string;
  seconds: number;
  peakRssMb: number;
  unchanged: boolean;
}

function refuse(file: string): Refusal {
  const out = tsx(['tests/soak/refusedImport.ts', file]);
  return JSON.parse(out.trim().split('\n').pop()!) as Refusal;
}

function describeRefusal(r: Refusal, file: string): string {
  const size = (statSync(file).size / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 0 });
  return `${size} MB file refused in ${r.seconds.toFixed(1)} s, peak RSS ${Math.round(r.peakRssMb)} MB, database ${r.unchanged ? 'unchanged' : 'CHANGED'}\n“${r.message}”`;
}

if (wanted('memory')) {
  await step('ten imports in a row keep memory bounded (10 × 100,000 rows, in-process engine)', async () => {
    const million = join(DIR, 'ris-1m.csv');
    await writeRisCsv(million, 1_000_000);
    const parts = await splitCsv(million, 10, (i) => join(DIR, `ris-part-${i + 1}.csv`));
    const lines = tsx(['tests/soak/tenImports.ts', ...parts], ['--expose-gc', '--max-old-space-size=4096'])
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { import: number; rows: number; accepted: number; seconds: number; rssMb: number; heapUsedMb: number; externalMb: number; dbMb: number });
    const table = lines.map((l) => `import ${String(l.import).padStart(2)}: ${l.rows.toLocaleString('en-GB')} rows in ${l.seconds} s; RSS ${l.rssMb} MB, JS heap ${l.heapUsedMb} MB, buffers ${l.externalMb} MB, database ${l.dbMb} MB`);
    const first = lines[0]!;
    const last = lines.at(-1)!;
    // What grows besides the database itself: the JS heap must not creep, RSS may grow by the database and
    // the headroom sql.js keeps for it (its WebAssembly memory never shrinks), but not by more per import.
    const heapGrowth = last.heapUsedMb - first.heapUsedMb;
    const rssBeyondDb = last.rssMb - last.dbMb - (first.rssMb - first.dbMb);
    table.push(`JS heap growth from import 1 to 10: ${heapGrowth.toFixed(1)} MB; RSS growth beyond the database: ${rssBeyondDb.toFixed(0)} MB (${(rssBeyondDb / 9).toFixed(0)} MB per import)`);
    check(lines.length === 10 && lines.every((l) => l.accepted > 90_000), 'ten imports of about 100,000 accepted rows each');
    check(heapGrowth < 64, `the JS heap grows by less than 64 MB over ten imports (grew ${heapGrowth.toFixed(1)} MB)`);
    check(rssBeyondDb / 9 < 120, `RSS beyond the database grows by less than 120 MB per import (${(rssBeyondDb / 9).toFixed(0)} MB)`);
    return table.join('\n');
  });
}

if (wanted('xlsx')) {
  await step('a real 1,048,576-row XLSX is refused as cut off at Excel’s limit', async () => {
    const file = join(DIR, 'excel-full.xlsx');
    const started = Date.now();
    await writeXlsxRows(file, 1_048_575);
    const written = (Date.now() - started) / 1000;
    const r = refuse(file);
    check(r.refused && r.code === 'too_large', `refused as too large (${r.code}: ${r.message})`);
    check(/fills every row Excel allows \(1,048,576\)/.test(r.message), 'the message names Excel’s row limit');
    check(r.unchanged, 'the database is unchanged');
    check(r.seconds < 60, `refused within a minute (${r.seconds.toFixed(1)} s)`);
    check(r.peakRssMb < 1500, `within 1.5 GB of memory (${Math.round(r.peakRssMb)} MB)`);
    return `${written > 1 ? `written in ${written.toFixed(0)} s; ` : ''}${describeRefusal(r, file)}`;
  });
}

if (wanted('2gb')) {
  await step('a real 2 GB CSV is refused from its size, before reading it', async () => {
    const file = join(DIR, 'two-gigabytes.csv');
    await writeBigCsv(file, 2 * 1024 * 1024 * 1024);
    const r = refuse(file);
    check(r.refused && r.code === 'too_large', `refused as too large (${r.code}: ${r.message})`);
    check(/is 2,048 MB; RadBench imports files of up to 1,024 MB/.test(r.message), 'the message gives the size and the limit');
    check(r.unchanged, 'the database is unchanged');
    check(r.seconds < 2, `refused at once (${r.seconds.toFixed(2)} s)`);
    return describeRefusal(r, file);
  });
}

if (wanted('line')) {
  await step('a CSV of one 100 MB line is refused, naming the line', async () => {
    const file = join(DIR, 'one-100mb-line.csv');
    await writeLongLine(file, 100 * 1024 * 1024);
    const r = refuse(file);
    check(r.refused && r.code === 'too_large', `refused as too large (${r.code}: ${r.message})`);
    check(/line 2 runs on for more than 1 MB/.test(r.message), 'the message names the line');
    check(r.unchanged, 'the database is unchanged');
    check(r.seconds < 10, `refused within 10 s (${r.seconds.toFixed(1)} s)`);
    check(r.peakRssMb < 1000, `within 1 GB of memory (${Math.round(r.peakRssMb)} MB)`);
    return describeRefusal(r, file);
  });
}

if (wanted('browser')) {
  await step('the browser imports 1,000,000 RIS rows while the page keeps responding', async () => {
    if (!existsSync(join(ROOT, 'dist', 'index.html'))) throw new Error('dist/ is missing: run `npm run build:renderer` first.');
    // The flow generates its extract with the CLI's demo; the streaming generator is much quicker at this size.
    const extract = join(ROOT, 'test-results', 'e2e-data', 'load-1000000');
    mkdirSync(extract, { recursive: true });
    await writeRisCsv(join(extract, 'demo-ris.csv'), 1_000_000);
    const run = spawnSync(process.execPath, [join(ROOT, 'tests', 'e2e', 'run.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      env: { ...process.env, E2E_ONLY: 'load:', LOAD_ROWS: '1000000' },
    });
    const figures = (run.stdout.match(/load figures: .*|cancelled at .*/g) ?? []).join('\n');
    if (run.status !== 0 || !/1 of 1 browser flows passed/.test(run.stdout)) throw new Error(`${run.stdout}\n${run.stderr}`.trim());
    return figures;
  });
}

if (process.argv.includes('--clean')) rmSync(DIR, { recursive: true, force: true });
const failed = outcomes.filter((o) => !o.ok);
if (outcomes.length === 0) {
  console.error(`Nothing ran: --only names none of memory, xlsx, 2gb, line, browser.`);
  process.exit(1);
}
console.log(`\n${outcomes.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length === 0 ? 0 : 1);
