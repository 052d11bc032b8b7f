/**
 * The business case's levers as form fields: each with its label, unit, limits, how its text is read and shown,
 * and a path into ScenarioLevers. Shares are typed as percentages and money in pounds; the levers hold 0..1
 * and integer pence, as the engine expects.
 */
import type { CostedGroup, LeverNote, LeverSourceKind, ScenarioLevers } from '../../shared/scenarios/api';
import { parseMoneyPence, parseNumber } from '../../shared/ingest/values';
import { MODALITY_NAMES, type Modality } from '../../shared/model';
import { formatCount, formatDecimal, formatPence, formatShare } from '../format';

export type LeverKind = 'share' | 'count' | 'wte' | 'hours' | 'rate' | 'salary' | 'cost' | 'price' | 'months';

export interface LeverField {
  /** Path into ScenarioLevers: 'targetPlainFilmShare', 'reportsPerHour.radiologist.XR', 'outsourcingUnitPricePence.CT'. */
  path: string;
  label: string;
  kind: LeverKind;
  /** Which part of the form the field sits in. */
  section: LeverSection;
}

export type LeverSection = 'target' | 'radiographers' | 'productivity' | 'pay' | 'prices';

export const SECTION_TITLES: Record<LeverSection, string> = {
  target: 'Skill-mix target',
  radiographers: 'New reporting radiographers',
  productivity: 'Reporting time and productivity',
  pay: 'Pay (annual cost per WTE, with on-costs)',
  prices: 'Outsourcing prices',
};

interface KindRule {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer: boolean;
  /** The unit after the box. */
  unit: string;
  /** What to type, for the error message. */
  expect: string;
}

export const KIND_RULES: Record<LeverKind, KindRule> = {
  share: { min: 0, max: 100, integer: false, unit: '%', expect: 'a percentage from 0 to 100' },
  count: { min: 0, max: 100, integer: true, unit: 'people', expect: 'a whole number from 0 to 100' },
  wte: { min: 0.05, max: 1, integer: false, unit: 'WTE', expect: 'a WTE from 0.05 to 1 (1 is full time)' },
  hours: { min: 100, max: 2500, integer: false, unit: 'hours a year', expect: 'a number of hours from 100 to 2,500' },
  rate: { min: 0.1, max: 200, integer: false, unit: 'reports an hour', expect: 'a rate from 0.1 to 200 reports an hour' },
  salary: { min: 0, max: 100_000_000, integer: false, unit: '£ a year', expect: 'an amount in pounds from £0 to £1,000,000, such as £58,000' },
  cost: { min: 0, max: 100_000_000, integer: false, unit: '£ each, once', expect: 'an amount in pounds from £0 to £1,000,000, such as £12,000' },
  price: { min: 0, max: 1_000_000, integer: false, unit: '£ per report', expect: 'an amount in pounds from £0 to £10,000, such as £32.70' },
  months: { min: 0, max: 60, integer: true, unit: 'months', expect: 'a whole number of months from 0 to 60' },
};

const GROUP_LABELS: Record<CostedGroup, string> = { radiologist: 'Consultant radiologist', reporting_radiographer: 'Reporting radiographer' };
const GROUP_PLURAL: Record<CostedGroup, string> = { radiologist: 'Radiologists', reporting_radiographer: 'Reporting radiographers' };

/** Modalities for which rates and prices are offered: those in the levers, in the engine's modality order. */
function modalitiesOf(record: Partial<Record<Modality, number>>, extra: Modality[] = []): Modality[] {
  const present = new Set<Modality>([...(Object.keys(record) as Modality[]), ...extra]);
  return (Object.keys(MODALITY_NAMES) as Modality[]).filter((m) => present.has(m));
}

/** Every field of the form for these levers (rates and prices follow the modalities the levers carry). */
export function leverFields(levers: ScenarioLevers, outsourcedModalities: Modality[] = []): LeverField[] {
  const fields: LeverField[] = [
    { path: 'targetPlainFilmShare', label: 'Target share of plain-film (XR) reports by reporting radiographers', kind: 'share', section: 'target' },
    { path: 'radiographersToAdd', label: 'Reporting radiographers to train or recruit', kind: 'count', section: 'radiographers' },
    { path: 'reportingWtePerRadiographer', label: 'Reporting WTE of each', kind: 'wte', section: 'radiographers' },
    { path: 'trainingCostPencePerRadiographer', label: 'Training cost per radiographer (course fees and backfill)', kind: 'cost', section: 'radiographers' },
    { path: 'monthsToCompetence', label: 'Time to competence', kind: 'months', section: 'radiographers' },
    { path: 'reportingHoursPerWte', label: 'Reporting hours a year in one WTE', kind: 'hours', section: 'productivity' },
  ];
  for (const group of ['radiologist', 'reporting_radiographer'] as const) {
    for (const m of modalitiesOf(levers.reportsPerHour[group] ?? {})) {
      fields.push({ path: `reportsPerHour.${group}.${m}`, label: `${GROUP_PLURAL[group]}: ${MODALITY_NAMES[m]} (${m})`, kind: 'rate', section: 'productivity' });
    }
  }
  for (const group of ['radiologist', 'reporting_radiographer'] as const) {
    fields.push({ path: `annualCostPerWtePence.${group}`, label: GROUP_LABELS[group], kind: 'salary', section: 'pay' });
  }
  for (const m of modalitiesOf(levers.outsourcingUnitPricePence, outsourcedModalities)) {
    fields.push({ path: `outsourcingUnitPricePence.${m}`, label: `${MODALITY_NAMES[m]} (${m})`, kind: 'price', section: 'prices' });
  }
  return fields;
}

/** The lever's value as held (0..1, pence, plain numbers); undefined where the levers have none. */
export function leverValue(levers: ScenarioLevers, path: string): number | undefined {
  let node: unknown = levers;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'number' ? node : undefined;
}

/** A copy of the levers with one value changed; nested records are copied, never shared with the original. */
export function withLever(levers: ScenarioLevers, path: string, value: number): ScenarioLevers {
  const next = structuredClone(levers);
  const keys = path.split('.');
  let node = next as unknown as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    const child = node[key];
    if (child === null || typeof child !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
  return next;
}

/** The lever as the box shows it: 15 for 15%, 58,000.00 for £58,000, 0.6 for a WTE. */
export function leverText(kind: LeverKind, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  switch (kind) {
    case 'share':
      // Enough places to show the stored fraction back without rounding it away (0.1525 → 15.25).
      return String(Math.round(value * 100_000) / 1000);
    case 'salary':
    case 'cost':
    case 'price':
      return formatPence(value).replace('£', '');
    default:
      return String(value);
  }
}

/** The lever for a sentence or a table: '15.0%', '£58,000.00', '0.6 WTE', '12 months'. */
export function leverDisplay(kind: LeverKind, value: number | undefined): string {
  if (value === undefined) return '—';
  switch (kind) {
    case 'share':
      return formatShare(value);
    case 'salary':
    case 'cost':
      return formatPence(value).replace(/\.00$/, '');
    case 'price':
      return formatPence(value);
    case 'count':
      return formatCount(value);
    case 'wte':
      return `${formatDecimal(value, 2)} WTE`;
    case 'hours':
      return `${formatCount(value)} hours`;
    case 'rate':
      return `${formatDecimal(value, 1)} an hour`;
    case 'months':
      return `${formatCount(value)} month${value === 1 ? '' : 's'}`;
  }
}

export type LeverParse = { value: number } | { error: string };

/** Reads what was typed into one box; an error names the lever and says what to type. */
export function parseLever(field: Pick<LeverField, 'label' | 'kind'>, text: string): LeverParse {
  const rule = KIND_RULES[field.kind];
  const fail = (): LeverParse => ({ error: `${field.label}: enter ${rule.expect}.` });
  const trimmed = text.trim();
  if (trimmed === '') return { error: `${field.label}: enter a value (${rule.expect}).` };
  if (field.kind === 'salary' || field.kind === 'cost' || field.kind === 'price') {
    const pence = parseMoneyPence(trimmed);
    if (pence === null || typeof pence !== 'number' || pence < rule.min || pence > rule.max) return fail();
    return { value: pence };
  }
  const n = parseNumber(trimmed.replace(/%$/, '').trim());
  if (n === null || typeof n !== 'number' || !Number.isFinite(n)) return fail();
  if (rule.integer && !Number.isInteger(n)) return fail();
  if (n < rule.min || n > rule.max) return fail();
  return { value: field.kind === 'share' ? Math.round(n * 1000) / 100_000 : n };
}

/**
 * Where a lever's default came from. The engine may note a lever exactly ('reportsPerHour.radiologist.XR') or
 * as a whole ('reportsPerHour'); the nearest note wins.
 */
export function noteFor(notes: readonly LeverNote[], path: string): LeverNote | null {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('.');
    const note = notes.find((x) => x.lever === key);
    if (note) return note;
  }
  return null;
}

/** Fields whose value differs from the default. */
export function changedFields(fields: readonly LeverField[], levers: ScenarioLevers, defaults: ScenarioLevers): LeverField[] {
  return fields.filter((f) => leverValue(levers, f.path) !== leverValue(defaults, f.path));
}

export const RELEASED_TIME_LABELS = {
  insource_ct_mr: 'Bring outsourced CT and MR reporting back in-house',
  backlog: 'Reduce the reporting backlog',
} as const;

/** What kind of figure a default is, in a word or two, for the form and the assumptions table. */
export const SOURCE_KIND_LABELS: Record<LeverSourceKind, string> = {
  data: 'Your data',
  benchmark: 'Benchmark',
  published: 'Published figure',
  assumption: 'Assumption',
  judgement: 'Judgement',
};
