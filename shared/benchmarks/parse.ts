/**
 * Reads a benchmark file (CSV or workbook) in the format of BENCHMARKS.md:
 * metric,cohort,year,value,p25,median,p75,n,unit,source,url — headers in any order and letter case,
 * extra columns ignored. Bad rows are reported and left out; a file without the header is refused.
 */
import { openTable } from '../io/openTable';
import { ImportError, type ByteSource, type Cell } from '../io/types';
import { cellText, isParseError, parseNumber, type ParseError } from '../ingest/values';
import type { RowIssue } from '../model';
import { findBenchmarkMetric, type MetricUnit } from './metrics';
import type { BenchmarkRow, BenchmarkSet } from './types';

export const BENCHMARK_COLUMNS = ['metric', 'cohort', 'year', 'value', 'p25', 'median', 'p75', 'n', 'unit', 'source', 'url'] as const;
export type BenchmarkColumn = (typeof BENCHMARK_COLUMNS)[number];
/** One raw row, by column. */
export type BenchmarkRecord = Partial<Record<BenchmarkColumn, Cell>>;

const REQUIRED_COLUMNS: readonly BenchmarkColumn[] = ['metric', 'cohort', 'year', 'source'];
/** Non-blank rows searched for the header, so a title or note above it does not matter. */
const HEADER_SEARCH_ROWS = 20;

export interface ParseBenchmarkOptions {
  /** The set's name; by default the file name without its extension. */
  name?: string;
  sheet?: string | null;
  signal?: AbortSignal;
}

export interface ParsedBenchmarks {
  set: BenchmarkSet;
  issues: RowIssue[];
}

const headerKey = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');
const COLUMN_BY_KEY = new Map<string, BenchmarkColumn>(BENCHMARK_COLUMNS.map((c) => [c, c]));

function headerColumns(cells: Cell[]): Map<BenchmarkColumn, number> {
  const map = new Map<BenchmarkColumn, number>();
  cells.forEach((cell, index) => {
    const column = COLUMN_BY_KEY.get(headerKey(cellText(cell)));
    if (column && !map.has(column)) map.set(column, index);
  });
  return map;
}

function missingColumns(map: Map<BenchmarkColumn, number>): string[] {
  const missing: string[] = REQUIRED_COLUMNS.filter((c) => !map.has(c));
  if (!map.has('value') && !map.has('median')) missing.push('value or median');
  return missing;
}

const isBlank = (cells: Cell[]): boolean => cells.every((c) => cellText(c) === '');

export async function parseBenchmarkFile(source: ByteSource, options: ParseBenchmarkOptions = {}): Promise<ParsedBenchmarks> {
  const file = source.name;
  const reader = await openTable(source, { sheet: options.sheet ?? null, signal: options.signal });
  let columns: Map<BenchmarkColumn, number> | null = null;
  let best: { map: Map<BenchmarkColumn, number>; headers: string[] } | null = null;
  let scanned = 0;
  let dataRows = 0;
  const rows: BenchmarkRow[] = [];
  const issues: RowIssue[] = [];
  const firstRowOf = new Map<string, number>();

  batches: for await (const batch of reader.batches()) {
    const problems = new Map<number, string>();
    for (const p of batch.problems) problems.set(p.row, problems.has(p.row) ? `${problems.get(p.row)} ${p.message}` : p.message);
    for (let i = 0; i < batch.rows.length; i++) {
      const cells = batch.rows[i]!;
      const rowNumber = batch.firstRowNumber + i;
      if (isBlank(cells)) continue;
      if (!columns) {
        if (scanned++ >= HEADER_SEARCH_ROWS) break batches;
        const map = headerColumns(cells);
        if (missingColumns(map).length === 0) columns = map;
        else if (!best || map.size > best.map.size) best = { map, headers: cells.map(cellText).filter((h) => h !== '') };
        continue;
      }
      dataRows++;
      const problem = problems.get(rowNumber);
      if (problem) {
        issues.push({ file, row: rowNumber, column: null, value: null, reason: problem, severity: 'error' });
        continue;
      }
      const record: BenchmarkRecord = {};
      for (const [column, index] of columns) record[column] = cells[index] ?? null;
      const checked = validateBenchmarkRecord(record, { file, row: rowNumber });
      issues.push(...checked.issues);
      const row = checked.row;
      if (!row) continue;
      const key = `${row.metric}|${row.cohort}|${row.year}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) {
        issues.push({
          file,
          row: rowNumber,
          column: 'metric',
          value: row.metric,
          reason: `duplicate benchmark: row ${first} already gives ${row.metric} for ${row.cohort}, ${row.year}`,
          severity: 'error',
        });
        continue;
      }
      firstRowOf.set(key, rowNumber);
      rows.push(row);
    }
  }

  if (!columns) {
    const map = best?.map ?? new Map<BenchmarkColumn, number>();
    const missing = missingColumns(map);
    const headersSeen = best?.headers ?? [];
    throw new ImportError(
      'missing_fields',
      file,
      `${file} is not a benchmark file: no header row has the columns ${missing.join(', ')}. ` +
        `Headers seen: ${headersSeen.length ? headersSeen.join(', ') : '(none)'}. ` +
        `A benchmark file has the columns ${BENCHMARK_COLUMNS.join(',')}.`,
      { missing, headersSeen, expected: [...BENCHMARK_COLUMNS] },
    );
  }
  if (dataRows === 0) {
    throw new ImportError('empty', file, `${file} has the benchmark header but no rows below it.`);
  }
  return { set: { name: options.name ?? file.replace(/\.[^./\\]+$/, ''), rows }, issues };
}

/**
 * Checks one raw row against the format and turns it into a BenchmarkRow. Every problem in the row is
 * reported; the row is null when any of them is an error. Shared with the shipped default set.
 */
export function validateBenchmarkRecord(
  record: BenchmarkRecord,
  at: { file: string; row: number },
): { row: BenchmarkRow | null; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const text = (column: BenchmarkColumn): string => cellText(record[column] ?? null);
  const fail = (column: BenchmarkColumn, reason: string, severity: RowIssue['severity'] = 'error'): void => {
    const value = text(column);
    issues.push({ file: at.file, row: at.row, column, value: value === '' ? null : value, reason, severity });
  };

  const metricText = text('metric');
  const metric = findBenchmarkMetric(metricText);
  if (metricText === '') fail('metric', 'metric is empty');
  else if (!metric) fail('metric', `unknown metric "${metricText}": use one of the benchmark metric ids, e.g. skillMix.plainFilmRadiographerShare`);

  const cohort = parseCohort(text('cohort'));
  if (isParseError(cohort)) fail('cohort', cohort.error);
  const year = parseYear(text('year'));
  if (isParseError(year)) fail('year', year.error);

  const numbers: Partial<Record<'value' | 'p25' | 'median' | 'p75', number | null>> = {};
  if (metric) {
    for (const column of ['value', 'p25', 'median', 'p75'] as const) {
      const n = parseBenchmarkNumber(record[column] ?? null, metric.unit);
      if (isParseError(n)) fail(column, n.error);
      else if (n !== null && metric.unit === 'share' && (n < 0 || n > 1)) {
        fail(column, `a share must be between 0 and 1 (write 15% or 0.15): ${text(column)}`);
      } else if (n !== null && n < 0) fail(column, `cannot be negative: ${text(column)}`);
      else numbers[column] = n;
    }
    const parsedAll = issues.every((i) => !['value', 'p25', 'median', 'p75'].includes(i.column ?? ''));
    if (parsedAll && numbers.value == null && numbers.median == null) {
      fail(record.value !== undefined ? 'value' : 'median', 'a benchmark needs a value or a median');
    }
    const { p25, median, p75 } = numbers;
    const ordered = [p25, median, p75].filter((x): x is number => x != null);
    if (ordered.some((x, i) => i > 0 && x < ordered[i - 1]!)) fail('median', 'quartiles out of order: p25 ≤ median ≤ p75 is required');
  }

  let count: number | null = null;
  const n = parseNumber(record.n ?? null);
  if (isParseError(n)) fail('n', n.error);
  else if (n !== null && (!Number.isInteger(n) || n < 0)) fail('n', `n must be a whole number of organisations or cases: ${text('n')}`);
  else count = n;

  const unit = parseUnit(text('unit'));
  if (isParseError(unit)) fail('unit', unit.error);
  else if (unit !== null && metric && unit !== metric.unit) fail('unit', `unit "${text('unit')}" does not fit ${metric.id}, which is in ${metric.unit}`);

  const sourceText = text('source');
  if (sourceText === '') fail('source', 'source is required: every benchmark must name where its figure comes from');

  let url: string | null = text('url') || null;
  if (url !== null && !isWebUrl(url)) {
    fail('url', 'not an http(s) address; the link is left out', 'warning');
    url = null;
  }

  if (issues.some((i) => i.severity === 'error') || !metric || isParseError(cohort) || isParseError(year)) return { row: null, issues };
  return {
    row: {
      metric: metric.id,
      cohort,
      year,
      value: numbers.value ?? null,
      p25: numbers.p25 ?? null,
      median: numbers.median ?? null,
      p75: numbers.p75 ?? null,
      n: count,
      unit: metric.unit,
      source: sourceText,
      url,
    },
    issues,
  };
}

const FIXED_COHORTS = new Set(['national', 'shelford', 'region']);

/** 'national', 'shelford', 'region', or 'peer:' / 'org:' / 'reference:' and a name; org codes upper-cased so they match. */
export function parseCohort(text: string): string | ParseError {
  const t = text.trim();
  if (t === '') return { error: 'cohort is empty' };
  const lower = t.toLowerCase();
  if (FIXED_COHORTS.has(lower)) return lower;
  const m = /^(peer|org|reference)\s*:\s*(\S.*)$/i.exec(t);
  if (m) {
    const kind = m[1]!.toLowerCase();
    const name = m[2]!.trim();
    return kind === 'org' ? `org:${name.toUpperCase()}` : `${kind}:${name}`;
  }
  return { error: `unknown cohort "${t}": use national, shelford, region, peer:<name>, org:<code> or reference:<name>` };
}

/** Financial years are written 'YYYY/YY' ('2016-17' and '2016/2017' too); any other text must hold a year. */
function parseYear(text: string): string | ParseError {
  const t = text.trim();
  if (t === '') return { error: 'year is empty' };
  const fy = /^(\d{4})\s*[-/\u2013]\s*(\d{2}|\d{4})$/.exec(t);
  if (fy) {
    const start = Number(fy[1]);
    const end = fy[2]!;
    if (end.length === 4 ? Number(end) === start + 1 : Number(end) === (start + 1) % 100) {
      return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
    }
  }
  const y = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(t);
  return y ? t : { error: `not a year: ${t}` };
}

/** A number in the metric's unit: '15%' for a share is 0.15, '£3.44' for money is 3.44. */
export function parseBenchmarkNumber(cell: Cell, unit: MetricUnit): number | null | ParseError {
  if (typeof cell !== 'string') return parseNumber(cell);
  let s = cell.trim();
  if (s === '') return null;
  const percent = s.endsWith('%');
  if (percent) {
    if (unit !== 'share') return { error: `a percentage only fits a share metric: ${s}` };
    s = s.slice(0, -1).trim();
  }
  if (unit === 'gbp') s = s.replace(/^([-\u2212]?)\s*(?:£|GBP)\s*/i, '$1');
  const n = parseNumber(s);
  if (n === null) return { error: `not a number: ${cell.trim()}` };
  if (isParseError(n)) return { error: `not a number: ${cell.trim()}` };
  // toPrecision trims the binary noise of the division (14.1 / 100 = 0.14100000000000001).
  return percent ? Number((n / 100).toPrecision(12)) : n;
}

const UNIT_WORDS: Record<string, MetricUnit> = {
  share: 'share', percent: 'share', percentage: 'share', proportion: 'share', fraction: 'share', ratio: 'share',
  gbp: 'gbp', pounds: 'gbp', pound: 'gbp', money: 'gbp',
  hours: 'hours', hour: 'hours', hrs: 'hours', h: 'hours',
  perwte: 'per_wte', reportsperwte: 'per_wte',
  count: 'count', number: 'count', reports: 'count', examinations: 'count',
};

function parseUnit(text: string): MetricUnit | null | ParseError {
  const t = text.trim();
  if (t === '') return null;
  if (t === '%') return 'share';
  if (t === '£') return 'gbp';
  return UNIT_WORDS[t.toLowerCase().replace(/[^a-z]/g, '')] ?? { error: `unknown unit "${t}": use share, gbp, hours, per_wte or count` };
}

function isWebUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
