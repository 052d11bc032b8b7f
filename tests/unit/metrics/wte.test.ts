import { describe, expect, it } from 'vitest';
import { averageWteByGroup, monthlyWte } from '../../../shared/metrics/wte';

describe('WTE', () => {
  it('pro-rates a month by the days valid', () => {
    // Joined 16 April (15 of 30 days) at 0.8 WTE → 0.4.
    expect(monthlyWte({ wte: 0.8, validFrom: '2023-04-16', validTo: null }, '2023-04')).toBeCloseTo(0.4, 12);
    // Left 14 February 2024 (a leap year: 14 of 29 days) at 1.0.
    expect(monthlyWte({ wte: 1, validFrom: '2020-01-01', validTo: '2024-02-14' }, '2024-02')).toBeCloseTo(14 / 29, 12);
    expect(monthlyWte({ wte: 1, validFrom: '2024-05-01', validTo: null }, '2024-04')).toBe(0);
  });

  it('averages the summed monthly WTE of each group over the months', () => {
    const staff = [
      { group: 'radiologist' as const, wte: 1, validFrom: '2023-01-01', validTo: null },
      { group: 'radiologist' as const, wte: 0.6, validFrom: '2023-05-01', validTo: null }, // 2 of 3 months
      { group: 'sonographer' as const, wte: 0.5, validFrom: '2023-01-01', validTo: '2023-04-30' }, // 1 of 3 months
      { group: 'outsourced' as const, wte: 1, validFrom: '2023-01-01', validTo: null }, // not in-house: no WTE
    ];
    const wte = averageWteByGroup(staff, ['2023-04', '2023-05', '2023-06']);
    expect(wte.radiologist).toBeCloseTo(1 + 0.4, 12);
    expect(wte.sonographer).toBeCloseTo(0.5 / 3, 12);
    expect(wte.trainee).toBe(0);
    expect(Object.keys(wte)).toEqual(['radiologist', 'trainee', 'reporting_radiographer', 'sonographer', 'other_in_house']);
  });
});
