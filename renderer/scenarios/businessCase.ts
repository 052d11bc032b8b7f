/**
 * The business case pack as a board paper: sections of prose with the figures written in, and the tables a
 * board member needs beside them (current position against the benchmark, the options compared, the financial
 * case with its assumptions and sources, risks, sensitivity, methods). Pure data, so the words can be tested;
 * BusinessCaseDocument.vue lays it out for A4.
 */
import type { ScenarioBaseline, ScenarioLevers, ScenarioMethod, ScenarioOutcome } from '../../shared/scenarios/api';
import { MODALITY_NAMES, STAFF_GROUPS, STAFF_GROUP_NAMES, IN_HOUSE_GROUPS, type Modality, type StaffGroup } from '../../shared/model';
import { cohortLabel, metricTitle } from '../benchmarks/model';
import { formatCount, formatDate, formatDecimal, formatPence, formatShare, formatWte, NOT_AVAILABLE } from '../format';
import {
  baselineBenchmark, benchmarkLabel, describeNet, formatPayback, formatPounds, formatSessions, formatSignedPounds, PLAIN_FILM_METRIC, ULTRASOUND_METRIC,
} from './figures';
import { changedFields, leverDisplay, leverFields, leverValue, noteFor, RELEASED_TIME_LABELS, SOURCE_KIND_LABELS } from './levers';
import { tornadoRows, type TornadoRow } from './tornado';
import { optionProse, problemProse, risks, type PackOption } from '../../shared/scenarios/narrative';

export interface CaseOption {
  /** The saved scenario it comes from; null for the form's unsaved levers. */
  id?: number | null;
  name: string;
  levers: ScenarioLevers;
  outcome: ScenarioOutcome;
}

export interface BusinessCaseInput {
  title: string;
  organisation: string;
  preparedBy: string;
  periodLabel: string;
  baseline: ScenarioBaseline;
  /** One to three options; the recommended one is described in full. */
  options: CaseOption[];
  recommended: number;
  methods: ScenarioMethod[];
  /** What the symbols in the methods stand for. */
  symbols: { symbol: string; meaning: string }[];
  generatedAt: string;
  synthetic: boolean;
}

export type Block =
  | { kind: 'p'; text: string; emphasis?: boolean }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; id: string; caption: string; columns: string[]; rows: string[][]; note?: string }
  | { kind: 'tornado'; rows: TornadoRow[]; centrePence: number };

export interface DocSection {
  id: string;
  title: string;
  blocks: Block[];
}

export interface BusinessCaseDoc {
  title: string;
  subtitle: string;
  meta: { label: string; value: string }[];
  synthetic: boolean;
  sections: DocSection[];
}

/** An option as the engine's narrative takes it (a saved scenario; the form's unsaved levers stand in as one). */
function asPackOption(o: CaseOption): PackOption {
  return { scenario: { id: o.id ?? 0, name: o.name, levers: o.levers, createdAt: '', updatedAt: '' }, outcome: o.outcome };
}

export const DEFAULT_TITLE = 'Reporting radiographers for plain film: a skill-mix business case';

/** 'Time to competence' → 'time to competence', leaving acronyms ('CT price') alone. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${Math.round(n) === 1 ? one : many}`;
const sum = (record: Partial<Record<string, number>> | undefined): number => Object.values(record ?? {}).reduce<number>((a, b) => a + (b ?? 0), 0);

/** The baseline's plain-film, ultrasound and outsourcing figures, as the prose needs them. */
function position(baseline: ScenarioBaseline) {
  const xr = baseline.reportsByModalityGroup.XR ?? {};
  const us = baseline.reportsByModalityGroup.US ?? {};
  const xrTotal = sum(xr);
  return {
    xrTotal,
    xrRadiographer: xr.reporting_radiographer ?? 0,
    xrRadiologist: (xr.radiologist ?? 0) + (xr.trainee ?? 0),
    xrOutsourced: (xr.outsourced ?? 0) + (xr.insourced ?? 0),
    usTotal: sum(us),
    share: baseline.skillMix.plainFilmRadiographerShare,
    usShare: baseline.skillMix.ultrasoundSonographerShare,
    bench: baselineBenchmark(baseline),
  };
}

function releasedUse(levers: ScenarioLevers, outcome: ScenarioOutcome): string {
  return levers.releasedTimeUse === 'insource_ct_mr'
    ? `bring ${plural(outcome.outsourcedReportsBroughtBack, 'outsourced CT and MR report')} a year back in-house`
    : `clear ${plural(outcome.backlogReportsCleared, 'report')} from the backlog`;
}

function summarySection(input: BusinessCaseInput, option: CaseOption): DocSection {
  const { baseline } = input;
  const p = position(baseline);
  const { levers, outcome } = option;
  const where = input.organisation.trim() || 'the department';
  const blocks: Block[] = [];
  const benchmarkText = p.bench ? `, against the ${benchmarkLabel(p.bench)}` : '';
  blocks.push({
    kind: 'p',
    text: `This paper sets out the case for more plain-film reporting by reporting radiographers in ${where}. In ${input.periodLabel}, reporting radiographers issued ${formatShare(p.share)} of plain-film reports${benchmarkText}.`,
  });
  blocks.push({
    kind: 'p',
    emphasis: true,
    text:
      `The board is asked to approve “${option.name}”: to train or recruit ${plural(levers.radiographersToAdd, 'reporting radiographer')}, ` +
      `${levers.radiographersToAdd === 1 ? 'giving' : 'each giving'} ${leverDisplay('wte', levers.reportingWtePerRadiographer)} to reporting, so that reporting radiographers report ${formatShare(levers.targetPlainFilmShare)} of plain film. ` +
      `Once they are competent this moves ${plural(outcome.reportsShifted, 'plain-film report')} a year from radiologists and releases ${formatCount(outcome.radiologistHoursReleased)} hours of radiologist time ` +
      `(${formatSessions(outcome.sessionsReleased)} four-hour sessions) a year, enough to ${releasedUse(levers, outcome)}.`,
  });
  const payback =
    outcome.paybackMonths === null
      ? 'On these assumptions the one-off cost is never repaid.'
      : `The one-off cost of ${formatPounds(outcome.oneOffCostPence)} is repaid ${formatPayback(outcome.paybackMonths)} from the start of training.`;
  blocks.push({
    kind: 'p',
    text: `It avoids ${formatPounds(outcome.spendAvoidedPence)} of outsourcing spend a year and adds ${formatPounds(outcome.addedStaffCostPence)} a year in staff cost: ${describeNet(outcome.netAnnualEffectPence)}. ${payback}`,
  });
  if (input.options.length > 1) {
    const others = input.options.filter((o) => o !== option);
    const best = [...input.options].sort((a, b) => b.outcome.netAnnualEffectPence - a.outcome.netAnnualEffectPence)[0];
    const rank = best === option ? ` It has the best net annual effect of the ${input.options.length} options.` : ` “${best?.name}” has a better net annual effect (${formatSignedPounds(best?.outcome.netAnnualEffectPence)}); section 4 sets out the differences.`;
    blocks.push({ kind: 'p', text: `Section 4 compares it with ${others.map((o) => `“${o.name}”`).join(' and ')}.${rank}` });
  }
  if (outcome.warnings.length) blocks.push({ kind: 'p', text: 'The model notes:' }, { kind: 'list', items: [...outcome.warnings] });
  if (input.synthetic || baseline.synthetic) {
    blocks.push({ kind: 'p', emphasis: true, text: 'These figures come from RadBench’s synthetic demonstration data. They do not describe a real hospital, patient or member of staff.' });
  }
  return { id: 'summary', title: 'Summary and recommendation', blocks };
}

function problemSection(input: BusinessCaseInput): DocSection {
  // The engine's own sentences, so the paper and the XLSX pack say the same thing.
  return { id: 'problem', title: 'The problem', blocks: problemProse(input.baseline).map((text) => ({ kind: 'p' as const, text })) };
}

function groupsPresent(baseline: ScenarioBaseline): StaffGroup[] {
  const seen = new Set<StaffGroup>();
  for (const byGroup of Object.values(baseline.reportsByModalityGroup)) for (const g of Object.keys(byGroup ?? {}) as StaffGroup[]) seen.add(g);
  return STAFF_GROUPS.filter((g) => seen.has(g));
}

function modalitiesPresent(baseline: ScenarioBaseline): Modality[] {
  return (Object.keys(MODALITY_NAMES) as Modality[]).filter((m) => baseline.reportsByModalityGroup[m]);
}

/** Reports by modality (rows) and staff group (columns), with totals: the same table on screen and on paper. */
export function reportsTable(baseline: ScenarioBaseline): { columns: string[]; rows: string[][] } {
  const groups = groupsPresent(baseline);
  const rows = modalitiesPresent(baseline).map((m) => {
    const byGroup = baseline.reportsByModalityGroup[m] ?? {};
    return [`${MODALITY_NAMES[m]} (${m})`, ...groups.map((g) => formatCount(byGroup[g] ?? 0)), formatCount(sum(byGroup))];
  });
  const totals = groups.map((g) => modalitiesPresent(baseline).reduce((n, m) => n + (baseline.reportsByModalityGroup[m]?.[g] ?? 0), 0));
  rows.push(['All modalities', ...totals.map(formatCount), formatCount(totals.reduce((a, b) => a + b, 0))]);
  return { columns: ['Modality', ...groups.map((g) => STAFF_GROUP_NAMES[g]), 'All groups'], rows };
}

export function skillMixRows(baseline: ScenarioBaseline): string[][] {
  const ours: Record<string, number | null> = {
    [PLAIN_FILM_METRIC]: baseline.skillMix.plainFilmRadiographerShare,
    [ULTRASOUND_METRIC]: baseline.skillMix.ultrasoundSonographerShare,
  };
  const rows = baseline.benchmarks
    .filter((b) => b.metric in ours)
    .map((b) => [metricTitle(b.metric), formatShare(ours[b.metric]), formatShare(b.value), `${cohortLabel(b.cohort)}, ${b.year}`, b.source]);
  // A metric without a benchmark still shows the department's own figure.
  for (const metric of [PLAIN_FILM_METRIC, ULTRASOUND_METRIC]) {
    if (!baseline.benchmarks.some((b) => b.metric === metric)) rows.push([metricTitle(metric), formatShare(ours[metric]), NOT_AVAILABLE, 'No benchmark in the active set', '']);
  }
  return rows;
}

const PRICE_SOURCES = { tariff: 'Tariff (Reconcile)', ledger: 'Ledger spend ÷ reports', reference: 'Published reference' } as const;

export function outsourcingRows(baseline: ScenarioBaseline): string[][] {
  return (Object.keys(MODALITY_NAMES) as Modality[])
    .filter((m) => baseline.outsourcing.byModality[m])
    .map((m) => {
      const row = baseline.outsourcing.byModality[m]!;
      return [`${MODALITY_NAMES[m]} (${m})`, formatCount(row.reports), formatPence(row.unitPricePence), row.priceSource ? PRICE_SOURCES[row.priceSource] : 'No price found'];
    });
}

export function wteRows(baseline: ScenarioBaseline): string[][] {
  return IN_HOUSE_GROUPS.filter((g) => baseline.wte[g] > 0).map((g) => [STAFF_GROUP_NAMES[g], formatWte(baseline.wte[g])]);
}

function positionSection(input: BusinessCaseInput): DocSection {
  const { baseline } = input;
  const reports = reportsTable(baseline);
  const period = `${input.periodLabel}, ${formatDate(baseline.period.from)} to ${formatDate(baseline.period.to)}`;
  const blocks: Block[] = [
    {
      kind: 'p',
      text: `The figures below are the department’s own, from its RIS activity and staff register for ${period}.${baseline.annualisation === 1 ? '' : ` Counts are for the period; the annual figures elsewhere in this paper multiply them by ${formatDecimal(baseline.annualisation, 2)}.`}`,
    },
    { kind: 'table', id: 'skill-mix', caption: 'Skill mix against the benchmark', columns: ['Measure', 'This department', 'Benchmark', 'Cohort, year', 'Source'], rows: skillMixRows(baseline) },
    { kind: 'table', id: 'reports', caption: 'Reports issued, by modality and staff group', columns: reports.columns, rows: reports.rows },
  ];
  const wte = wteRows(baseline);
  if (wte.length) blocks.push({ kind: 'table', id: 'wte', caption: 'Reporting workforce (average WTE over the period)', columns: ['Staff group', 'WTE'], rows: wte });
  const out = baseline.outsourcing;
  const outRows = outsourcingRows(baseline);
  blocks.push({
    kind: 'table',
    id: 'outsourcing',
    caption: 'Outsourced reporting',
    columns: ['Modality', 'Reports', 'Unit price', 'Price from'],
    rows: [...outRows, ['All outsourced', formatCount(out.reports), formatPence(out.costPerReportPence), out.spendPence > 0 ? `Spend ${formatPounds(out.spendPence)}` : 'No ledger spend']],
  });
  return { id: 'position', title: 'Where the department is now', blocks };
}

/** The options side by side with the current position: the same rows on screen (comparison) and on paper. */
export function optionsTable(baseline: ScenarioBaseline, options: readonly CaseOption[]): { columns: string[]; rows: string[][] } {
  const current = baseline.skillMix.plainFilmRadiographerShare;
  const col = (f: (o: CaseOption) => string, now: string): string[] => [now, ...options.map(f)];
  const bench = baselineBenchmark(baseline);
  const rows: [string, string[]][] = [
    ['Target plain-film share by reporting radiographers', col((o) => formatShare(o.levers.targetPlainFilmShare), formatShare(current))],
    ['Reporting radiographers trained or recruited', col((o) => formatCount(o.levers.radiographersToAdd), '0')],
    ['Reporting WTE of each', col((o) => formatWte(o.levers.reportingWtePerRadiographer), NOT_AVAILABLE)],
    ['Released radiologist time goes to', col((o) => RELEASED_TIME_LABELS[o.levers.releasedTimeUse], NOT_AVAILABLE)],
    ['Plain-film reports moved a year', col((o) => formatCount(o.outcome.reportsShifted), '0')],
    ['Radiologist hours released a year', col((o) => formatCount(o.outcome.radiologistHoursReleased), '0')],
    ['Four-hour sessions released a year', col((o) => formatSessions(o.outcome.sessionsReleased), '0')],
    ['Outsourced reports brought back a year', col((o) => formatCount(o.outcome.outsourcedReportsBroughtBack), '0')],
    ['Backlog reports cleared', col((o) => formatCount(o.outcome.backlogReportsCleared), '0')],
    ['Spend avoided a year', col((o) => formatPounds(o.outcome.spendAvoidedPence), '£0')],
    ['Added staff cost a year', col((o) => formatPounds(o.outcome.addedStaffCostPence), '£0')],
    ['Net annual effect', col((o) => formatSignedPounds(o.outcome.netAnnualEffectPence), '£0')],
    ['One-off cost', col((o) => formatPounds(o.outcome.oneOffCostPence), '£0')],
    ['Payback period', col((o) => formatPayback(o.outcome.paybackMonths), NOT_AVAILABLE)],
    [`New plain-film skill mix${bench ? ` (benchmark ${formatShare(bench.value)})` : ''}`, col((o) => formatShare(o.outcome.newPlainFilmShare), formatShare(current))],
  ];
  return { columns: ['', 'Current position', ...options.map((o) => o.name)], rows: rows.map(([label, cells]) => [label, ...cells]) };
}

function optionsSection(input: BusinessCaseInput): DocSection {
  const table = optionsTable(input.baseline, input.options);
  const names = input.options.map((o) => o.name);
  return {
    id: 'options',
    title: input.options.length > 1 ? 'The options compared' : 'The option against the current position',
    blocks: [
      {
        kind: 'p',
        text:
          `${input.options.length > 1 ? `${input.options.length} options (${names.join(', ')}) are` : `One option (${names[0]}) is`} set against the current position, where nothing changes. ` +
          'Figures are a year, once the new reporting radiographers are competent, unless marked one-off.',
      },
      { kind: 'table', id: 'options', caption: 'Options compared', columns: table.columns, rows: table.rows },
      ...input.options.flatMap((o, i) => optionProse(asPackOption(o), i, input.baseline).map((text, j): Block => ({ kind: 'p', text, ...(j === 0 ? { emphasis: true } : {}) }))),
    ],
  };
}

function financialSection(input: BusinessCaseInput, option: CaseOption): DocSection {
  const { baseline } = input;
  const { levers, outcome } = option;
  const fields = leverFields(levers, Object.keys(baseline.outsourcing.byModality) as Modality[]);
  const changed = changedFields(fields, levers, baseline.defaults);
  const assumptions = fields.map((f) => {
    const note = noteFor(baseline.notes, f.path);
    const edited = changed.includes(f);
    return [
      f.label,
      leverDisplay(f.kind, leverValue(levers, f.path)),
      edited ? 'Set for this case' : note?.kind ? SOURCE_KIND_LABELS[note.kind] : 'Default',
      edited ? `Default ${leverDisplay(f.kind, leverValue(baseline.defaults, f.path))}: ${note?.source ?? 'RadBench default'}` : note?.source ?? 'RadBench default',
    ];
  });
  const useNote = noteFor(baseline.notes, 'releasedTimeUse');
  const useChanged = levers.releasedTimeUse !== baseline.defaults.releasedTimeUse;
  assumptions.push([
    'Released radiologist time goes to',
    RELEASED_TIME_LABELS[levers.releasedTimeUse],
    useChanged ? 'Set for this case' : useNote?.kind ? SOURCE_KIND_LABELS[useNote.kind] : 'Default',
    useNote?.source ?? 'Chosen for this case',
  ]);
  const blocks: Block[] = [
    {
      kind: 'p',
      text:
        `For “${option.name}”, the spend avoided is ${formatPounds(outcome.spendAvoidedPence)} a year and the added staff cost ${formatPounds(outcome.addedStaffCostPence)} a year: ${describeNet(outcome.netAnnualEffectPence)}. ` +
        `The one-off cost is ${formatPounds(outcome.oneOffCostPence)} (training ${plural(levers.radiographersToAdd, 'radiographer')} at ${leverDisplay('cost', levers.trainingCostPencePerRadiographer)} each). ` +
        `The radiographers take ${leverDisplay('months', levers.monthsToCompetence)} to report independently, so the saving starts after that; ` +
        (outcome.paybackMonths === null ? 'on these assumptions the one-off cost is never repaid.' : `counted from the start of training, the one-off cost is repaid in ${formatPayback(outcome.paybackMonths)}.`),
    },
    {
      kind: 'table',
      id: 'financial',
      caption: `Financial case: ${option.name}`,
      columns: ['', 'Amount'],
      rows: [
        ['Outsourcing spend avoided a year', formatPounds(outcome.spendAvoidedPence)],
        ['Added staff cost a year', formatPounds(outcome.addedStaffCostPence)],
        ['Net annual effect', formatSignedPounds(outcome.netAnnualEffectPence)],
        ['One-off cost', formatPounds(outcome.oneOffCostPence)],
        ['Payback period, from the start of training', formatPayback(outcome.paybackMonths)],
      ],
    },
    {
      kind: 'p',
      text: changed.length
        ? `The assumptions follow, each with where it comes from. ${plural(changed.length, 'assumption was', 'assumptions were')} set for this case rather than taken from the default: ${changed.map((f) => lowerFirst(f.label)).join('; ')}.`
        : 'The assumptions follow, each with where it comes from. All are the defaults RadBench derives from the data and published sources.',
    },
    { kind: 'table', id: 'assumptions', caption: 'Assumptions and their sources', columns: ['Assumption', 'Value', 'Basis', 'Source'], rows: assumptions },
  ];
  if (outcome.releasedTimeValuePence) {
    blocks.push({
      kind: 'p',
      text:
        `The released radiologist time is worth ${formatPounds(outcome.releasedTimeValuePence)} a year at a consultant's cost per reporting hour. ` +
        'It is not counted as a saving: the consultant posts and their cost stay, and the time goes to the work described above.',
    });
  }
  if (outcome.hoursUnused && outcome.hoursUnused >= 0.5) {
    blocks.push({ kind: 'p', text: `${formatCount(outcome.hoursUnused)} of the released hours a year have no use in the model: there is no more outsourced CT and MR or backlog for them to take on.` });
  }
  if (outcome.warnings.length) blocks.push({ kind: 'p', text: 'Limits on the result:' }, { kind: 'list', items: [...outcome.warnings] });
  return { id: 'financial', title: 'The financial case', blocks };
}

function riskSection(input: BusinessCaseInput): DocSection {
  const rows = risks(input.baseline, input.options.map(asPackOption)).map((r) => [r.risk, r.effect, r.likelihood, r.mitigation]);
  return {
    id: 'risks',
    title: 'Risks',
    blocks: [
      { kind: 'p', text: 'The main risks to the case, their effect on it, how likely they are, and how they can be managed:' },
      { kind: 'table', id: 'risks', caption: 'Risks and mitigations', columns: ['Risk', 'Effect on the case', 'Likelihood', 'Mitigation'], rows },
    ],
  };
}

function sensitivitySection(option: CaseOption): DocSection {
  const { outcome } = option;
  const rows = tornadoRows(outcome.sensitivity);
  const blocks: Block[] = [];
  if (rows.length === 0) {
    blocks.push({ kind: 'p', text: 'No lever moves the result: the case has nothing to test.' });
    return { id: 'sensitivity', title: 'Sensitivity', blocks };
  }
  blocks.push({
    kind: 'p',
    text:
      `Each of the ${rows.length === 1 ? 'most influential assumption' : `${rows.length} most influential assumptions`} was moved 20% down and 20% up, one at a time, with the others held. ` +
      `The central net annual effect is ${formatSignedPounds(outcome.netAnnualEffectPence)}.`,
  });
  blocks.push({ kind: 'tornado', rows, centrePence: outcome.netAnnualEffectPence });
  blocks.push({ kind: 'list', items: rows.map((r) => `${r.label}: ${formatSignedPounds(r.lowPence)} with it 20% lower, ${formatSignedPounds(r.highPence)} with it 20% higher.`) });
  const sign = Math.sign(outcome.netAnnualEffectPence);
  const flips = rows.filter((r) => Math.sign(r.lowPence) !== sign || Math.sign(r.highPence) !== sign);
  const kind = sign > 0 ? 'a saving' : sign < 0 ? 'a cost' : 'cost-neutral';
  blocks.push({
    kind: 'p',
    text: flips.length
      ? `The case does not stay ${kind} across these ranges: it turns on ${flips.map((r) => lowerFirst(r.label)).join(' and ')}, which the board should be confident of.`
      : `The case stays ${kind} across every one of these ranges. ${rows[0]!.label} moves it most.`,
  });
  return { id: 'sensitivity', title: 'Sensitivity', blocks };
}

function methodsSection(input: BusinessCaseInput): DocSection {
  const { baseline } = input;
  const blocks: Block[] = [
    {
      kind: 'p',
      text:
        `The baseline comes from the department’s RIS activity and staff register as imported into RadBench, for ${input.periodLabel}` +
        `${baseline.annualisation === 1 ? '' : `, annualised by ${formatDecimal(baseline.annualisation, 2)}`}. Outsourcing spend is from the imported finance ledger where there is one. Each output is worked out as follows.`,
    },
  ];
  if (input.methods.length) {
    const symbols = input.methods.some((m) => m.symbols);
    blocks.push({
      kind: 'table',
      id: 'methods',
      caption: 'How each figure is worked out',
      columns: symbols ? ['Output', 'Formula', 'In symbols'] : ['Output', 'Formula'],
      rows: input.methods.map((m) => (symbols ? [m.output, m.formula, m.symbols ?? ''] : [m.output, m.formula])),
    });
    if (symbols && input.symbols.length) {
      blocks.push({ kind: 'table', id: 'symbols', caption: 'Symbols', columns: ['Symbol', 'Meaning'], rows: input.symbols.map((x) => [x.symbol, x.meaning]) });
    }
  }
  const sources = new Set<string>();
  for (const b of baseline.benchmarks) sources.add(`${metricTitle(b.metric)}: ${cohortLabel(b.cohort)} ${formatShare(b.value)}, ${b.year}. ${b.source}.`);
  for (const n of baseline.notes) sources.add(`${n.label}: ${n.source}`);
  if (sources.size) blocks.push({ kind: 'p', text: 'Sources:' }, { kind: 'list', items: [...sources] });
  return { id: 'methods', title: 'Methods and sources', blocks };
}

export function businessCaseDocument(input: BusinessCaseInput): BusinessCaseDoc {
  if (input.options.length === 0) throw new Error('A business case needs at least one option.');
  const option = input.options[Math.min(Math.max(input.recommended, 0), input.options.length - 1)]!;
  const { baseline } = input;
  const synthetic = input.synthetic || !!baseline.synthetic;
  const meta = [
    { label: 'Period', value: `${input.periodLabel} (${formatDate(baseline.period.from)} to ${formatDate(baseline.period.to)})` },
    { label: 'Recommended option', value: option.name },
    { label: 'Options compared', value: input.options.map((o) => o.name).join('; ') },
    { label: 'Prepared', value: `${formatDate(input.generatedAt)}${input.preparedBy.trim() ? ` by ${input.preparedBy.trim()}` : ''}` },
    { label: 'For', value: 'Decision' },
  ];
  return {
    title: input.title.trim() || DEFAULT_TITLE,
    subtitle: input.organisation.trim() ? `${input.organisation.trim()} · ${input.periodLabel}` : input.periodLabel,
    meta,
    synthetic,
    sections: [
      summarySection(input, option),
      problemSection(input),
      positionSection(input),
      optionsSection(input),
      financialSection(input, option),
      riskSection(input),
      sensitivitySection(option),
      methodsSection(input),
    ],
  };
}
