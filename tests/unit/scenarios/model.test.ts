import { describe, expect, it } from 'vitest';
import { cumulativePositionPence, evaluate } from '../../../shared/scenarios/model';
import { baseline, levers } from './fixtures';

describe('scenario arithmetic, worked by hand', () => {
  it('moves plain film up to the target and brings outsourced CT and MR back in proportion', () => {
    // XR a year: radiologists 90,000, radiographers 10,000 → X = 100,000, current share 10%.
    // Target 16%: G = 0.16 × 100,000 − 10,000 = 6,000. Capacity C = 2 × 0.5 × 1,500 × 12 = 18,000. Movable = 90,000.
    // S = min(6,000, 18,000, 90,000) = 6,000, all from radiologists (nothing outsourced in XR).
    // H = 6,000 / 24 = 250 hours; sessions 250 / 4 = 62.5.
    // Hours to bring all outsourced CT and MR back: 1,200 / 4 + 600 / 3 = 300 + 200 = 500 → half comes back: CT 600, MR 300.
    // Spend avoided = 600 × £45 + 300 × £55 = £27,000 + £16,500 = £43,500. Staff cost = 2 × 0.5 × £70,000 = £70,000.
    // Net = −£26,500; one-off 2 × £10,000 = £20,000; never repaid. New share 16,000 / 100,000 = 16%.
    // Value of released time = 250 × £160,000 / 1,500 = £26,666.67.
    const b = baseline({
      reportsByModalityGroup: {
        XR: { radiologist: 90_000, reporting_radiographer: 10_000 },
        CT: { radiologist: 30_000, outsourced: 1_200 },
        MR: { radiologist: 10_000, outsourced: 600 },
      },
      backlogByModality: { XR: 1_000, CT: 100 },
    });
    const r = evaluate(b, levers({ targetPlainFilmShare: 0.16 }));
    expect(r).toMatchObject({
      currentPlainFilmShare: 0.1,
      gapToTarget: 6_000,
      radiographerCapacity: 18_000,
      reportsShifted: 6_000,
      shiftedFromRadiologists: 6_000,
      shiftedFromOutsourced: 0,
      radiologistHoursReleased: 250,
      sessionsReleased: 62.5,
      outsourcedReportsBroughtBack: 900,
      broughtBackByModality: { CT: 600, MR: 300 },
      backlogReportsCleared: 0,
      spendAvoidedPence: 4_350_000,
      spendAvoidedByModalityPence: { CT: 2_700_000, MR: 1_650_000 },
      addedStaffCostPence: 7_000_000,
      netAnnualEffectPence: -2_650_000,
      oneOffCostPence: 2_000_000,
      paybackMonths: null,
      benchmarkPlainFilmShare: 0.15,
      releasedTimeValuePence: 2_666_667,
      hoursToBacklog: 0,
    });
    expect(r.newPlainFilmShare).toBeCloseTo(0.16, 12);
    expect(r.warnings.join(' ')).toContain('The added capacity (18,000 plain films a year) is more than the 6,000 needed');
    expect(r.warnings.join(' ')).toContain('never repaid');
  });

  it('annualises a six-month period, splits the shift between radiologists and outsourcing, and pays back', () => {
    // Six months → A = 2. XR a year: radiologists 60,000, outsourced 20,000, radiographers 0 → X = 80,000.
    // Target 25%: G = 20,000. C = 1 × 1.0 × 1,500 × 10 = 15,000 → S = 15,000 (capacity-limited).
    // From radiologists 15,000 × 60,000 / 80,000 = 11,250; from outsourcing 3,750.
    // H = 11,250 / 25 = 450; sessions 112.5. Outsourced CT a year 4,000 needs 1,000 hours → 45% back = 1,800.
    // Spend avoided = 3,750 × £10 + 1,800 × £60 = £37,500 + £108,000 = £145,500. Staff = 1 × 1.0 × £60,000.
    // Net = £85,500. One-off £12,000. Payback = 9 + 12,000 / (85,500 / 12) = 9 + 1.684 = 10.7 months.
    // New share 15,000 / 80,000 = 18.75%. Released value = 450 × £150,000 / 1,500 = £45,000.
    const b = baseline({
      annualisation: 2,
      reportsByModalityGroup: {
        XR: { radiologist: 30_000, outsourced: 10_000 },
        CT: { radiologist: 5_000, outsourced: 2_000 },
      },
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
    const r = evaluate(b, l);
    expect(r).toMatchObject({
      currentPlainFilmShare: 0,
      gapToTarget: 20_000,
      radiographerCapacity: 15_000,
      reportsShifted: 15_000,
      shiftedFromRadiologists: 11_250,
      shiftedFromOutsourced: 3_750,
      radiologistHoursReleased: 450,
      sessionsReleased: 112.5,
      broughtBackByModality: { XR: 3_750, CT: 1_800 },
      outsourcedReportsBroughtBack: 5_550,
      spendAvoidedPence: 14_550_000,
      addedStaffCostPence: 6_000_000,
      netAnnualEffectPence: 8_550_000,
      oneOffCostPence: 1_200_000,
      paybackMonths: 10.7,
      newPlainFilmShare: 0.1875,
      releasedTimeValuePence: 4_500_000,
    });
    expect(r.warnings[0]).toBe('The period has 6 months: yearly figures are its counts × 2; seasonal variation is not modelled.');
    expect(r.warnings[1]).toBe(
      'The added radiographers can report 15,000 plain films a year, short of the 20,000 needed to reach the target: the new share is 18.8%.',
    );
    expect(r.warnings.some((w) => w.includes('never repaid'))).toBe(false);
    // Cash position: −£12,000 at the start; from month 9, £85,500 a year. At 24 months: −12,000 + 85,500 × 15 / 12 = £94,875.
    expect(cumulativePositionPence(r, 9, 6)).toBe(-1_200_000);
    expect(cumulativePositionPence(r, 9, 24)).toBe(9_487_500);
  });

  it('a target below the current share moves nothing and claims no saving, but counts the added cost', () => {
    // Current share 20,000 / 100,000 = 20%, target 15% → G = 0, S = 0. One radiographer at 0.5 WTE still costs £35,000.
    const b = baseline({
      reportsByModalityGroup: { XR: { radiologist: 80_000, reporting_radiographer: 20_000 }, CT: { outsourced: 5_000 } },
    });
    const r = evaluate(b, levers({ targetPlainFilmShare: 0.15, radiographersToAdd: 1 }));
    expect(r).toMatchObject({
      gapToTarget: 0,
      reportsShifted: 0,
      radiologistHoursReleased: 0,
      outsourcedReportsBroughtBack: 0,
      spendAvoidedPence: 0,
      addedStaffCostPence: 3_500_000,
      netAnnualEffectPence: -3_500_000,
      oneOffCostPence: 1_000_000,
      paybackMonths: null,
      newPlainFilmShare: 0.2,
    });
    expect(r.warnings[0]).toBe(
      'The target share (15.0%) is not above the current share (20.0%): no plain-film work moves and no saving is claimed. ' +
        'The added radiographers’ cost is still counted.',
    );
  });

  it('with nothing outsourced, released time goes to the backlog and avoids no spend', () => {
    // G = 0.15 × 100,000 − 10,000 = 5,000 ≤ C = 18,000 → S = 5,000; H = 5,000 / 25 = 200 hours (50 sessions).
    // Nothing outsourced → all 200 hours to the backlog: XR 2,500 / 25 = 100 h, CT 200 / 4 = 50 h → 150 h clears all 2,700;
    // 50 hours are left with no use. Spend avoided 0; staff £70,000; net −£70,000. Value 200 × £160,000 / 1,500 = £21,333.33.
    const b = baseline({
      reportsByModalityGroup: { XR: { radiologist: 90_000, reporting_radiographer: 10_000 }, CT: { radiologist: 20_000 } },
      backlogByModality: { XR: 2_500, CT: 200 },
    });
    const r = evaluate(b, levers({ reportsPerHour: { radiologist: { XR: 25, CT: 4, MR: 3 }, reporting_radiographer: { XR: 12 } } }));
    expect(r).toMatchObject({
      reportsShifted: 5_000,
      radiologistHoursReleased: 200,
      sessionsReleased: 50,
      outsourcedReportsBroughtBack: 0,
      broughtBackByModality: {},
      hoursToBacklog: 200,
      backlogReportsCleared: 2_700,
      hoursUnused: 50,
      spendAvoidedPence: 0,
      addedStaffCostPence: 7_000_000,
      netAnnualEffectPence: -7_000_000,
      paybackMonths: null,
      releasedTimeValuePence: 2_133_333,
    });
    const text = r.warnings.join(' ');
    expect(text).toContain('Nothing is outsourced in CT or MR in the period: no outsourced reports come back');
    expect(text).toContain('Clearing the backlog (2,700 examinations) is a one-off');
    expect(text).toContain('50 released radiologist hours a year have no use in this model');
  });

  it('with no reporting radiographers now and none added there is no capacity to shift', () => {
    // G = 15,000 but C = 0 × … = 0 → nothing moves; no cost, so no payback warning either.
    const b = baseline({ reportsByModalityGroup: { XR: { radiologist: 100_000 } }, radiographerWte: 0 });
    const r = evaluate(b, levers({ radiographersToAdd: 0 }));
    expect(r).toMatchObject({
      currentPlainFilmShare: 0,
      gapToTarget: 15_000,
      radiographerCapacity: 0,
      reportsShifted: 0,
      spendAvoidedPence: 0,
      addedStaffCostPence: 0,
      netAnnualEffectPence: 0,
      oneOffCostPence: 0,
      paybackMonths: null,
      newPlainFilmShare: 0,
    });
    expect(r.warnings).toEqual([
      'There are no reporting radiographers now and none are added: there is no capacity to take plain-film work, so nothing moves.',
    ]);
    // With radiographers in post but none added, the message says the existing ones are taken to be fully used.
    const inPost = evaluate(baseline({ reportsByModalityGroup: { XR: { radiologist: 90_000, reporting_radiographer: 5_000 } } }), levers({ radiographersToAdd: 0 }));
    expect(inPost.reportsShifted).toBe(0);
    expect(inPost.warnings[0]).toContain('No reporting radiographers are added: the existing ones are taken to be fully used');
  });

  it('never brings back more than was outsourced; the rest of the time goes to the backlog', () => {
    // S = 5,000, H = 5,000 / 25 = 200. Outsourced CT 400 needs 400 / 4 = 100 hours → all 400 back, 100 hours left.
    // Backlog CT 100 needs 25 hours → cleared; 75 hours unused. Spend avoided 400 × £45 = £18,000.
    const b = baseline({
      reportsByModalityGroup: { XR: { radiologist: 90_000, reporting_radiographer: 10_000 }, CT: { outsourced: 400 } },
      backlogByModality: { CT: 100 },
    });
    const r = evaluate(b, levers({ reportsPerHour: { radiologist: { XR: 25, CT: 4, MR: 3 }, reporting_radiographer: { XR: 12 } } }));
    expect(r).toMatchObject({
      broughtBackByModality: { CT: 400 },
      outsourcedReportsBroughtBack: 400,
      hoursToBacklog: 100,
      backlogReportsCleared: 100,
      hoursUnused: 75,
      spendAvoidedPence: 1_800_000,
    });
    expect(r.warnings.join(' ')).toContain(
      'The released time (200 hours a year) is more than bringing back all outsourced CT and MR needs (100 hours); the other 100 hours go to the backlog.',
    );
  });

  it('released time sent to the backlog clears it in proportion and avoids no CT/MR spend', () => {
    // S = 5,000, H = 200. Backlog XR 5,000 (200 h at 25) and CT 800 (200 h at 4) needs 400 h → half cleared: 2,500 + 400.
    const b = baseline({
      reportsByModalityGroup: { XR: { radiologist: 90_000, reporting_radiographer: 10_000 }, CT: { outsourced: 5_000 } },
      backlogByModality: { XR: 5_000, CT: 800 },
    });
    const r = evaluate(
      b,
      levers({ releasedTimeUse: 'backlog', reportsPerHour: { radiologist: { XR: 25, CT: 4, MR: 3 }, reporting_radiographer: { XR: 12 } } }),
    );
    expect(r).toMatchObject({ outsourcedReportsBroughtBack: 0, backlogReportsCleared: 2_900, hoursUnused: 0, spendAvoidedPence: 0 });
    expect(r.warnings.join(' ')).toContain('goes to the backlog: that shortens waits but avoids no spend');
  });

  it('moves only the plain film radiologists and outsourcing hold (trainee work stays)', () => {
    // X = 10,000 (radiologists 1,000, trainees 9,000); target 50% → G = 5,000; C = 1 × 1 × 1,500 × 10 = 15,000; movable 1,000.
    const b = baseline({ reportsByModalityGroup: { XR: { radiologist: 1_000, trainee: 9_000 } } });
    const r = evaluate(
      b,
      levers({
        targetPlainFilmShare: 0.5,
        radiographersToAdd: 1,
        reportingWtePerRadiographer: 1,
        reportsPerHour: { radiologist: { XR: 25, CT: 4, MR: 3 }, reporting_radiographer: { XR: 10 } },
      }),
    );
    expect(r.reportsShifted).toBe(1_000);
    expect(r.radiologistHoursReleased).toBe(40);
    expect(r.newPlainFilmShare).toBe(0.1);
    expect(r.warnings[0]).toBe(
      'Only 1,000 plain films a year are reported by radiologists or outsourced, so that is all that can move; reaching the target needs 5,000.',
    );
  });

  it('a net effect of exactly zero has no payback; a missing price avoids no spend and says so', () => {
    // As the first case: spend avoided £43,500; a staff cost of 1 × 1.0 × £43,500 makes the net exactly 0.
    const b = baseline({
      reportsByModalityGroup: { XR: { radiologist: 90_000, reporting_radiographer: 10_000 }, CT: { outsourced: 1_200 }, MR: { outsourced: 600 } },
    });
    const even = evaluate(
      b,
      levers({
        targetPlainFilmShare: 0.16,
        radiographersToAdd: 1,
        reportingWtePerRadiographer: 1,
        annualCostPerWtePence: { radiologist: 16_000_000, reporting_radiographer: 4_350_000 },
      }),
    );
    expect(even.spendAvoidedPence).toBe(4_350_000);
    expect(even.netAnnualEffectPence).toBe(0);
    expect(even.paybackMonths).toBeNull();

    // Without an MR price, the 300 MR reports brought back avoid nothing: spend avoided is the CT part alone (600 × £45).
    const noMr = evaluate(b, levers({ targetPlainFilmShare: 0.16, outsourcingUnitPricePence: { XR: 800, CT: 4500 } }));
    expect(noMr.broughtBackByModality).toEqual({ CT: 600, MR: 300 });
    expect(noMr.spendAvoidedPence).toBe(2_700_000);
    expect(noMr.warnings.join(' ')).toContain('No outsourcing price is set for magnetic resonance');
  });

  it('with no plain film at all there is nothing to move and no share', () => {
    const r = evaluate(baseline({ reportsByModalityGroup: { CT: { radiologist: 1_000 } } }), levers());
    expect(r.newPlainFilmShare).toBeNull();
    expect(r.currentPlainFilmShare).toBeNull();
    expect(r.reportsShifted).toBe(0);
    expect(r.warnings[0]).toBe('There are no plain-film (XR) reports in the period, so there is no plain-film work to move.');
  });

  it('warns when a modality is still priced at the published reference point', () => {
    const b = baseline({
      reportsByModalityGroup: { XR: { radiologist: 90_000, reporting_radiographer: 10_000 }, CT: { outsourced: 1_200 } },
      priceSources: { CT: 'reference', XR: 'reference' },
    });
    const r = evaluate(b, levers({ outsourcingUnitPricePence: { XR: 3270, CT: 3270 } }));
    expect(r.warnings.join(' ')).toContain('The outsourcing price for CT is the published reference point (£32.70');
    // Once the user types their own price the warning goes.
    expect(evaluate(b, levers({ outsourcingUnitPricePence: { CT: 5000 } })).warnings.join(' ')).not.toContain('reference point');
  });
});
