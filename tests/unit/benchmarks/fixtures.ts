import type { AnalysisResult } from '../../../shared/contract';
import type { BenchmarkRow, BenchmarkSet } from '../../../shared/benchmarks/types';

/** A hand-built analysis with every key of the CLI.md contract present. */
export function analysisFixture(): AnalysisResult {
  return {
    period: { from: '2023-04-01', to: '2024-03-31', months: 12 },
    imports: [{ file: 'ris.csv', kind: 'ris', rowsRead: 1200, accepted: 1190, updated: 4, rejected: 10 }],
    exams: { total: 1100, byModality: { XR: 600, CT: 300, US: 200 } },
    reports: {
      total: 1000,
      byGroup: {
        radiologist: 500,
        trainee: 50,
        reporting_radiographer: 150,
        sonographer: 100,
        other_in_house: 0,
        outsourced: 100,
        insourced: 50,
        unclassified: 50,
      },
      byModality: { XR: 550, CT: 280, US: 170 },
    },
    wte: { radiologist: 5.5, trainee: 1, reporting_radiographer: 2, sonographer: 3, other_in_house: 0 },
    reportsPerWte: { radiologist: 90.91, trainee: 50, reporting_radiographer: 75, sonographer: 33.33, other_in_house: null },
    weightedReportsPerWte: { radiologist: 300.5, trainee: 120, reporting_radiographer: 75, sonographer: 100, other_in_house: null },
    skillMix: { plainFilmRadiographerShare: 0.2727, ultrasoundSonographerShare: 0.5882 },
    outsourcing: {
      reports: 100,
      share: 0.1,
      spend: 3270.5,
      costPerReport: 32.71,
      byProvider: [{ provider: 'Medica', reports: 100, spend: 3270.5, costPerReport: 32.71 }],
    },
    insourcing: { reports: 50, share: 0.05, spend: 900, costPerReport: 18 },
    spendByCategory: {
      outsourced_reporting: 3270.5,
      outsourced_imaging: 1000,
      insourcing: 900,
      agency_locum: 250.25,
      waiting_list_initiative: 0,
      other: -12.5,
    },
    externalSpendPerReport: 5.17,
    turnaround: {
      overall: { n: 990, medianHours: 20.5, p90Hours: 160.25 },
      byModality: {
        XR: { n: 545, medianHours: 12, p90Hours: 96 },
        CT: { n: 275, medianHours: 30.5, p90Hours: 200 },
        US: { n: 170, medianHours: 0.5, p90Hours: null },
      },
    },
    backlog: { total: 42, ageDays: { '0-7': 30, '8-14': 6, '15-28': 4, '29+': 2 } },
    breaches28d: 20,
    unclassifiedReporters: [{ code: 'R999', name: 'Dr Unknown', reports: 50 }],
    benchmarks: [],
    dataQuality: { negativeTurnaround: 3, unknownModality: 7, duplicateKeysInFile: 1 },
  };
}

export function row(partial: Partial<BenchmarkRow> & Pick<BenchmarkRow, 'metric' | 'cohort'>): BenchmarkRow {
  return {
    year: '2022/23',
    value: null,
    p25: null,
    median: null,
    p75: null,
    n: null,
    unit: 'share',
    source: 'Test source',
    url: null,
    ...partial,
  };
}

export function set(rows: BenchmarkRow[], name = 'test'): BenchmarkSet {
  return { name, rows };
}
