/**
 * Sensitivity of the net annual effect: each numeric lever moved 20% down and up with the others held, the
 * levers ranked by the swing between the two (a tornado chart draws the first three).
 */
import { MODALITIES, MODALITY_NAMES, type Modality } from '../model';
import type { CostedGroup, ScenarioLevers, SensitivityBar } from './api';

export const SENSITIVITY_STEP = 0.2;

export interface NumericLever {
  id: string;
  label: string;
  value: number;
  /** The levers with this one set to a new value. */
  with: (value: number) => ScenarioLevers;
}

const GROUP_LABEL: Record<CostedGroup, string> = { radiologist: 'Radiologist', reporting_radiographer: 'Reporting radiographer' };
const present = (map: Partial<Record<Modality, number>>): Modality[] => MODALITIES.filter((m) => typeof map[m] === 'number');

/** Every numeric lever, in the order the form lists them (ties in the ranking keep this order). */
export function numericLevers(l: ScenarioLevers): NumericLever[] {
  const levers: NumericLever[] = [
    {
      id: 'targetPlainFilmShare',
      label: 'Target plain-film share',
      value: l.targetPlainFilmShare,
      with: (v) => ({ ...l, targetPlainFilmShare: Math.min(1, v) }),
    },
    { id: 'radiographersToAdd', label: 'Radiographers added', value: l.radiographersToAdd, with: (v) => ({ ...l, radiographersToAdd: v }) },
    {
      id: 'reportingWtePerRadiographer',
      label: 'Reporting WTE per radiographer',
      value: l.reportingWtePerRadiographer,
      with: (v) => ({ ...l, reportingWtePerRadiographer: v }),
    },
  ];
  for (const group of ['radiologist', 'reporting_radiographer'] as const) {
    const rates = l.reportsPerHour[group];
    for (const m of present(rates)) {
      levers.push({
        id: `reportsPerHour.${group}.${m}`,
        label: `${GROUP_LABEL[group]} ${m === 'XR' ? 'plain-film' : m} reports per hour`,
        value: rates[m]!,
        with: (v) => ({ ...l, reportsPerHour: { ...l.reportsPerHour, [group]: { ...rates, [m]: v } } }),
      });
    }
  }
  levers.push({
    id: 'reportingHoursPerWte',
    label: 'Reporting hours per WTE',
    value: l.reportingHoursPerWte,
    with: (v) => ({ ...l, reportingHoursPerWte: v }),
  });
  for (const group of ['reporting_radiographer', 'radiologist'] as const) {
    levers.push({
      id: `annualCostPerWtePence.${group}`,
      label: `${GROUP_LABEL[group]} cost per WTE`,
      value: l.annualCostPerWtePence[group],
      with: (v) => ({ ...l, annualCostPerWtePence: { ...l.annualCostPerWtePence, [group]: v } }),
    });
  }
  levers.push(
    {
      id: 'trainingCostPencePerRadiographer',
      label: 'Training cost per radiographer',
      value: l.trainingCostPencePerRadiographer,
      with: (v) => ({ ...l, trainingCostPencePerRadiographer: v }),
    },
    { id: 'monthsToCompetence', label: 'Months to competence', value: l.monthsToCompetence, with: (v) => ({ ...l, monthsToCompetence: v }) },
  );
  for (const m of present(l.outsourcingUnitPricePence)) {
    levers.push({
      id: `outsourcingUnitPricePence.${m}`,
      label: `Outsourcing price: ${MODALITY_NAMES[m]}`,
      value: l.outsourcingUnitPricePence[m]!,
      with: (v) => ({ ...l, outsourcingUnitPricePence: { ...l.outsourcingUnitPricePence, [m]: v } }),
    });
  }
  return levers;
}

/**
 * Every lever whose ±20% moves the net annual effect, largest swing first. `net` is the unrounded net annual
 * effect in pence for a set of levers; the bars carry it rounded to the penny.
 */
export function sensitivityBars(levers: ScenarioLevers, net: (l: ScenarioLevers) => number): SensitivityBar[] {
  const base = net(levers);
  const bars = numericLevers(levers).map((lever, order) => {
    const lowValue = lever.value * (1 - SENSITIVITY_STEP);
    const highValue = Math.min(lever.id === 'targetPlainFilmShare' ? 1 : Infinity, lever.value * (1 + SENSITIVITY_STEP));
    const low = net(lever.with(lowValue));
    const high = net(lever.with(highValue));
    const bar: SensitivityBar = {
      lever: lever.id,
      label: lever.label,
      lowPence: Math.round(low),
      highPence: Math.round(high),
      basePence: Math.round(base),
      baseValue: lever.value,
      lowValue,
      highValue,
    };
    // Swings compared to the penny, so levers with the same effect tie and keep the form's order.
    return { bar, order, swing: Math.round(Math.abs(high - low)) };
  });
  return bars
    .filter((x) => x.swing > 0)
    .sort((a, b) => b.swing - a.swing || a.order - b.order)
    .map((x) => x.bar);
}
