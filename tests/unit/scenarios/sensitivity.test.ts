import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/scenarios/model';
import { numericLevers } from '../../../shared/scenarios/sensitivity';
import { baseline, levers } from './fixtures';

// The six-month, capacity-limited case of model.test.ts: net £85,500 a year.
const b = baseline({
  annualisation: 2,
  reportsByModalityGroup: { XR: { radiologist: 30_000, outsourced: 10_000 }, CT: { radiologist: 5_000, outsourced: 2_000 } },
  radiographerWte: 0,
});
const l = levers({
  targetPlainFilmShare: 0.25,
  radiographersToAdd: 1,
  reportingWtePerRadiographer: 1,
  reportsPerHour: { radiologist: { XR: 25, CT: 4, MR: 3 }, reporting_radiographer: { XR: 10 } },
  annualCostPerWtePence: { radiologist: 15_000_000, reporting_radiographer: 6_000_000 },
  trainingCostPencePerRadiographer: 1_200_000,
  monthsToCompetence: 9,
  outsourcingUnitPricePence: { XR: 1_000, CT: 6_000, MR: 7_000 },
});

describe('sensitivity of the net annual effect at ±20%', () => {
  it('ranks the levers by swing, worked by hand', () => {
    // Radiographer XR rate 8 / 12 → capacity 12,000 / 18,000:
    //   8:  S_rad 9,000, S_out 3,000, H 360, CT back 1,440 → £30,000 + £86,400 − £60,000 = £56,400
    //   12: S_rad 13,500, S_out 4,500, H 540, CT back 2,160 → £45,000 + £129,600 − £60,000 = £114,600 (swing £58,200)
    // Reporting hours 1,200 / 1,800 scale capacity the same way and leave the cost alone: the same swing (ties keep the form's order).
    // Radiologist XR rate 20 / 30 → H 562.5 / 375 → CT back 2,250 / 1,500 → net £112,500 / £67,500 (swing £45,000).
    // Next would be the CT rate and the CT price (swing £43,200 each), then radiographers added and WTE (£34,200).
    const r = evaluate(b, l);
    expect(r.sensitivity).toEqual([
      { lever: 'reportsPerHour.reporting_radiographer.XR', label: 'Reporting radiographer plain-film reports per hour', lowPence: 5_640_000, highPence: 11_460_000, basePence: 8_550_000, baseValue: 10, lowValue: 8, highValue: 12 },
      { lever: 'reportingHoursPerWte', label: 'Reporting hours per WTE', lowPence: 5_640_000, highPence: 11_460_000, basePence: 8_550_000, baseValue: 1500, lowValue: 1200, highValue: 1800 },
      { lever: 'reportsPerHour.radiologist.XR', label: 'Radiologist plain-film reports per hour', lowPence: 11_250_000, highPence: 6_750_000, basePence: 8_550_000, baseValue: 25, lowValue: 20, highValue: 30 },
    ]);
    const all = r.sensitivityAll!.map((s) => [s.lever, Math.abs(s.highPence - s.lowPence)]);
    expect(all.slice(3, 5)).toEqual([
      ['reportsPerHour.radiologist.CT', 4_320_000],
      ['outsourcingUnitPricePence.CT', 4_320_000],
    ]);
    // The target does not bind (capacity does), and training cost, months and the radiologist's cost do not enter the net effect.
    const tested = r.sensitivityAll!.map((s) => s.lever);
    for (const lever of ['targetPlainFilmShare', 'trainingCostPencePerRadiographer', 'monthsToCompetence', 'annualCostPerWtePence.radiologist']) {
      expect(tested).not.toContain(lever);
    }
  });

  it('never tests a target share above 100%', () => {
    const target = numericLevers(levers({ targetPlainFilmShare: 0.9 })).find((x) => x.id === 'targetPlainFilmShare')!;
    expect(target.with(0.9 * 1.2).targetPlainFilmShare).toBe(1);
    // X = 1,000 by radiologists, target 90% → 900 move; at +20% the target is capped at 100% → 1,000 move. The released
    // time brings outsourced CT back, so the target moves the net effect.
    const r = evaluate(baseline({ reportsByModalityGroup: { XR: { radiologist: 1_000 }, CT: { outsourced: 1_000 } } }), levers({ targetPlainFilmShare: 0.9 }));
    const bar = r.sensitivityAll!.find((s) => s.lever === 'targetPlainFilmShare')!;
    expect(bar.highValue).toBe(1);
    // 1,000 / 24 = 41.67 hours × 4 CT an hour = 166.67 CT × £45 = £7,500, less £70,000 staff cost = −£62,500.
    expect(bar.highPence).toBe(-6_250_000);
  });

  it('has nothing to show when no lever moves the net effect', () => {
    const r = evaluate(baseline({ reportsByModalityGroup: { XR: { radiologist: 100_000 } }, radiographerWte: 0 }), levers({ radiographersToAdd: 0 }));
    expect(r.sensitivity).toEqual([]);
  });
});
