/**
 * The dashboard's KPI tiles, built from DashboardData: the figure, a short label, a context line,
 * which metric definition explains it and which drill-down lists the rows behind it.
 */
import type { BenchmarkComparison, DashboardData, DrillMetric } from '../../shared/contract';
import { IN_HOUSE_GROUPS, STAFF_GROUP_NAMES, type InHouseGroup, type StaffGroup } from '../../shared/model';
import { formatCount, formatHoursReadable, formatShare, formatWte } from '../format';

export interface Tile {
  id: string;
  label: string;
  value: string;
  /** The unformatted figure, null when it cannot be computed. */
  raw: number | null;
  detail: string;
  /** Ids tried, in order, against engine.metricDefinitions(). */
  definitionIds: string[];
  drill: { metric: DrillMetric; group: StaffGroup | null };
  benchmark: string | null;
  section: 'headline' | 'perWte';
}

/** 'reference:east-lancashire' → 'East Lancashire'. */
function cohortName(cohort: string): string {
  return cohort
    .replace(/^[a-z]+:/i, '')
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

function benchmarkText(benchmarks: BenchmarkComparison[], metric: string, format: (n: number) => string): string | null {
  const b = benchmarks.find((x) => x.metric === metric);
  return b ? `Benchmark ${format(b.value)} (${cohortName(b.cohort)}, ${b.year})` : null;
}

function share(part: number, whole: number): string {
  return whole > 0 ? `${formatCount(part)} of ${formatCount(whole)}` : 'No reports in this period';
}

export function buildTiles(data: DashboardData): Tile[] {
  const a = data.analysis;
  const xrTotal = a.reports.byModality.XR ?? 0;
  const usTotal = a.reports.byModality.US ?? 0;
  const pfShare = a.skillMix.plainFilmRadiographerShare;
  const usShare = a.skillMix.ultrasoundSonographerShare;
  const tat = a.turnaround.overall;
  const months = a.period.months;

  const headline: Tile[] = [
    {
      id: 'reports',
      label: 'Reports issued',
      value: formatCount(a.reports.total),
      raw: a.reports.total,
      detail: `${formatCount(a.exams.total)} examinations in ${months} month${months === 1 ? '' : 's'}`,
      definitionIds: ['reports', 'reports.total'],
      drill: { metric: 'reports', group: null },
      benchmark: null,
      section: 'headline',
    },
    {
      id: 'skillMix.plainFilm',
      label: 'Plain-film skill mix',
      value: formatShare(pfShare),
      raw: pfShare,
      detail: `X-ray reports by reporting radiographers: ${share(Math.round((pfShare ?? 0) * xrTotal), xrTotal)}`,
      definitionIds: ['skillMix.plainFilmRadiographerShare', 'skillMix.plainFilm'],
      drill: { metric: 'skillMix.plainFilm', group: null },
      benchmark: benchmarkText(a.benchmarks, 'skillMix.plainFilmRadiographerShare', formatShare),
      section: 'headline',
    },
    {
      id: 'skillMix.ultrasound',
      label: 'Ultrasound skill mix',
      value: formatShare(usShare),
      raw: usShare,
      detail: `Ultrasound reports by sonographers: ${share(Math.round((usShare ?? 0) * usTotal), usTotal)}`,
      definitionIds: ['skillMix.ultrasoundSonographerShare', 'skillMix.ultrasound'],
      drill: { metric: 'skillMix.ultrasound', group: null },
      benchmark: benchmarkText(a.benchmarks, 'skillMix.ultrasoundSonographerShare', formatShare),
      section: 'headline',
    },
    {
      id: 'outsourcing.share',
      label: 'Outsourced share',
      value: formatShare(a.outsourcing.share),
      raw: a.outsourcing.share,
      detail: `${formatCount(a.outsourcing.reports)} reports by teleradiology providers`,
      definitionIds: ['outsourcing.share', 'outsourcedShare', 'outsourcing'],
      drill: { metric: 'outsourcing', group: null },
      benchmark: benchmarkText(a.benchmarks, 'outsourcing.share', formatShare),
      section: 'headline',
    },
    {
      id: 'turnaround.median',
      label: 'Median turnaround',
      value: formatHoursReadable(tat.medianHours),
      raw: tat.medianHours,
      detail: `Examination to report, ${formatCount(tat.n)} reports`,
      definitionIds: ['turnaround.median', 'turnaround.medianHours', 'turnaround'],
      drill: { metric: 'turnaround', group: null },
      benchmark: null,
      section: 'headline',
    },
    {
      id: 'turnaround.p90',
      label: '90th percentile turnaround',
      value: formatHoursReadable(tat.p90Hours),
      raw: tat.p90Hours,
      detail: '9 in 10 reports were issued within this time',
      definitionIds: ['turnaround.p90', 'turnaround.p90Hours', 'turnaround'],
      drill: { metric: 'turnaround', group: null },
      benchmark: null,
      section: 'headline',
    },
    {
      id: 'backlog',
      label: 'Unreported at period end',
      value: formatCount(a.backlog.total),
      raw: a.backlog.total,
      detail: `${formatCount(a.backlog.ageDays['29+'])} waiting more than 28 days`,
      definitionIds: ['backlog', 'backlog.total'],
      drill: { metric: 'backlog', group: null },
      benchmark: null,
      section: 'headline',
    },
    {
      id: 'breaches28d',
      label: 'Reports over 4 weeks',
      value: formatCount(a.breaches28d),
      raw: a.breaches28d,
      detail: 'Turnaround longer than 28 days, the NHS England maximum',
      definitionIds: ['breaches28d', 'breaches'],
      drill: { metric: 'breaches28d', group: null },
      benchmark: null,
      section: 'headline',
    },
  ];

  const perWte: Tile[] = IN_HOUSE_GROUPS.filter((g) => a.wte[g] > 0 || a.reports.byGroup[g] > 0).map((g: InHouseGroup) => ({
    id: `reportsPerWte.${g}`,
    label: STAFF_GROUP_NAMES[g],
    value: formatCount(a.reportsPerWte[g]),
    raw: a.reportsPerWte[g],
    detail: a.wte[g] > 0 ? `${formatCount(a.reports.byGroup[g])} reports, ${formatWte(a.wte[g])} WTE` : `${formatCount(a.reports.byGroup[g])} reports, no WTE in the staff register`,
    definitionIds: ['reportsPerWte', `reportsPerWte.${g}`],
    drill: { metric: 'reports', group: g },
    benchmark: benchmarkText(a.benchmarks, `reportsPerWte.${g}`, formatCount),
    section: 'perWte',
  }));

  return [...headline, ...perWte];
}

function simplify(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The engine's definition for a tile: exact id first, then ignoring case and punctuation. */
export function findDefinition<T extends { id: string }>(definitions: T[], ids: string[]): T | null {
  for (const id of ids) {
    const exact = definitions.find((d) => d.id === id);
    if (exact) return exact;
  }
  for (const id of ids) {
    const loose = definitions.find((d) => simplify(d.id) === simplify(id));
    if (loose) return loose;
  }
  return null;
}
