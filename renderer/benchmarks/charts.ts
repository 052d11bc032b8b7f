/**
 * Chart.js configurations for the Benchmarks view: the Model-Hospital-style distribution (sorted bars, the
 * user's bar highlighted, median and quartile lines) and the skill-mix trend against its benchmark line.
 * Each also gives its figures as a table and a "source, year" caption.
 */
import type { ChartConfiguration, ChartDataset, Plugin, TooltipItem } from 'chart.js';
import type { BenchmarkComparison, DashboardData, Distribution } from '../../shared/contract';
import { OKABE_ITO, SKILL_MIX_COLOURS } from '../charts/palette';
import { formatMonth } from '../format';
import { cohortLabel, formatMetric, metricTitle, shortSource, type Unit } from './model';

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

/** The monthly plain-film skill mix against its benchmark's line. */
export function skillMixTrendChart(data: DashboardData, benchmark: BenchmarkComparison | null): BenchChart {
  const series = data.skillMixByMonth.plainFilm;
  const labels = data.months.map(formatMonth);
  const datasets: ChartDataset[] = [
    {
      type: 'line',
      label: 'Your plain-film skill mix',
      data: series,
      borderColor: SKILL_MIX_COLOURS.plainFilm,
      backgroundColor: SKILL_MIX_COLOURS.plainFilm,
      borderWidth: 3,
      pointRadius: 3,
      spanGaps: false,
    } as ChartDataset,
  ];
  const benchLabel = benchmark
    ? `${cohortLabel(benchmark.cohort)} ${formatMetric('share', benchmark.value)} (${shortSource(benchmark.source)}, ${benchmark.year})`
    : null;
  if (benchmark && benchLabel) datasets.push(constantLine(benchLabel, benchmark.value, labels.length, LINE_COLOURS.benchmark, true));
  return {
    id: 'skill-mix-trend',
    title: 'Plain-film skill mix by month, against the benchmark',
    description: 'The share of X-ray reports issued by reporting radiographers each month; the dashed line is the benchmark.',
    caption: benchmark ? `Benchmark source: ${benchmark.source}, ${benchmark.year}.` : 'No benchmark for plain-film skill mix in the active set.',
    empty: series.every((v) => v === null),
    config: {
      type: 'line',
      data: { labels, datasets },
      options: {
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 14, boxHeight: 14, padding: 16 } },
          tooltip: { callbacks: { label: (c: TooltipItem<'line'>) => `${c.dataset.label ?? ''}: ${formatMetric('share', c.parsed.y)}` } },
        },
        scales: {
          x: { grid: { display: false } },
          y: { beginAtZero: true, title: { display: true, text: 'Share of X-ray reports' }, ticks: axisTicks('share') },
        },
      },
      plugins: [whiteBackground],
    } as ChartConfiguration,
    table: {
      columns: ['Month', 'Your skill mix', 'Benchmark'],
      rows: data.months.map((m, i) => [formatMonth(m), formatMetric('share', series[i] ?? null), benchmark ? formatMetric('share', benchmark.value) : '—']),
    },
  };
}

