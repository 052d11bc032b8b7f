/**
 * How the business case's figures read: money from pence in whole pounds (signed where it is a net effect),
 * payback in months, hours and sessions; the headline outputs of one scenario; the skill-mix benchmark to quote.
 */
import type { BenchmarkComparison } from '../../shared/contract';
import type { ScenarioBaseline, ScenarioLevers, ScenarioOutcome } from '../../shared/scenarios/api';
import { cohortLabel } from '../benchmarks/model';
import { formatCount, formatDecimal, formatGbp, formatShare, NOT_AVAILABLE } from '../format';

export const PLAIN_FILM_METRIC = 'skillMix.plainFilmRadiographerShare';
export const ULTRASOUND_METRIC = 'skillMix.ultrasoundSonographerShare';

/** Integer pence in whole pounds: 1_234_567 → '£12,346'. */
export function formatPounds(pence: number | null | undefined): string {
  return typeof pence === 'number' && Number.isFinite(pence) ? formatGbp(pence / 100) : NOT_AVAILABLE;
}

/** A net effect with its sign: '+£12,346', '−£3,250' (a true minus sign, as in print), '£0'. */
export function formatSignedPounds(pence: number | null | undefined): string {
  if (typeof pence !== 'number' || !Number.isFinite(pence)) return NOT_AVAILABLE;
  const pounds = formatPounds(Math.abs(pence));
  if (Math.round(pence / 100) === 0) return pounds;
  return pence > 0 ? `+${pounds}` : `\u2212${pounds}`;
}

/** 'a net annual saving of £12,346' or 'a net annual cost of £3,250'. */
export function describeNet(pence: number): string {
  if (Math.round(pence / 100) === 0) return 'no net annual effect (it costs what it saves)';
  return pence > 0 ? `a net annual saving of ${formatPounds(pence)}` : `a net annual cost of ${formatPounds(-pence)}`;
}

/** A long payback in years and months: 33.3 → 'about 2 years 9 months'; null under two years, where months read better. */
export function paybackInYears(months: number | null | undefined): string | null {
  if (months === null || months === undefined || !Number.isFinite(months) || months < 24) return null;
  const whole = Math.round(months);
  const rest = whole % 12;
  return `about ${Math.floor(whole / 12)} years${rest ? ` ${rest} month${rest === 1 ? '' : 's'}` : ''}`;
}

/** Months to one decimal place, as the XLSX pack gives them; a long payback also in years and months. */
export function formatPayback(months: number | null | undefined): string {
  if (months === null || months === undefined || !Number.isFinite(months)) return 'Not repaid';
  const years = paybackInYears(months);
  return `${formatDecimal(months, 1)} month${months === 1 ? '' : 's'}${years ? ` (${years})` : ''}`;
}

export function formatHoursWhole(hours: number | null | undefined): string {
  return typeof hours === 'number' && Number.isFinite(hours) ? `${formatCount(hours)} h` : NOT_AVAILABLE;
}

/** Sessions are four-hour programmed activities: whole ones read best, tenths matter only below ten. */
export function formatSessions(sessions: number | null | undefined): string {
  if (typeof sessions !== 'number' || !Number.isFinite(sessions)) return NOT_AVAILABLE;
  return sessions < 10 ? formatDecimal(sessions, 1) : formatCount(sessions);
}

/** The plain-film benchmark to quote: the Shelford Group median where the set has it, else the first one. */
export function plainFilmBenchmark(benchmarks: readonly BenchmarkComparison[], chosen?: BenchmarkComparison | null): BenchmarkComparison | null {
  if (chosen) return chosen;
  const rows = benchmarks.filter((b) => b.metric === PLAIN_FILM_METRIC);
  return rows.find((b) => b.cohort === 'shelford') ?? rows[0] ?? null;
}

/** The baseline's headline plain-film benchmark: the engine's choice, else the Shelford Group median, else the first. */
export function baselineBenchmark(baseline: ScenarioBaseline): BenchmarkComparison | null {
  return plainFilmBenchmark(baseline.benchmarks, baseline.plainFilmBenchmark);
}

/** 'Shelford Group median 15.0% (2016/17; NHS Improvement, …)'. */
export function benchmarkLabel(b: BenchmarkComparison): string {
  return `${cohortLabel(b.cohort)}${b.cohort === 'shelford' ? ' median' : ''} ${formatShare(b.value)} (${b.year}; ${b.source})`;
}

export interface OutcomeFigure {
  id: string;
  label: string;
  value: string;
  detail: string;
  /** 'good' and 'bad' colour the net effect; everything else is neutral. */
  tone?: 'good' | 'bad';
}

/** The headline outputs of one scenario, in the order a reader needs them. */
export function outcomeFigures(outcome: ScenarioOutcome, baseline: ScenarioBaseline, levers: ScenarioLevers): OutcomeFigure[] {
  const bench = baselineBenchmark(baseline);
  const benchmarkShare = outcome.benchmarkPlainFilmShare ?? bench?.value ?? null;
  // Time goes to outsourced work first when asked; hours left over clear backlog, so both can show.
  const released: OutcomeFigure[] = [];
  if (levers.releasedTimeUse === 'insource_ct_mr' || outcome.outsourcedReportsBroughtBack > 0) {
    released.push({ id: 'broughtBack', label: 'Outsourced reports brought back', value: formatCount(outcome.outsourcedReportsBroughtBack), detail: 'a year, reported in-house instead' });
  }
  if (levers.releasedTimeUse === 'backlog' || outcome.backlogReportsCleared > 0) {
    released.push({ id: 'backlogCleared', label: 'Backlog reports cleared', value: formatCount(outcome.backlogReportsCleared), detail: `once, of ${formatCount(baseline.backlog)} waiting at the period end` });
  }
  return [
    { id: 'hours', label: 'Radiologist time released', value: formatHoursWhole(outcome.radiologistHoursReleased), detail: `${formatSessions(outcome.sessionsReleased)} four-hour sessions a year` },
    { id: 'shifted', label: 'Plain-film reports moved', value: formatCount(outcome.reportsShifted), detail: 'a year, to reporting radiographers' },
    ...released,
    { id: 'spendAvoided', label: 'Spend avoided', value: formatPounds(outcome.spendAvoidedPence), detail: 'a year, on outsourced reporting' },
    { id: 'addedCost', label: 'Added staff cost', value: formatPounds(outcome.addedStaffCostPence), detail: 'a year, reporting radiographer time' },
    {
      id: 'net',
      label: 'Net annual effect',
      value: formatSignedPounds(outcome.netAnnualEffectPence),
      detail: outcome.netAnnualEffectPence > 0 ? 'a saving each year once competent' : outcome.netAnnualEffectPence < 0 ? 'a cost each year' : 'costs what it saves',
      ...(outcome.netAnnualEffectPence > 0 ? { tone: 'good' as const } : outcome.netAnnualEffectPence < 0 ? { tone: 'bad' as const } : {}),
    },
    {
      id: 'payback',
      label: 'Payback period',
      value: outcome.paybackMonths === null ? 'Not repaid' : `${formatDecimal(outcome.paybackMonths, 1)} months`,
      detail: `from the start of training${paybackInYears(outcome.paybackMonths) ? ` (${paybackInYears(outcome.paybackMonths)})` : ''}; one-off cost ${formatPounds(outcome.oneOffCostPence)}`,
    },
    {
      id: 'skillMix',
      label: 'New plain-film skill mix',
      value: formatShare(outcome.newPlainFilmShare),
      detail: `now ${formatShare(baseline.skillMix.plainFilmRadiographerShare)}${benchmarkShare !== null ? `; benchmark ${formatShare(benchmarkShare)}${bench ? ` (${cohortLabel(bench.cohort)}, ${bench.year})` : ''}` : ''}`,
    },
  ];
}
