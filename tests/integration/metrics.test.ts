import { describe, expect, it, beforeAll } from 'vitest';
import type { AnalysisResult } from '../../shared/contract';
import type { Engine } from '../../shared/engine/engine';
import { freshEngine, importCsv } from '../helpers/engine';

/**
 * A ten-examination department whose every figure is worked out by hand below, from METRICS.md.
 */
const STAFF = [
  'Reporter Code,Name,Staff Group,WTE,Valid From,Valid To',
  'R1,Dr One,Consultant Radiologist,1.0,01/04/2023,',
  'R2,Dr Two,Consultant Radiologist,0.5,01/04/2023,30/09/2023',
  'RR1,Ms Radiographer,Reporting Radiographer,1.0,01/04/2023,',
  'S1,Mr Sonographer,Sonographer,0.8,01/04/2023,',
];

const RIS = [
  'Accession Number,Exam Code,Exam Name,Modality,Site,Patient Type,Exam Date,Exam Time,Date Reported,Time Reported,Reported By,Outsourcing Provider',
  'A1,XCHES,XR Chest,CR,Main,A&E,01/05/2023,10:00,01/05/2023,12:00,R1,',
  'A2,XCHES,XR Chest,DX,Main,GP,02/05/2023,09:00,02/05/2023,13:00,RR1,',
  'A3,XKNEB,XR Knee Both,DX,Main,GP,03/05/2023,08:00,04/05/2023,08:00,RR1,',
  'A4,UABDO,US Abdomen,US,Main,Outpatient,10/06/2023,10:00,10/06/2023,10:30,S1,',
  'A5,CHEAD,CT Head,CT,Main,A&E,15/07/2023,22:00,16/07/2023,00:00,MED1,Medica',
  'A6,MBRAI,MR Brain,MR,Main,Outpatient,01/03/2024,09:00,10/04/2024,09:00,R1,',
  'A7,XCHES,XR Chest,DX,Main,GP,20/03/2024,09:00,,,,',
  'A8,CCHAP,CT Chest abdomen pelvis,CT,Main,Inpatient,01/01/2024,10:00,05/02/2024,10:00,R1,',
  'A9,XCHES,XR Chest,DX,Main,A&E,05/05/2023,10:00,05/05/2023,09:00,LOC9,',
  'A10,UPELV,US Pelvis,US,Main,Outpatient,01/06/2023,10:00,01/06/2023,11:00,R1,',
];

describe('metrics on a hand-computed department (FY 2023/24)', () => {
  let engine: Engine;
  let r: AnalysisResult;
  beforeAll(async () => {
    engine = await freshEngine();
    await importCsv(engine, 'staff.csv', 'staff', STAFF);
    const report = await importCsv(engine, 'ris.csv', 'ris', RIS);
    expect(report.accepted).toBe(10);
    expect(report.rejected).toBe(0);
    r = await engine.analyse({ period: { spec: '2023/24' } });
  });

  it('uses the whole financial year', () => {
    expect(r.period).toEqual({ from: '2023-04-01', to: '2024-03-31', months: 12 });
  });

  it('counts examinations by examination date and reports by report date', () => {
    // All ten examinations fall in the year; A6 is reported in April 2024 and A7 not at all.
    expect(r.exams.total).toBe(10);
    expect(r.exams.byModality).toEqual({ XR: 5, CT: 2, MR: 1, US: 2 });
    expect(r.reports.total).toBe(8);
    expect(r.reports.byModality).toEqual({ XR: 4, CT: 2, US: 2 });
  });

  it('resolves every reporter to one group', () => {
    expect(r.reports.byGroup).toEqual({
      radiologist: 3, // A1, A8, A10
      trainee: 0,
      reporting_radiographer: 2, // A2, A3
      sonographer: 1, // A4
      other_in_house: 0,
      outsourced: 1, // A5, through the provider column
      insourced: 0,
      unclassified: 1, // A9, LOC9 is in no register
    });
    // 'Reported By' holds codes here and there is no code column, so the value serves as both.
    expect(r.unclassifiedReporters).toEqual([{ code: 'LOC9', name: 'LOC9', reports: 1 }]);
  });

  it('averages WTE over the months, pro rata for a leaver', () => {
    // R2: 0.5 WTE for April–September = 6 of 12 months → 0.25 on average.
    expect(r.wte.radiologist).toBeCloseTo(1.25, 10);
    expect(r.wte.reporting_radiographer).toBe(1);
    expect(r.wte.sonographer).toBeCloseTo(0.8, 10);
    expect(r.reportsPerWte.radiologist).toBeCloseTo(3 / 1.25, 2);
    expect(r.reportsPerWte.reporting_radiographer).toBe(2);
    expect(r.reportsPerWte.sonographer).toBeCloseTo(1 / 0.8, 2);
    expect(r.reportsPerWte.trainee).toBeNull();
    // Weighted (XR 1, CT 6, US 3): A1 1 + A8 6 + A10 3 = 10 over 1.25 WTE.
    expect(r.weightedReportsPerWte.radiologist).toBeCloseTo(10 / 1.25, 2);
  });

  it('computes skill mix and outsourced share', () => {
    expect(r.skillMix.plainFilmRadiographerShare).toBe(2 / 4);
    expect(r.skillMix.ultrasoundSonographerShare).toBe(1 / 2);
    expect(r.outsourcing.reports).toBe(1);
    expect(r.outsourcing.share).toBe(1 / 8);
    expect(r.outsourcing.byProvider).toEqual([{ provider: 'Medica', reports: 1, spend: 0, costPerReport: null }]);
    expect(r.insourcing.share).toBe(0);
  });

  it('computes turnaround percentiles as PERCENTILE.INC, excluding the negative one', () => {
    // Sorted hours: 0.5, 1, 2, 2, 4, 24, 840. Median: rank 3 → 2. P90: rank 5.4 → 24 + 0.4 × (840 − 24) = 350.4.
    expect(r.turnaround.overall).toEqual({ n: 7, medianHours: 2, p90Hours: 350.4 });
    // XR: 2, 4, 24. Median 4; p90 rank 1.8 → 4 + 0.8 × 20 = 20.
    expect(r.turnaround.byModality.XR).toEqual({ n: 3, medianHours: 4, p90Hours: 20 });
    expect(r.dataQuality.negativeTurnaround).toBe(1);
  });

  it('measures backlog at the period end and 4-week breaches', () => {
    // A6 (01/03, reported 10/04): 30 days old on 31/03. A7 (20/03, unreported): 11 days.
    expect(r.backlog).toEqual({ total: 2, ageDays: { '0-7': 0, '8-14': 1, '15-28': 0, '29+': 1 } });
    // A8 took 35 days.
    expect(r.breaches28d).toBe(1);
  });

  it('filters by site and modality and recomputes', async () => {
    const xr = await engine.analyse({ period: { spec: '2023/24' }, filters: { modalities: ['XR'] } });
    expect(xr.reports.total).toBe(4);
    expect(xr.backlog.total).toBe(1);
    const none = await engine.analyse({ period: { spec: '2023/24' }, filters: { sites: ['Elsewhere'] } });
    expect(none.reports.total).toBe(0);
    expect(none.turnaround.overall).toEqual({ n: 0, medianHours: null, p90Hours: null });
  });

  it('handles a quarter and a single month', async () => {
    const q1 = await engine.analyse({ period: { spec: '2023/24-Q1' } });
    expect(q1.period).toEqual({ from: '2023-04-01', to: '2023-06-30', months: 3 });
    // A1, A2, A3, A4, A9, A10 reported in Q1; radiologist WTE 1.5 for each month; annualised × 4.
    expect(q1.reports.total).toBe(6);
    expect(q1.reportsPerWte.radiologist).toBeCloseTo((2 / 1.5) * 4, 2);
    const march = await engine.analyse({ period: { spec: '2024-03' } });
    expect(march.reports.total).toBe(0);
    expect(march.backlog.total).toBe(2);
  });

  it('classifying a reporter moves their reports out of unclassified', async () => {
    await engine.saveStaff({ code: 'loc9', name: 'Dr Locum', group: 'radiologist', wte: 0.1, validFrom: '2023-04-01', validTo: null, grade: null, provider: null });
    const after = await engine.analyse({ period: { spec: '2023/24' } });
    expect(after.reports.byGroup.unclassified).toBe(0);
    expect(after.reports.byGroup.radiologist).toBe(4);
    expect(after.unclassifiedReporters).toEqual([]);
  });
});

describe('saved workload weights', () => {
  it('apply to every analysis that names none, and can be reset', async () => {
    const engine = await freshEngine();
    await importCsv(engine, 'staff.csv', 'staff', STAFF);
    await importCsv(engine, 'ris.csv', 'ris', RIS);
    expect((await engine.getWeights()).custom).toBe(false);
    await engine.saveWeights({ CT: 10 });
    // Radiologist: A1 XR 1 + A8 CT 10 + A10 US 3 = 14 over 1.25 WTE.
    const r = await engine.analyse({ period: { spec: '2023/24' } });
    expect(r.weightedReportsPerWte.radiologist).toBeCloseTo(14 / 1.25, 2);
    await expect(engine.saveWeights({ CT: -1 })).rejects.toThrow(/from 0 to 100/);
    await engine.saveWeights(null);
    expect((await engine.analyse({ period: { spec: '2023/24' } })).weightedReportsPerWte.radiologist).toBeCloseTo(10 / 1.25, 2);
  });
});
