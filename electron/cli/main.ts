/**
 * `radbench` — the engine headless (../shared/domain/CLI.md). Exit codes: 0 success, 2 usage, 3 unusable input.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AnalyseRequest, AnalysisResult, ClassificationRule, ImportReport, ImportSummary, MappingPreset, PeriodSpec } from '../../shared/contract';
import type { Engine } from '../../shared/engine/engine';
import { parseRuleSet } from '../../shared/finance/rules';
import { parseBenchmarkFile } from '../../shared/benchmarks/parse';
import { compareWithBenchmarks } from '../../shared/benchmarks/compare';
import { defaultBenchmarkSet } from '../../shared/benchmarks/defaults';
import { mergeBenchmarkSets } from '../../shared/benchmarks/merge';
import type { BenchmarkSet } from '../../shared/benchmarks/types';
import { buildWorkbook } from '../../shared/export/workbook';
import { DEFAULT_WEIGHTS } from '../../shared/metrics/analyse';
import { fileSource } from '../node/fileSource';
import type { ImportKind, RowIssue } from '../../shared/model';
import { ImportError } from '../../shared/io/types';
import { PeriodError } from '../../shared/metrics/calendar';
import { SchemaTooNewError } from '../../shared/db/schema';
import { createNodeEngine } from '../node/nodeEngine';
import { atomicWrite } from '../atomicSave';
import { migrationBackupPath, sqliteUserVersion } from '../documentHost';
import { decryptDatabase, encryptDatabase, EncryptionError, isEncryptedDatabase, type DatabaseKey } from '../node/encryptedDatabase';
import { formatTextSummary } from './textSummary';
import { formatReconciliationText, reconciliationJson } from './reconcileOutput';

export class UsageError extends Error {}

const USAGE = `Usage: npm run --silent radbench -- <command> [options]

Commands:
  analyse     import the given files and print every metric for a period
  import      import the given files into --db and print the import report
  demo        build the synthetic demo trust and print its summary
  reconcile   import provider statements and tariffs, reconcile them against the RIS and the ledger,
              print the summary and (with --out FILE.xlsx) write the dispute pack

Options:
  --db FILE            database file to use or create (default: in memory, nothing saved)
  --ris FILE           RIS activity extract, CSV/XLSX/XLS (repeatable)
  --staff FILE         staff register (repeatable)
  --ledger FILE        general-ledger export or spend-over-£25k file (repeatable)
  --statement FILE     outsourcing provider's activity statement (repeatable)
  --tariff FILE        provider tariff: provider, modality, priority, exam code, unit price, dates (repeatable)
  --rules FILE         classification rules (JSON), tried before the stored rules
  --benchmarks FILE    benchmark CSV (metric,cohort,year,value,p25,median,p75,n,unit,source,url)
  --mapping FILE       saved mapping preset (JSON) for a layout detection does not recognise
  --sheet NAME         worksheet to read in workbooks
  --period P           2023/24, 2023/24-Q3 or 2024-01 (default: latest financial year with reports;
                       for reconcile, every month a statement covers)
  --from YYYY-MM --to YYYY-MM
  --format json|text|xlsx  output format (default text); xlsx needs --out
  --out FILE           write the output to FILE instead of standard output
                       (reconcile: the summary still prints; FILE gets the XLSX dispute pack)
  --rejects FILE       write rejected rows as CSV (file,row,column,value,reason)
  --passphrase-file FILE  passphrase of a protected --db (first line of FILE; or set RADBENCH_PASSPHRASE)
  --write-csv DIR      (demo) also write the demo as CSV files: RIS extract, staff register, provider
                       statements, tariff and the outsourcing ledger
  --scale N            (demo) size relative to a 250,000-examination trust (default 1)
`;

const OPTIONS = {
  db: { type: 'string' },
  ris: { type: 'string', multiple: true },
  staff: { type: 'string', multiple: true },
  ledger: { type: 'string', multiple: true },
  statement: { type: 'string', multiple: true },
  tariff: { type: 'string', multiple: true },
  rules: { type: 'string' },
  benchmarks: { type: 'string' },
  mapping: { type: 'string' },
  sheet: { type: 'string' },
  period: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  rejects: { type: 'string' },
  'passphrase-file': { type: 'string' },
  'write-csv': { type: 'string' },
  scale: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

function periodSpec(values: { period?: string; from?: string; to?: string }): PeriodSpec {
  if (values.period && (values.from || values.to)) throw new UsageError('Give either --period or --from/--to, not both.');
  if (values.period) return { spec: values.period };
  if (values.from || values.to) {
    if (!values.from || !values.to) throw new UsageError('--from and --to go together: give both months (YYYY-MM).');
    return { fromMonth: values.from, toMonth: values.to };
  }
  return { latest: true };
}

function loadPreset(path: string): MappingPreset {
  try {
    const preset = JSON.parse(readFileSync(path, 'utf8')) as MappingPreset;
    if (!preset.kind || typeof preset.headers !== 'object') throw new Error('missing kind or headers');
    return preset;
  } catch (error) {
    throw new UsageError(`--mapping ${path}: not a RadBench mapping preset (${(error as Error).message}).`);
  }
}

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // Neutralise spreadsheet formulas in text written out for users to open.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function rejectsCsv(issues: RowIssue[]): string {
  const lines = ['file,row,column,value,reason'];
  for (const i of issues) lines.push([i.file, i.row, i.column, i.value, i.reason].map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    (command ? io.stdout : io.stderr)(USAGE);
    return command || values.help ? 0 : 2;
  }
  try {
    const format = values.format ?? 'text';
    if (!['json', 'text', 'xlsx'].includes(format)) throw new UsageError(`--format must be json, text or xlsx, not "${format}".`);
    if (format === 'xlsx' && !values.out) throw new UsageError('--format xlsx writes a workbook: give --out FILE.xlsx.');
    switch (command) {
      case 'analyse':
      case 'import':
        return await analyseOrImport(command, values, format, io);
      case 'demo':
        return await demo(values, format, io);
      case 'reconcile':
        return await reconcile(values, format, io);
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof PeriodError) {
      io.stderr(`radbench: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ImportError) {
      io.stderr(`radbench: ${error.message}\nNothing was written.\n`);
      return 3;
    }
    if (error instanceof SchemaTooNewError) {
      io.stderr(`radbench: ${error.message}\n`);
      return 3;
    }
    throw error;
  }
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function emit(text: string, values: Values, io: Io): void {
  if (values.out) writeFileSync(values.out, text);
  else io.stdout(text);
}

/** The files given, in the order they are imported: the register first, tariffs before statements. */
function inputFiles(values: Values): { kind: ImportKind; path: string }[] {
  return [
    ...(values.staff ?? []).map((path) => ({ kind: 'staff' as const, path })),
    ...(values.ris ?? []).map((path) => ({ kind: 'ris' as const, path })),
    ...(values.ledger ?? []).map((path) => ({ kind: 'ledger' as const, path })),
    ...(values.tariff ?? []).map((path) => ({ kind: 'tariff' as const, path })),
    ...(values.statement ?? []).map((path) => ({ kind: 'statement' as const, path })),
  ];
}

interface Imported {
  engine: Engine;
  reports: ImportReport[];
  imports: ImportSummary[];
  benchmarks: { set: BenchmarkSet; issues: RowIssue[] } | null;
}

/** A --db file as read: its bytes on disk, the database inside, and the key when it is protected. */
interface StoredDb {
  raw: Uint8Array;
  plain: Uint8Array;
  key: DatabaseKey | null;
}

function passphraseOf(values: Values): string | null {
  const file = values['passphrase-file'];
  if (file) return (readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '').trimEnd();
  return process.env.RADBENCH_PASSPHRASE ?? null;
}

/** Reads --db, unlocking a passphrase-protected file; a missing or wrong passphrase is an unusable input (exit 3). */
async function readStoredDb(path: string, values: Values): Promise<StoredDb> {
  const raw = new Uint8Array(readFileSync(path));
  if (!isEncryptedDatabase(raw)) return { raw, plain: raw, key: null };
  const passphrase = passphraseOf(values);
  if (passphrase === null) {
    throw new ImportError(
      'unreadable',
      basename(path),
      `${path} is protected with a passphrase: give it with --passphrase-file FILE or the RADBENCH_PASSPHRASE variable.`,
    );
  }
  try {
    const { plain, key } = await decryptDatabase(raw, passphrase);
    return { raw, plain, key };
  } catch (error) {
    if (error instanceof EncryptionError) throw new ImportError('unreadable', basename(path), `${path}: ${error.message}`);
    throw error;
  }
}

/**
 * Saves --db atomically: sealed again under its key when it was protected, and after keeping a copy of the file
 * as it was (name.radbench.vN.bak) when opening it upgraded an older schema.
 */
async function saveStoredDb(path: string, stored: StoredDb | null, plain: Uint8Array): Promise<void> {
  const before = stored ? sqliteUserVersion(stored.plain) : null;
  const after = sqliteUserVersion(plain);
  if (stored && before !== null && after !== null && before < after) {
    const backup = migrationBackupPath(path, before);
    if (!existsSync(backup)) await atomicWrite(backup, stored.raw);
  }
  await atomicWrite(path, stored?.key ? encryptDatabase(plain, stored.key) : plain);
}

/**
 * Opens --db (or an empty database), applies --rules, imports every file, saves --db when all of them imported,
 * and writes --rejects. Any file that cannot be used stops the run before anything is saved.
 */
async function openAndImport(values: Values): Promise<Imported> {
  const preset = values.mapping ? loadPreset(values.mapping) : null;
  const rules = values.rules ? loadRules(values.rules) : null;
  const benchmarks = values.benchmarks ? await loadBenchmarks(values.benchmarks) : null;

  const engine = createNodeEngine();
  const dbExisted = values.db !== undefined && existsSync(values.db);
  let stored: StoredDb | null = null;
  if (values.db && dbExisted) {
    stored = await readStoredDb(values.db, values);
    try {
      await engine.open(stored.plain);
    } catch (error) {
      if (error instanceof SchemaTooNewError) throw error;
      throw new ImportError('unreadable', basename(values.db), `${values.db}: ${(error as Error).message}`);
    }
  } else {
    await engine.open(null);
  }

  // Rules go in before the ledgers are read, so every line is classified by them.
  if (rules) await engine.addRulesInFront(rules);
  const reports: ImportReport[] = [];
  for (const input of inputFiles(values)) {
    reports.push(
      await engine.runImport({
        source: { kind: 'path', name: basename(input.path), path: input.path },
        kind: input.kind,
        sheet: values.sheet ?? null,
        preset: preset && preset.kind === input.kind ? preset : null,
        commit: true,
      }),
    );
  }
  // Saved only when every file imported (a failed run leaves the database file as it was), and only when something
  // changed: reconciling what a database already holds leaves its file alone.
  if (values.db && (reports.length > 0 || rules || !dbExisted)) await saveStoredDb(values.db, stored, await engine.exportDatabase());

  if (values.rejects) {
    const issues: RowIssue[] = [...(benchmarks?.issues ?? [])];
    for (const report of reports) {
      issues.push(...(await engine.getRejects(report.batchId!)).filter((i) => i.severity === 'error'));
    }
    writeFileSync(values.rejects, rejectsCsv(issues));
  }

  const imports: ImportSummary[] = reports.map((r) => ({
    file: r.file,
    kind: r.kind,
    rowsRead: r.rowsRead,
    accepted: r.accepted,
    updated: r.updated,
    rejected: r.rejected,
  }));
  return { engine, reports, imports, benchmarks };
}

async function analyseOrImport(command: 'analyse' | 'import', values: Values, format: string, io: Io): Promise<number> {
  if (command === 'import' && !values.db) throw new UsageError('import needs --db FILE to save into.');
  if (command === 'import' && inputFiles(values).length === 0) {
    throw new UsageError('import needs at least one --ris, --staff, --ledger, --statement or --tariff file.');
  }
  const spec = periodSpec(values);
  const { engine, reports, imports, benchmarks } = await openAndImport(values);
  if (command === 'import') {
    const body =
      format === 'json'
        ? JSON.stringify({ imports: reports.map(importJson) }, null, 2) + '\n'
        : reports.map(importText).join('\n');
    emit(body, values, io);
    return 0;
  }
  const result = await engine.analyse({ period: spec }, imports);
  if (benchmarks) result.benchmarks = compareWithBenchmarks(result, benchmarks.set);
  await output(engine, result, { period: spec }, values, format, io, false);
  return 0;
}

/**
 * `reconcile`: imports like analyse, then prints CLI.md's reconciliation summary (every month a statement covers,
 * or those of --period) and writes the dispute pack to --out.
 */
async function reconcile(values: Values, format: string, io: Io): Promise<number> {
  if (!values.statement?.length && !(values.db && existsSync(values.db))) {
    throw new UsageError('reconcile needs at least one --statement FILE, or a --db that already holds statements.');
  }
  const explicitPeriod = values.period !== undefined || values.from !== undefined || values.to !== undefined;
  const period = explicitPeriod ? periodSpec(values) : null;
  const { engine } = await openAndImport(values);
  const summary = await engine.reconciliation({ period });
  const synthetic = (await engine.info()).synthetic;
  if (values.out) {
    await atomicWrite(values.out, await engine.exportDisputePack({ period }));
    io.stderr(`Wrote the dispute pack to ${values.out}.\n`);
  }
  if (format === 'json') io.stdout(JSON.stringify(reconciliationJson(summary.rows), null, 2) + '\n');
  else if (format === 'text') io.stdout(formatReconciliationText(summary.rows, { synthetic, statusRules: summary.statusRules }));
  return 0;
}

/** Prints or writes the analysis in the chosen format. */
async function output(
  engine: Engine,
  result: AnalysisResult,
  request: AnalyseRequest,
  values: Values,
  format: string,
  io: Io,
  synthetic: boolean,
): Promise<void> {
  if (format === 'xlsx') {
    const workbook = buildWorkbook({
      analysis: result,
      dashboard: await engine.dashboard(request),
      definitions: await engine.metricDefinitions(),
      benchmarks: result.benchmarks,
      generatedAt: new Date(),
      synthetic,
      weights: DEFAULT_WEIGHTS,
    });
    await atomicWrite(values.out!, workbook);
    io.stderr(`Wrote ${values.out}.\n`);
    return;
  }
  emit(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : formatTextSummary(result, { synthetic }), values, io);
}

function loadRules(path: string): ClassificationRule[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--rules ${path}: not a readable JSON rules file (${(error as Error).message}).`);
  }
  try {
    return parseRuleSet(doc, basename(path));
  } catch (error) {
    throw new UsageError(`--rules ${path}: ${(error as Error).message}`);
  }
}

/** The shipped benchmarks extended (or replaced, row by row) by the user's file. */
async function loadBenchmarks(path: string): Promise<{ set: BenchmarkSet; issues: RowIssue[] }> {
  const { set, issues } = await parseBenchmarkFile(fileSource(path));
  return { set: mergeBenchmarkSets(basename(path), [defaultBenchmarkSet(), set]), issues };
}

function importJson(r: ImportReport) {
  return {
    file: r.file,
    kind: r.kind,
    batchId: r.batchId,
    sha256: r.sha256,
    rowsRead: r.rowsRead,
    accepted: r.accepted,
    inserted: r.inserted,
    updated: r.updated,
    rejected: r.rejected,
    duplicateKeysInFile: r.duplicateKeysInFile,
    unknownModality: r.unknownModality,
    negativeTurnaround: r.negativeTurnaround,
    duplicateOfBatch: r.duplicateOfBatch,
    issues: r.issues,
  };
}

function importText(r: ImportReport): string {
  const lines = [
    `${r.file} (${r.kind}): ${r.rowsRead} rows read, ${r.accepted} accepted (${r.inserted} new, ${r.updated} updated), ${r.rejected} rejected`,
  ];
  if (r.duplicateOfBatch !== null) lines.push(`  note: the same file (SHA-256) was imported before as batch ${r.duplicateOfBatch}`);
  if (r.duplicateKeysInFile) lines.push(`  ${r.duplicateKeysInFile} duplicate keys within the file (the later row kept)`);
  for (const i of r.issues.slice(0, 20)) {
    lines.push(`  row ${i.row}${i.column ? `, ${i.column}` : ''}${i.value ? ` "${i.value}"` : ''}: ${i.reason} [${i.severity}]`);
  }
  if (r.issueCount > 20) lines.push(`  … ${r.issueCount - 20} more (use --rejects FILE for every rejected row)`);
  return lines.join('\n') + '\n';
}

async function demo(values: Values, format: string, io: Io): Promise<number> {
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new UsageError('--scale must be a number above 0, at most 10.');
  if (values['write-csv']) {
    const { demoRisCsvLines, demoStaffCsvLines } = await import('../../shared/demo/csv');
    const dir = values['write-csv'];
    mkdirSync(dir, { recursive: true });
    const risPath = join(dir, 'demo-ris.csv');
    const chunks: string[] = [];
    for (const line of demoRisCsvLines({ scale, errors: true })) chunks.push(line);
    writeFileSync(risPath, chunks.join(''));
    writeFileSync(join(dir, 'demo-staff.csv'), demoStaffCsvLines({ scale }).join(''));
    const { demoOutsourcing, demoOutsourcingFiles } = await import('../../shared/demo/outsourcingCsv');
    const outsourcing = demoOutsourcingFiles(demoOutsourcing({ scale }));
    for (const [name, text] of Object.entries(outsourcing)) writeFileSync(join(dir, name), text);
    io.stderr(`Wrote ${risPath}, ${['demo-staff.csv', ...Object.keys(outsourcing)].map((f) => join(dir, f)).join(', ')} (synthetic).\n`);
  }
  const engine = createNodeEngine();
  await engine.open(null);
  await engine.loadDemo({ scale });
  if (values.db) await atomicWrite(values.db, await engine.exportDatabase());
  const request: AnalyseRequest = { period: periodSpec(values) };
  const result: AnalysisResult = await engine.analyse(request);
  await output(engine, result, request, values, format, io, true);
  return 0;
}

const isMain = process.argv[1] && /cli[\\/]main\.(ts|js|cjs|mjs)$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`radbench: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
