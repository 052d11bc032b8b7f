import { describe, expect, it } from 'vitest';
import {
  RADIOGRAPHER_COST_PER_WTE_PENCE,
  RADIOLOGIST_COST_PER_WTE_PENCE,
  defaultLevers,
  leverNotes,
  type DefaultInputs,
} from '../../../shared/scenarios/defaults';
import { leverProblems } from '../../../shared/scenarios/validate';

const shelford = { value: 0.15, source: 'NHS Improvement (June 2018), Shelford Group peer median', year: '2016/17', cohort: 'shelford' };
const inputs = (overrides: Partial<DefaultInputs> = {}): DefaultInputs => ({
  xrReports: 100_000,
  xrRadiographerReports: 10_000,
  annualisation: 1,
  benchmark: shelford,
  prices: { CT: { unitPricePence: 4500, priceSource: 'tariff', priceNote: 'Tariff for CT' } },
  ...overrides,
});

describe('lever defaults', () => {
  it('derive reporting rates, pay and the target from their sources', () => {
    const l = defaultLevers(inputs());
    // RCR: CT 15 min → 4 an hour, MRI 20 min → 3. XR: 15 min × (XR 1 / CT 6) = 2.5 min → 24 an hour.
    expect(l.reportsPerHour).toEqual({ radiologist: { XR: 24, CT: 4, MR: 3 }, reporting_radiographer: { XR: 12 } });
    // Band 7 2025/26 mid-point (£47,810 + £54,710) / 2 = £51,260, + 30% = £66,638.
    // Consultant (£109,725 + £145,478) / 2 = £127,601.50, + 30% = £165,881.95.
    expect(RADIOGRAPHER_COST_PER_WTE_PENCE).toBe(6_663_800);
    expect(RADIOLOGIST_COST_PER_WTE_PENCE).toBe(16_588_195);
    expect(l.annualCostPerWtePence).toEqual({ radiologist: 16_588_195, reporting_radiographer: 6_663_800 });
    expect(l.targetPlainFilmShare).toBe(0.15);
    // Gap 5,000 a year; one radiographer gives 0.5 × 1,600 × 12 = 9,600 → 1.
    expect(l.radiographersToAdd).toBe(1);
    expect(l.outsourcingUnitPricePence).toEqual({ CT: 4500 });
    expect(l.releasedTimeUse).toBe('insource_ct_mr');
    expect(leverProblems(l)).toEqual([]);
  });

  it('stretch five points above a current share already above the benchmark, sized to that gap', () => {
    // 20,000 of 100,000 = 20% now → target 25% → 5,000 more a year → one radiographer (9,600 capacity).
    const l = defaultLevers(inputs({ xrRadiographerReports: 20_000 }));
    expect(l.targetPlainFilmShare).toBe(0.25);
    expect(l.radiographersToAdd).toBe(1);
    const target = leverNotes(inputs({ xrRadiographerReports: 20_000 }))[0]!;
    expect(target).toMatchObject({ lever: 'targetPlainFilmShare', kind: 'data', value: '25.0%' });
    expect(target.source).toContain('plus 5 percentage points');
    expect(target.source).toContain('already above the benchmark of 15.0%');
  });

  it('size the radiographers to the yearly gap', () => {
    // 6 months of 50,000 XR with 5,000 by radiographers: 2,500 short in the period → 5,000 a year → 1 radiographer.
    expect(defaultLevers(inputs({ xrReports: 50_000, xrRadiographerReports: 5_000, annualisation: 2 })).radiographersToAdd).toBe(1);
    // 9,600 short exactly fills one; 9,601 needs two.
    expect(defaultLevers(inputs({ xrReports: 100_000, xrRadiographerReports: 5_400 })).radiographersToAdd).toBe(1);
    expect(defaultLevers(inputs({ xrReports: 100_000, xrRadiographerReports: 5_399 })).radiographersToAdd).toBe(2);
  });

  it('fall back to the published Shelford median when no benchmark row is in force', () => {
    const l = defaultLevers(inputs({ benchmark: null }));
    expect(l.targetPlainFilmShare).toBe(0.15);
    expect(leverNotes(inputs({ benchmark: null }))[0]!.source).toContain('Shelford Group peer median, 2016/17');
  });

  it('label every default honestly: only the target is a benchmark, the rest says what it is', () => {
    const notes = leverNotes(inputs());
    expect(notes.filter((n) => n.kind === 'benchmark').map((n) => n.lever)).toEqual(['targetPlainFilmShare']);
    for (const n of notes) {
      expect(n.kind).toBeDefined();
      if (n.kind !== 'benchmark') expect(n.source.toLowerCase()).not.toContain('benchmark:');
      if (n.kind === 'assumption' || n.kind === 'judgement') expect(n.source).toMatch(/assumption|judgement|RadBench/);
    }
    const cost = notes.find((n) => n.lever === 'annualCostPerWtePence.reporting_radiographer')!;
    expect(cost.source).toContain('band 7 mid-point £51,260');
    expect(cost.source).toContain('assumption, check with your finance team');
    expect(notes.find((n) => n.lever === 'reportsPerHour.radiologist.CT')!.source).toContain('State of the wait');
    expect(notes.find((n) => n.lever === 'outsourcingUnitPricePence.CT')).toMatchObject({ kind: 'data', value: '£45.00', source: 'Tariff for CT' });
  });
});
