/**
 * The business case pack as an XLSX workbook, written to be tabled: the problem in prose, where the department
 * stands against the benchmark, the options side by side, the financial case with its assumptions, sensitivity,
 * risks with mitigations, the baseline data, and methods and sources. Cells are typed (money in £, shares as %);
 * all text goes through the shared sheet builder, which neutralises formula triggers.
 */
import { IN_HOUSE_GROUPS, MODALITIES, MODALITY_NAMES, STAFF_GROUPS, STAFF_GROUP_NAMES } from '../model';
import { FORMATS, note, num, type SheetValue, writeWorkbook } from '../export/sheet';
import { SYNTHETIC_BANNER } from '../export/workbook';
import type { ScenarioBaseline, ScenarioLevers, ScenarioMethod, ScenarioOutcome, SensitivityBar } from './api';
import { SENSITIVITY_STEP } from './sensitivity';
import { SCENARIO_SYMBOLS } from './methods';
import { cumulativePositionPence } from './model';
import { lowerFirst, poundsText, ukDate } from './format';
import { conclusion, optionName, optionProse, problemProse, risks, type PackOption } from './narrative';

export type { PackOption };

export const PACK_SHEETS = {
  summary: 'Summary',
  financial: 'Financial case',
  sensitivity: 'Sensitivity',
  risks: 'Risks',
  baseline: 'Baseline data',
  methods: 'Methods and sources',
} as const;

export const MAX_OPTIONS = 3;
const GBP_WHOLE = '"£"#,##0';
const CASH_VIEW_MONTHS = [12, 24, 36, 60];

export interface PackInput {
  baseline: ScenarioBaseline;
  options: PackOption[];
  methods: ScenarioMethod[];
  generatedAt: Date;
}

type Rows = SheetValue[][];

const money = (pence: number | null | undefined): SheetValue => num(pence === null || pence === undefined ? null : pence / 100, GBP_WHOLE);
const price = (pence: number | null | undefined): SheetValue => num(pence === null || pence === undefined ? null : pence / 100, FORMATS.gbp);
const share = (x: number | null | undefined): SheetValue => num(x ?? null, FORMATS.share);
const count = (x: number | null | undefined): SheetValue => num(x ?? null, FORMATS.count);
const decimal = (x: number | null | undefined): SheetValue => num(x ?? null, '#,##0.0');

function periodLine(b: ScenarioBaseline): string {
  const { period } = b;
  return `Period ${ukDate(period.from)} to ${ukDate(period.to)} (${period.months} ${period.months === 1 ? 'month' : 'months'})`;
}

function heading(input: PackInput, title: string): Rows {
  const rows: Rows = [[note(title)]];
  if (input.baseline.synthetic) rows.push([note(SYNTHETIC_BANNER)]);
  rows.push([note(`${periodLine(input.baseline)}. Prepared with RadBench on ${ukDate(input.generatedAt.toISOString())}. Money in £; yearly figures unless stated.`)], []);
  return rows;
}

function benchmarkRows(b: ScenarioBaseline): Rows {
  const rows: Rows = [['Measure', 'Ours', 'Benchmark', 'Cohort', 'Year', 'Source']];
  const metrics: [string, string, number | null][] = [
    ['skillMix.plainFilmRadiographerShare', 'Plain film reported by reporting radiographers', b.skillMix.plainFilmRadiographerShare],
    ['skillMix.ultrasoundSonographerShare', 'Ultrasound reported by sonographers', b.skillMix.ultrasoundSonographerShare],
  ];
  for (const [metric, title, ours] of metrics) {
    const list = b.benchmarks.filter((x) => x.metric === metric);
    if (list.length === 0) rows.push([title, share(ours), null, null, null, 'No benchmark in force']);
    for (const x of list) rows.push([title, share(ours), share(x.value), x.cohort, x.year, x.source]);
  }
  return rows;
}

function optionsTable(input: PackInput): Rows {
  const { baseline: b, options } = input;
  const header: SheetValue[] = ['', 'Baseline (now)', ...options.map(optionName)];
  const row = (label: string, base: SheetValue, each: (o: ScenarioOutcome, l: ScenarioLevers) => SheetValue): SheetValue[] => [
    label,
    base,
    ...options.map((o) => each(o.outcome, o.scenario.levers)),
  ];
  return [
    header,
    row('Reporting radiographers added', count(0), (_o, l) => count(l.radiographersToAdd)),
    row('Reporting WTE of each', null, (_o, l) => num(l.reportingWtePerRadiographer, FORMATS.wte)),
    row('Target plain-film share', null, (_o, l) => share(l.targetPlainFilmShare)),
    row('Plain-film share by reporting radiographers', share(b.skillMix.plainFilmRadiographerShare), (o) => share(o.newPlainFilmShare)),
    row('Benchmark', share(b.plainFilmBenchmark?.value), (o) => share(o.benchmarkPlainFilmShare)),
    row('Plain films moved to radiographers a year', count(0), (o) => count(o.reportsShifted)),
    row('Radiologist hours released a year', decimal(0), (o) => decimal(o.radiologistHoursReleased)),
    row('Sessions (4-hour PAs) released a year', decimal(0), (o) => decimal(o.sessionsReleased)),
    row('Outsourced reports brought back a year', count(0), (o) => count(o.outsourcedReportsBroughtBack)),
    row('Backlog examinations cleared (one-off)', count(0), (o) => count(o.backlogReportsCleared)),
    row('Spend avoided a year', money(0), (o) => money(o.spendAvoidedPence)),
    row('Added staff cost a year', money(0), (o) => money(o.addedStaffCostPence)),
    row('Net annual effect (positive is a saving)', money(0), (o) => money(o.netAnnualEffectPence)),
    row('One-off training cost', money(0), (o) => money(o.oneOffCostPence)),
    row('Payback, months from the start of training', null, (o) => (o.paybackMonths === null ? 'Not repaid' : decimal(o.paybackMonths))),
    row('Value of released radiologist time (not cash)', money(0), (o) => money(o.releasedTimeValuePence)),
  ];
}

function summarySheet(input: PackInput): Rows {
  const { baseline: b, options } = input;
  const rows = heading(input, 'Business case: reporting radiographers for plain-film reporting');
  rows.push([note('1. The problem')]);
  for (const line of problemProse(b)) rows.push([note(line)]);
  rows.push([], [note('2. Where we stand against the benchmark')], ...benchmarkRows(b), []);
  rows.push([note(`3. The options compared (baseline and ${options.length === 0 ? 'no options' : options.length === 1 ? 'one option' : `${options.length} options`})`)]);
  rows.push(...optionsTable(input), []);
  rows.push([note('4. What each option means')]);
  options.forEach((o, i) => {
    for (const line of optionProse(o, i, b)) rows.push([note(line)]);
    rows.push([]);
  });
  rows.push([note(`${options.length > 0 ? '5' : '4'}. Conclusion`)]);
  for (const line of conclusion(options)) rows.push([note(line)]);
  return rows;
}

/** How a lever's value is written in a cell. */
function leverCell(id: string, value: number | undefined): SheetValue {
  if (value === undefined) return null;
  if (id === 'targetPlainFilmShare') return share(value);
  if (id.includes('Pence')) return id.startsWith('outsourcingUnitPrice') ? price(value) : money(value);
  if (id === 'reportingHoursPerWte') return num(value, '#,##0');
  // Counts, WTE, rates and months: as typed (2, 0.5, 24, 12), and to two places when a ±20% step makes them fractional.
  return num(value, Number.isInteger(value) ? '0' : '0.0#');
}

function leverValue(l: ScenarioLevers, id: string): number | undefined {
  let node: unknown = l;
  for (const part of id.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'number' ? node : undefined;
}

function financialSheet(input: PackInput): Rows {
  const { baseline: b, options } = input;
  const rows = heading(input, 'Financial case');
  const names = options.map(optionName);
  rows.push([note('Assumptions (the default and where it comes from; "assumption" and "judgement" are RadBench figures to check locally, not benchmarks)')]);
  rows.push(['Assumption', ...names, 'Default', 'Kind', 'Source of the default']);
  for (const n of b.notes) {
    if (n.lever === 'releasedTimeUse') {
      const use = (l: ScenarioLevers): string => (l.releasedTimeUse === 'insource_ct_mr' ? 'Outsourced CT and MR, then backlog' : 'Backlog');
      rows.push([n.label, ...options.map((o) => use(o.scenario.levers)), n.value ?? null, n.kind ?? null, n.source]);
      continue;
    }
    rows.push([
      n.label,
      ...options.map((o) => leverCell(n.lever, leverValue(o.scenario.levers, n.lever))),
      leverCell(n.lever, leverValue(b.defaults, n.lever)),
      n.kind ?? null,
      n.source,
    ]);
  }
  rows.push([], [note('Annual financial effect, once the radiographers report independently')]);
  rows.push(['Line', ...names]);
  const spendModalities = MODALITIES.filter((m) => options.some((o) => (o.outcome.spendAvoidedByModalityPence?.[m] ?? 0) > 0));
  for (const m of spendModalities) {
    const what = m === 'XR' ? 'outsourced plain film taken on by reporting radiographers' : `outsourced ${MODALITY_NAMES[m]} brought back in-house`;
    rows.push([`Spend avoided: ${what}`, ...options.map((o) => money(o.outcome.spendAvoidedByModalityPence?.[m] ?? 0))]);
  }
  rows.push(['Spend avoided, total', ...options.map((o) => money(o.outcome.spendAvoidedPence))]);
  rows.push(['Added staff cost: reporting time of the added radiographers', ...options.map((o) => money(o.outcome.addedStaffCostPence))]);
  rows.push(['Net annual effect (positive is a saving)', ...options.map((o) => money(o.outcome.netAnnualEffectPence))]);
  rows.push(['One-off training cost', ...options.map((o) => money(o.outcome.oneOffCostPence))]);
  rows.push([
    'Payback, months from the start of training',
    ...options.map((o) => (o.outcome.paybackMonths === null ? 'Not repaid' : decimal(o.outcome.paybackMonths))),
  ]);
  rows.push([], [note('Cumulative cash position from the start of training (one-off cost first, net effect from competence)')]);
  rows.push(['Months from the start of training', ...names]);
  for (const months of CASH_VIEW_MONTHS) {
    rows.push([
      num(months, FORMATS.count),
      ...options.map((o) => money(cumulativePositionPence(o.outcome, o.scenario.levers.monthsToCompetence, months))),
    ]);
  }
  rows.push([], [note('Not counted as cash')]);
  rows.push(['Value of released radiologist time', ...options.map((o) => money(o.outcome.releasedTimeValuePence))]);
  rows.push([
    note(
      'Released hours at a radiologist’s cost per reporting hour. The consultant posts and their cost stay, so this is the value of what the time is used for, not a saving.',
    ),
  ]);
  if (options.length === 0) rows.push([note('No options were chosen for this pack.')]);
  return rows;
}

function sensitivityRows(bars: SensitivityBar[], top: Set<string>): Rows {
  const rows: Rows = [
    ['Assumption', 'As set', `Value at −${SENSITIVITY_STEP * 100}%`, 'Net annual effect at −20%', 'Net annual effect at +20%', `Value at +${SENSITIVITY_STEP * 100}%`, 'Swing', 'In the tornado chart'],
  ];
  for (const bar of bars) {
    rows.push([
      bar.label,
      leverCell(bar.lever, bar.baseValue),
      leverCell(bar.lever, bar.lowValue),
      money(bar.lowPence),
      money(bar.highPence),
      leverCell(bar.lever, bar.highValue),
      money(Math.abs(bar.highPence - bar.lowPence)),
      top.has(bar.lever) ? 'Yes' : 'No',
    ]);
  }
  return rows;
}

function sensitivitySheet(input: PackInput): Rows {
  const rows = heading(input, 'Sensitivity: how the net annual effect moves with each assumption 20% lower or higher');
  rows.push([note('Each assumption is moved on its own, the others held. The three with the largest swing are the tornado chart in the app and the PDF.')], []);
  input.options.forEach((o, i) => {
    const r = o.outcome;
    rows.push([note(optionName(o, i))]);
    const top = r.sensitivity.map((s) => `${lowerFirst(s.label)} (${poundsText(Math.min(s.lowPence, s.highPence))} to ${poundsText(Math.max(s.lowPence, s.highPence))})`);
    rows.push([
      note(
        top.length > 0
          ? `The net annual effect of ${poundsText(r.netAnnualEffectPence)} moves most with ${top.join('; ')}.`
          : `The net annual effect of ${poundsText(r.netAnnualEffectPence)} does not move with any single assumption at ±20%.`,
      ),
    ]);
    rows.push(...sensitivityRows(r.sensitivityAll ?? r.sensitivity, new Set(r.sensitivity.map((s) => s.lever))), []);
  });
  if (input.options.length === 0) rows.push([note('No options were chosen for this pack.')]);
  return rows;
}

function risksSheet(input: PackInput): Rows {
  const rows = heading(input, 'Risks and mitigations');
  rows.push([note('Likelihood is a judgement for the board to test; where the effect can be measured, it is worked out for the option with the largest net annual effect.')], []);
  rows.push(['Risk', 'What it would do to the case', 'Likelihood', 'Mitigation']);
  for (const x of risks(input.baseline, input.options)) rows.push([x.risk, x.effect, x.likelihood, x.mitigation]);
  return rows;
}

function baselineSheet(input: PackInput): Rows {
  const b = input.baseline;
  const rows = heading(input, 'Baseline data for the period');
  const groups = STAFF_GROUPS.filter((g) => MODALITIES.some((m) => (b.reportsByModalityGroup[m]?.[g] ?? 0) > 0));
  rows.push([note('Reports issued in the period by modality and staff group')]);
  rows.push(['Modality', ...groups.map((g) => STAFF_GROUP_NAMES[g]), 'All groups', 'All groups a year']);
  for (const m of MODALITIES) {
    const cells = b.reportsByModalityGroup[m];
    if (!cells) continue;
    const total = groups.reduce((a, g) => a + (cells[g] ?? 0), 0);
    rows.push([MODALITY_NAMES[m], ...groups.map((g) => count(cells[g] ?? 0)), count(total), count(total * b.annualisation)]);
  }
  rows.push([], [note('Average WTE over the period')], ['Staff group', 'WTE']);
  for (const g of IN_HOUSE_GROUPS) rows.push([STAFF_GROUP_NAMES[g], num(b.wte[g], FORMATS.wte)]);
  rows.push([], [note('Outsourcing')], ['Modality', 'Outsourced reports in the period', 'Price per report', 'Price from', 'How the price was found']);
  for (const m of MODALITIES) {
    const x = b.outsourcing.byModality[m];
    if (x) rows.push([MODALITY_NAMES[m], count(x.reports), price(x.unitPricePence), x.priceSource, x.priceNote ?? null]);
  }
  rows.push(['All outsourced reports', count(b.outsourcing.reports)]);
  rows.push(['Outsourced reporting spend in the ledger', money(b.outsourcing.spendPence)]);
  rows.push(['Cost per outsourced report (ledger)', price(b.outsourcing.costPerReportPence)]);
  rows.push([], [note('Backlog at the period end (unreported examinations)')], ['Modality', 'Examinations']);
  for (const m of MODALITIES) {
    const n = b.backlogByModality?.[m];
    if (n) rows.push([MODALITY_NAMES[m], count(n)]);
  }
  rows.push(['All modalities', count(b.backlog)]);
  return rows;
}

function methodsSheet(input: PackInput): Rows {
  const b = input.baseline;
  const rows = heading(input, 'Methods and sources');
  rows.push([note('How each figure is worked out')], ['Output', 'Formula', 'In symbols']);
  for (const m of input.methods) rows.push([m.output, m.formula, m.symbols ?? null]);
  rows.push([], [note('Symbols')], ['Symbol', 'Meaning']);
  for (const s of SCENARIO_SYMBOLS) rows.push([s.symbol, s.meaning]);
  rows.push([], [note('Defaults and their sources')], ['Lever', 'Default', 'Kind', 'Source']);
  for (const n of b.notes) rows.push([n.label, n.value ?? null, n.kind ?? null, n.source]);
  rows.push([], [note('Benchmarks in force')], ['Metric', 'Cohort', 'Year', 'Value', 'Ours', 'Source']);
  for (const x of b.benchmarks) rows.push([x.metric, x.cohort, x.year, share(x.value), share(x.ours), x.source]);
  rows.push([], [note('Data')]);
  rows.push([
    note(
      "Reports are counted by report-issued date from the RIS summary tables; each report's staff group comes from the staff register first, then the extract's " +
        'staff-group column, then the outsourcing-provider column. WTE is the average over the period’s months of the register’s WTE. Outsourcing spend is the ' +
        'ledger’s outsourced-reporting category, net of credit notes. The backlog is examinations dated on or before the period end with no report by then.',
    ),
  ]);
  rows.push([note('Assumptions and judgements are RadBench’s own figures, labelled as such: they are not benchmarks, and a board paper should replace them with local figures where known.')]);
  if (b.synthetic) rows.push([note(`${SYNTHETIC_BANNER}: the benchmarks and published figures are real; every figure from the data is made up.`)]);
  return rows;
}

/** The pack as XLSX bytes. */
export function buildBusinessCasePack(input: PackInput): Uint8Array {
  if (input.options.length > MAX_OPTIONS) throw new Error(`A business case compares at most ${MAX_OPTIONS} options with the baseline.`);
  const title = 'Business case: reporting radiographers for plain-film reporting';
  return writeWorkbook(
    [
      [PACK_SHEETS.summary, summarySheet(input)],
      [PACK_SHEETS.financial, financialSheet(input)],
      [PACK_SHEETS.sensitivity, sensitivitySheet(input)],
      [PACK_SHEETS.risks, risksSheet(input)],
      [PACK_SHEETS.baseline, baselineSheet(input)],
      [PACK_SHEETS.methods, methodsSheet(input)],
    ],
    {
      title: input.baseline.synthetic ? `${title} (${SYNTHETIC_BANNER})` : title,
      subject: `${input.baseline.period.from} to ${input.baseline.period.to}`,
      createdDate: input.generatedAt,
    },
  );
}

