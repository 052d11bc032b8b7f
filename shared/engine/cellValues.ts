/**
 * Numbers collected per cell and counted once at the end. A large import adds a turnaround and a report lag for
 * each of a million rows: appending to a typed array is far cheaper than updating a Map entry per row, and one
 * numeric sort per cell then gives the distinct values in order with their counts.
 */

/** A cell's distinct values, ascending (NaN last), with how often each was added. */
export interface CountedValues {
  values: number[];
  counts: number[];
}

const FIRST_CAPACITY = 16;

export class CellValues {
  private readonly buffers: Float64Array[] = [];
  private readonly lengths: number[] = [];

  add(cell: number, value: number): void {
    let buffer = this.buffers[cell];
    const length = this.lengths[cell] ?? 0;
    if (buffer === undefined) {
      buffer = this.buffers[cell] = new Float64Array(FIRST_CAPACITY);
    } else if (length === buffer.length) {
      const grown = new Float64Array(length * 2);
      grown.set(buffer);
      buffer = this.buffers[cell] = grown;
    }
    buffer[length] = value;
    this.lengths[cell] = length + 1;
  }

  /** The cell's values counted (an empty list for a cell nothing was added to). Sorts the cell's values in place. */
  counted(cell: number): CountedValues {
    const buffer = this.buffers[cell];
    const counted: CountedValues = { values: [], counts: [] };
    if (buffer === undefined) return counted;
    const sorted = buffer.subarray(0, this.lengths[cell]).sort();
    let last = counted.values.length - 1;
    for (const value of sorted) {
      if (last >= 0 && (value === counted.values[last] || (Number.isNaN(value) && Number.isNaN(counted.values[last])))) {
        counted.counts[last]!++;
      } else {
        counted.values.push(value);
        counted.counts.push(1);
        last++;
      }
    }
    return counted;
  }
}

/**
 * Counted values with signed changes applied (a replaced or undone row takes its value away), zero counts
 * dropped, ascending again. Changes are few, so a Map is fine here.
 */
export function withChanges(counted: CountedValues, ...changes: (Iterable<[number, number]> | undefined)[]): CountedValues {
  if (changes.every((change) => change === undefined)) return counted;
  const merged = new Map<number, number>();
  counted.values.forEach((value, i) => merged.set(value, counted.counts[i]!));
  for (const change of changes) {
    for (const [value, n] of change ?? []) merged.set(value, (merged.get(value) ?? 0) + n);
  }
  const values = Float64Array.from([...merged.keys()]).sort();
  const result: CountedValues = { values: [], counts: [] };
  for (const value of values) {
    const n = merged.get(value)!;
    if (n === 0) continue;
    result.values.push(value);
    result.counts.push(n);
  }
  return result;
}
