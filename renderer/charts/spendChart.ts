/**
 * The Finance view's chart: net spend per month, stacked by ledger category, in Okabe–Ito colours, with the
 * same figures as a table. Amounts arrive in integer pence and are summed in pence before any division.
 */
import type { TooltipItem } from 'chart.js';
import type { MonthCategorySpend } from '../../shared/contract';
import { LEDGER_CATEGORIES, type LedgerCategory } from '../../shared/model';
import { CATEGORY_SHORT } from '../finance/labels';
import { formatGbp, formatMonth, formatPence } from '../format';
import type { DashboardChart } from './dashboardCharts';
import { GROUP_COLOURS, NEUTRAL_GREY, OKABE_ITO } from './palette';

/** Outsourced reporting and insourcing keep the colours of the outsourced and insourced staff groups. */
export const CATEGORY_COLOURS: Record<LedgerCategory, string> = {
  outsourced_reporting: GROUP_COLOURS.outsourced,
  outsourced_imaging: OKABE_ITO.orange,
  insourcing: GROUP_COLOURS.insourced,
  agency_locum: OKABE_ITO.reddishPurple,
  waiting_list_initiative: OKABE_ITO.bluishGreen,
  other: NEUTRAL_GREY,
};

/** Net pence per category over the cells given; every category present. */
export function categoryTotals(cells: readonly MonthCategorySpend[]): Record<LedgerCategory, number> {
  const totals = Object.fromEntries(LEDGER_CATEGORIES.map((c) => [c, 0])) as Record<LedgerCategory, number>;
  for (const cell of cells) totals[cell.category] += cell.pence;
  return totals;
}

/** Pence per month (in `months` order) for one category. */
function series(cells: readonly MonthCategorySpend[], months: readonly string[], category: LedgerCategory): number[] {
  const index = new Map(months.map((m, i) => [m, i]));
  const out = months.map(() => 0);
  for (const cell of cells) {
    const i = index.get(cell.month);
    if (cell.category === category && i !== undefined) out[i]! += cell.pence;
  }
  return out;
}

/**
 * `includeOther`: a spend-over-£25k file covers the whole trust, whose Other spend would flatten every bar that
 * matters here, so the view leaves it out unless asked.
 */
export function spendByMonthChart(cells: readonly MonthCategorySpend[], months: readonly string[], { includeOther = true } = {}): DashboardChart {
  const categories = LEDGER_CATEGORIES.filter((c) => (includeOther || c !== 'other') && cells.some((cell) => cell.category === c && cell.pence !== 0));
  const pence = new Map(categories.map((c) => [c, series(cells, months, c)]));
  const monthTotals = months.map((_, i) => categories.reduce((sum, c) => sum + (pence.get(c)?.[i] ?? 0), 0));
  return {
    id: 'spend-by-month',
    title: 'Spend by category, by month',
    description: `Net ledger spend each month (credit notes and reversals subtract), stacked by category${includeOther ? '' : ', Other left out'}.`,
    empty: categories.length === 0,
    config: {
      type: 'bar' as const,
      data: {
        labels: months.map(formatMonth),
        datasets: categories.map((c) => ({
          label: CATEGORY_SHORT[c],
          data: (pence.get(c) ?? []).map((p) => p / 100),
          backgroundColor: CATEGORY_COLOURS[c],
          borderColor: '#ffffff',
          borderWidth: 1,
        })),
      },
      options: {
        plugins: {
          legend: { position: 'bottom' as const, labels: { boxWidth: 14, boxHeight: 14, padding: 16 } },
          tooltip: { callbacks: { label: (c: TooltipItem<'bar'>) => `${c.dataset.label}: ${formatGbp(c.parsed.y)}` } },
        },
        scales: {
          x: { stacked: true, grid: { display: false } },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: 'Net spend (£)' }, ticks: { callback: (v) => formatGbp(Number(v)) } },
        },
      },
    },
    table: {
      columns: ['Month', ...categories.map((c) => CATEGORY_SHORT[c]), 'Total'],
      rows: months.map((m, i) => [formatMonth(m), ...categories.map((c) => formatPence(pence.get(c)?.[i] ?? 0)), formatPence(monthTotals[i] ?? 0)]),
    },
  };
}
