/**
 * What the Benchmarks view shows, built from the engine's BenchmarkView: one table row per published
 * comparison (with its quartiles and the peer median beside it), and labels and formats by metric unit.
 */
import type { BenchmarkComparison, BenchmarkRow, BenchmarkView, Distribution, MetricDefinition } from '../../shared/contract';
import { benchmarkMetric } from '../../shared/benchmarks/metrics';
import { formatCount, formatDecimal, formatGbp, formatHoursReadable, formatShare, NOT_AVAILABLE } from '../format';

export type Unit = MetricDefinition['unit'];

export function metricTitle(metric: string): string {
  return benchmarkMetric(metric)?.title ?? metric;
}

export function metricUnit(metric: string): Unit | null {
  return benchmarkMetric(metric)?.unit ?? null;
}

export function formatMetric(unit: Unit | null, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE;
  switch (unit) {
    case 'share':
      return formatShare(value);
    case 'gbp':
      return formatGbp(value, { pence: true });
    case 'hours':
      return formatHoursReadable(value);
    case 'per_wte':
    case 'count':
      return formatCount(value);
    default:
      return formatDecimal(value, 2);
  }
}

function titleCase(text: string): string {
  return text
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

/** 'shelford' → 'Shelford Group', 'peer:north' → 'Peer group: North', 'reference:east-lancashire' → 'Reference: East Lancashire'. */
export function cohortLabel(cohort: string): string {
  if (cohort === 'national') return 'National';
  if (cohort === 'shelford') return 'Shelford Group';
  if (cohort === 'region') return 'Region';
  const [kind, ...rest] = cohort.split(':');
  const name = rest.join(':');
  if (kind === 'peer') return `Peer group: ${name}`;
  if (kind === 'org') return `Organisation ${name}`;
  if (kind === 'reference') return `Reference: ${titleCase(name)}`;
  return titleCase(cohort);
}

export interface BenchmarkTableRow {
  key: string;
  metric: string;
  title: string;
  unit: Unit | null;
  ours: number | null;
  value: number;
  cohort: string;
  year: string;
  p25: number | null;
  median: number | null;
  p75: number | null;
  n: number | null;
  peerMedian: number | null;
  source: string;
  url: string | null;
}

const isPeer = (c: { cohort: string }): boolean => c.cohort.startsWith('peer:');

function matchingRow(rows: BenchmarkRow[], c: BenchmarkComparison): BenchmarkRow | undefined {
  return rows.find((r) => r.metric === c.metric && r.cohort === c.cohort && r.year === c.year);
}

/**
 * One row per published comparison, in the engine's order; a metric that only has per-organisation rows
 * gets one row whose benchmark is the distribution's median. The peer median sits beside each metric.
 */
export function benchmarkTable(view: BenchmarkView): BenchmarkTableRow[] {
  const peerBy = new Map(view.comparisons.filter(isPeer).map((c) => [c.metric, c.value]));
  const out: BenchmarkTableRow[] = [];
  for (const c of view.comparisons) {
    if (isPeer(c)) continue;
    const row = matchingRow(view.rows, c);
    out.push({
      key: `${c.metric}|${c.cohort}|${c.year}`,
      metric: c.metric,
      title: metricTitle(c.metric),
      unit: metricUnit(c.metric),
      ours: c.ours,
      value: c.value,
      cohort: cohortLabel(c.cohort),
      year: c.year,
      p25: row?.p25 ?? null,
      median: row?.median ?? null,
      p75: row?.p75 ?? null,
      n: row?.n ?? null,
      peerMedian: peerBy.get(c.metric) ?? null,
      source: c.source,
      url: row?.url ?? null,
    });
  }
  const covered = new Set(out.map((r) => r.metric));
  for (const d of view.distributions) {
    if (covered.has(d.metric)) continue;
    out.push({
      key: `${d.metric}|org|${d.year}`,
      metric: d.metric,
      title: metricTitle(d.metric),
      unit: d.unit,
      ours: d.orgs.find((b) => b.ours)?.value ?? null,
      value: d.median,
      cohort: `Imported organisations (${formatCount(d.n)})`,
      year: d.year,
      p25: d.p25,
      median: d.median,
      p75: d.p75,
      n: d.n,
      peerMedian: peerBy.get(d.metric) ?? null,
      source: d.sources.join('; '),
      url: null,
    });
  }
  return out;
}

/** The URLs behind a distribution's sources, as plain text (the app opens nothing on the network). */
export function distributionUrls(view: BenchmarkView, d: Distribution): string[] {
  const urls = view.rows.filter((r) => r.metric === d.metric && r.year === d.year && r.cohort.startsWith('org:') && r.url).map((r) => r.url!);
  return [...new Set(urls)];
}
