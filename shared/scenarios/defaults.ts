/**
 * The levers' defaults and where each comes from. Only BENCHMARKS.md figures are called published benchmarks or
 * reference points; pay comes from the national pay scales; everything else is a RadBench assumption or
 * judgement, labelled so, for the user to check against local job plans, quotes and finance advice.
 */
import type { Modality } from '../model';
import { MODALITY_NAMES } from '../model';
import { DEFAULT_WEIGHTS } from '../metrics/analyse';
import type { LeverNote, PriceSource, ScenarioLevers } from './api';
import { decimalText, percentText, penceText, poundsText } from './format';

/** Shelford Group peer median, plain X-ray reports by radiographers, 2016/17 (BENCHMARKS.md): used when no benchmark row is active. */
export const SHELFORD_PLAIN_FILM_MEDIAN = 0.15;
export const SHELFORD_SOURCE =
  'NHS Improvement, Imaging Services Transformation Programme (June 2018): Shelford Group peer median, 2016/17';

/** One programmed activity (a session) is four hours. */
export const SESSION_HOURS = 4;

/** RCR average reporting times used in its workforce modelling ("State of the wait", 2023). */
export const RCR_MINUTES_PER_REPORT = { CT: 15, MR: 20 } as const;
const RCR_SOURCE = 'Royal College of Radiologists, "State of the wait" (2023): average reporting time';

/** Minutes for a plain film by a radiologist: the CT time scaled by the default workload weights (XR 1 : CT 6). */
export const RADIOLOGIST_XR_MINUTES = (RCR_MINUTES_PER_REPORT.CT * DEFAULT_WEIGHTS.XR) / DEFAULT_WEIGHTS.CT;

/** A reporting radiographer's plain films an hour: a RadBench judgement (see the note). */
export const RADIOGRAPHER_XR_PER_HOUR = 12;

/** Reporting hours in one WTE a year: a RadBench assumption (see the note). */
export const REPORTING_HOURS_PER_WTE = 1600;

/** Share of a reporting radiographer's post given to reporting: a RadBench assumption. */
export const REPORTING_WTE_PER_RADIOGRAPHER = 0.5;

/** Employer's on-costs on basic pay (National Insurance, pension): an assumption to check with finance. */
export const ON_COST_SHARE = 0.3;

/** National pay scales 2025/26, England, annual basic pay in pence: entry and top of the band or scale. */
export const PAY_2025_26 = {
  band7: { entry: 4_781_000, top: 5_471_000 },
  band8a: { entry: 5_569_000, top: 6_268_200 },
  consultant: { entry: 10_972_500, top: 14_547_800 },
} as const;

const midPoint = (scale: { entry: number; top: number }): number => Math.round((scale.entry + scale.top) / 2);
const withOnCosts = (pence: number): number => Math.round(pence * (1 + ON_COST_SHARE));

export const RADIOGRAPHER_COST_PER_WTE_PENCE = withOnCosts(midPoint(PAY_2025_26.band7));
export const RADIOLOGIST_COST_PER_WTE_PENCE = withOnCosts(midPoint(PAY_2025_26.consultant));

/** One-off training cost per radiographer and months to reporting independently: RadBench assumptions. */
export const TRAINING_COST_PENCE = 1_000_000;
export const MONTHS_TO_COMPETENCE = 12;

/**
 * The published reference point for an outsourced report when there is no tariff and no ledger: one English
 * trust's FOI response for 2024/25, £1,213,005 for 37,090 reports (BENCHMARKS.md), a mix of modalities.
 */
export const REFERENCE_PRICE_PENCE = 3270;
export const REFERENCE_PRICE_SOURCE =
  "One English trust's freedom-of-information response for 2024/25: £1,213,005 for 37,090 outsourced reports, about £32.70 a report " +
  'over a mix of 52% plain film, 30% CT and 7% MRI (BENCHMARKS.md; an illustrative reference point, not a price for any one modality)';

/** Modalities whose outsourced reports released radiologist time can bring back. */
export const INSOURCED_MODALITIES: readonly Modality[] = ['CT', 'MR'];

export interface ModalityPrice {
  unitPricePence: number | null;
  priceSource: PriceSource | null;
  priceNote: string;
}

export interface DefaultInputs {
  /** XR reports in the period, all groups, and by reporting radiographers. */
  xrReports: number;
  xrRadiographerReports: number;
  annualisation: number;
  /** The plain-film benchmark in force (the Shelford median unless the user's set replaces it). */
  benchmark: { value: number; source: string; year: string; cohort: string } | null;
  prices: Partial<Record<Modality, ModalityPrice>>;
}

const perHour = (minutes: number): number => Math.round((60 / minutes) * 100) / 100;

/** Reports a year one added radiographer gives at the default rates. */
export const DEFAULT_CAPACITY_PER_RADIOGRAPHER = REPORTING_WTE_PER_RADIOGRAPHER * REPORTING_HOURS_PER_WTE * RADIOGRAPHER_XR_PER_HOUR;

/** A stretch above a share that already meets the benchmark: a RadBench judgement, so the default case is not empty. */
export const STRETCH_ABOVE_BENCHMARK = 0.05;

/**
 * The target share: the benchmark; or, when the department is already at or above it, its current share plus five
 * percentage points (a judgement), rounded to a tenth of a percent.
 */
export function defaultTargetShare(inputs: DefaultInputs): number {
  const benchmark = inputs.benchmark?.value ?? SHELFORD_PLAIN_FILM_MEDIAN;
  const current = inputs.xrReports > 0 ? inputs.xrRadiographerReports / inputs.xrReports : 0;
  if (current < benchmark) return benchmark;
  return Math.min(1, Math.round((current + STRETCH_ABOVE_BENCHMARK) * 1000) / 1000);
}

/** Radiographers needed to reach the target at the default reporting rate (none when the target is already met). */
export function defaultRadiographersToAdd(inputs: DefaultInputs, target: number): number {
  const gap = Math.max(0, target * inputs.xrReports - inputs.xrRadiographerReports) * inputs.annualisation;
  return gap > 1e-9 ? Math.ceil(gap / DEFAULT_CAPACITY_PER_RADIOGRAPHER - 1e-9) : 0;
}

export function defaultLevers(inputs: DefaultInputs): ScenarioLevers {
  const target = defaultTargetShare(inputs);
  const prices: Partial<Record<Modality, number>> = {};
  for (const [m, price] of Object.entries(inputs.prices) as [Modality, ModalityPrice][]) {
    if (price.unitPricePence !== null) prices[m] = price.unitPricePence;
  }
  return {
    targetPlainFilmShare: target,
    radiographersToAdd: defaultRadiographersToAdd(inputs, target),
    reportingWtePerRadiographer: REPORTING_WTE_PER_RADIOGRAPHER,
    reportsPerHour: {
      radiologist: {
        XR: perHour(RADIOLOGIST_XR_MINUTES),
        CT: perHour(RCR_MINUTES_PER_REPORT.CT),
        MR: perHour(RCR_MINUTES_PER_REPORT.MR),
      },
      reporting_radiographer: { XR: RADIOGRAPHER_XR_PER_HOUR },
    },
    reportingHoursPerWte: REPORTING_HOURS_PER_WTE,
    annualCostPerWtePence: { radiologist: RADIOLOGIST_COST_PER_WTE_PENCE, reporting_radiographer: RADIOGRAPHER_COST_PER_WTE_PENCE },
    trainingCostPencePerRadiographer: TRAINING_COST_PENCE,
    monthsToCompetence: MONTHS_TO_COMPETENCE,
    outsourcingUnitPricePence: prices,
    releasedTimeUse: 'insource_ct_mr',
  };
}

const ON_COSTS_NOTE = `plus ${Math.round(ON_COST_SHARE * 100)}% on-costs for employer's National Insurance and pension (assumption, check with your finance team)`;

/** Where each default came from, in the order the form shows the levers. */
export function leverNotes(inputs: DefaultInputs, levers: ScenarioLevers = defaultLevers(inputs)): LeverNote[] {
  const current = inputs.xrReports > 0 ? inputs.xrRadiographerReports / inputs.xrReports : null;
  const b = inputs.benchmark;
  const targetAboveBenchmark = b !== null && current !== null && current >= b.value;
  const notes: LeverNote[] = [
    {
      lever: 'targetPlainFilmShare',
      label: 'Target share of plain-film (XR) reports by reporting radiographers',
      value: percentText(levers.targetPlainFilmShare),
      kind: targetAboveBenchmark ? 'data' : 'benchmark',
      source: targetAboveBenchmark
        ? `RadBench judgement: your current share (${percentText(current)}) plus 5 percentage points, as it is already above ` +
          `the benchmark of ${percentText(b!.value)} (${b!.source}, ${b!.year})`
        : b
          ? `Benchmark: ${percentText(b.value)}, ${b.source}, ${b.year}`
          : `Benchmark: 15.0%, ${SHELFORD_SOURCE}`,
    },
    {
      lever: 'radiographersToAdd',
      label: 'Reporting radiographers to train or recruit',
      value: String(levers.radiographersToAdd),
      kind: 'assumption',
      source:
        `RadBench: the number needed to reach the target share at the default reporting WTE, hours and rate ` +
        `(${decimalText(DEFAULT_CAPACITY_PER_RADIOGRAPHER)} plain films a year each)`,
    },
    {
      lever: 'reportingWtePerRadiographer',
      label: 'Reporting WTE of each radiographer',
      value: decimalText(levers.reportingWtePerRadiographer),
      kind: 'assumption',
      source: 'RadBench assumption: half of a full-time post given to reporting; set it from the job plan',
    },
    {
      lever: 'reportsPerHour.radiologist.XR',
      label: 'Radiologist plain-film reports per hour',
      value: decimalText(levers.reportsPerHour.radiologist.XR ?? 0),
      kind: 'judgement',
      source:
        `RadBench judgement: the RCR's 15 minutes for a CT scaled by the default workload weights (XR 1 : CT 6), ` +
        `${decimalText(RADIOLOGIST_XR_MINUTES)} minutes a film; the weights are a judgement, not a national standard`,
    },
    {
      lever: 'reportsPerHour.radiologist.CT',
      label: 'Radiologist CT reports per hour',
      value: decimalText(levers.reportsPerHour.radiologist.CT ?? 0),
      kind: 'published',
      source: `${RCR_SOURCE}, ${RCR_MINUTES_PER_REPORT.CT} minutes for a CT`,
    },
    {
      lever: 'reportsPerHour.radiologist.MR',
      label: 'Radiologist MR reports per hour',
      value: decimalText(levers.reportsPerHour.radiologist.MR ?? 0),
      kind: 'published',
      source: `${RCR_SOURCE}, ${RCR_MINUTES_PER_REPORT.MR} minutes for an MRI`,
    },
    {
      lever: 'reportsPerHour.reporting_radiographer.XR',
      label: 'Reporting radiographer plain-film reports per hour',
      value: decimalText(levers.reportsPerHour.reporting_radiographer.XR ?? 0),
      kind: 'judgement',
      source:
        'RadBench judgement: half the radiologist rate (5 minutes a film), allowing for case mix and a newly qualified reporter; ' +
        "check against your reporters' own rates",
    },
    {
      lever: 'reportingHoursPerWte',
      label: 'Reporting hours a year in one WTE',
      value: decimalText(levers.reportingHoursPerWte),
      kind: 'assumption',
      source:
        'RadBench assumption: 37.5 hours × 52 weeks (1,950) less about 41 days of annual leave and bank holidays, ' +
        'then mandatory training and sickness; check against job plans',
    },
    {
      lever: 'annualCostPerWtePence.reporting_radiographer',
      label: 'Annual cost of one reporting radiographer WTE',
      value: poundsText(levers.annualCostPerWtePence.reporting_radiographer),
      kind: 'assumption',
      source:
        `Agenda for Change 2025/26 (England), band 7 mid-point ${poundsText(midPoint(PAY_2025_26.band7))} ` +
        `(${poundsText(PAY_2025_26.band7.entry)} to ${poundsText(PAY_2025_26.band7.top)}), ${ON_COSTS_NOTE}. ` +
        `For a band 8a post use the mid-point ${poundsText(midPoint(PAY_2025_26.band8a))} plus on-costs. Check the current NHS Employers table`,
    },
    {
      lever: 'annualCostPerWtePence.radiologist',
      label: 'Annual cost of one consultant radiologist WTE',
      value: poundsText(levers.annualCostPerWtePence.radiologist),
      kind: 'assumption',
      source:
        `Consultant pay scale 2025/26 (England), mid-point ${poundsText(midPoint(PAY_2025_26.consultant))} ` +
        `(${poundsText(PAY_2025_26.consultant.entry)} to ${poundsText(PAY_2025_26.consultant.top)}), ${ON_COSTS_NOTE}. ` +
        'Used only to value released time, which is not counted as a saving',
    },
    {
      lever: 'trainingCostPencePerRadiographer',
      label: 'One-off training cost per radiographer',
      value: poundsText(levers.trainingCostPencePerRadiographer),
      kind: 'assumption',
      source: 'RadBench assumption: postgraduate reporting course fees and backfill of study time; replace with your quotes',
    },
    {
      lever: 'monthsToCompetence',
      label: 'Months from starting training to reporting independently',
      value: decimalText(levers.monthsToCompetence),
      kind: 'assumption',
      source: 'RadBench assumption: a one-year postgraduate course with supervised practice; check with your education lead',
    },
  ];
  for (const [m, price] of Object.entries(inputs.prices) as [Modality, ModalityPrice][]) {
    const pence = levers.outsourcingUnitPricePence[m];
    notes.push({
      lever: `outsourcingUnitPricePence.${m}`,
      label: `Outsourcing price per report: ${MODALITY_NAMES[m]}`,
      value: pence === undefined ? 'not set' : penceText(pence),
      kind: price.priceSource === 'reference' ? 'published' : 'data',
      source: price.priceNote,
    });
  }
  notes.push({
    lever: 'releasedTimeUse',
    label: 'Where released radiologist time goes',
    value: levers.releasedTimeUse === 'insource_ct_mr' ? 'Bring outsourced CT and MR back in-house' : 'Reduce the backlog',
    kind: 'assumption',
    source: 'RadBench default: outsourced CT and MR come back first, as that avoids spend; any time left goes to the backlog',
  });
  return notes;
}
