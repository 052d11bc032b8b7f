import { describe, expect, it } from 'vitest';
import { LeverError, checkedLevers, leverProblems } from '../../../shared/scenarios/validate';
import { levers } from './fixtures';

describe('lever checks', () => {
  it('accept sensible levers and keep only the known fields', () => {
    const input = { ...levers(), note: 'not a lever', reportsPerHour: { radiologist: { XR: 24, CT: 4, MR: 3 }, reporting_radiographer: { XR: 12 } } };
    expect(leverProblems(input)).toEqual([]);
    const clean = checkedLevers(input);
    expect(clean).toEqual(levers());
    expect('note' in clean).toBe(false);
  });

  it('name every problem in plain words', () => {
    const bad = {
      ...levers(),
      targetPlainFilmShare: 1.5,
      radiographersToAdd: 1.5,
      reportingWtePerRadiographer: -0.1,
      reportsPerHour: { radiologist: { XR: 0, CT: 4 }, reporting_radiographer: { XR: 12, ZZ: 3 } },
      reportingHoursPerWte: 0,
      annualCostPerWtePence: { radiologist: 16_000_000, reporting_radiographer: 7_000_000.5 },
      trainingCostPencePerRadiographer: -1,
      monthsToCompetence: 61,
      outsourcingUnitPricePence: { CT: 'forty' },
      releasedTimeUse: 'somewhere',
    };
    expect(leverProblems(bad)).toEqual([
      'The target plain-film share must be from 0% to 100% (it is 150%).',
      'Reporting radiographers to add must be a whole number from 0 to 100.',
      'Reporting WTE per radiographer must be from 0 to 1 (it is -0.1).',
      'Plain radiography reports per hour for a radiologist must be more than 0 and at most 200.',
      'Magnetic resonance reports per hour for a radiologist must be set.',
      '"ZZ" is not a modality (reports per hour, reporting radiographer).',
      'Reporting hours per WTE must be more than 0 and at most 2,500 (a full-time year is about 1,950 paid hours).',
      'The annual cost of a reporting radiographer WTE must be in whole pence.',
      'The training cost per radiographer must be from £0 to £1,000,000 (it is −£0.01).',
      'Months to competence must be from 0 to 60 (it is 61).',
      'The outsourcing price for Computed tomography must be an amount of money.',
      'Choose where released radiologist time goes: outsourced CT and MR, or the backlog.',
    ]);
    expect(() => checkedLevers(bad)).toThrow(LeverError);
    expect(() => checkedLevers({ ...levers(), monthsToCompetence: 61 })).toThrow('Months to competence must be from 0 to 60 (it is 61).');
    expect(leverProblems(null)).toEqual(['The scenario has no levers.']);
  });
});
