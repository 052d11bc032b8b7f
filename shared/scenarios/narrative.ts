/**
 * The business case in words: the problem, what each option means, the conclusion and the risks, built from the
 * baseline and the evaluated options. The XLSX pack lays these sentences out; the PDF can use the same ones, so
 * both say the same thing.
 */
import { MODALITIES, STAFF_GROUPS, type Modality } from '../model';
import type { SavedScenario, ScenarioBaseline, ScenarioOutcome } from './api';
import { countText, decimalText, monthsText, penceText, percentText, poundsText } from './format';

/** A saved scenario with its outcome, as one option of the business case. */
export interface PackOption {
  scenario: SavedScenario;
  outcome: ScenarioOutcome;
}

const annual = (b: ScenarioBaseline, m: Modality, g: (typeof STAFF_GROUPS)[number]): number =>
  (b.reportsByModalityGroup[m]?.[g] ?? 0) * b.annualisation;
const xrTotal = (b: ScenarioBaseline): number => STAFF_GROUPS.reduce((a, g) => a + annual(b, 'XR', g), 0);
export const optionName = (o: PackOption, i: number): string => `Option ${i + 1}: ${o.scenario.name}`;

export function benchmarkText(b: ScenarioBaseline): string {
  const bm = b.plainFilmBenchmark;
  return bm ? `${percentText(bm.value)} (${bm.source}, ${bm.year})` : 'no benchmark in force';
}

/** The problem, in sentences built from the baseline. */
export function problemProse(b: ScenarioBaseline): string[] {
  const lines: string[] = [];
  const x = xrTotal(b);
  const annualised = b.annualisation !== 1 ? ` (a yearly rate from ${b.period.months} months of data)` : '';
  const rr = annual(b, 'XR', 'reporting_radiographer');
  const rad = annual(b, 'XR', 'radiologist');
  const out = annual(b, 'XR', 'outsourced');
  const current = b.skillMix.plainFilmRadiographerShare;
  const bm = b.plainFilmBenchmark;
  if (x > 0) {
    lines.push(
      `The department issues ${countText(x)} plain-film (XR) reports a year${annualised}. Reporting radiographers issue ${percentText(current)} of them, ` +
        `radiologists ${percentText(rad / x)}${out > 0 ? `, and ${percentText(out / x)} are outsourced` : ''}. ` +
        `The benchmark is ${benchmarkText(b)}.`,
    );
    if (bm && current !== null && current < bm.value) {
      lines.push(
        `Reaching the benchmark would mean reporting radiographers taking on about ${countText(bm.value * x - rr)} more plain films a year.`,
      );
    } else if (bm && current !== null) {
      lines.push('The department is already at or above the benchmark; any further case rests on the radiologist time more radiographer reporting would release.');
    }
  } else {
    lines.push('The department issued no plain-film (XR) reports in the period, so there is no plain-film work to move.');
  }
  lines.push(
    `Over the period the department had an average of ${decimalText(b.wte.radiologist)} radiologist WTE and ${decimalText(b.wte.reporting_radiographer)} reporting radiographer WTE.`,
  );
  const outCt = annual(b, 'CT', 'outsourced');
  const outMr = annual(b, 'MR', 'outsourced');
  if (b.outsourcing.reports > 0) {
    const spend =
      b.outsourcing.spendPence > 0 && b.outsourcing.costPerReportPence !== null
        ? `; the ledger shows ${poundsText(b.outsourcing.spendPence * b.annualisation)} a year of outsourced reporting spend, ${penceText(b.outsourcing.costPerReportPence)} a report`
        : '; no outsourced reporting spend is in the ledger for the period, so prices come from the tariff or a published reference point';
    lines.push(
      `${countText(b.outsourcing.reports * b.annualisation)} reports a year are outsourced, ${countText(outCt)} of them CT and ${countText(outMr)} MR${spend}.`,
    );
  } else {
    lines.push('No reports were outsourced in the period, so released radiologist time cannot avoid outsourcing spend.');
  }
  lines.push(`At the end of the period ${countText(b.backlog)} examinations were waiting for a report.`);
  lines.push(
    'Nationally, the Richards review (2020) called for 500 more reporting or advanced-practice radiographers alongside 2,000 more radiologists; ' +
      'reporting radiographers were in place at 55% of UK sites (Snaith et al., 2015).',
  );
  if (outCt + outMr > 0) {
    lines.push(
      'Radiologist time spent on plain film is time not spent on CT and MR, which is where most outsourcing spend goes. Moving plain-film reporting to ' +
        'trained reporting radiographers releases that time to bring outsourced CT and MR back in-house, or to reduce the backlog.',
    );
  } else {
    lines.push('Moving plain-film reporting to trained reporting radiographers releases radiologist time, which could go to the backlog.');
  }
  return lines;
}

export function optionProse(o: PackOption, i: number, b: ScenarioBaseline): string[] {
  const { outcome: r, scenario } = o;
  const l = scenario.levers;
  const lines: string[] = [];
  const who = `${l.radiographersToAdd} reporting radiographer${l.radiographersToAdd === 1 ? '' : 's'}`;
  lines.push(
    `${optionName(o, i)}. Train or recruit ${who}, each giving ${decimalText(l.reportingWtePerRadiographer)} WTE to reporting, ` +
      `aiming for ${percentText(l.targetPlainFilmShare)} of plain film.`,
  );
  if (r.reportsShifted > 0) {
    const fromOut = r.shiftedFromOutsourced ?? 0;
    lines.push(
      `They would take on ${countText(r.reportsShifted)} plain films a year (${countText(r.shiftedFromRadiologists ?? r.reportsShifted)} from radiologists` +
        `${fromOut > 0 ? `, ${countText(fromOut)} now outsourced` : ''}), moving the share from ${percentText(b.skillMix.plainFilmRadiographerShare)} ` +
        `to ${percentText(r.newPlainFilmShare)} against a benchmark of ${percentText(r.benchmarkPlainFilmShare)}.`,
    );
    const ctMr = r.outsourcedReportsBroughtBack - fromOut;
    const uses: string[] = [];
    if (ctMr > 0) uses.push(`bring ${countText(ctMr)} outsourced CT and MR reports a year back in-house`);
    if (r.backlogReportsCleared > 0) uses.push(`clear ${countText(r.backlogReportsCleared)} examinations from the backlog`);
    lines.push(
      `This releases ${decimalText(r.radiologistHoursReleased)} radiologist hours a year (${decimalText(r.sessionsReleased)} sessions)` +
        `${uses.length > 0 ? `, enough to ${uses.join(' and ')}` : ''}.`,
    );
  } else {
    lines.push('No plain-film work moves under this option (see the points to note).');
  }
  const payback =
    r.paybackMonths === null
      ? r.oneOffCostPence > 0
        ? ` The one-off training cost of ${poundsText(r.oneOffCostPence)} is not repaid, because the net annual effect is not positive.`
        : ''
      : ` The one-off training cost of ${poundsText(r.oneOffCostPence)} is repaid ${monthsText(r.paybackMonths)} after training starts.`;
  lines.push(
    `Spend avoided is ${poundsText(r.spendAvoidedPence)} a year against ${poundsText(r.addedStaffCostPence)} of added staff cost: ` +
      `a net annual effect of ${poundsText(r.netAnnualEffectPence)}.${payback}`,
  );
  if (r.warnings.length > 0) lines.push(`Points to note: ${r.warnings.join(' ')}`);
  return lines;
}

export function conclusion(options: PackOption[]): string[] {
  if (options.length === 0) return ['No options were chosen for this pack: it sets out the baseline only.'];
  const best = options.reduce((a, o) => (o.outcome.netAnnualEffectPence > a.outcome.netAnnualEffectPence ? o : a), options[0]!);
  const index = options.indexOf(best);
  const lines: string[] = [];
  if (options.every((o) => o.outcome.netAnnualEffectPence === 0 && o.outcome.reportsShifted === 0 && o.outcome.addedStaffCostPence === 0)) {
    lines.push('On these assumptions none of the options changes what the department spends: no plain-film work moves (see the points to note for each).');
  } else if (best.outcome.netAnnualEffectPence > 0) {
    lines.push(
      `On these assumptions ${optionName(best, index)} gives the largest net annual effect, ${poundsText(best.outcome.netAnnualEffectPence)} a year` +
        `${best.outcome.paybackMonths === null ? '' : `, repaying its one-off cost ${monthsText(best.outcome.paybackMonths)} after training starts`}.`,
    );
  } else {
    lines.push(
      'On these assumptions none of the options saves money: each costs more a year than the outsourcing spend it avoids. The case then rests on ' +
        `what the released time buys (the backlog, shorter waits) and on the skill mix, weighed against a net cost of ${poundsText(-best.outcome.netAnnualEffectPence)} a year for the least costly option.`,
    );
  }
  lines.push(
    'The figures rest on the assumptions listed on the Financial case sheet; the Sensitivity and Risks sheets show how far they can move, and the Methods and sources sheet gives every formula.',
  );
  return lines;
}

export interface Risk {
  risk: string;
  effect: string;
  likelihood: string;
  mitigation: string;
}

export function risks(b: ScenarioBaseline, options: PackOption[]): Risk[] {
  const lead = options.length > 0 ? options.reduce((a, o) => (o.outcome.netAnnualEffectPence > a.outcome.netAnnualEffectPence ? o : a), options[0]!) : null;
  const r = lead?.outcome;
  const l = lead?.scenario.levers;
  const leadName = lead ? ` For ${lead.scenario.name}:` : '';
  const perRadiographer = r && l && l.radiographersToAdd > 0 ? (r.radiographerCapacity ?? 0) / l.radiographersToAdd : null;
  const ctMrSpend = r ? r.spendAvoidedPence - (r.spendAvoidedByModalityPence?.XR ?? 0) : 0;
  const unclassified = MODALITIES.reduce((a, m) => a + (b.reportsByModalityGroup[m]?.unclassified ?? 0), 0);
  const allReports = MODALITIES.reduce((a, m) => a + STAFF_GROUPS.reduce((s, g) => s + (b.reportsByModalityGroup[m]?.[g] ?? 0), 0), 0);
  return [
    {
      risk: 'A trainee leaves or does not qualify',
      effect:
        'Capacity and the training spend are lost.' +
        (perRadiographer !== null && l ? `${leadName} each radiographer lost removes ${countText(perRadiographer)} plain films a year and ${poundsText(l.trainingCostPencePerRadiographer)} of training.` : ''),
      likelihood: 'Medium',
      mitigation: 'Select candidates with protected study time; agree a training agreement with a repayment clause; consider training one more than needed, or staggered intakes.',
    },
    {
      risk: 'Competence takes longer than planned',
      effect:
        'Savings start later.' +
        (r && r.paybackMonths !== null ? `${leadName} every six months' delay moves payback from ${monthsText(r.paybackMonths)} to ${monthsText(r.paybackMonths + 6)} and defers ${poundsText(r.netAnnualEffectPence / 2)} of net benefit.` : ''),
      likelihood: 'Medium',
      mitigation: 'Protected reporting and study sessions; named radiologist supervisors; a preceptorship plan with audit milestones reported to the imaging board.',
    },
    {
      risk: 'Released radiologist time is not redeployed',
      effect:
        'If the released sessions are absorbed by other work, no outsourced CT or MR comes back.' +
        (r && ctMrSpend > 0 ? `${leadName} spend avoided falls by ${poundsText(ctMrSpend)} and the net annual effect becomes ${poundsText(r.netAnnualEffectPence - ctMrSpend)}.` : ''),
      likelihood: 'High',
      mitigation: 'Write the released sessions into job plans as CT and MR reporting before the radiographers qualify; track outsourced CT and MR volumes monthly on the dashboard.',
    },
    {
      risk: 'Supervision takes radiologist time',
      effect: 'Supervising trainees and auditing their reports uses part of the time released, mostly in the first year.',
      likelihood: 'High',
      mitigation: 'Plan supervision sessions explicitly in job plans; reduce double reporting to a sample once audit shows concordance.',
    },
    {
      risk: 'Outsourcing prices or volumes change',
      effect:
        'Spend avoided depends on the outsourcing price and on outsourced volumes recurring.' +
        (r && r.spendAvoidedPence > 0 ? `${leadName} a 20% change in prices moves the net annual effect by ${poundsText(r.spendAvoidedPence * 0.2)} either way.` : ''),
      likelihood: 'Medium',
      mitigation: 'Check prices against the current contract and the reconciliation screen; refresh the baseline each quarter and revisit the case at contract renewal.',
    },
    {
      risk: 'Trained radiographers leave after qualifying',
      effect: 'Reporting radiographers are in demand; losing one loses the capacity and the training investment.',
      likelihood: 'Medium',
      mitigation: 'A career pathway (band 8a advanced practitioner, consultant radiographer) and reporting written into the job plan.',
    },
    {
      risk: 'Data quality',
      effect:
        'Every figure rests on the RIS extract, the staff register and the ledger.' +
        (unclassified > 0 ? ` ${countText(unclassified)} reports in the period (${percentText(allReports > 0 ? unclassified / allReports : 0)}) have no staff group and count only in the skill-mix denominators.` : ''),
      likelihood: unclassified > 0 ? 'Medium' : 'Low',
      mitigation: 'Classify unclassified reporters on the Staff screen, check the register’s WTE, and reconcile outsourcing against invoices before the board meets.',
    },
    {
      risk: 'The benchmark is dated',
      effect: `The benchmark is ${benchmarkText(b)}; peers have moved since.`,
      likelihood: 'Medium',
      mitigation: 'Import a current peer benchmark set on the Benchmarks screen (Model Hospital or a network survey) and re-run the case.',
    },
  ];
}
