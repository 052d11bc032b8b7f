import { describe, expect, it } from 'vitest';
import {
  OURS_LABEL,
  benchmarkOrgs,
  compareWithBenchmarks,
  distribution,
  metricValue,
  peerMedian,
} from '../../../shared/benchmarks/compare';
import { BENCHMARK_METRICS } from '../../../shared/benchmarks/metrics';
import { analysisFixture, row, set } from './fixtures';

/** Excel PERCENTILE.INC, straight from its definition. */
function percentileInc(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = p * (s.length - 1);
  const lo = Math.floor(rank);
  return s[lo]! + (rank - lo) * ((s[lo + 1] ?? s[lo]!) - s[lo]!);
}

describe('metricValue', () => {
  const a = analysisFixture();
  it('reads nested dotted paths', () => {
    expect(metricValue(a, 'skillMix.plainFilmRadiographerShare')).toBe(0.2727);
    expect(metricValue(a, 'turnaround.byModality.CT.medianHours')).toBe(30.5);
    expect(metricValue(a, 'turnaround.overall.p90Hours')).toBe(160.25);
    expect(metricValue(a, 'backlog.ageDays.29+')).toBe(2);
    expect(metricValue(a, 'reportsPerWte.radiologist')).toBe(90.91);
    expect(metricValue(a, 'externalSpendPerReport')).toBe(5.17);
  });
  it('is null when the figure is null, absent or not a number', () => {
    expect(metricValue(a, 'reportsPerWte.other_in_house')).toBeNull();
    expect(metricValue(a, 'turnaround.byModality.MR.medianHours')).toBeNull();
    expect(metricValue(a, 'turnaround.byModality.US.p90Hours')).toBeNull();
    expect(metricValue(a, 'skillMix')).toBeNull();
    expect(metricValue(a, 'no.such.path')).toBeNull();
    expect(metricValue(a, 'outsourcing.byProvider.length')).toBeNull();
  });
  it('derives the breach share from breaches and reports', () => {
    expect(metricValue(a, 'breaches28dShare')).toBe(20 / 1000);
    expect(metricValue({ ...a, reports: { ...a.reports, total: 0 } }, 'breaches28dShare')).toBeNull();
  });
  it('resolves every benchmark metric id on a full result (none is a typo)', () => {
    const a2 = analysisFixture();
    for (const m of ['MR', 'NM', 'PET', 'FL', 'IR', 'MG', 'DXA', 'OT'] as const) a2.turnaround.byModality[m] = { n: 1, medianHours: 1, p90Hours: 1 };
    a2.reportsPerWte.other_in_house = 1;
    a2.weightedReportsPerWte.other_in_house = 1;
    a2.turnaround.byModality.US!.p90Hours = 1;
    for (const id of BENCHMARK_METRICS) expect(metricValue(a2, id), id).not.toBeNull();
  });
});

describe('compareWithBenchmarks', () => {
  const a = analysisFixture();
  const s = set([
    row({ metric: 'skillMix.plainFilmRadiographerShare', cohort: 'shelford', year: '2016/17', value: 0.15, source: 'NHSI ISTP' }),
    row({ metric: 'turnaround.byModality.CT.medianHours', cohort: 'national', median: 24, p25: 12, p75: 40, unit: 'hours', source: 'NHSE' }),
    row({ metric: 'turnaround.byModality.MR.medianHours', cohort: 'national', value: 30, unit: 'hours', source: 'NHSE' }),
    row({ metric: 'outsourcing.share', cohort: 'org:RXR', value: 0.12 }),
    row({ metric: 'outsourcing.share', cohort: 'org:RAB', value: 0.02 }),
    row({ metric: 'outsourcing.share', cohort: 'org:RCD', value: 0.2 }),
    row({ metric: 'outsourcing.share', cohort: 'org:RXX', value: 0.5 }),
  ]);

  it('gives one comparison per non-organisation row with our figure', () => {
    expect(compareWithBenchmarks(a, s)).toEqual([
      { metric: 'skillMix.plainFilmRadiographerShare', cohort: 'shelford', year: '2016/17', value: 0.15, source: 'NHSI ISTP', ours: 0.2727 },
      { metric: 'turnaround.byModality.CT.medianHours', cohort: 'national', year: '2022/23', value: 24, source: 'NHSE', ours: 30.5 },
      { metric: 'turnaround.byModality.MR.medianHours', cohort: 'national', year: '2022/23', value: 30, source: 'NHSE', ours: null },
    ]);
  });

  it('adds the peer median from the peers’ organisation rows, leaving out our own organisation', () => {
    const out = compareWithBenchmarks(a, s, { peerGroup: ['rxr', 'RAB', 'RCD', 'ZZZ'], ownOrg: 'RCD', peerName: 'North' });
    const peer = out.filter((c) => c.cohort.startsWith('peer:'));
    expect(peer).toHaveLength(1);
    expect(peer[0]).toMatchObject({ metric: 'outsourcing.share', cohort: 'peer:North', year: '2022/23', ours: 0.1 });
    expect(peer[0]!.value).toBeCloseTo((0.02 + 0.12) / 2, 12);
    expect(peer[0]!.source).toMatch(/Median of 2 peer organisations \(RAB, RXR\) in "test"; figures from Test source/);
  });

  it('lists the organisations a peer group can be chosen from', () => {
    expect(benchmarkOrgs(s)).toEqual(['RAB', 'RCD', 'RXR', 'RXX']);
  });
});

describe('peerMedian', () => {
  const s = set([
    row({ metric: 'outsourcing.share', cohort: 'org:A', year: '2021/22', value: 0.9 }),
    row({ metric: 'outsourcing.share', cohort: 'org:A', year: '2022/23', value: 0.1 }),
    row({ metric: 'outsourcing.share', cohort: 'org:B', year: '2022/23', value: 0.3 }),
    row({ metric: 'outsourcing.share', cohort: 'org:C', year: '2022/23', value: 0.4 }),
    row({ metric: 'outsourcing.share', cohort: 'org:D', year: '2022/23', value: 0.35, source: 'Other source' }),
  ]);
  it('takes the latest year the peers have and PERCENTILE.INC at 0.5', () => {
    expect(peerMedian(s, 'outsourcing.share', ['A', 'B', 'C', 'D'])).toEqual({
      metric: 'outsourcing.share',
      year: '2022/23',
      median: percentileInc([0.1, 0.3, 0.4, 0.35], 0.5),
      n: 4,
      orgs: ['A', 'B', 'C', 'D'],
      sources: ['Test source', 'Other source'],
    });
    expect(peerMedian(s, 'outsourcing.share', ['a'], { year: '2021/22' })?.median).toBe(0.9);
  });
  it('is null when no peer has the metric', () => {
    expect(peerMedian(s, 'outsourcing.share', ['X'])).toBeNull();
    expect(peerMedian(s, 'insourcing.share', ['A'])).toBeNull();
    expect(peerMedian(s, 'outsourcing.share', ['A'], { exclude: 'a', year: '2022/23' })).toBeNull();
  });
});

describe('distribution', () => {
  const values: [string, number][] = [
    ['RXR', 0.18],
    ['RAB', 0.05],
    ['RCD', 0.31],
    ['RQQ', 0.12],
    ['RTT', 0.27],
    ['RVV', 0.09],
    ['RWW', 0.22],
  ];
  const s = set([
    ...values.map(([org, value]) => row({ metric: 'skillMix.plainFilmRadiographerShare', cohort: `org:${org}`, year: '2016/17', value, source: 'NIDC' })),
    row({ metric: 'skillMix.plainFilmRadiographerShare', cohort: 'org:OLD', year: '2015/16', value: 0.99 }),
    row({ metric: 'skillMix.plainFilmRadiographerShare', cohort: 'shelford', year: '2016/17', value: 0.15 }),
  ]);
  const published = values.map(([, v]) => v);

  it('gives sorted bars and PERCENTILE.INC quartiles of the latest year', () => {
    const d = distribution(s, 'skillMix.plainFilmRadiographerShare')!;
    expect(d.year).toBe('2016/17');
    expect(d.unit).toBe('share');
    expect(d.n).toBe(7);
    expect(d.orgs.map((b) => b.org)).toEqual(['RAB', 'RVV', 'RQQ', 'RXR', 'RWW', 'RTT', 'RCD']);
    const sortedValues = d.orgs.map((b) => b.value);
    expect(sortedValues).toEqual([...sortedValues].sort((x, y) => x - y));
    expect(d.orgs.every((b) => !b.ours && !b.peer)).toBe(true);
    // 7 values: p25 rank 1.5 → halfway between 0.09 and 0.12; median rank 3 → 0.18; p75 rank 4.5 → halfway 0.22 and 0.27.
    expect(d.p25).toBeCloseTo(0.105, 12);
    expect(d.median).toBe(0.18);
    expect(d.p75).toBeCloseTo(0.245, 12);
    expect(d.p25).toBeCloseTo(percentileInc(published, 0.25), 12);
    expect(d.p75).toBeCloseTo(percentileInc(published, 0.75), 12);
    expect(d.sources).toEqual(['NIDC']);
  });

  it('inserts our own figure as the highlighted bar without moving the quartiles', () => {
    const d = distribution(s, 'skillMix.plainFilmRadiographerShare', { ours: 0.2727 })!;
    expect(d.orgs).toHaveLength(8);
    const ours = d.orgs.filter((b) => b.ours);
    expect(ours).toEqual([{ org: OURS_LABEL, value: 0.2727, ours: true, peer: false }]);
    expect(d.orgs.map((b) => b.org).indexOf(OURS_LABEL)).toBe(6); // between RTT 0.27 and RCD 0.31
    expect(d.median).toBe(0.18);
  });

  it('replaces our organisation’s imported bar with our figure, or highlights it when no figure is given', () => {
    const replaced = distribution(s, 'skillMix.plainFilmRadiographerShare', { ours: 0.01, ownOrg: 'rxr', peerGroup: ['RAB', 'RCD'] })!;
    expect(replaced.orgs).toHaveLength(7);
    expect(replaced.orgs[0]).toEqual({ org: 'RXR', value: 0.01, ours: true, peer: false });
    expect(replaced.orgs.filter((b) => b.peer).map((b) => b.org)).toEqual(['RAB', 'RCD']);
    expect(replaced.p25).toBeCloseTo(percentileInc(published, 0.25), 12);

    const marked = distribution(s, 'skillMix.plainFilmRadiographerShare', { ownOrg: 'RXR' })!;
    expect(marked.orgs.filter((b) => b.ours)).toEqual([{ org: 'RXR', value: 0.18, ours: true, peer: false }]);
  });

  it('uses a chosen year, and is null without organisation rows', () => {
    const old = distribution(s, 'skillMix.plainFilmRadiographerShare', { year: '2015/16', ours: null })!;
    expect(old.orgs).toEqual([{ org: 'OLD', value: 0.99, ours: false, peer: false }]);
    expect([old.p25, old.median, old.p75]).toEqual([0.99, 0.99, 0.99]);
    expect(distribution(s, 'outsourcing.share')).toBeNull();
    expect(distribution(s, 'skillMix.plainFilmRadiographerShare', { year: '2030/31' })).toBeNull();
  });
});
