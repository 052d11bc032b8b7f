/**
 * The sensitivity of the net annual effect as a tornado: one row per lever (largest swing on top), a bar from
 * the central figure to the net effect with the lever 20% lower and another to it 20% higher. Chart.js draws
 * these as floating horizontal bars; the same figures come as a table, and as rows for the printed pack.
 */
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { ScenarioOutcome, SensitivityBar } from '../../shared/scenarios/api';
import { OKABE_ITO } from '../charts/palette';
import { whiteBackground } from '../benchmarks/charts';
import { formatPounds, formatSignedPounds } from './figures';

/** Lower is blue, higher orange: told apart under the common colour-vision deficiencies, and by legend. */
export const TORNADO_COLOURS = { low: OKABE_ITO.blue, high: OKABE_ITO.orange } as const;

/** What ChartFigure draws (its FigureChart shape). */
export interface TornadoFigure {
  id: string;
  title: string;
  description: string;
  config: ChartConfiguration<'bar'>;
  table: { columns: string[]; rows: string[][] };
  empty: boolean;
}

export interface TornadoRow {
  lever: string;
  label: string;
  lowPence: number;
  highPence: number;
  swingPence: number;
}

/** Bars sorted by swing, largest first (the engine sends them so; sorting again keeps the shape honest). */
export function tornadoRows(bars: readonly SensitivityBar[]): TornadoRow[] {
  return bars
    .map((b) => ({ lever: b.lever, label: b.label, lowPence: b.lowPence, highPence: b.highPence, swingPence: Math.abs(b.highPence - b.lowPence) }))
    .sort((a, b) => b.swingPence - a.swingPence);
}

/** Each bar's share of a common scale, for the printed tornado: left and width in percent of the row. */
export function tornadoScale(rows: readonly TornadoRow[], centrePence: number): { min: number; max: number; at: (pence: number) => number } {
  const values = [centrePence, 0, ...rows.flatMap((r) => [r.lowPence, r.highPence])];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  return { min, max, at: (pence: number) => ((pence - min) / span) * 100 };
}

export function tornadoChart(id: string, outcome: ScenarioOutcome): TornadoFigure {
  const rows = tornadoRows(outcome.sensitivity);
  const centre = outcome.netAnnualEffectPence / 100;
  const label = (c: TooltipItem<'bar'>): string => {
    const row = rows[c.dataIndex];
    if (!row) return '';
    return c.datasetIndex === 0 ? `20% lower: ${formatSignedPounds(row.lowPence)}` : `20% higher: ${formatSignedPounds(row.highPence)}`;
  };
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [
        { label: 'Lever 20% lower', data: rows.map((r) => [centre, r.lowPence / 100] as [number, number]), backgroundColor: TORNADO_COLOURS.low, borderColor: TORNADO_COLOURS.low, borderWidth: 1 },
        { label: 'Lever 20% higher', data: rows.map((r) => [centre, r.highPence / 100] as [number, number]), backgroundColor: TORNADO_COLOURS.high, borderColor: TORNADO_COLOURS.high, borderWidth: 1 },
      ],
    },
    options: {
      indexAxis: 'y',
      // Both bars of a lever share its row: the low one runs one way from the centre, the high one the other.
      datasets: { bar: { grouped: false, barPercentage: 0.7, categoryPercentage: 0.9 } },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 14, boxHeight: 14, padding: 16 } },
        tooltip: { callbacks: { label } },
      },
      scales: {
        x: {
          title: { display: true, text: `Net annual effect (central figure ${formatSignedPounds(outcome.netAnnualEffectPence)})` },
          ticks: { callback: (v: string | number) => formatSignedPounds(Number(v) * 100) },
          grid: { color: (ctx) => (ctx.tick?.value === 0 ? '#212b32' : '#d8dde0') },
        },
        y: { grid: { display: false } },
      },
    },
    plugins: [whiteBackground],
  };
  return {
    id,
    title: 'Sensitivity: the net annual effect with each lever 20% lower and higher',
    description: `The three levers that move the result most, largest swing first. Each bar starts at the central figure (${formatSignedPounds(outcome.netAnnualEffectPence)} a year).`,
    config,
    empty: rows.length === 0,
    table: {
      columns: ['Lever', 'Net effect, lever 20% lower', 'Net effect, lever 20% higher', 'Swing'],
      rows: rows.map((r) => [r.label, formatSignedPounds(r.lowPence), formatSignedPounds(r.highPence), formatPounds(r.swingPence)]),
    },
  };
}
