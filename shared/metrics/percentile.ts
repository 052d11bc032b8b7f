/**
 * Percentile with linear interpolation between closest ranks, as Excel's PERCENTILE.INC:
 * rank r = p × (n − 1) over the sorted values x₀…xₙ₋₁; result = x⌊r⌋ + (r − ⌊r⌋) × (x⌊r⌋₊₁ − x⌊r⌋).
 * Values arrive as histograms (ascending distinct values with counts), so no row-level sort is needed.
 */

export interface Histogram {
  values: readonly number[];
  counts: readonly number[];
}

/** PERCENTILE.INC given a way to read the value at any 0-based position of the sorted list. */
function interpolate(total: number, p: number, valueAt: (position: number) => number): number | null {
  if (total === 0) return null;
  const rank = p * (total - 1);
  const lowerIndex = Math.floor(rank);
  const fraction = rank - lowerIndex;
  const lower = valueAt(lowerIndex);
  if (fraction === 0 || lowerIndex + 1 >= total) return lower;
  return lower + fraction * (valueAt(lowerIndex + 1) - lower);
}

function sum(counts: readonly number[]): number {
  let total = 0;
  for (const c of counts) total += c;
  return total;
}

/** Where a 0-based position of the expanded, sorted list falls: which entry, and how far into it. */
export function locate(counts: readonly number[], position: number): { index: number; offset: number } {
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    if (position < seen + counts[i]!) return { index: i, offset: position - seen };
    seen += counts[i]!;
  }
  throw new RangeError(`position ${position} is beyond the ${seen} values`);
}

export function percentileFromHistogram(values: readonly number[], counts: readonly number[], p: number): number | null {
  return interpolate(sum(counts), p, (position) => values[locate(counts, position).index]!);
}

/**
 * Geometric bins for turnaround seconds: about 8.7% wide (12 per e-fold of minutes), so any volume of
 * turnarounds falls in under 200 bins.
 */
export function turnaroundBin(seconds: number): number {
  return seconds <= 0 ? 0 : Math.floor(12 * Math.log1p(seconds / 60));
}

/**
 * PERCENTILE.INC from per-bin counts, reading exact values only inside the bins that hold the wanted ranks.
 * `valuesInBin` returns one bin's distinct values and counts, ascending.
 */
export function percentileFromBins(bins: Histogram, p: number, valuesInBin: (bin: number) => Histogram): number | null {
  return interpolate(sum(bins.counts), p, (position) => {
    const { index, offset } = locate(bins.counts, position);
    const inside = valuesInBin(bins.values[index]!);
    return inside.values[locate(inside.counts, offset).index]!;
  });
}
