/**
 * The dashboard's KPI tiles, built from DashboardData: the figure, a short label, a context line,
 * which metric definition explains it and which drill-down lists the rows behind it.
 */
import type { AnalysisResult, BenchmarkComparison, DashboardData, DrillMetric, MetricDefinition } from '../../shared/contract';
import { IN_HOUSE_GROUPS, STAFF_GROUP_NAMES, type InHouseGroup, type StaffGroup } from '../../shared/model';
import { formatCount, formatGbp, formatHoursReadable, formatShare, formatWte } from '../format';

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
  /** Used when the engine has no definition under definitionIds. */
  definition?: MetricDefinition;
  /** Where the figure's own rows live when they are not the drill-down's (ledger lines on the Finance page). */
  link?: { to: string; label: string };
  /** Reports per WTE tiles: the same figure with each report at its modality's workload weight, formatted. */
  weighted?: string;
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

/** 'national' → 'National'; a reference point is one organisation's figure, not a peer median. */
function cohortLabel(cohort: string): string {
  return cohort.startsWith('reference:') ? 'Reference point' : cohortName(cohort);
}

/**
 * A benchmark with its year and where it comes from: the source up to its first colon, which names the
 * publication ("NHS Improvement, Imaging Services Transformation Programme (June 2018)").
 */
export function benchmarkWithSource(benchmarks: BenchmarkComparison[], metric: string, format: (n: number) => string): string | null {
  const b = benchmarks.find((x) => x.metric === metric);
  if (!b) return null;
  const source = b.source.split(':')[0]!.trim();
  return `${cohortLabel(b.cohort)} ${b.year}: ${format(b.value)}${source ? ` · ${source}` : ''}`;
}

const pence = (n: number | null) => formatGbp(n, { pence: true });
const NO_LEDGER = 'Import a finance ledger (general ledger or spend over £25k) to see this';

export const FINANCE_DEFINITIONS: Record<'outsourcing.costPerReport' | 'externalSpendPerReport', MetricDefinition> = {
  'outsourcing.costPerReport': {
    id: 'outsourcing.costPerReport',
    title: 'Cost per outsourced report',
    numerator: "Outsourcing reporting spend: the net sum of ledger lines in the category 'outsourced reporting' whose ledger period falls in the period (credit notes negative; an accrual and its reversal cancel).",
    denominator: 'Reports issued in the period by the outsourced group.',
    filters: 'Ledger lines by ledger month; reports by report-issued date.',
    exclusions: 'Blank when there are no outsourced reports, or no ledger lines in the period.',
    unit: 'gbp',
  },
  externalSpendPerReport: {
    id: 'externalSpendPerReport',
    title: 'External spend per report',
    numerator: "Net spend in the categories 'outsourced reporting', 'insourcing' and 'outsourced imaging' in the period.",
    denominator: 'All reports issued in the period, every staff group.',
    filters: 'Ledger lines by ledger month; reports by report-issued date. Comparable with the national figure of £134m over 39m reports (about £3.44) in 2016/17.',
    exclusions: 'Blank when there are no reports, or no ledger lines in the period.',
    unit: 'gbp',
  },
};

/** Reports to price but no ledger lines in the period: the finance tiles are blank for want of a ledger. */
export function needsLedger(a: AnalysisResult): boolean {
  return a.reports.total > 0 && a.externalSpendPerReport === null;
}

/** The two finance tiles. A null figure says why: no outsourced reports, or no ledger to price them. */
export function financeTiles(a: AnalysisResult): Tile[] {
  const cost = a.outsourcing.costPerReport;
  const external = a.externalSpendPerReport;
  const externalPounds = a.spendByCategory.outsourced_reporting + a.spendByCategory.insourcing + a.spendByCategory.outsourced_imaging;
  const link = { to: '/finance', label: 'See the ledger lines on the Finance page' };
  return [
    {
      id: 'outsourcing.costPerReport',
      label: 'Cost per outsourced report',
      value: pence(cost),
      raw: cost,
      detail:
        cost !== null
          ? `${formatGbp(a.outsourcing.spend)} outsourced reporting spend over ${formatCount(a.outsourcing.reports)} reports`
          : a.outsourcing.reports === 0
            ? 'No outsourced reports in this period'
            : NO_LEDGER,
      definitionIds: ['outsourcing.costPerReport'],
      drill: { metric: 'outsourcing', group: null },
      benchmark: benchmarkWithSource(a.benchmarks, 'outsourcing.costPerReport', pence),
      section: 'headline',
      definition: FINANCE_DEFINITIONS['outsourcing.costPerReport'],
      link,
    },
    {
      id: 'externalSpendPerReport',
      label: 'External spend per report',
      value: pence(external),
      raw: external,
      detail:
        external !== null
          ? `${formatGbp(externalPounds)} on outsourcing, insourcing and outsourced imaging over ${formatCount(a.reports.total)} reports`
          : a.reports.total === 0
            ? 'No reports in this period'
            : NO_LEDGER,
      definitionIds: ['externalSpendPerReport'],
      drill: { metric: 'reports', group: null },
      benchmark: benchmarkWithSource(a.benchmarks, 'externalSpendPerReport', pence),
      section: 'headline',
      definition: FINANCE_DEFINITIONS.externalSpendPerReport,
      link,
    },
  ];
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
    weighted: formatCount(a.weightedReportsPerWte[g]),
  }));

  return [...headline, ...financeTiles(a), ...perWte];
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
