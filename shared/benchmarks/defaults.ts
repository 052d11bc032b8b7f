import defaultBenchmarks from '../../resources/benchmarks/default.json';
import { validateBenchmarkRecord, type BenchmarkRecord } from './parse';
import type { BenchmarkSet } from './types';

export const DEFAULT_BENCHMARK_SET_NAME = 'Published figures (RadBench default)';
const FILE = 'resources/benchmarks/default.json';

/**
 * The shipped published figures as a set. They pass the same checks as an imported file, so a figure
 * without a source or with a share above 1 cannot ship: that throws here, and a unit test runs it.
 */
export function defaultBenchmarkSet(): BenchmarkSet {
  const rows = (defaultBenchmarks.rows as BenchmarkRecord[]).map((record, i) => {
    const { row, issues } = validateBenchmarkRecord(record, { file: FILE, row: i + 1 });
    if (!row) throw new Error(`${FILE} row ${i + 1}: ${issues.map((x) => `${x.column}: ${x.reason}`).join('; ')}`);
    return row;
  });
  return { name: DEFAULT_BENCHMARK_SET_NAME, rows };
}
