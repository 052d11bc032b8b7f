/**
 * The metric ids a benchmark may name: dotted paths into AnalysisResult (CLI.md), limited to figures that
 * compare across organisations (rates, shares, unit costs, times, and the breach and backlog counts).
 */
import type { MetricDefinition } from '../contract';
import { IN_HOUSE_GROUPS, MODALITIES, MODALITY_NAMES, STAFF_GROUP_NAMES } from '../model';

export type MetricUnit = MetricDefinition['unit'];

export interface BenchmarkMetric {
  id: string;
  title: string;
  unit: MetricUnit;
}

/** Not a field of AnalysisResult: breaches28d / reports.total, the form NHS England publishes (2% in 2023). */
export const BREACH_SHARE_METRIC = 'breaches28dShare';

function build(): BenchmarkMetric[] {
  const list: BenchmarkMetric[] = [
    { id: 'skillMix.plainFilmRadiographerShare', title: 'Plain-film skill mix (XR reports by reporting radiographers)', unit: 'share' },
    { id: 'skillMix.ultrasoundSonographerShare', title: 'Ultrasound skill mix (US reports by sonographers)', unit: 'share' },
  ];
  for (const g of IN_HOUSE_GROUPS) list.push({ id: `reportsPerWte.${g}`, title: `Reports per WTE (annualised): ${STAFF_GROUP_NAMES[g]}`, unit: 'per_wte' });
  for (const g of IN_HOUSE_GROUPS) {
    list.push({ id: `weightedReportsPerWte.${g}`, title: `Weighted reports per WTE: ${STAFF_GROUP_NAMES[g]}`, unit: 'per_wte' });
  }
  list.push(
    { id: 'outsourcing.share', title: 'Outsourced share of reports', unit: 'share' },
    { id: 'outsourcing.costPerReport', title: 'Cost per outsourced report', unit: 'gbp' },
    { id: 'insourcing.share', title: 'Insourced share of reports', unit: 'share' },
    { id: 'insourcing.costPerReport', title: 'Cost per insourced report', unit: 'gbp' },
    { id: 'externalSpendPerReport', title: 'External (outsourcing + insourcing + imaging) spend per report', unit: 'gbp' },
    { id: 'turnaround.overall.medianHours', title: 'Turnaround, median (hours)', unit: 'hours' },
    { id: 'turnaround.overall.p90Hours', title: 'Turnaround, 90th percentile (hours)', unit: 'hours' },
  );
  for (const m of MODALITIES) {
    list.push(
      { id: `turnaround.byModality.${m}.medianHours`, title: `Turnaround, median (hours): ${MODALITY_NAMES[m]}`, unit: 'hours' },
      { id: `turnaround.byModality.${m}.p90Hours`, title: `Turnaround, 90th percentile (hours): ${MODALITY_NAMES[m]}`, unit: 'hours' },
    );
  }
  list.push(
    { id: 'breaches28d', title: 'Reports issued after more than 4 weeks', unit: 'count' },
    { id: BREACH_SHARE_METRIC, title: 'Share of reports issued after more than 4 weeks', unit: 'share' },
    { id: 'backlog.total', title: 'Backlog at period end (unreported examinations)', unit: 'count' },
    { id: 'backlog.ageDays.29+', title: 'Backlog older than 4 weeks at period end', unit: 'count' },
  );
  return list;
}

export const BENCHMARK_METRIC_LIST: readonly BenchmarkMetric[] = build();

/** Every metric id a benchmark file may use. */
export const BENCHMARK_METRICS: readonly string[] = BENCHMARK_METRIC_LIST.map((m) => m.id);

const BY_ID = new Map(BENCHMARK_METRIC_LIST.map((m) => [m.id, m]));
const BY_LOWER = new Map(BENCHMARK_METRIC_LIST.map((m) => [m.id.toLowerCase(), m]));

export function benchmarkMetric(id: string): BenchmarkMetric | null {
  return BY_ID.get(id) ?? null;
}

/** The canonical metric for an id typed in any letter case ('SKILLMIX.plainfilmradiographershare'). */
export function findBenchmarkMetric(text: string): BenchmarkMetric | null {
  const t = text.trim();
  return BY_ID.get(t) ?? BY_LOWER.get(t.toLowerCase()) ?? null;
}
