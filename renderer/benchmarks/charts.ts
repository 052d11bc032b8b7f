/**
 * Chart.js configurations for the Benchmarks view: the Model-Hospital-style distribution (sorted bars, the
 * user's bar highlighted, median and quartile lines) and each benchmarked metric's monthly trend against its benchmark lines.
 * Each also gives its figures as a table and a "source, year" caption.
 */
import { Chart, type ChartConfiguration, type ChartDataset, type LegendItem, type Plugin, type TooltipItem } from 'chart.js';
import type { BenchmarkComparison, BenchmarkView, Distribution } from '../../shared/contract';
import { OKABE_ITO } from '../charts/palette';
import { formatHours, formatMonth } from '../format';
import { cohortLabel, formatMetric, metricTitle, metricUnit, type Unit } from './model';

export interface BenchChart {
  id: string;
  title: string;
  description: string;
  config: ChartConfiguration;
  table: { columns: string[]; rows: string[][] };
  /** "source, year" shown under the chart. */
  caption: string;
  empty: boolean;
}

/** The user's bar: vermillion stands out from the grey field and the sky-blue peers for every common colour-vision type. */
export const BAR_COLOURS = { ours: OKABE_ITO.vermillion, peer: OKABE_ITO.skyBlue, other: '#AEB7BD' } as const;
export const LINE_COLOURS = { median: OKABE_ITO.black, quartile: OKABE_ITO.blue, benchmark: OKABE_ITO.black } as const;

/** PNG exports need an opaque background; a transparent canvas turns black in some viewers. */
export const whiteBackground: Plugin = {
  id: 'radbenchWhiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

export function barColour(bar: Distribution['orgs'][number]): string {
  if (bar.ours) return BAR_COLOURS.ours;
  return bar.peer ? BAR_COLOURS.peer : BAR_COLOURS.other;
}

function constantLine(label: string, value: number, length: number, colour: string, dashed: boolean): ChartDataset {
  return {
    type: 'line',
    label,
    data: Array.from({ length }, () => value),
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 2,
    borderDash: dashed ? [6, 4] : [],
    pointRadius: 0,
    pointHitRadius: 0,
    fill: false,
  } as ChartDataset;
}

const AXIS_TITLES: Record<Unit, string> = { share: 'Share', gbp: 'Pounds', hours: 'Hours', per_wte: 'Per WTE', count: 'Count' };

function axisTicks(unit: Unit | null) {
  return { callback: (v: string | number) => formatMetric(unit, Number(v)) };
}

export function distributionCaption(d: Distribution): string {
  return `Source: ${d.sources.join('; ')}, ${d.year}. ${d.n} organisation${d.n === 1 ? '' : 's'}; quartiles are of the imported figures only.`;
}

export function distributionChart(d: Distribution): BenchChart {
  const unit = d.unit;
  const labels = d.orgs.map((b) => b.org);
  const n = labels.length;
  const datasets: ChartDataset[] = [
    {
      type: 'bar',
      label: 'Organisations',
      data: d.orgs.map((b) => b.value),
      backgroundColor: d.orgs.map(barColour),
      borderColor: d.orgs.map((b) => (b.ours ? OKABE_ITO.black : 'transparent')),
      borderWidth: d.orgs.map((b) => (b.ours ? 2 : 0)),
      order: 2,
    } as ChartDataset,
    { ...constantLine(`Median ${formatMetric(unit, d.median)}`, d.median, n, LINE_COLOURS.median, false), order: 1 } as ChartDataset,
    { ...constantLine(`Lower quartile ${formatMetric(unit, d.p25)}`, d.p25, n, LINE_COLOURS.quartile, true), order: 1 } as ChartDataset,
    { ...constantLine(`Upper quartile ${formatMetric(unit, d.p75)}`, d.p75, n, LINE_COLOURS.quartile, true), order: 1 } as ChartDataset,
  ];
  const ours = d.orgs.find((b) => b.ours);
  return {
    id: `distribution-${d.metric}`,
    title: metricTitle(d.metric),
    description: ours
      ? `Each bar is one organisation, lowest to highest. Your organisation (${ours.org}, ${formatMetric(unit, ours.value)}) is the outlined orange-red bar${d.orgs.some((b) => b.peer) ? '; your peer group is sky blue' : ''}.`
      : 'Each bar is one organisation, lowest to highest. Your own figure is not available for this period.',
    caption: distributionCaption(d),
    empty: n === 0,
    config: {
      type: 'bar',
      data: { labels, datasets },
      options: {
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 14, boxHeight: 14, padding: 16, filter: (item) => item.text !== 'Organisations' } },
          tooltip: {
            callbacks: {
              label: (c: TooltipItem<'bar'>) => (c.datasetIndex === 0 ? `${c.label}: ${formatMetric(unit, c.parsed.y)}` : `${c.dataset.label ?? ''}`),
            },
          },
        },
        scales: {
          x: { grid: { display: false }, ticks: { autoSkip: true, maxRotation: 60, minRotation: 0 } },
          y: { beginAtZero: true, title: { display: true, text: unit ? AXIS_TITLES[unit] : 'Value' }, ticks: axisTicks(unit) },
        },
      },
      plugins: [whiteBackground],
    } as ChartConfiguration,
    table: {
      columns: ['Organisation', 'Value', 'Group'],
      rows: d.orgs.map((b) => [b.org, formatMetric(unit, b.value), b.ours ? 'Your organisation' : b.peer ? 'Peer group' : '']),
    },
  };
}

export type MetricTrend = BenchmarkView['trends'][number];

/** Benchmark lines after the first keep apart by colour and by dash, so they read in greyscale print too. */
const TREND_LINE_STYLES: readonly { colour: string; dash: number[] }[] = [
  { colour: OKABE_ITO.black, dash: [6, 4] },
  { colour: OKABE_ITO.blue, dash: [2, 3] },
  { colour: OKABE_ITO.reddishPurple, dash: [10, 3, 2, 3] },
  { colour: OKABE_ITO.orange, dash: [12, 6] },
];

const TREND_AXIS_TITLES: Record<Unit, string> = {
  share: 'Share',
  gbp: 'Pounds',
  hours: 'Hours',
  per_wte: 'Per WTE, annualised',
  count: 'Count',
};

/** As formatMetric, except hours stay in hours (one decimal place): an axis mixing hours and days misreads. */
export function formatTrendValue(unit: Unit | null, value: number | null | undefined): string {
  return unit === 'hours' ? formatHours(value) : formatMetric(unit, value);
}

/**
 * Legend entries drawn as line samples in each dataset's own dash: point-style legends otherwise take the
 * (undashed, thin) point style, and boxes would hide which dashed line is which benchmark.
 */
function lineLegendLabels(chart: Chart): LegendItem[] {
  return Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
    const ds = chart.data.datasets[item.datasetIndex ?? 0] as { borderDash?: number[] } | undefined;
    return { ...item, lineDash: ds?.borderDash ?? [], lineWidth: 2 };
  });
}

/** "Shelford Group 2016/17: 15.0%": the legend entry of one comparison's line. */
export function comparisonLabel(c: BenchmarkComparison, unit: Unit | null): string {
  return `${cohortLabel(c.cohort)} ${c.year}: ${formatTrendValue(unit, c.value)}`;
}

function trendCaption(lines: BenchmarkComparison[]): string {
  if (lines.length === 0) return 'No benchmark for this metric in the active set.';
  const sources = [...new Set(lines.map((c) => `${cohortLabel(c.cohort)}: ${c.source}, ${c.year}`))];
  return `Benchmark source${sources.length === 1 ? '' : 's'}: ${sources.join('; ')}.`;
}

/**
 * Our monthly value of one metric (a gap where a month has none) against a dashed line for each of its
 * comparisons in the active set. The engine annualises per-WTE months already, so they read against annual figures.
 */
export function benchmarkTrendChart(trend: MetricTrend, comparisons: readonly BenchmarkComparison[]): BenchChart {
  const unit = metricUnit(trend.metric);
  const fmt = (v: number | null | undefined) => formatTrendValue(unit, v);
  const lines = comparisons.filter((c) => c.metric === trend.metric);
  const labels = trend.months.map(formatMonth);
  const values = trend.months.map((_, i) => trend.values[i] ?? null);
  const datasets: ChartDataset[] = [
    {
      type: 'line',
      label: 'Your organisation',
      data: values,
      borderColor: BAR_COLOURS.ours,
      backgroundColor: BAR_COLOURS.ours,
      borderWidth: 3,
      pointRadius: 3,
      spanGaps: false,
      order: 1,
    } as ChartDataset,
    ...lines.map((c, i) => {
      const style = TREND_LINE_STYLES[i % TREND_LINE_STYLES.length]!;
      return { ...constantLine(comparisonLabel(c, unit), c.value, labels.length, style.colour, true), borderDash: style.dash, order: 2 } as ChartDataset;
    }),
  ];
  const columns = ['Month', 'Yours', ...lines.map((c, i) => `${cohortLabel(c.cohort)} ${c.year}${lines.slice(0, i).some((o) => o.cohort === c.cohort && o.year === c.year) ? ` (${i + 1})` : ''}`)];
  const annualised = unit === 'per_wte' ? ' Each month is annualised, so it reads against the yearly benchmark.' : '';
  return {
    id: `trend-${trend.metric}`,
    title: `${metricTitle(trend.metric)}, by month`,
    description:
      (lines.length
        ? `Your figure month by month (solid orange-red line, a gap where a month has no figure); the dashed line${lines.length === 1 ? ' is the benchmark' : 's are the benchmarks'}.`
        : 'Your figure month by month (a gap where a month has no figure).') + annualised,
    caption: trendCaption(lines),
    empty: values.every((v) => v === null),
    config: {
      type: 'line',
      data: { labels, datasets },
      options: {
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: true, pointStyle: 'line', pointStyleWidth: 28, padding: 16, generateLabels: lineLegendLabels } },
          tooltip: {
            callbacks: { label: (c: TooltipItem<'line'>) => (c.datasetIndex === 0 ? `${c.dataset.label ?? ''}: ${fmt(c.parsed.y)}` : `${c.dataset.label ?? ''}`) },
          },
        },
        scales: {
          x: { grid: { display: false } },
          y: {
            beginAtZero: true,
            title: { display: true, text: unit ? TREND_AXIS_TITLES[unit] : 'Value' },
            ticks: { callback: (v: string | number) => fmt(Number(v)), ...(unit === 'per_wte' || unit === 'count' ? { precision: 0 } : {}) },
          },
        },
      },
      plugins: [whiteBackground],
    } as ChartConfiguration,
    table: {
      columns,
      rows: trend.months.map((m, i) => [formatMonth(m), fmt(values[i]), ...lines.map((c) => fmt(c.value))]),
    },
  };
}
