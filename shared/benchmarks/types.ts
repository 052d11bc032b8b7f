import type { MetricUnit } from './metrics';

/** One row of a benchmark file (BENCHMARKS.md, "Benchmark file format"), validated. */
export interface BenchmarkRow {
  /** A BENCHMARK_METRICS id. */
  metric: string;
  /** 'national' | 'shelford' | 'region' | 'peer:<name>' | 'org:<CODE>' | 'reference:<name>' (org codes upper case). */
  cohort: string;
  /** As published: '2016/17', '2023'. 'YYYY-YY' and 'YYYY/YYYY' are written 'YYYY/YY'. */
  year: string;
  value: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  n: number | null;
  /** The metric's unit (shares are fractions 0..1, money in pounds). */
  unit: MetricUnit;
  /** Never empty: an unsourced figure is rejected. */
  source: string;
  /** http(s) only; anything else is dropped with a warning. */
  url: string | null;
}

export interface BenchmarkSet {
  name: string;
  rows: BenchmarkRow[];
}
