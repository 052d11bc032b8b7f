/**
 * A small seeded PRNG for the synthetic demo.
 * sfc32 seeded through splitmix32: integer-only state updates, so the stream is identical on every platform.
 * (Derived floats go through Math.log/exp/cos, which V8 computes with the same fdlibm ports everywhere.)
 */

/** splitmix32 step, used to spread a small seed over sfc32's 128-bit state. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

/** murmur3's 32-bit finaliser: a cheap, well-mixed hash of one integer. */
export function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Box–Muller gives normals in pairs; the second one waits here (NaN when empty). */
  private spare = Number.NaN;

  constructor(seed: number) {
    let s = seed | 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(s);
      s = next;
      words.push(out);
    }
    this.a = words[0] ?? 0;
    this.b = words[1] ?? 0;
    this.c = words[2] ?? 0;
    this.d = words[3] ?? 1;
    // Discard the first outputs so that close seeds decorrelate.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal, by Box–Muller. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = Number.NaN;
      return z;
    }
    const u1 = 1 - this.next(); // (0, 1]: log stays finite
    const u2 = this.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** exp(N(mu, sigma²)). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** A Poisson count: exact (Knuth) for small means, normal approximation above 30. */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
  }

  /** An independent stream derived from this one's seed material and a label. */
  fork(label: number): Rng {
    return new Rng((this.uint32() ^ mix32(label)) | 0);
  }
}

/** Lognormal parameters that give the stated median and 90th percentile. */
export function lognormalFromMedianP90(median: number, p90: number): { mu: number; sigma: number } {
  const Z90 = 1.2815515655446004;
  return { mu: Math.log(median), sigma: Math.log(p90 / median) / Z90 };
}

/** Items with weights, picked by binary search over the cumulative weights. */
export class WeightedTable<T> {
  readonly items: readonly T[];
  private readonly cum: Float64Array;
  readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    const items: T[] = [];
    const cum: number[] = [];
    let total = 0;
    for (const [item, weight] of entries) {
      if (!(weight > 0)) continue;
      total += weight;
      items.push(item);
      cum.push(total);
    }
    this.items = items;
    this.cum = Float64Array.from(cum);
    this.total = total;
  }

  get size(): number {
    return this.items.length;
  }

  pick(rng: Rng): T {
    const n = this.items.length;
    if (n === 0) throw new Error('WeightedTable.pick on an empty table');
    const target = rng.next() * this.total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cum[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}
