/**
 * The business case's starting point, from the department's own data for the period: reports by modality and
 * staff group (the same summary query and group rule as the dashboard), WTE, outsourcing volumes and prices,
 * the backlog by modality, the skill mix against its benchmarks, and the levers' defaults with their sources.
 */
import type { Database } from 'sql.js';
import type { AnalysisResult, BenchmarkComparison, Period } from '../contract';
import { MODALITIES, STAFF_GROUPS, type Modality, type StaffGroup } from '../model';
import { queryRows, queryValue } from '../db/connection';
import { GROUP_SQL, REPORT_JOIN } from '../metrics/queries';
import { dateFromDayNumber, dayNumber } from '../metrics/calendar';
import { storedProviders } from '../finance/store';
import type { ScenarioBaseline } from './api';
import { defaultLevers, leverNotes, type DefaultInputs, type ModalityPrice } from './defaults';
import { outsourcingPrices, tariffPrices, type OutsourcedVolume } from './prices';

const PLAIN_FILM_METRIC = 'skillMix.plainFilmRadiographerShare';

const monthRange = (period: Period): [string, string] => [period.from.slice(0, 7), period.to.slice(0, 7)];
const isModality = (x: string): x is Modality => (MODALITIES as readonly string[]).includes(x);
const isGroup = (x: string): x is StaffGroup => (STAFF_GROUPS as readonly string[]).includes(x);

/** Reports issued in the period by modality and final staff group (register first, as every metric does). */
export function reportsByModalityGroup(db: Database, period: Period): ScenarioBaseline['reportsByModalityGroup'] {
  const rows = queryRows<{ modality: string; grp: string; n: number }>(
    db,
    `SELECT r.modality AS modality, ${GROUP_SQL} AS grp, SUM(r.n) AS n ${REPORT_JOIN}
      WHERE r.month BETWEEN ? AND ? GROUP BY 1, 2`,
    monthRange(period),
  );
  const out: ScenarioBaseline['reportsByModalityGroup'] = {};
  for (const m of MODALITIES) {
    for (const row of rows) {
      if (row.modality !== m || !isGroup(row.grp) || row.n === 0) continue;
      (out[m] ??= {})[row.grp] = (out[m]?.[row.grp] ?? 0) + row.n;
    }
  }
  return out;
}

/** Outsourced reports in the period by provider (the RIS column, else the register's) and modality. */
export function outsourcedVolumes(db: Database, period: Period): OutsourcedVolume[] {
  return queryRows<{ provider: string; modality: string; n: number }>(
    db,
    `SELECT COALESCE(NULLIF(r.provider, ''), s.provider, '') AS provider, r.modality AS modality, SUM(r.n) AS n ${REPORT_JOIN}
      WHERE r.month BETWEEN ? AND ? AND ${GROUP_SQL} = 'outsourced' GROUP BY 1, 2`,
    monthRange(period),
  )
    .filter((row) => isModality(row.modality))
    .map((row) => ({ provider: row.provider, modality: row.modality as Modality, reports: row.n }));
}

/**
 * Examinations unreported at the period end by modality: the dashboard's backlog rule (sum_lag, recent days by
 * range and older ones through the partial index), split by modality.
 */
export function backlogByModality(db: Database, period: Period): Partial<Record<Modality, number>> {
  const end = period.to;
  const cutoff = dateFromDayNumber(dayNumber(end) - 90);
  const waiting = '(lag_days IS NULL OR julianday(exam_date) + lag_days > julianday(?))';
  const rows = queryRows<{ modality: string; n: number }>(
    db,
    `SELECT modality, SUM(n) AS n FROM (
       SELECT modality, n FROM sum_lag WHERE exam_date > ? AND exam_date <= ? AND ${waiting}
       UNION ALL
       SELECT modality, n FROM sum_lag INDEXED BY sum_lag_long
        WHERE (lag_days IS NULL OR lag_days > 90) AND exam_date <= ? AND ${waiting}
     ) GROUP BY modality`,
    [cutoff, end, end, cutoff, end],
  );
  const out: Partial<Record<Modality, number>> = {};
  for (const m of MODALITIES) {
    const n = rows.filter((r) => r.modality === m).reduce((a, r) => a + r.n, 0);
    if (n > 0) out[m] = n;
  }
  return out;
}

/** The headline plain-film benchmark: the Shelford Group median when present, else the first one in force. */
export function plainFilmBenchmark(benchmarks: BenchmarkComparison[]): BenchmarkComparison | null {
  const rows = benchmarks.filter((b) => b.metric === PLAIN_FILM_METRIC);
  return rows.find((b) => b.cohort === 'shelford') ?? rows.find((b) => b.cohort === 'national') ?? rows[0] ?? null;
}

const toPence = (pounds: number): number => Math.round(pounds * 100);

/** The baseline from the open database and the period's analysis (which carries the benchmarks in force). */
export function buildBaseline(db: Database, period: Period, analysis: AnalysisResult): ScenarioBaseline {
  const byModalityGroup = reportsByModalityGroup(db, period);
  const annualisation = 12 / period.months;
  const volumes = outsourcedVolumes(db, period);
  const outsourcedModalities = MODALITIES.filter((m) => (byModalityGroup[m]?.outsourced ?? 0) > 0);
  const priced = MODALITIES.filter((m) => m === 'XR' || m === 'CT' || m === 'MR' || outsourcedModalities.includes(m));
  const costPerReportPence = analysis.outsourcing.costPerReport === null ? null : toPence(analysis.outsourcing.costPerReport);
  const prices = outsourcingPrices(priced, tariffPrices(db, period, volumes, storedProviders(db)), costPerReportPence);

  const byModality: ScenarioBaseline['outsourcing']['byModality'] = {};
  for (const m of priced) {
    const price = prices[m] as ModalityPrice;
    byModality[m] = { reports: byModalityGroup[m]?.outsourced ?? 0, unitPricePence: price.unitPricePence, priceSource: price.priceSource, priceNote: price.priceNote };
  }

  const benchmarks = analysis.benchmarks.filter((b) => b.metric.startsWith('skillMix.'));
  const headline = plainFilmBenchmark(benchmarks);
  const inputs: DefaultInputs = {
    xrReports: Object.values(byModalityGroup.XR ?? {}).reduce((a, n) => a + (n ?? 0), 0),
    xrRadiographerReports: byModalityGroup.XR?.reporting_radiographer ?? 0,
    annualisation,
    benchmark: headline,
    prices,
  };
  const defaults = defaultLevers(inputs);
  return {
    period,
    annualisation,
    reportsByModalityGroup: byModalityGroup,
    wte: analysis.wte,
    outsourcing: {
      reports: analysis.outsourcing.reports,
      spendPence: toPence(analysis.outsourcing.spend),
      costPerReportPence,
      byModality,
    },
    backlog: analysis.backlog.total,
    backlogByModality: backlogByModality(db, period),
    skillMix: analysis.skillMix,
    benchmarks,
    plainFilmBenchmark: headline,
    synthetic: queryValue(db, "SELECT value FROM meta WHERE key = 'synthetic'") === '1',
    defaults,
    notes: leverNotes(inputs, defaults),
  };
}
