/**
 * Percentile with linear interpolation between closest ranks, as Excel's PERCENTILE.INC:
 * rank r = p × (n − 1) over the sorted values x₀…xₙ₋₁; result = x⌊r⌋ + (r − ⌊r⌋) × (x⌊r⌋₊₁ − x⌊r⌋).
 * Values arrive as a histogram (ascending distinct values with counts), so no row-level sort is needed.
 */
export function percentileFromHistogram(values: readonly number[], counts: readonly number[], p: number): number | null {
  let total = 0;
  for (const c of counts) total += c;
  if (total === 0) return null;
  const rank = p * (total - 1);
  const lowerIndex = Math.floor(rank);
  const fraction = rank - lowerIndex;
  const lower = valueAt(values, counts, lowerIndex);
  if (fraction === 0 || lowerIndex + 1 >= total) return lower;
  const upper = valueAt(values, counts, lowerIndex + 1);
  return lower + fraction * (upper - lower);
}

/** The value at a 0-based position in the expanded, sorted list. */
function valueAt(values: readonly number[], counts: readonly number[], position: number): number {
  let seen = 0;
  for (let i = 0; i < values.length; i++) {
    seen += counts[i]!;
    if (position < seen) return values[i]!;
  }
  return values[values.length - 1]!;
}
