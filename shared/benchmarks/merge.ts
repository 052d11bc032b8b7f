import type { BenchmarkSet } from './types';

/**
 * Several sets as one, for "replace or extend" (BENCHMARKS.md): a later set's row replaces an earlier
 * set's row for the same metric, cohort and year; other rows keep their order.
 */
export function mergeBenchmarkSets(name: string, sets: BenchmarkSet[]): BenchmarkSet {
  const byKey = new Map<string, BenchmarkSet['rows'][number]>();
  for (const set of sets) {
    for (const row of set.rows) {
      const key = `${row.metric}|${row.cohort}|${row.year}`;
      byKey.delete(key);
      byKey.set(key, row);
    }
  }
  return { name, rows: [...byKey.values()] };
}
