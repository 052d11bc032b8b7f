/**
 * Chart.js configurations for the dashboard, built from DashboardData, and the same figures as
 * plain tables (every chart offers its data as a table, for screen readers and for copying).
 */
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { DashboardData } from '../../shared/contract';
import { MODALITIES, MODALITY_NAMES, STAFF_GROUPS, STAFF_GROUP_NAMES } from '../../shared/model';
import { formatCount, formatHours, formatMonth, formatShare } from '../format';
import { BACKLOG_COLOURS, GROUP_COLOURS, SKILL_MIX_COLOURS, TURNAROUND_COLOURS } from './palette';

export interface ChartTable {
  columns: string[];
  rows: string[][];
}

export interface DashboardChart {
  id: string;
  title: string;
  description: string;
  config: ChartConfiguration<'bar'> | ChartConfiguration<'line'>;
  table: ChartTable;
  empty: boolean;
}

const legend = { position: 'bottom' as const, labels: { boxWidth: 14, boxHeight: 14, padding: 16 } };

export function reportsByGroupChart(data: DashboardData): DashboardChart {
  const labels = data.months.map(formatMonth);
  const groups = STAFF_GROUPS.filter((g) => (data.reportsByMonthGroup[g] ?? []).some((n) => n > 0));
  const datasets = groups.map((g) => ({
    label: STAFF_GROUP_NAMES[g],
    data: data.reportsByMonthGroup[g] ?? [],
    backgroundColor: GROUP_COLOURS[g],
    borderColor: '#ffffff',
    borderWidth: 1,
  }));
  return {
    id: 'reports-by-group',
    title: 'Reports by staff group, by month',
    description: 'Reports issued each month, stacked by the group of the reporter.',
    empty: groups.length === 0,
    config: {
      type: 'bar' as const,
      data: { labels, datasets },
      options: {
        plugins: {
          legend,
          tooltip: { callbacks: { label: (c: TooltipItem<'bar'>) => `${c.dataset.label}: ${formatCount(c.parsed.y)}` } },
        },
        scales: {
          x: { stacked: true, grid: { display: false } },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: 'Reports' }, ticks: { callback: (v) => formatCount(Number(v)) } },
        },
      },
    },
    table: {
      columns: ['Month', ...groups.map((g) => STAFF_GROUP_NAMES[g])],
      rows: data.months.map((m, i) => [formatMonth(m), ...groups.map((g) => formatCount(data.reportsByMonthGroup[g]?.[i] ?? 0))]),
    },
  };
}

function percent(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1000) / 10;
}

export function skillMixChart(data: DashboardData): DashboardChart {
  const { plainFilm, ultrasound } = data.skillMixByMonth;
  const line = (label: string, values: (number | null)[], colour: string, dash: number[]) => ({
    label,
    data: values.map(percent),
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 3,
    borderDash: dash,
    pointRadius: 4,
    pointHoverRadius: 6,
    spanGaps: false,
    tension: 0,
  });
  return {
    id: 'skill-mix',
    title: 'Skill mix by month',
    description: 'Share of plain-film reports issued by reporting radiographers, and of ultrasound reports by sonographers.',
    empty: [...plainFilm, ...ultrasound].every((v) => v === null),
    config: {
      type: 'line',
      data: {
        labels: data.months.map(formatMonth),
        datasets: [
          // A dashed second line keeps the two apart without relying on colour.
          line('Plain film: reporting radiographers', plainFilm, SKILL_MIX_COLOURS.plainFilm, []),
          line('Ultrasound: sonographers', ultrasound, SKILL_MIX_COLOURS.ultrasound, [6, 4]),
        ],
      },
      options: {
        plugins: {
          legend,
          tooltip: { callbacks: { label: (c: TooltipItem<'line'>) => `${c.dataset.label}: ${c.parsed.y === null ? 'no reports' : `${c.parsed.y.toFixed(1)}%`}` } },
        },
        scales: {
          x: { grid: { display: false } },
          y: { beginAtZero: true, suggestedMax: 100, title: { display: true, text: 'Share of reports' }, ticks: { callback: (v) => `${v}%` } },
        },
      },
    },
    table: {
      columns: ['Month', 'Plain film: reporting radiographers', 'Ultrasound: sonographers'],
      rows: data.months.map((m, i) => [formatMonth(m), formatShare(plainFilm[i] ?? null), formatShare(ultrasound[i] ?? null)]),
    },
  };
}

export function turnaroundChart(data: DashboardData): DashboardChart {
  const by = data.analysis.turnaround.byModality;
  const modalities = MODALITIES.filter((m) => (by[m]?.n ?? 0) > 0);
  const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);
  return {
    id: 'turnaround',
    title: 'Turnaround by modality',
    description: 'Hours from examination to report issued: the median and the 90th percentile.',
    empty: modalities.length === 0,
    config: {
      type: 'bar' as const,
      data: {
        labels: modalities,
        datasets: [
          { label: 'Median', data: modalities.map((m) => round(by[m]?.medianHours)), backgroundColor: TURNAROUND_COLOURS.median, borderColor: '#ffffff', borderWidth: 1 },
          { label: '90th percentile', data: modalities.map((m) => round(by[m]?.p90Hours)), backgroundColor: TURNAROUND_COLOURS.p90, borderColor: '#ffffff', borderWidth: 1 },
        ],
      },
      options: {
        plugins: {
          legend,
          tooltip: {
            callbacks: {
              title: (items: TooltipItem<'bar'>[]) => {
                const code = modalities[items[0]?.dataIndex ?? 0];
                return code ? `${MODALITY_NAMES[code]} (${code})` : '';
              },
              label: (c: TooltipItem<'bar'>) => `${c.dataset.label}: ${formatHours(c.parsed.y)}`,
            },
          },
        },
        scales: {
          x: { grid: { display: false } },
          y: { beginAtZero: true, title: { display: true, text: 'Hours' }, ticks: { callback: (v) => formatCount(Number(v)) } },
        },
      },
    },
    table: {
      columns: ['Modality', 'Reports', 'Median', '90th percentile'],
      rows: modalities.map((m) => [`${MODALITY_NAMES[m]} (${m})`, formatCount(by[m]?.n ?? 0), formatHours(by[m]?.medianHours), formatHours(by[m]?.p90Hours)]),
    },
  };
}

export const BACKLOG_BUCKETS = [
  { key: '0-7', label: '0–7 days' },
  { key: '8-14', label: '8–14 days' },
  { key: '15-28', label: '15–28 days' },
  { key: '29+', label: 'Over 28 days' },
] as const;

export function backlogChart(data: DashboardData): DashboardChart {
  const ages = data.analysis.backlog.ageDays;
  const values = BACKLOG_BUCKETS.map((b) => ages[b.key]);
  return {
    id: 'backlog',
    title: 'Backlog by age at period end',
    description: 'Examinations not yet reported at the end of the period, by days waiting. Over 28 days breaches the NHS England maximum.',
    empty: data.analysis.backlog.total === 0,
    config: {
      type: 'bar' as const,
      data: {
        labels: BACKLOG_BUCKETS.map((b) => b.label),
        datasets: [{ label: 'Unreported examinations', data: values, backgroundColor: [...BACKLOG_COLOURS], borderColor: '#ffffff', borderWidth: 1 }],
      },
      options: {
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (c: TooltipItem<'bar'>) => `${formatCount(c.parsed.y)} examinations` } },
        },
        scales: {
          x: { grid: { display: false } },
          y: { beginAtZero: true, title: { display: true, text: 'Examinations' }, ticks: { precision: 0, callback: (v) => formatCount(Number(v)) } },
        },
      },
    },
    table: {
      columns: ['Waiting', 'Examinations'],
      rows: BACKLOG_BUCKETS.map((b, i) => [b.label, formatCount(values[i] ?? 0)]),
    },
  };
}

export function dashboardCharts(data: DashboardData): DashboardChart[] {
  return [reportsByGroupChart(data), skillMixChart(data), turnaroundChart(data), backlogChart(data)];
}
