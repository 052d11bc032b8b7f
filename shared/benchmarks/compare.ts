/**
 * Benchmarks against an analysis: the user's figure beside each published one, peer medians from
 * per-organisation rows, and the sorted per-organisation distribution the Model Hospital draws.
 */
import type { AnalysisResult, BenchmarkComparison } from '../contract';
import { percentileFromHistogram } from '../metrics/percentile';
import { BREACH_SHARE_METRIC, benchmarkMetric, type MetricUnit } from './metrics';
import type { BenchmarkRow, BenchmarkSet } from './types';

/** Label of the user's own bar when their organisation code is not known. */
export const OURS_LABEL = 'Your organisation';
const ORG = 'org:';

export interface CompareOptions {
  /** Organisation codes (as in org:<code> rows) making up the user's peer group. */
  peerGroup?: string[];
  /** The user's own organisation code: left out of its own peer median. */
  ownOrg?: string;
  /** Name of the peer group, shown as the cohort 'peer:<name>'; 'selected' by default. */
  peerName?: string;
}

/**
 * The user's figure for a metric id: a dotted path through the result's objects (never into arrays), or a
 * derived share. Null when absent, null or not a number.
 */
export function metricValue(result: AnalysisResult, metric: string): number | null {
  if (metric === BREACH_SHARE_METRIC) return result.reports.total > 0 ? result.breaches28d / result.reports.total : null;
  let node: unknown = result;
  for (const part of metric.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, part)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'number' && Number.isFinite(node) ? node : null;
}

const normOrg = (code: string): string => code.trim().toUpperCase();
const isOrgRow = (row: BenchmarkRow): boolean => row.cohort.startsWith(ORG);
const orgOf = (row: BenchmarkRow): string => row.cohort.slice(ORG.length);
/** A row's headline figure: its value, else its median. */
const figure = (row: BenchmarkRow): number | null => row.value ?? row.median;

/** '2016/17' and '2016' sort by their first year; equal years by text. */
function compareYears(a: string, b: string): number {
  const ya = Number(/\d{4}/.exec(a)?.[0] ?? 0);
  const yb = Number(/\d{4}/.exec(b)?.[0] ?? 0);
  return ya - yb || a.localeCompare(b);
}

function latestYear(rows: BenchmarkRow[]): string | null {
  let latest: string | null = null;
  for (const row of rows) if (latest === null || compareYears(row.year, latest) > 0) latest = row.year;
  return latest;
}

const unique = (items: string[]): string[] => [...new Set(items)];

/** The organisations with per-organisation rows in a set, sorted: the choices for a peer group. */
export function benchmarkOrgs(set: BenchmarkSet): string[] {
  return unique(set.rows.filter(isOrgRow).map(orgOf)).sort();
}

/** Metric ids with any benchmark row in a set, in the set's order. */
export function benchmarkedMetrics(set: BenchmarkSet): string[] {
  return unique(set.rows.map((r) => r.metric));
}

export interface PeerMedian {
  metric: string;
  year: string;
  median: number;
  n: number;
  orgs: string[];
  sources: string[];
}

/**
 * Median (PERCENTILE.INC at 0.5) of the peer organisations' values for a metric, in the latest year any
 * peer has a figure for (or options.year). Null when no peer has one.
 */
export function peerMedian(
  set: BenchmarkSet,
  metric: string,
  peerOrgs: string[],
  options: { year?: string; exclude?: string } = {},
): PeerMedian | null {
  const exclude = options.exclude ? normOrg(options.exclude) : null;
  const peers = new Set(peerOrgs.map(normOrg).filter((o) => o !== exclude));
  const candidates = set.rows.filter((r) => r.metric === metric && isOrgRow(r) && peers.has(orgOf(r)) && figure(r) !== null);
  const year = options.year ?? latestYear(candidates);
  const rows = candidates.filter((r) => r.year === year);
  if (year === null || rows.length === 0) return null;
  const values = rows.map((r) => figure(r)!).sort((a, b) => a - b);
  return {
    metric,
    year,
    median: percentileFromHistogram(values, values.map(() => 1), 0.5)!,
    n: rows.length,
    orgs: rows.map(orgOf).sort(),
    sources: unique(rows.map((r) => r.source)),
  };
}

/**
 * One comparison per non-organisation row of the set (file order), with the user's own figure; then,
 * when a peer group is given, one 'peer:<name>' comparison per metric from the peers' org:<code> rows.
 */
export function compareWithBenchmarks(result: AnalysisResult, set: BenchmarkSet, options: CompareOptions = {}): BenchmarkComparison[] {
  const out: BenchmarkComparison[] = [];
  for (const row of set.rows) {
    const value = figure(row);
    if (isOrgRow(row) || value === null) continue;
    out.push({ metric: row.metric, cohort: row.cohort, year: row.year, value, source: row.source, ours: metricValue(result, row.metric) });
  }
  if (options.peerGroup?.length) {
    for (const metric of benchmarkedMetrics(set)) {
      const peer = peerMedian(set, metric, options.peerGroup, { exclude: options.ownOrg });
      if (!peer) continue;
      out.push({
        metric,
        cohort: `peer:${options.peerName ?? 'selected'}`,
        year: peer.year,
        value: peer.median,
        source: `Median of ${peer.n} peer organisation${peer.n === 1 ? '' : 's'} (${peer.orgs.join(', ')}) in "${set.name}"; figures from ${peer.sources.join('; ')}`,
        ours: metricValue(result, metric),
      });
    }
  }
  return out;
}

export interface DistributionBar {
  org: string;
  value: number;
  /** The user's own organisation. */
  ours: boolean;
  /** In the user's peer group. */
  peer: boolean;
}

export interface Distribution {
  metric: string;
  year: string;
  unit: MetricUnit | null;
  /** Ascending by value (ties by code), the user's bar included. */
  orgs: DistributionBar[];
  /** Quartiles (PERCENTILE.INC) of the imported organisations' values; the user's inserted figure never moves them. */
  median: number;
  p25: number;
  p75: number;
  /** Organisations in the imported distribution. */
  n: number;
  sources: string[];
}

export interface DistributionOptions {
  /** Default: the latest year with per-organisation rows for the metric. */
  year?: string;
  /** The user's own current figure, drawn as their bar (replacing their imported row, if any). */
  ours?: number | null;
  /** The user's organisation code: its imported bar is the highlighted one when `ours` is not given. */
  ownOrg?: string;
  peerGroup?: string[];
}

/** Sorted bars for a metric from its org:<code> rows, the user's organisation highlighted. Null without such rows. */
export function distribution(set: BenchmarkSet, metric: string, options: DistributionOptions = {}): Distribution | null {
  const candidates = set.rows.filter((r) => r.metric === metric && isOrgRow(r) && figure(r) !== null);
  const year = options.year ?? latestYear(candidates);
  const rows = candidates.filter((r) => r.year === year);
  if (year === null || rows.length === 0) return null;
  const own = options.ownOrg ? normOrg(options.ownOrg) : null;
  const peers = new Set((options.peerGroup ?? []).map(normOrg));
  const ours = options.ours ?? null;
  const useOurs = ours !== null && Number.isFinite(ours);

  const published = rows.map((r) => figure(r)!).sort((a, b) => a - b);
  const q = (p: number): number => percentileFromHistogram(published, published.map(() => 1), p)!;

  const bars: DistributionBar[] = rows
    .filter((r) => !(useOurs && orgOf(r) === own))
    .map((r) => ({ org: orgOf(r), value: figure(r)!, ours: orgOf(r) === own, peer: peers.has(orgOf(r)) }));
  if (useOurs) bars.push({ org: own ?? OURS_LABEL, value: ours, ours: true, peer: false });
  bars.sort((a, b) => a.value - b.value || a.org.localeCompare(b.org));

  return {
    metric,
    year,
    unit: benchmarkMetric(metric)?.unit ?? null,
    orgs: bars,
    median: q(0.5),
    p25: q(0.25),
    p75: q(0.75),
    n: rows.length,
    sources: unique(rows.map((r) => r.source)),
  };
}
