import { describe, expect, it } from 'vitest';
import { mergeBenchmarkSets } from '../../../shared/benchmarks/merge';
import { row, set } from './fixtures';

describe('mergeBenchmarkSets', () => {
  it('extends a set, a later row replacing the same metric, cohort and year', () => {
    const defaults = set([
      row({ metric: 'outsourcing.share', cohort: 'national', value: 0.1, source: 'default' }),
      row({ metric: 'insourcing.share', cohort: 'national', value: 0.02, source: 'default' }),
    ]);
    const imported = set([
      row({ metric: 'outsourcing.share', cohort: 'national', value: 0.12, source: 'imported' }),
      row({ metric: 'outsourcing.share', cohort: 'national', year: '2023/24', value: 0.14, source: 'imported' }),
    ]);
    const merged = mergeBenchmarkSets('both', [defaults, imported]);
    expect(merged.name).toBe('both');
    expect(merged.rows.map((r) => [r.metric, r.year, r.value, r.source])).toEqual([
      ['insourcing.share', '2022/23', 0.02, 'default'],
      ['outsourcing.share', '2022/23', 0.12, 'imported'],
      ['outsourcing.share', '2023/24', 0.14, 'imported'],
    ]);
  });
});
