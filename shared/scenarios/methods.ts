/**
 * The methods section: every output of the business case, its formula in words and in symbols. This text is
 * the arithmetic of model.ts written out; the unit tests check the model against hand calculations that follow it.
 */
import type { ScenarioMethod } from './api';

/** The symbols the formulas use. */
export const SCENARIO_SYMBOLS: { symbol: string; meaning: string }[] = [
  { symbol: 'A', meaning: 'annualisation factor: 12 / months in the period' },
  { symbol: 'X', meaning: 'plain-film (XR) reports a year, every staff group' },
  { symbol: 'X_rr, X_rad, X_out', meaning: 'XR reports a year by reporting radiographers, by radiologists, and outsourced' },
  { symbol: 't', meaning: 'target share of XR reports by reporting radiographers' },
  { symbol: 'n', meaning: 'reporting radiographers added' },
  { symbol: 'w', meaning: 'reporting WTE of each added radiographer' },
  { symbol: 'h', meaning: 'reporting hours a year in one WTE' },
  { symbol: 'r_g,m', meaning: 'reports per hour by staff group g in modality m' },
  { symbol: 'O_m', meaning: 'outsourced reports a year in modality m' },
  { symbol: 'p_m', meaning: 'outsourcing price per report in modality m' },
  { symbol: 'K_m', meaning: 'unreported examinations (backlog) at the period end in modality m' },
  { symbol: 'c_rr, c_rad', meaning: 'annual cost of one WTE, reporting radiographer and radiologist, with on-costs' },
  { symbol: 'T', meaning: 'one-off training cost per radiographer' },
  { symbol: 'M', meaning: 'months from starting training to reporting independently' },
];

export const SCENARIO_METHODS: ScenarioMethod[] = [
  {
    output: 'Yearly figures',
    formula:
      "Reports in the chosen period are turned into a year's by the annualisation factor; the backlog is a count at the period end and is not annualised.",
    symbols: 'A = 12 / months; X = Σ XR reports × A',
  },
  {
    output: 'Current plain-film skill mix',
    formula: 'XR reports by reporting radiographers divided by all XR reports, every group included (as on the dashboard).',
    symbols: 's₀ = X_rr / X',
  },
  {
    output: 'Gap to the target',
    formula: 'XR reports a year that would have to move to reporting radiographers to reach the target share; none when the target is not above the current share.',
    symbols: 'G = max(0, t × X − X_rr)',
  },
  {
    output: 'Added radiographer capacity',
    formula: 'Radiographers added × reporting WTE each × reporting hours per WTE × their XR reports per hour.',
    symbols: 'C = n × w × h × r_rr,XR',
  },
  {
    output: 'Plain films moved a year',
    formula:
      'The smallest of the gap to the target, the added capacity, and the XR work radiologists and outsourcing now report. ' +
      'Existing reporting radiographers are taken to be fully used, and trainee reports are left with trainees.',
    symbols: 'S = min(G, C, X_rad + X_out)',
  },
  {
    output: 'Where the plain films come from',
    formula: 'From radiologists and from outsourcing in proportion to the XR reports each holds now.',
    symbols: 'S_rad = S × X_rad / (X_rad + X_out); S_out = S − S_rad',
  },
  {
    output: 'Radiologist hours released',
    formula: "Plain films moved from radiologists divided by a radiologist's XR reports per hour.",
    symbols: 'H = S_rad / r_rad,XR',
  },
  {
    output: 'Sessions released',
    formula: 'Released hours divided by four (one programmed activity is four hours).',
    symbols: 'PA = H / 4',
  },
  {
    output: 'Outsourced CT and MR brought back',
    formula:
      'When released time goes to outsourced work: the hours to report all outsourced CT and MR in-house are worked out at radiologist rates; ' +
      'if the released hours cover them, all come back, otherwise each modality comes back in the same proportion. Never more than was outsourced.',
    symbols: 'N = Σ_m∈{CT,MR} O_m / r_rad,m; B_m = O_m × min(1, H / N)',
  },
  {
    output: 'Outsourced reports brought back',
    formula: 'Outsourced plain films taken on by the added radiographers, plus the outsourced CT and MR brought back.',
    symbols: 'S_out + Σ B_m',
  },
  {
    output: 'Backlog cleared',
    formula:
      'Released hours not used on outsourced work (all of them when the time goes to the backlog) clear unreported examinations at radiologist rates, ' +
      'in proportion across modalities with a rate set, up to the whole backlog. A one-off: it avoids no spend.',
    symbols: 'H_K = H − min(H, N); cleared = Σ K_m × min(1, H_K / Σ(K_m / r_rad,m))',
  },
  {
    output: 'Spend avoided a year',
    formula: 'Each outsourced report brought back at its modality’s outsourcing price (the tariff where one exists).',
    symbols: 'SA = S_out × p_XR + Σ B_m × p_m',
  },
  {
    output: 'Added staff cost a year',
    formula: "The added reporting time at the reporting radiographer's cost per WTE, including on-costs.",
    symbols: 'SC = n × w × c_rr',
  },
  {
    output: 'Net annual effect',
    formula: 'Spend avoided less added staff cost, once the radiographers report independently. Positive is a saving.',
    symbols: 'NE = SA − SC',
  },
  {
    output: 'One-off cost',
    formula: 'Training cost per radiographer (course fees and backfill) × radiographers added.',
    symbols: 'OC = n × T',
  },
  {
    output: 'Payback period',
    formula:
      'Months from the start of training until the one-off cost is repaid: the months to competence, then the one-off cost over the monthly net effect. ' +
      'None when the net annual effect is zero or negative.',
    symbols: 'P = M + OC / (NE / 12), when NE > 0',
  },
  {
    output: 'Cumulative position',
    formula: 'The one-off cost at the start of training, then the net annual effect accruing evenly from competence.',
    symbols: 'CP(t) = −OC + NE × max(0, t − M) / 12',
  },
  {
    output: 'New plain-film skill mix',
    formula: 'Current XR reports by reporting radiographers plus the plain films moved, over all XR reports; compared with the benchmark.',
    symbols: 's₁ = (X_rr + S) / X',
  },
  {
    output: 'Value of released time (not cash)',
    formula:
      "Released hours at a radiologist's cost per reporting hour. Shown for context only: it is not counted in the net effect, because the " +
      'consultant posts and their cost stay.',
    symbols: 'V = H × c_rad / h',
  },
  {
    output: 'Sensitivity',
    formula:
      'Each numeric lever is set 20% lower and 20% higher with the others held, and the net annual effect is worked out again; ' +
      'the three levers with the largest swing are drawn as the tornado chart.',
    symbols: 'swing = |NE(lever × 1.2) − NE(lever × 0.8)|',
  },
  {
    output: 'Outsourcing price by modality',
    formula:
      "From the tariff where one covers the period: each provider's price for a routine report with no examination code on each day of the period " +
      "(the reconciliation's tariff lookup), averaged over the days, then weighted by the provider's outsourced reports in that modality. Urgent and " +
      'examination-specific prices are left out, so the figure errs low where urgent work costs more. Otherwise the ledger’s cost per outsourced report ' +
      '(an average over all modalities), otherwise the published reference point of £32.70 (one trust, 2024/25, a mix of modalities).',
    symbols: 'p_m = Σ_provider O_m,provider × tariff_m,provider / Σ O_m,provider',
  },
  {
    output: 'Rounding',
    formula: 'Sums use unrounded figures; reports are shown to the whole report, hours and months to one decimal place, money to the penny.',
  },
];
