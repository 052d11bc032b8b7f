import { describe, expect, it } from 'vitest';
import { demoExams, demoStaff } from '../../../shared/demo/generator';
import { IN_HOUSE_GROUPS, STAFF_GROUPS, type StaffGroup } from '../../../shared/model';
import { averageWte, financialYear, groupResolver, turnaroundHours } from './helpers';

/**
 * The full-size demo (scale 1, two years, about half a million examinations), streamed once.
 * Prints the generation time and the headline figures; asserts that they stay plausible.
 */
describe('full-size demo', () => {
  it('streams two plausible years of about 250,000 examinations each', () => {
    const staff = demoStaff();
    const groupOf = groupResolver(staff);
    const exams = new Map<number, number>();
    const reports = new Map<number, Record<StaffGroup, number>>();
    const xr = new Map<number, { all: number; rr: number }>();
    let oldUnreported = 0;
    let negative = 0;
    let breaches = 0;

    // One pass: the time printed includes this test's own tallying.
    const started = performance.now();
    let n = 0;
    for (const e of demoExams()) {
      n++;
      const fy = financialYear(e.examAt);
      exams.set(fy, (exams.get(fy) ?? 0) + 1);
      if (!e.reportedAt) {
        if (e.examAt < '2026-03-01') oldUnreported++;
        continue;
      }
      const ry = financialYear(e.reportedAt);
      const g = groupOf(e);
      const byGroup = reports.get(ry) ?? (Object.fromEntries(STAFF_GROUPS.map((k) => [k, 0])) as Record<StaffGroup, number>);
      byGroup[g]++;
      reports.set(ry, byGroup);
      if (e.modality === 'XR') {
        const x = xr.get(ry) ?? { all: 0, rr: 0 };
        x.all++;
        if (g === 'reporting_radiographer') x.rr++;
        xr.set(ry, x);
      }
      const h = turnaroundHours(e) as number;
      if (h < 0) negative++;
      if (h > 28 * 24) breaches++;
    }

    const generationMs = performance.now() - started;
    const summary: Record<string, unknown> = { generateAndTallyMs: Math.round(generationMs), records: n };
    for (const fy of [2024, 2025]) {
      const byGroup = reports.get(fy) as Record<StaffGroup, number>;
      const total = Object.values(byGroup).reduce((a, b) => a + b, 0);
      const perWte = Object.fromEntries(IN_HOUSE_GROUPS.map((g) => [g, Math.round(byGroup[g] / averageWte(staff, g, fy))]));
      const shares = Object.fromEntries(STAFF_GROUPS.map((g) => [g, `${((100 * byGroup[g]) / total).toFixed(1)}%`]));
      const x = xr.get(fy) as { all: number; rr: number };
      summary[`FY${fy}`] = { exams: exams.get(fy), reports: total, shares, perWte, plainFilmRadiographerShare: (x.rr / x.all).toFixed(3) };

      expect(exams.get(fy)).toBeGreaterThan(235_000);
      expect(exams.get(fy)).toBeLessThan(270_000);
      expect(perWte.radiologist).toBeGreaterThan(5_800);
      expect(perWte.radiologist).toBeLessThan(8_000);
      expect(byGroup.outsourced / total).toBeGreaterThan(0.07);
      expect(byGroup.outsourced / total).toBeLessThan(0.11);
      expect(byGroup.insourced / total).toBeGreaterThan(0.02);
      expect(byGroup.insourced / total).toBeLessThan(0.04);
    }
    Object.assign(summary, { negative, breaches, oldUnreported });
    console.log(JSON.stringify(summary, null, 1));

    expect(n).toBeGreaterThan(470_000);
    expect(negative).toBeGreaterThan(10);
    expect(negative).toBeLessThan(200);
    expect(oldUnreported).toBeGreaterThan(0);
    const rr1 = (xr.get(2024) as { all: number; rr: number }).rr / (xr.get(2024) as { all: number }).all;
    const rr2 = (xr.get(2025) as { all: number; rr: number }).rr / (xr.get(2025) as { all: number }).all;
    expect(rr1).toBeGreaterThan(0.11);
    expect(rr2).toBeGreaterThan(rr1 + 0.02);
    expect(rr2).toBeLessThan(0.2);
  });
});
