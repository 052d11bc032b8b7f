/**
 * Checks on a set of levers before it is evaluated or saved: every problem named in words a clinical lead can act
 * on. The result is a clean copy holding only the known fields.
 */
import { MODALITIES, MODALITY_NAMES, type Modality } from '../model';
import type { CostedGroup, ReleasedTimeUse, ScenarioLevers } from './api';
import { penceText, poundsText } from './format';

export class LeverError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0]! : `The scenario has ${problems.length} problems: ${problems.join(' ')}`);
    this.name = 'LeverError';
  }
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const MAX_RADIOGRAPHERS = 100;
const MAX_RATE = 200;
const MAX_HOURS = 2500;
const MAX_COST_PENCE = 100_000_000; // £1,000,000
const MAX_PRICE_PENCE = 1_000_000; // £10,000 a report
const MAX_MONTHS = 60;
const USES: readonly ReleasedTimeUse[] = ['insource_ct_mr', 'backlog'];
const GROUP_NAMES: Record<CostedGroup, string> = { radiologist: 'radiologist', reporting_radiographer: 'reporting radiographer' };
const REQUIRED_RATES: Record<CostedGroup, Modality[]> = { radiologist: ['XR', 'CT', 'MR'], reporting_radiographer: ['XR'] };

/** The problems with a set of levers, empty when it can be used. */
export function leverProblems(input: unknown): string[] {
  if (!isRecord(input)) return ['The scenario has no levers.'];
  const l = input;
  const problems: string[] = [];
  const numberIn = (value: unknown, what: string, min: number, max: number, unit = ''): void => {
    if (!isNumber(value)) problems.push(`${what} must be a number.`);
    else if (value < min || value > max) problems.push(`${what} must be from ${min}${unit} to ${max}${unit} (it is ${value}${unit}).`);
  };
  const penceIn = (value: unknown, what: string, max: number): void => {
    if (!isNumber(value)) problems.push(`${what} must be an amount of money.`);
    else if (!Number.isInteger(value)) problems.push(`${what} must be in whole pence.`);
    else if (value < 0 || value > max) problems.push(`${what} must be from £0 to ${poundsText(max)} (it is ${penceText(value)}).`);
  };

  if (!isNumber(l.targetPlainFilmShare)) problems.push('The target plain-film share must be a number.');
  else if (l.targetPlainFilmShare < 0 || l.targetPlainFilmShare > 1) {
    problems.push(`The target plain-film share must be from 0% to 100% (it is ${Math.round(l.targetPlainFilmShare * 1000) / 10}%).`);
  }
  if (!isNumber(l.radiographersToAdd) || !Number.isInteger(l.radiographersToAdd) || l.radiographersToAdd < 0 || l.radiographersToAdd > MAX_RADIOGRAPHERS) {
    problems.push(`Reporting radiographers to add must be a whole number from 0 to ${MAX_RADIOGRAPHERS}.`);
  }
  numberIn(l.reportingWtePerRadiographer, 'Reporting WTE per radiographer', 0, 1);

  if (!isRecord(l.reportsPerHour)) problems.push('Reports per hour are missing.');
  else {
    for (const group of ['radiologist', 'reporting_radiographer'] as const) {
      const rates = l.reportsPerHour[group];
      if (!isRecord(rates)) {
        problems.push(`Reports per hour for the ${GROUP_NAMES[group]} are missing.`);
        continue;
      }
      for (const [m, rate] of Object.entries(rates)) {
        if (!(MODALITIES as readonly string[]).includes(m)) problems.push(`"${m}" is not a modality (reports per hour, ${GROUP_NAMES[group]}).`);
        else if (rate !== undefined && (!isNumber(rate) || rate <= 0 || rate > MAX_RATE)) {
          problems.push(`${MODALITY_NAMES[m as Modality]} reports per hour for a ${GROUP_NAMES[group]} must be more than 0 and at most ${MAX_RATE}.`);
        }
      }
      for (const m of REQUIRED_RATES[group]) {
        if (rates[m] === undefined) problems.push(`${MODALITY_NAMES[m]} reports per hour for a ${GROUP_NAMES[group]} must be set.`);
      }
    }
  }
  if (!isNumber(l.reportingHoursPerWte) || l.reportingHoursPerWte <= 0 || l.reportingHoursPerWte > MAX_HOURS) {
    problems.push(`Reporting hours per WTE must be more than 0 and at most ${MAX_HOURS.toLocaleString('en-GB')} (a full-time year is about 1,950 paid hours).`);
  }
  if (!isRecord(l.annualCostPerWtePence)) problems.push('The annual cost per WTE is missing.');
  else {
    for (const group of ['radiologist', 'reporting_radiographer'] as const) {
      penceIn(l.annualCostPerWtePence[group], `The annual cost of a ${GROUP_NAMES[group]} WTE`, MAX_COST_PENCE);
    }
  }
  penceIn(l.trainingCostPencePerRadiographer, 'The training cost per radiographer', MAX_COST_PENCE);
  numberIn(l.monthsToCompetence, 'Months to competence', 0, MAX_MONTHS);
  if (!isRecord(l.outsourcingUnitPricePence)) problems.push('Outsourcing prices are missing.');
  else {
    for (const [m, price] of Object.entries(l.outsourcingUnitPricePence)) {
      if (!(MODALITIES as readonly string[]).includes(m)) problems.push(`"${m}" is not a modality (outsourcing prices).`);
      else if (price !== undefined) penceIn(price, `The outsourcing price for ${MODALITY_NAMES[m as Modality]}`, MAX_PRICE_PENCE);
    }
  }
  if (!USES.includes(l.releasedTimeUse as ReleasedTimeUse)) {
    problems.push('Choose where released radiologist time goes: outsourced CT and MR, or the backlog.');
  }
  return problems;
}

const modalityNumbers = (map: Record<string, unknown>): Partial<Record<Modality, number>> => {
  const out: Partial<Record<Modality, number>> = {};
  for (const m of MODALITIES) if (isNumber(map[m])) out[m] = map[m];
  return out;
};

/** The levers checked and copied field by field; throws a LeverError naming every problem. */
export function checkedLevers(input: unknown): ScenarioLevers {
  const problems = leverProblems(input);
  if (problems.length > 0) throw new LeverError(problems);
  const l = input as ScenarioLevers;
  return {
    targetPlainFilmShare: l.targetPlainFilmShare,
    radiographersToAdd: l.radiographersToAdd,
    reportingWtePerRadiographer: l.reportingWtePerRadiographer,
    reportsPerHour: {
      radiologist: modalityNumbers(l.reportsPerHour.radiologist),
      reporting_radiographer: modalityNumbers(l.reportsPerHour.reporting_radiographer),
    },
    reportingHoursPerWte: l.reportingHoursPerWte,
    annualCostPerWtePence: { radiologist: l.annualCostPerWtePence.radiologist, reporting_radiographer: l.annualCostPerWtePence.reporting_radiographer },
    trainingCostPencePerRadiographer: l.trainingCostPencePerRadiographer,
    monthsToCompetence: l.monthsToCompetence,
    outsourcingUnitPricePence: modalityNumbers(l.outsourcingUnitPricePence),
    releasedTimeUse: l.releasedTimeUse,
  };
}
