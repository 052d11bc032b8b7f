import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { percentileFromHistogram } from '../../../shared/metrics/percentile';

/** Excel PERCENTILE.INC over a plain list, written straight from its definition. */
function percentileInc(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  return sorted[lo]! + (rank - lo) * ((sorted[lo + 1] ?? sorted[lo]!) - sorted[lo]!);
}

describe('percentileFromHistogram', () => {
  it('matches PERCENTILE.INC on worked examples', () => {
    // Excel: PERCENTILE.INC({1,2,3,4}, 0.9) = 3.7; median 2.5.
    expect(percentileFromHistogram([1, 2, 3, 4], [1, 1, 1, 1], 0.9)).toBeCloseTo(3.7, 12);
    expect(percentileFromHistogram([1, 2, 3, 4], [1, 1, 1, 1], 0.5)).toBe(2.5);
    // Repeated values: 5, 5, 5, 10 → p90 rank 2.7 → 5 + 0.7 × 5 = 8.5.
    expect(percentileFromHistogram([5, 10], [3, 1], 0.9)).toBeCloseTo(8.5, 12);
    expect(percentileFromHistogram([7], [1], 0.9)).toBe(7);
    expect(percentileFromHistogram([], [], 0.5)).toBeNull();
  });

  it('agrees with the list definition on random data', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (list, p) => {
        const distinct = [...new Set(list)].sort((a, b) => a - b);
        const counts = distinct.map((v) => list.filter((x) => x === v).length);
        expect(percentileFromHistogram(distinct, counts, p)).toBeCloseTo(percentileInc(list, p), 9);
      }),
    );
  });
});

describe('percentileFromBins', () => {
  it('gives exactly the list definition from bin counts and in-bin values', async () => {
    const { percentileFromBins, turnaroundBin } = await import('../../../shared/metrics/percentile');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 * 86_400 }), { minLength: 1, maxLength: 80 }), fc.double({ min: 0, max: 1, noNaN: true }), (list, p) => {
        const byBin = new Map<number, Map<number, number>>();
        for (const v of list) {
          const bin = turnaroundBin(v);
          const inner = byBin.get(bin) ?? new Map<number, number>();
          inner.set(v, (inner.get(v) ?? 0) + 1);
          byBin.set(bin, inner);
        }
        const bins = [...byBin.keys()].sort((a, b) => a - b);
        const counts = bins.map((b) => [...byBin.get(b)!.values()].reduce((x, y) => x + y, 0));
        const inBin = (bin: number) => {
          const values = [...byBin.get(bin)!.keys()].sort((a, b) => a - b);
          return { values, counts: values.map((v) => byBin.get(bin)!.get(v)!) };
        };
        expect(percentileFromBins({ values: bins, counts }, p, inBin)).toBeCloseTo(percentileInc(list, p), 6);
      }),
    );
  });

  it('keeps bins monotonic and few', async () => {
    const { turnaroundBin } = await import('../../../shared/metrics/percentile');
    let previous = -1;
    for (let s = 0; s < 400 * 86_400; s += 997) {
      const bin = turnaroundBin(s);
      expect(bin).toBeGreaterThanOrEqual(previous);
      previous = bin;
    }
    expect(previous).toBeLessThan(200);
  });
});
