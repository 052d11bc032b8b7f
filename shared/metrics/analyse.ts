import type { Database } from 'sql.js';
import type {
  AnalysisFilters,
  AnalysisResult,
  DashboardData,
  ImportSummary,
  Period,
  TurnaroundStat,
} from '../contract';
import {
  IN_HOUSE_GROUPS,
  MODALITIES,
  STAFF_GROUPS,
  type InHouseGroup,
  type Modality,
  type StaffGroup,
} from '../model';
import { queryRows, queryValue } from '../db/connection';
import { backlogSql, examsSql, reportCellsSql, turnaroundBinsSql, turnaroundValuesSql, unclassifiedSql } from './queries';
import { dateFromDayNumber, dayNumber, periodMonths } from './calendar';
import { percentileFromBins, type Histogram } from './percentile';
import { averageWteByGroup } from './wte';
import { listStaff } from '../engine/staff';
import { financeFigures } from '../finance/spend';
import { storedProviders } from '../finance/store';
import defaultWeights from '../../resources/weights/default.json';
import { compareWithBenchmarks } from '../benchmarks/compare';
import { defaultBenchmarkSet } from '../benchmarks/defaults';

export const DEFAULT_WEIGHTS = defaultWeights.weights as Record<Modality, number>;
export const WEIGHTS_LABEL = defaultWeights.label;
export const WEIGHTS_SOURCE = defaultWeights.source;

type Params = (string | number | null)[];

/** SQL conditions for the site and modality filters on a summary table. */
function filterClause(filters: AnalysisFilters | undefined, params: Params, alias = ''): string {
  let sql = '';
  const prefix = alias ? `${alias}.` : '';
  if (filters?.sites?.length) {
    sql += ` AND ${prefix}site IN (${filters.sites.map(() => '?').join(',')})`;
    params.push(...filters.sites);
  }
  if (filters?.modalities?.length) {
    sql += ` AND ${prefix}modality IN (${filters.modalities.map(() => '?').join(',')})`;
    params.push(...filters.modalities);
  }
  return sql;
}

const monthRange = (period: Period): [string, string] => [period.from.slice(0, 7), period.to.slice(0, 7)];


interface ReportCell {
  modality: Modality;
  grp: StaffGroup;
  provider: string;
  month: string;
  n: number;
  negative: number;
  breaches: number;
}

function reportCells(db: Database, period: Period, filters?: AnalysisFilters): ReportCell[] {
  const params: Params = [...monthRange(period)];
  const where = filterClause(filters, params, 'r');
  return queryRows<ReportCell & Record<string, unknown>>(
    db,
    reportCellsSql(where),
    params,
  );
}

function zeroGroups(): Record<StaffGroup, number> {
  return Object.fromEntries(STAFF_GROUPS.map((g) => [g, 0])) as Record<StaffGroup, number>;
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Turnaround median and 90th percentile per value of a dimension, plus overall (key OVERALL), from the bin counts;
 * exact values are read only inside the bins that hold the wanted ranks.
 */
const OVERALL = '\u0000overall';

function turnaroundStats(
  db: Database,
  period: Period,
  filters: AnalysisFilters | undefined,
  dimension: 'modality' | 'source',
): Map<string, TurnaroundStat> {
  const params: Params = [...monthRange(period)];
  const where = filterClause(filters, params);
  const binRows = queryRows<{ k: string; bin: number; n: number }>(
    db,
    turnaroundBinsSql(dimension, where),
    params,
  );
  const byKey = new Map<string, Map<number, number>>([[OVERALL, new Map()]]);
  for (const row of binRows) {
    for (const key of [OVERALL, row.k]) {
      let bins = byKey.get(key);
      if (!bins) byKey.set(key, (bins = new Map()));
      bins.set(row.bin, (bins.get(row.bin) ?? 0) + row.n);
    }
  }
  const fineSql = (keyed: boolean) => turnaroundValuesSql(keyed ? dimension : null, where);
  const stats = new Map<string, TurnaroundStat>();
  for (const [key, binCounts] of byKey) {
    const values = [...binCounts.keys()].sort((a, b) => a - b);
    const bins: Histogram = { values, counts: values.map((b) => binCounts.get(b)!) };
    const cache = new Map<number, Histogram>();
    const valuesInBin = (bin: number): Histogram => {
      let h = cache.get(bin);
      if (!h) {
        const keyed = key !== OVERALL;
        const rows = queryRows<{ v: number; n: number }>(db, fineSql(keyed), [bin, ...params, ...(keyed ? [key] : [])]);
        cache.set(bin, (h = { values: rows.map((r) => r.v), counts: rows.map((r) => r.n) }));
      }
      return h;
    };
    stats.set(key, {
      n: bins.counts.reduce((a, b) => a + b, 0),
      medianHours: toHours(percentileFromBins(bins, 0.5, valuesInBin)),
      p90Hours: toHours(percentileFromBins(bins, 0.9, valuesInBin)),
    });
  }
  return stats;
}

const toHours = (seconds: number | null): number | null => (seconds === null ? null : Math.round((seconds / 3600) * 1000) / 1000);

/**
 * Backlog at the period end: examinations dated on or before it with no report issued by then.
 * Reads sum_lag in two ranges: the last 90 days by date, and older examinations, which can only still be
 * waiting if unreported or reported more than 90 days later, through the partial index on those rows.
 */
function backlogAt(db: Database, endDate: string, filters?: AnalysisFilters): AnalysisResult['backlog'] {
  const end = dayNumber(endDate);
  const cutoff = dateFromDayNumber(end - 90);
  const recentParams: Params = [cutoff, endDate, endDate];
  const recentWhere = filterClause(filters, recentParams);
  const olderParams: Params = [cutoff, endDate];
  const olderWhere = filterClause(filters, olderParams);
  const rows = queryRows<{ exam_date: string; n: number }>(db, backlogSql(recentWhere, olderWhere), [...recentParams, ...olderParams]);
  const ageDays = { '0-7': 0, '8-14': 0, '15-28': 0, '29+': 0 };
  let total = 0;
  for (const row of rows) {
    const age = end - dayNumber(row.exam_date);
    total += row.n;
    if (age <= 7) ageDays['0-7'] += row.n;
    else if (age <= 14) ageDays['8-14'] += row.n;
    else if (age <= 28) ageDays['15-28'] += row.n;
    else ageDays['29+'] += row.n;
  }
  return { total, ageDays };
}

export interface AnalyseOptions {
  period: Period;
  filters?: AnalysisFilters;
  weights?: Partial<Record<Modality, number>>;
  imports?: ImportSummary[];
}

export function analyse(db: Database, options: AnalyseOptions): AnalysisResult {
  const { period, filters } = options;
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const months = periodMonths(period);
  const annualisation = 12 / months.length;

  // Examinations by examination date.
  const examParams: Params = [...monthRange(period)];
  const examWhere = filterClause(filters, examParams);
  const examRows = queryRows<{ modality: Modality; n: number; unknown: number }>(
    db,
    examsSql(examWhere),
    examParams,
  );
  const exams: AnalysisResult['exams'] = { total: 0, byModality: {} };
  let unknownModality = 0;
  for (const row of sortByModality(examRows)) {
    exams.total += row.n;
    exams.byModality[row.modality] = row.n;
    unknownModality += row.unknown;
  }

  // Reports by report-issued date.
  const cells = reportCells(db, period, filters);
  const byGroup = zeroGroups();
  const byModality: Partial<Record<Modality, number>> = {};
  const weightedByGroup = zeroGroups();
  const providers = new Map<string, number>();
  let totalReports = 0;
  let negativeTurnaround = 0;
  let breaches = 0;
  let xrAll = 0;
  let xrRadiographer = 0;
  let usAll = 0;
  let usSonographer = 0;
  for (const cell of cells) {
    totalReports += cell.n;
    byGroup[cell.grp] += cell.n;
    byModality[cell.modality] = (byModality[cell.modality] ?? 0) + cell.n;
    weightedByGroup[cell.grp] += cell.n * (weights[cell.modality] ?? 1);
    negativeTurnaround += cell.negative;
    breaches += cell.breaches;
    if (cell.modality === 'XR') {
      xrAll += cell.n;
      if (cell.grp === 'reporting_radiographer') xrRadiographer += cell.n;
    }
    if (cell.modality === 'US') {
      usAll += cell.n;
      if (cell.grp === 'sonographer') usSonographer += cell.n;
    }
    if (cell.grp === 'outsourced') {
      providers.set(cell.provider, (providers.get(cell.provider) ?? 0) + cell.n);
    }
  }

  const staff = listStaff(db);
  const wte = averageWteByGroup(staff, months);
  const reportsPerWte = {} as Record<InHouseGroup, number | null>;
  const weightedReportsPerWte = {} as Record<InHouseGroup, number | null>;
  for (const group of IN_HOUSE_GROUPS) {
    wte[group] = Math.round(wte[group] * 10_000) / 10_000;
    reportsPerWte[group] = wte[group] > 0 ? round2((byGroup[group] / wte[group]) * annualisation) : null;
    weightedReportsPerWte[group] = wte[group] > 0 ? round2((weightedByGroup[group] / wte[group]) * annualisation) : null;
  }

  // Spend comes from the ledger (not filtered by site or modality); RIS and ledger providers meet through aliases.
  const finance = financeFigures(
    db,
    period,
    { total: totalReports, outsourced: byGroup.outsourced, insourced: byGroup.insourced, byProvider: providers },
    storedProviders(db),
  );

  const tatModalities = turnaroundStats(db, period, filters, 'modality');
  const overall = tatModalities.get(OVERALL)!;
  const tatByModality: Partial<Record<Modality, TurnaroundStat>> = {};
  for (const m of MODALITIES) {
    const stat = tatModalities.get(m);
    if (stat) tatByModality[m] = stat;
  }

  const unclassifiedReporters = unclassified(db, period, filters);

  const result: AnalysisResult = {
    period,
    imports: options.imports ?? [],
    exams,
    reports: { total: totalReports, byGroup, byModality: orderModalities(byModality) },
    wte,
    reportsPerWte,
    weightedReportsPerWte,
    skillMix: {
      plainFilmRadiographerShare: share(xrRadiographer, xrAll),
      ultrasoundSonographerShare: share(usSonographer, usAll),
    },
    outsourcing: {
      reports: byGroup.outsourced,
      share: share(byGroup.outsourced, totalReports),
      spend: finance.outsourcing.spend,
      costPerReport: finance.outsourcing.costPerReport,
      byProvider: finance.outsourcing.byProvider,
    },
    insourcing: {
      reports: byGroup.insourced,
      share: share(byGroup.insourced, totalReports),
      spend: finance.insourcing.spend,
      costPerReport: finance.insourcing.costPerReport,
    },
    spendByCategory: finance.spendByCategory,
    externalSpendPerReport: finance.externalSpendPerReport,
    turnaround: { overall, byModality: tatByModality },
    backlog: backlogAt(db, period.to, filters),
    breaches28d: breaches,
    unclassifiedReporters,
    benchmarks: [],
    dataQuality: {
      negativeTurnaround,
      unknownModality,
      duplicateKeysInFile: Number(queryValue(db, 'SELECT COALESCE(SUM(duplicate_keys), 0) FROM import_batch') ?? 0),
    },
  };
  result.benchmarks = compareWithBenchmarks(result, defaultBenchmarkSet());
  return result;
}

function sortByModality<T extends { modality: Modality }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => MODALITIES.indexOf(a.modality) - MODALITIES.indexOf(b.modality));
}

function orderModalities(map: Partial<Record<Modality, number>>): Partial<Record<Modality, number>> {
  const ordered: Partial<Record<Modality, number>> = {};
  for (const m of MODALITIES) if (map[m] !== undefined) ordered[m] = map[m];
  return ordered;
}

function unclassified(db: Database, period: Period, filters?: AnalysisFilters): AnalysisResult['unclassifiedReporters'] {
  const params: Params = [...monthRange(period)];
  const where = filterClause(filters, params, 'r');
  return queryRows<{ code: string; name: string | null; reports: number }>(
    db,
    unclassifiedSql(where),
    params,
  ).map((row) => ({ code: row.code, name: row.name ?? (row.code ? '' : '(no reporter recorded)'), reports: row.reports }));
}

/** The dashboard: the analysis plus the monthly series its charts draw. */
export function dashboard(db: Database, options: AnalyseOptions, synthetic: boolean): DashboardData {
  const analysis = analyse(db, options);
  const months = periodMonths(options.period);
  const index = new Map(months.map((m, i) => [m, i]));
  const reportsByMonthGroup = Object.fromEntries(STAFF_GROUPS.map((g) => [g, months.map(() => 0)])) as Record<
    StaffGroup,
    number[]
  >;
  const xr = months.map(() => [0, 0]);
  const us = months.map(() => [0, 0]);
  for (const cell of reportCells(db, options.period, options.filters)) {
    const i = index.get(cell.month);
    if (i === undefined) continue;
    reportsByMonthGroup[cell.grp][i]! += cell.n;
    if (cell.modality === 'XR') {
      xr[i]![1]! += cell.n;
      if (cell.grp === 'reporting_radiographer') xr[i]![0]! += cell.n;
    }
    if (cell.modality === 'US') {
      us[i]![1]! += cell.n;
      if (cell.grp === 'sonographer') us[i]![0]! += cell.n;
    }
  }
  const turnaroundByPatientSource: Record<string, TurnaroundStat> = {};
  for (const [source, stat] of turnaroundStats(db, options.period, options.filters, 'source')) {
    if (source !== OVERALL) turnaroundByPatientSource[source || 'unknown'] = stat;
  }
  return {
    analysis,
    months,
    reportsByMonthGroup,
    skillMixByMonth: {
      plainFilm: xr.map(([part, whole]) => share(part!, whole!)),
      ultrasound: us.map(([part, whole]) => share(part!, whole!)),
    },
    turnaroundByPatientSource,
    synthetic,
  };
}
