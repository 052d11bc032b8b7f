/**
 * The business-case arithmetic: a baseline and a set of levers in, the outcome out. Pure (no database), so the
 * hand-computed tests exercise exactly what the app shows. Every step is written up in methods.ts.
 */
import { MODALITIES, MODALITY_NAMES, STAFF_GROUPS, type Modality, type StaffGroup } from '../model';
import type { PriceSource, ScenarioBaseline, ScenarioLevers, ScenarioOutcome } from './api';
import { INSOURCED_MODALITIES, REFERENCE_PRICE_PENCE, SESSION_HOURS } from './defaults';
import { countText, decimalText, listText, penceText, percentText } from './format';
import { sensitivityBars } from './sensitivity';

/** What the arithmetic needs of a baseline. */
export interface ModelBaseline {
  /** 12 / months in the period. */
  annualisation: number;
  /** Reports in the period by modality and staff group. */
  reportsByModalityGroup: Partial<Record<Modality, Partial<Record<StaffGroup, number>>>>;
  /** Average reporting-radiographer WTE now (to tell "none now" from "none added"). */
  radiographerWte: number;
  /** Unreported examinations at the period end, by modality (a stock: not annualised). */
  backlogByModality: Partial<Record<Modality, number>>;
  benchmarkPlainFilmShare: number | null;
  /** Where each modality's default price came from, to warn when a reference price is still in use. */
  priceSources?: Partial<Record<Modality, PriceSource | null>>;
}

/** The arithmetic's view of a baseline the engine built. */
export function modelBaseline(b: ScenarioBaseline): ModelBaseline {
  const priceSources: Partial<Record<Modality, PriceSource | null>> = {};
  for (const [m, x] of Object.entries(b.outsourcing.byModality) as [Modality, { priceSource: PriceSource | null }][]) {
    priceSources[m] = x.priceSource;
  }
  return {
    annualisation: b.annualisation,
    reportsByModalityGroup: b.reportsByModalityGroup,
    radiographerWte: b.wte.reporting_radiographer,
    backlogByModality: b.backlogByModality ?? {},
    benchmarkPlainFilmShare: b.plainFilmBenchmark?.value ?? null,
    priceSources,
  };
}

/** The outcome before rounding: the sensitivity re-runs this with one lever moved. */
export interface ScenarioFigures {
  xrReports: number;
  xrRadiographer: number;
  currentShare: number | null;
  gap: number;
  capacity: number;
  shifted: number;
  fromRadiologists: number;
  fromOutsourced: number;
  hoursReleased: number;
  broughtBack: Partial<Record<Modality, number>>;
  spendAvoidedByModality: Partial<Record<Modality, number>>;
  hoursToBacklog: number;
  backlogCleared: number;
  hoursUnused: number;
  spendAvoided: number;
  addedStaffCost: number;
  net: number;
  oneOff: number;
  paybackMonths: number | null;
  newShare: number | null;
  releasedTimeValue: number;
  warnings: string[];
}

/** Tolerance for comparing report counts computed in floating point (0.15 × 100,000 is 15,000.000000000002). */
const EPS = 1e-6;

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/** The arithmetic, unrounded. */
export function scenarioFigures(b: ModelBaseline, l: ScenarioLevers): ScenarioFigures {
  const warnings: string[] = [];
  const A = b.annualisation;
  const annual = (m: Modality, g: StaffGroup): number => (b.reportsByModalityGroup[m]?.[g] ?? 0) * A;
  const radRate = (m: Modality): number => l.reportsPerHour.radiologist[m] ?? 0;

  // Plain film a year, now.
  const xrReports = sum(STAFF_GROUPS.map((g) => annual('XR', g)));
  const xrRadiographer = annual('XR', 'reporting_radiographer');
  const xrRadiologist = annual('XR', 'radiologist');
  const xrOutsourced = annual('XR', 'outsourced');
  const currentShare = xrReports > 0 ? xrRadiographer / xrReports : null;

  // The shift: the gap to the target, limited by the added capacity and by the work radiologists and outsourcing hold.
  const target = Math.min(1, Math.max(0, l.targetPlainFilmShare));
  const gap = xrReports > 0 ? Math.max(0, target * xrReports - xrRadiographer) : 0;
  const added = Math.max(0, l.radiographersToAdd);
  const capacity = added * l.reportingWtePerRadiographer * l.reportingHoursPerWte * (l.reportsPerHour.reporting_radiographer.XR ?? 0);
  const movable = xrRadiologist + xrOutsourced;
  const shifted = Math.max(0, Math.min(gap, capacity, movable));
  const fromRadiologists = movable > 0 ? (shifted * xrRadiologist) / movable : 0;
  const fromOutsourced = shifted - fromRadiologists;
  const hoursReleased = radRate('XR') > 0 ? fromRadiologists / radRate('XR') : 0;

  // Where the released time goes: outsourced CT and MR first (in proportion to their volumes), then the backlog.
  const broughtBack: Partial<Record<Modality, number>> = {};
  if (fromOutsourced > 0) broughtBack.XR = fromOutsourced;
  let hoursLeft = hoursReleased;
  const outsourcedCtMr = INSOURCED_MODALITIES.map((m) => ({ m, n: annual(m, 'outsourced'), rate: radRate(m) })).filter((x) => x.n > 0);
  if (l.releasedTimeUse === 'insource_ct_mr') {
    const payable = outsourcedCtMr.filter((x) => x.rate > 0);
    const hoursNeeded = sum(payable.map((x) => x.n / x.rate));
    const fraction = hoursNeeded > 0 ? Math.min(1, hoursReleased / hoursNeeded) : 0;
    for (const x of payable) if (fraction > 0) broughtBack[x.m] = (broughtBack[x.m] ?? 0) + x.n * fraction;
    hoursLeft = hoursReleased - Math.min(hoursReleased, hoursNeeded);
    if (hoursReleased > EPS && outsourcedCtMr.length === 0) {
      warnings.push(
        'Nothing is outsourced in CT or MR in the period: no outsourced reports come back and no spend is avoided for them; ' +
          'the released radiologist time goes to the backlog instead.',
      );
    } else if (hoursLeft > EPS) {
      warnings.push(
        `The released time (${decimalText(hoursReleased)} hours a year) is more than bringing back all outsourced CT and MR needs ` +
          `(${decimalText(hoursNeeded)} hours); the other ${decimalText(hoursLeft)} hours go to the backlog.`,
      );
    }
  } else if (hoursReleased > EPS) {
    warnings.push('The released radiologist time goes to the backlog: that shortens waits but avoids no spend, so no saving is counted for it.');
  }
  const hoursToBacklog = hoursLeft;
  const backlog = (Object.entries(b.backlogByModality) as [Modality, number][])
    .map(([m, n]) => ({ m, n, rate: radRate(m) }))
    .filter((x) => x.n > 0 && x.rate > 0);
  const backlogHours = sum(backlog.map((x) => x.n / x.rate));
  const backlogFraction = backlogHours > 0 ? Math.min(1, hoursToBacklog / backlogHours) : 0;
  const backlogCleared = sum(backlog.map((x) => x.n * backlogFraction));
  const hoursUnused = hoursToBacklog - Math.min(hoursToBacklog, backlogHours);
  if (backlogCleared > EPS) {
    warnings.push(
      `Clearing the backlog (${countText(backlogCleared)} examinations) is a one-off: once it is cleared, the released time needs another use.`,
    );
  }
  if (hoursUnused > EPS) {
    warnings.push(`${decimalText(hoursUnused)} released radiologist hours a year have no use in this model, and no value is counted for them.`);
  }

  // Money.
  const spendAvoidedByModality: Partial<Record<Modality, number>> = {};
  const referencePriced: string[] = [];
  for (const m of MODALITIES) {
    const n = broughtBack[m];
    if (n === undefined || n <= 0) continue;
    const price = l.outsourcingUnitPricePence[m];
    if (price === undefined) {
      warnings.push(`No outsourcing price is set for ${MODALITY_NAMES[m].toLowerCase()}: its reports brought back avoid no spend in this model.`);
      continue;
    }
    spendAvoidedByModality[m] = n * price;
    if (b.priceSources?.[m] === 'reference' && price === REFERENCE_PRICE_PENCE) referencePriced.push(m);
  }
  if (referencePriced.length > 0) {
    warnings.push(
      `The outsourcing price for ${listText(referencePriced)} is the published reference point (${penceText(REFERENCE_PRICE_PENCE)}, one trust's ` +
        '2024/25 average over a mix of modalities), not your tariff: enter your provider’s prices.',
    );
  }
  const spendAvoided = sum(Object.values(spendAvoidedByModality));
  const addedStaffCost = added * l.reportingWtePerRadiographer * l.annualCostPerWtePence.reporting_radiographer;
  const net = spendAvoided - addedStaffCost;
  const oneOff = added * l.trainingCostPencePerRadiographer;
  const paybackMonths = net > EPS ? l.monthsToCompetence + oneOff / (net / 12) : null;
  const newShare = xrReports > 0 ? (xrRadiographer + shifted) / xrReports : null;
  const releasedTimeValue = l.reportingHoursPerWte > 0 ? (hoursReleased * l.annualCostPerWtePence.radiologist) / l.reportingHoursPerWte : 0;

  warnings.unshift(...shiftWarnings({ b, l, xrReports, xrRadiographer, currentShare, gap, capacity, movable, shifted, target }));
  if (A !== 1) {
    warnings.unshift(
      `The period has ${decimalText(12 / A)} months: yearly figures are its counts × ${decimalText(A)}; seasonal variation is not modelled.`,
    );
  }
  if (net <= EPS && (oneOff > 0 || addedStaffCost > 0)) {
    warnings.push('The net annual effect is not positive, so the one-off cost is never repaid.');
  }

  return {
    xrReports,
    xrRadiographer,
    currentShare,
    gap,
    capacity,
    shifted,
    fromRadiologists,
    fromOutsourced,
    hoursReleased,
    broughtBack,
    spendAvoidedByModality,
    hoursToBacklog,
    backlogCleared,
    hoursUnused,
    spendAvoided,
    addedStaffCost,
    net,
    oneOff,
    paybackMonths,
    newShare,
    releasedTimeValue,
    warnings,
  };
}

interface ShiftFacts {
  b: ModelBaseline;
  l: ScenarioLevers;
  xrReports: number;
  xrRadiographer: number;
  currentShare: number | null;
  gap: number;
  capacity: number;
  movable: number;
  shifted: number;
  target: number;
}

/** Why the plain-film shift is smaller than the target asks, or larger than needed. */
function shiftWarnings(f: ShiftFacts): string[] {
  if (f.xrReports <= 0) return ['There are no plain-film (XR) reports in the period, so there is no plain-film work to move.'];
  if (f.gap <= EPS) {
    const cost = f.l.radiographersToAdd > 0 ? ' The added radiographers’ cost is still counted.' : '';
    return [
      `The target share (${percentText(f.target)}) is not above the current share (${percentText(f.currentShare)}): ` +
        `no plain-film work moves and no saving is claimed.${cost}`,
    ];
  }
  if (f.capacity <= EPS) {
    if (f.l.radiographersToAdd <= 0 && f.b.radiographerWte <= 0 && f.xrRadiographer <= 0) {
      return ['There are no reporting radiographers now and none are added: there is no capacity to take plain-film work, so nothing moves.'];
    }
    if (f.l.radiographersToAdd <= 0) {
      return ['No reporting radiographers are added: the existing ones are taken to be fully used, so no plain-film work moves.'];
    }
    return ['The added radiographers have no reporting capacity (check their reporting WTE, hours and reports per hour), so nothing moves.'];
  }
  const warnings: string[] = [];
  if (f.movable < Math.min(f.gap, f.capacity) - EPS) {
    warnings.push(
      `Only ${countText(f.movable)} plain films a year are reported by radiologists or outsourced, so that is all that can move; ` +
        `reaching the target needs ${countText(f.gap)}.`,
    );
  } else if (f.capacity < f.gap - EPS) {
    warnings.push(
      `The added radiographers can report ${countText(f.capacity)} plain films a year, short of the ${countText(f.gap)} needed to reach the target: ` +
        `the new share is ${percentText((f.xrRadiographer + f.shifted) / f.xrReports)}.`,
    );
  }
  if (f.capacity > f.gap + EPS) {
    warnings.push(
      `The added capacity (${countText(f.capacity)} plain films a year) is more than the ${countText(f.gap)} needed to reach the target; ` +
        'the spare capacity is paid for but counts for nothing here. Fewer radiographers or less reporting time would do.',
    );
  }
  return warnings;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const roundMap = (map: Partial<Record<Modality, number>>, round: (x: number) => number): Partial<Record<Modality, number>> =>
  Object.fromEntries(Object.entries(map).map(([m, x]) => [m, round(x)])) as Partial<Record<Modality, number>>;

/**
 * The outcome as the app shows it: counts to whole reports, hours and months to one decimal, money to the penny
 * (each figure rounded once from the unrounded arithmetic), with the ±20% sensitivity of the net annual effect.
 */
export function evaluate(b: ModelBaseline, l: ScenarioLevers): ScenarioOutcome {
  const f = scenarioFigures(b, l);
  const all = sensitivityBars(l, (levers) => scenarioFigures(b, levers).net);
  const spendAvoided = Math.round(f.spendAvoided);
  const addedStaffCost = Math.round(f.addedStaffCost);
  const brought = sum(Object.values(f.broughtBack));
  return {
    reportsShifted: Math.round(f.shifted),
    radiologistHoursReleased: round1(f.hoursReleased),
    sessionsReleased: round1(f.hoursReleased / SESSION_HOURS),
    outsourcedReportsBroughtBack: Math.round(brought),
    backlogReportsCleared: Math.round(f.backlogCleared),
    spendAvoidedPence: spendAvoided,
    addedStaffCostPence: addedStaffCost,
    netAnnualEffectPence: spendAvoided - addedStaffCost,
    oneOffCostPence: Math.round(f.oneOff),
    paybackMonths: f.paybackMonths === null ? null : round1(f.paybackMonths),
    newPlainFilmShare: f.newShare,
    benchmarkPlainFilmShare: b.benchmarkPlainFilmShare,
    warnings: f.warnings,
    sensitivity: all.slice(0, 3),
    currentPlainFilmShare: f.currentShare,
    gapToTarget: Math.round(f.gap),
    radiographerCapacity: Math.round(f.capacity),
    shiftedFromRadiologists: Math.round(f.fromRadiologists),
    shiftedFromOutsourced: Math.round(f.fromOutsourced),
    broughtBackByModality: roundMap(f.broughtBack, Math.round),
    spendAvoidedByModalityPence: roundMap(f.spendAvoidedByModality, Math.round),
    hoursToBacklog: round1(f.hoursToBacklog),
    hoursUnused: round1(f.hoursUnused),
    releasedTimeValuePence: Math.round(f.releasedTimeValue),
    sensitivityAll: all,
  };
}

/**
 * Cumulative cash position a number of months after training starts: the one-off cost at the start, then the net
 * annual effect accruing evenly from competence. Used for the pack's cash view.
 */
export function cumulativePositionPence(outcome: Pick<ScenarioOutcome, 'oneOffCostPence' | 'netAnnualEffectPence'>, monthsToCompetence: number, months: number): number {
  const earning = Math.max(0, months - monthsToCompetence);
  return Math.round(-outcome.oneOffCostPence + (outcome.netAnnualEffectPence * earning) / 12);
}
