/**
 * The XLSX workbook: one sheet per view, then Definitions and Sources. Cells are typed (numbers with
 * formats, real dates); all text is neutralised against formula injection (see neutralise.ts).
 */
import type { AnalysisResult, BenchmarkComparison, DashboardData, MetricDefinition, TurnaroundStat } from '../contract';
import {
  IN_HOUSE_GROUPS,
  LEDGER_CATEGORIES,
  MODALITIES,
  MODALITY_NAMES,
  STAFF_GROUPS,
  STAFF_GROUP_NAMES,
  type LedgerCategory,
  type Modality,
} from '../model';
import { metricValue } from '../benchmarks/compare';
import { benchmarkMetric, type MetricUnit } from '../benchmarks/metrics';
import { FORMATS, date, note, num, type SheetValue, writeWorkbook } from './sheet';

export { neutraliseFormula } from './neutralise';

export interface WorkbookInput {
  analysis: AnalysisResult;
  dashboard?: DashboardData;
  definitions: MetricDefinition[];
  benchmarks: BenchmarkComparison[];
  generatedAt: Date;
  synthetic: boolean;
  /** The modality weights behind the weighted figures, listed on the Workforce sheet as a judgement. */
  weights?: Partial<Record<Modality, number>>;
}

export const SYNTHETIC_BANNER = 'SYNTHETIC DEMO DATA: a made-up trust, not real figures';

export const SHEET_NAMES = {
  summary: 'Summary',
  reports: 'Reports',
  workforce: 'Workforce',
  turnaround: 'Turnaround',
  backlog: 'Backlog',
  outsourcing: 'Outsourcing',
  spend: 'Spend',
  unclassified: 'Unclassified reporters',
  dataQuality: 'Data quality',
  imports: 'Imports',
  monthly: 'Monthly',
  definitions: 'Definitions',
  sources: 'Sources',
} as const;

const LEDGER_CATEGORY_NAMES: Record<LedgerCategory, string> = {
  outsourced_reporting: 'Outsourced reporting (teleradiology)',
  outsourced_imaging: 'Outsourced imaging (independent-sector scanning)',
  insourcing: 'Insourcing',
  agency_locum: 'Agency and locum',
  waiting_list_initiative: 'Waiting list initiative',
  other: 'Other',
};

const UNIT_FORMAT: Record<MetricUnit, string> = {
  count: FORMATS.count,
  share: FORMATS.share,
  hours: FORMATS.hours,
  per_wte: FORMATS.per_wte,
  gbp: FORMATS.gbp,
};

const UNIT_NAMES: Record<MetricUnit, string> = {
  count: 'count',
  share: 'share (%)',
  hours: 'hours',
  per_wte: 'per WTE per year',
  gbp: '£',
};

const ukDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Title, period and (for demo data) the synthetic banner, then a blank row. */
function preamble(title: string, input: WorkbookInput): SheetValue[][] {
  const { period } = input.analysis;
  const rows: SheetValue[][] = [[note(title)], [note(`Period ${ukDate(period.from)} to ${ukDate(period.to)} (${period.months} months)`)]];
  if (input.synthetic) rows.push([note(SYNTHETIC_BANNER)]);
  rows.push([]);
  return rows;
}

const formatFor = (metric: string): string => {
  const unit = benchmarkMetric(metric)?.unit;
  return unit ? UNIT_FORMAT[unit] : 'General';
};

interface Kpi {
  id: string;
  title: string;
  unit: MetricUnit;
  value: number | null;
}

function kpis(a: AnalysisResult): Kpi[] {
  const kpi = (id: string, title: string, unit: MetricUnit): Kpi => ({ id, title, unit, value: metricValue(a, id) });
  return [
    kpi('exams.total', 'Examinations', 'count'),
    kpi('reports.total', 'Reports', 'count'),
    kpi('reportsPerWte.radiologist', 'Reports per radiologist WTE (annualised)', 'per_wte'),
    kpi('weightedReportsPerWte.radiologist', 'Weighted reports per radiologist WTE', 'per_wte'),
    kpi('reportsPerWte.reporting_radiographer', 'Reports per reporting radiographer WTE (annualised)', 'per_wte'),
    kpi('skillMix.plainFilmRadiographerShare', 'Plain-film skill mix (radiographer share of XR reports)', 'share'),
    kpi('skillMix.ultrasoundSonographerShare', 'Ultrasound skill mix (sonographer share of US reports)', 'share'),
    kpi('outsourcing.share', 'Outsourced share of reports', 'share'),
    kpi('insourcing.share', 'Insourced share of reports', 'share'),
    kpi('outsourcing.spend', 'Outsourcing reporting spend', 'gbp'),
    kpi('outsourcing.costPerReport', 'Cost per outsourced report', 'gbp'),
    kpi('insourcing.costPerReport', 'Cost per insourced report', 'gbp'),
    kpi('externalSpendPerReport', 'External spend per report', 'gbp'),
    kpi('turnaround.overall.medianHours', 'Turnaround, median (hours)', 'hours'),
    kpi('turnaround.overall.p90Hours', 'Turnaround, 90th percentile (hours)', 'hours'),
    kpi('backlog.total', 'Backlog at period end', 'count'),
    kpi('breaches28d', 'Reports after more than 4 weeks', 'count'),
    { id: 'unclassifiedReporters', title: 'Unclassified reporters', unit: 'count', value: a.unclassifiedReporters.length },
  ];
}

/** The benchmark shown beside a KPI: national first, then the Shelford peer figure, then any other. */
function headlineBenchmark(benchmarks: BenchmarkComparison[], metric: string): BenchmarkComparison | null {
  const rows = benchmarks.filter((b) => b.metric === metric);
  return rows.find((b) => b.cohort === 'national') ?? rows.find((b) => b.cohort === 'shelford') ?? rows[0] ?? null;
}

function summarySheet(input: WorkbookInput): SheetValue[][] {
  const { analysis: a } = input;
  const rows: SheetValue[][] = [[note('RadBench: radiology reporting analysis')]];
  if (input.synthetic) rows.push([note(SYNTHETIC_BANNER)]);
  rows.push(
    [],
    ['Period from', date(a.period.from)],
    ['Period to', date(a.period.to)],
    ['Months', num(a.period.months, FORMATS.count)],
    ['Generated at', date(input.generatedAt, FORMATS.dateTime)],
    [],
    ['KPI', 'Value', 'Unit', 'Benchmark', 'Cohort', 'Year', 'Source', 'Metric id'],
  );
  for (const k of kpis(a)) {
    const b = headlineBenchmark(input.benchmarks, k.id);
    const z = UNIT_FORMAT[k.unit];
    rows.push([k.title, num(k.value, z), UNIT_NAMES[k.unit], num(b?.value ?? null, z), b?.cohort ?? null, b?.year ?? null, b?.source ?? null, k.id]);
  }
  return rows;
}

function reportsSheet(input: WorkbookInput): SheetValue[][] {
  const { analysis: a } = input;
  const rows = preamble('Reports by staff group and by modality', input);
  rows.push(['Staff group', 'Group key', 'Reports', 'Share of reports']);
  for (const g of STAFF_GROUPS) {
    const n = a.reports.byGroup[g];
    rows.push([STAFF_GROUP_NAMES[g], g, num(n, FORMATS.count), num(a.reports.total > 0 ? n / a.reports.total : null, FORMATS.share)]);
  }
  rows.push(['All reports', null, num(a.reports.total, FORMATS.count), null], []);
  rows.push(['Modality', 'Code', 'Examinations', 'Reports']);
  for (const m of MODALITIES) {
    const exams = a.exams.byModality[m];
    const reports = a.reports.byModality[m];
    if (exams === undefined && reports === undefined) continue;
    rows.push([MODALITY_NAMES[m], m, num(exams ?? 0, FORMATS.count), num(reports ?? 0, FORMATS.count)]);
  }
  rows.push(['All modalities', null, num(a.exams.total, FORMATS.count), num(a.reports.total, FORMATS.count)]);
  return rows;
}

function workforceSheet(input: WorkbookInput): SheetValue[][] {
  const { analysis: a } = input;
  const rows = preamble('Workforce: average WTE and reports per WTE (annualised)', input);
  rows.push(['Staff group', 'Group key', 'Average WTE', 'Reports', 'Reports per WTE', 'Weighted reports per WTE']);
  for (const g of IN_HOUSE_GROUPS) {
    rows.push([
      STAFF_GROUP_NAMES[g],
      g,
      num(a.wte[g], FORMATS.wte),
      num(a.reports.byGroup[g], FORMATS.count),
      num(a.reportsPerWte[g], FORMATS.per_wte),
      num(a.weightedReportsPerWte[g], FORMATS.per_wte),
    ]);
  }
  if (input.weights) {
    rows.push([], [note('Workload weights (relative reporting time, XR = 1): a judgement, not a national standard; editable in the app.')]);
    rows.push(['Modality', 'Code', 'Weight']);
    for (const m of MODALITIES) {
      const w = input.weights[m];
      if (w !== undefined) rows.push([MODALITY_NAMES[m], m, num(w, FORMATS.weight)]);
    }
  }
  return rows;
}

const tatRow = (label: string, key: string | null, s: TurnaroundStat): SheetValue[] => [
  label,
  key,
  num(s.n, FORMATS.count),
  num(s.medianHours, FORMATS.hours),
  num(s.p90Hours, FORMATS.hours),
];

function turnaroundSheet(input: WorkbookInput): SheetValue[][] {
  const { analysis: a } = input;
  const rows = preamble('Turnaround: hours from examination to report', input);
  rows.push(['Modality', 'Code', 'Reports', 'Median (hours)', '90th percentile (hours)']);
  rows.push(tatRow('All modalities', null, a.turnaround.overall));
  for (const m of MODALITIES) {
    const s = a.turnaround.byModality[m];
    if (s) rows.push(tatRow(MODALITY_NAMES[m], m, s));
  }
  const bySource = input.dashboard?.turnaroundByPatientSource;
  if (bySource && Object.keys(bySource).length > 0) {
    rows.push([], ['Patient source', 'Key', 'Reports', 'Median (hours)', '90th percentile (hours)']);
    for (const [source, s] of Object.entries(bySource).sort(([x], [y]) => x.localeCompare(y))) rows.push(tatRow(source, source, s));
  }
  return rows;
}

function backlogSheet(input: WorkbookInput): SheetValue[][] {
  const { analysis: a } = input;
  const rows = preamble('Backlog at period end: unreported examinations by age', input);
  rows.push(['Age (days)', 'Examinations']);
  for (const band of ['0-7', '8-14', '15-28', '29+'] as const) rows.push([band === '29+' ? 'over 28' : band, num(a.backlog.ageDays[band], FORMATS.count)]);
  rows.push(['Total', num(a.backlog.total, FORMATS.count)], []);
  rows.push(['Reports issued after more than 4 weeks in the period', num(a.breaches28d, FORMATS.count)]);
  return rows;
}

function outsourcingSheet(input: WorkbookInput): SheetValue[][] {
  const { analysis: a } = input;
  const rows = preamble('Outsourcing and insourcing', input);
  rows.push(['Provider', 'Reports', 'Spend (£)', 'Cost per report (£)']);
  for (const p of a.outsourcing.byProvider) {
    rows.push([p.provider, num(p.reports, FORMATS.count), num(p.spend, FORMATS.gbp), num(p.costPerReport, FORMATS.gbp)]);
  }
  rows.push([], ['', 'Reports', 'Share of reports', 'Spend (£)', 'Cost per report (£)']);
  for (const [label, x] of [['Outsourced', a.outsourcing], ['Insourced', a.insourcing]] as const) {
    rows.push([label, num(x.reports, FORMATS.count), num(x.share, FORMATS.share), num(x.spend, FORMATS.gbp), num(x.costPerReport, FORMATS.gbp)]);
  }
  rows.push(['External spend per report (£)', null, null, null, num(a.externalSpendPerReport, FORMATS.gbp)]);
  return rows;
}

function spendSheet(input: WorkbookInput): SheetValue[][] {
  const { analysis: a } = input;
  const rows = preamble('Spend by ledger category (net of credit notes and reversed accruals)', input);
  rows.push(['Category', 'Category key', 'Spend (£)']);
  let total = 0;
  for (const c of LEDGER_CATEGORIES) {
    total += a.spendByCategory[c];
    rows.push([LEDGER_CATEGORY_NAMES[c], c, num(a.spendByCategory[c], FORMATS.gbp)]);
  }
  rows.push(['Total', null, num(Math.round(total * 100) / 100, FORMATS.gbp)]);
  return rows;
}

function unclassifiedSheet(input: WorkbookInput): SheetValue[][] {
  const rows = preamble('Unclassified reporters: add them to the staff register to classify their reports', input);
  rows.push(['Reporter code', 'Name', 'Reports']);
  for (const u of input.analysis.unclassifiedReporters) rows.push([u.code, u.name, num(u.reports, FORMATS.count)]);
  return rows;
}

function dataQualitySheet(input: WorkbookInput): SheetValue[][] {
  const { analysis: a } = input;
  const rows = preamble('Data quality', input);
  const rejected = a.imports.reduce((sum, i) => sum + i.rejected, 0);
  rows.push(['Check', 'Count', 'Effect']);
  rows.push(['Rows rejected at import', num(rejected, FORMATS.count), 'Not counted anywhere; see the import report for each row and reason.']);
  rows.push(['Negative turnarounds', num(a.dataQuality.negativeTurnaround, FORMATS.count), 'Report dated before its examination: excluded from turnaround.']);
  rows.push(['Unknown modality', num(a.dataQuality.unknownModality, FORMATS.count), 'Counted as OT (other).']);
  rows.push(['Duplicate keys within a file', num(a.dataQuality.duplicateKeysInFile, FORMATS.count), 'The later row of a key replaced the earlier.']);
  rows.push(['Unclassified reporters', num(a.unclassifiedReporters.length, FORMATS.count), 'Their reports count in no in-house group.']);
  rows.push(['Reports by unclassified reporters', num(a.reports.byGroup.unclassified, FORMATS.count), 'In no in-house group: counted in totals and skill-mix denominators only.']);
  return rows;
}

function importsSheet(input: WorkbookInput): SheetValue[][] {
  const rows = preamble('Imported files', input);
  rows.push(['File', 'Kind', 'Rows read', 'Accepted', 'Updated', 'Rejected']);
  for (const i of input.analysis.imports) {
    rows.push([i.file, i.kind, num(i.rowsRead, FORMATS.count), num(i.accepted, FORMATS.count), num(i.updated, FORMATS.count), num(i.rejected, FORMATS.count)]);
  }
  return rows;
}

function monthlySheet(input: WorkbookInput, d: DashboardData): SheetValue[][] {
  const rows = preamble('Reports by month and staff group; monthly skill mix', input);
  rows.push(['Month', ...STAFF_GROUPS.map((g) => STAFF_GROUP_NAMES[g]), 'All reports', 'Plain-film skill mix', 'Ultrasound skill mix']);
  d.months.forEach((month, i) => {
    const counts = STAFF_GROUPS.map((g) => d.reportsByMonthGroup[g][i] ?? 0);
    rows.push([
      date(`${month}-01`, FORMATS.month),
      ...counts.map((n) => num(n, FORMATS.count)),
      num(counts.reduce((x, y) => x + y, 0), FORMATS.count),
      num(d.skillMixByMonth.plainFilm[i] ?? null, FORMATS.share),
      num(d.skillMixByMonth.ultrasound[i] ?? null, FORMATS.share),
    ]);
  });
  return rows;
}

function definitionsSheet(input: WorkbookInput): SheetValue[][] {
  const rows: SheetValue[][] = [[note('Metric definitions (as computed by RadBench)')], []];
  rows.push(['Metric id', 'Title', 'Numerator', 'Denominator', 'Filters', 'Exclusions', 'Unit']);
  for (const d of input.definitions) rows.push([d.id, d.title, d.numerator, d.denominator, d.filters, d.exclusions, d.unit]);
  return rows;
}

function sourcesSheet(input: WorkbookInput): SheetValue[][] {
  const rows: SheetValue[][] = [[note('Benchmarks and their sources')]];
  if (input.synthetic) rows.push([note(`${SYNTHETIC_BANNER}. The benchmarks are published figures; "Ours" is from the synthetic data.`)]);
  rows.push([], ['Metric id', 'Metric', 'Cohort', 'Year', 'Benchmark', 'Ours', 'Source']);
  for (const b of input.benchmarks) {
    const z = formatFor(b.metric);
    rows.push([b.metric, benchmarkMetric(b.metric)?.title ?? b.metric, b.cohort, b.year, num(b.value, z), num(b.ours, z), b.source]);
  }
  if (input.benchmarks.length === 0) rows.push([note('No benchmarks were chosen for this analysis.')]);
  return rows;
}

/** The workbook as XLSX bytes. */
export function buildWorkbook(input: WorkbookInput): Uint8Array {
  const sheets: [string, SheetValue[][]][] = [
    [SHEET_NAMES.summary, summarySheet(input)],
    [SHEET_NAMES.reports, reportsSheet(input)],
    [SHEET_NAMES.workforce, workforceSheet(input)],
    [SHEET_NAMES.turnaround, turnaroundSheet(input)],
    [SHEET_NAMES.backlog, backlogSheet(input)],
    [SHEET_NAMES.outsourcing, outsourcingSheet(input)],
    [SHEET_NAMES.spend, spendSheet(input)],
    [SHEET_NAMES.unclassified, unclassifiedSheet(input)],
    [SHEET_NAMES.dataQuality, dataQualitySheet(input)],
    [SHEET_NAMES.imports, importsSheet(input)],
  ];
  if (input.dashboard) sheets.push([SHEET_NAMES.monthly, monthlySheet(input, input.dashboard)]);
  sheets.push([SHEET_NAMES.definitions, definitionsSheet(input)], [SHEET_NAMES.sources, sourcesSheet(input)]);
  return writeWorkbook(sheets, {
    title: input.synthetic ? `RadBench analysis (${SYNTHETIC_BANNER})` : 'RadBench analysis',
    subject: `${input.analysis.period.from} to ${input.analysis.period.to}`,
    createdDate: input.generatedAt,
  });
}
