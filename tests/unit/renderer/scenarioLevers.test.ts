import { describe, expect, it } from 'vitest';
import {
  changedFields, leverDisplay, leverFields, leverText, leverValue, noteFor, parseLever, withLever,
} from '../../../renderer/scenarios/levers';
import { formatPayback, formatPounds, formatSignedPounds, outcomeFigures, plainFilmBenchmark } from '../../../renderer/scenarios/figures';
import { TORNADO_COLOURS, tornadoChart, tornadoRows, tornadoScale } from '../../../renderer/scenarios/tornado';
import { fakeBaseline, fakeEvaluate, fakeLevers } from './fakeScenarios';

const field = (kind: Parameters<typeof parseLever>[0]['kind'], label = 'The lever') => ({ kind, label });

describe('reading a lever from its box', () => {
  it('takes shares as percentages and holds them as fractions', () => {
    expect(parseLever(field('share'), '25')).toEqual({ value: 0.25 });
    expect(parseLever(field('share'), ' 15.5 % ')).toEqual({ value: 0.155 });
    expect(parseLever(field('share'), '0')).toEqual({ value: 0 });
    expect(parseLever(field('share'), '101')).toEqual({ error: 'The lever: enter a percentage from 0 to 100.' });
    expect(parseLever(field('share'), '-5')).toHaveProperty('error');
  });

  it('takes money in pounds, with or without £ and separators, and holds integer pence', () => {
    expect(parseLever(field('salary'), '£58,000')).toEqual({ value: 5_800_000 });
    expect(parseLever(field('salary'), '58000.5')).toEqual({ value: 5_800_050 });
    expect(parseLever(field('price'), '32.70')).toEqual({ value: 3270 });
    expect(parseLever(field('price'), '£12,000.01')).toHaveProperty('error');
    expect(parseLever(field('salary'), '-1')).toHaveProperty('error');
    expect(parseLever(field('salary'), 'fifty')).toEqual({ error: 'The lever: enter an amount in pounds from £0 to £1,000,000, such as £58,000.' });
  });

  it('wants whole numbers of people and months, and a WTE no more than full time', () => {
    expect(parseLever(field('count'), '3')).toEqual({ value: 3 });
    expect(parseLever(field('count'), '2.5')).toEqual({ error: 'The lever: enter a whole number from 0 to 100.' });
    expect(parseLever(field('months'), '18')).toEqual({ value: 18 });
    expect(parseLever(field('months'), '61')).toHaveProperty('error');
    expect(parseLever(field('wte'), '0.6')).toEqual({ value: 0.6 });
    expect(parseLever(field('wte'), '1.2')).toEqual({ error: 'The lever: enter a WTE from 0.05 to 1 (1 is full time).' });
    expect(parseLever(field('rate'), '0')).toHaveProperty('error');
  });

  it('says what to type when the box is empty', () => {
    expect(parseLever(field('hours', 'Reporting hours'), '  ')).toEqual({ error: 'Reporting hours: enter a value (a number of hours from 100 to 2,500).' });
  });

  it('shows a lever back the way it was typed and the way a sentence reads it', () => {
    expect(leverText('share', 0.1525)).toBe('15.25');
    expect(leverText('salary', 5_800_000)).toBe('58,000.00');
    expect(leverText('wte', 0.6)).toBe('0.6');
    expect(leverDisplay('share', 0.25)).toBe('25.0%');
    expect(leverDisplay('salary', 5_800_000)).toBe('£58,000');
    expect(leverDisplay('price', 4500)).toBe('£45.00');
    expect(leverDisplay('months', 1)).toBe('1 month');
    expect(leverDisplay('wte', 0.6)).toBe('0.60 WTE');
  });
});

describe('lever paths', () => {
  it('lists a field for every lever, rates and prices by modality, outsourced modalities included', () => {
    const fields = leverFields(fakeLevers(), ['CT', 'MR', 'US']);
    const paths = fields.map((f) => f.path);
    expect(paths).toContain('targetPlainFilmShare');
    expect(paths).toContain('reportsPerHour.radiologist.CT');
    expect(paths).toContain('reportsPerHour.reporting_radiographer.XR');
    expect(paths).toContain('annualCostPerWtePence.reporting_radiographer');
    expect(paths.filter((p) => p.startsWith('outsourcingUnitPricePence.'))).toEqual(['outsourcingUnitPricePence.XR', 'outsourcingUnitPricePence.CT', 'outsourcingUnitPricePence.MR', 'outsourcingUnitPricePence.US']);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('reads and writes nested levers without touching the original', () => {
    const levers = fakeLevers();
    const next = withLever(levers, 'reportsPerHour.radiologist.CT', 5);
    expect(leverValue(next, 'reportsPerHour.radiologist.CT')).toBe(5);
    expect(leverValue(levers, 'reportsPerHour.radiologist.CT')).toBe(4);
    expect(withLever(levers, 'outsourcingUnitPricePence.US', 2500).outsourcingUnitPricePence.US).toBe(2500);
    expect(leverValue(levers, 'reportsPerHour.radiologist')).toBeUndefined();
    expect(changedFields(leverFields(next), next, levers).map((f) => f.path)).toEqual(['reportsPerHour.radiologist.CT']);
  });

  it('finds the nearest note: the exact lever, else its group', () => {
    const notes = fakeBaseline().notes;
    expect(noteFor(notes, 'reportsPerHour.radiologist.CT')?.source).toMatch(/RCR/);
    expect(noteFor(notes, 'outsourcingUnitPricePence.CT')?.source).toBe('Tariff: Medica 2024/25');
    expect(noteFor(notes, 'outsourcingUnitPricePence.MR')).toBeNull();
  });
});

describe('outputs as figures', () => {
  const baseline = fakeBaseline();
  const { outcome } = fakeEvaluate(baseline, fakeLevers());

  it('writes money in whole pounds, a net effect with its sign, payback in months', () => {
    expect(formatPounds(13_500_000)).toBe('£135,000');
    expect(formatSignedPounds(2_700_000)).toBe('+£27,000');
    expect(formatSignedPounds(-325_000)).toBe('\u2212£3,250');
    expect(formatSignedPounds(20)).toBe('£0');
    expect(formatPayback(null)).toBe('Not repaid');
    expect(formatPayback(11.24)).toBe('11.2 months');
    expect(formatPayback(1)).toBe('1.0 month');
    expect(formatPayback(33.33)).toBe('33.3 months (about 2 years 9 months)');
    expect(formatPayback(36)).toBe('36.0 months (about 3 years)');
  });

  it('gives the headline outputs with the benchmark beside the new skill mix', () => {
    const figures = Object.fromEntries(outcomeFigures(outcome, baseline, fakeLevers()).map((f) => [f.id, f]));
    expect(figures.hours?.value).toBe('750 h');
    expect(figures.hours?.detail).toBe('188 four-hour sessions a year');
    expect(figures.broughtBack?.value).toBe('3,000');
    expect(figures.spendAvoided?.value).toBe('£135,000');
    expect(figures.addedCost?.value).toBe('£108,000');
    expect(figures.net).toMatchObject({ value: '+£27,000', tone: 'good' });
    expect(figures.payback?.value).toBe('33.3 months');
    expect(figures.payback?.detail).toBe('from the start of training (about 2 years 9 months); one-off cost £48,000');
    expect(figures.skillMix?.value).toBe('25.0%');
    expect(figures.skillMix?.detail).toBe('now 10.0%; benchmark 15.0% (Shelford Group, 2016/17)');
    expect(plainFilmBenchmark(baseline.benchmarks)?.cohort).toBe('shelford');
  });

  it('shows backlog cleared instead of reports brought back when the time goes to the backlog', () => {
    const levers = { ...fakeLevers(), releasedTimeUse: 'backlog' as const };
    const ids = outcomeFigures(fakeEvaluate(baseline, levers).outcome, baseline, levers).map((f) => f.id);
    expect(ids).toContain('backlogCleared');
    expect(ids).not.toContain('broughtBack');
  });
});

describe('tornado', () => {
  const { outcome } = fakeEvaluate(fakeBaseline(), fakeLevers());

  it('draws floating horizontal bars from the central figure to each end, largest swing first', () => {
    const chart = tornadoChart('t', outcome);
    expect(chart.config.options?.indexAxis).toBe('y');
    const [low, high] = chart.config.data.datasets;
    const rows = tornadoRows(outcome.sensitivity);
    expect(rows.map((r) => r.swingPence)).toEqual([...rows.map((r) => r.swingPence)].sort((a, b) => b - a));
    expect(low?.data).toEqual(rows.map((r) => [270_00, r.lowPence / 100]));
    expect(high?.data).toEqual(rows.map((r) => [270_00, r.highPence / 100]));
    expect(low?.backgroundColor).toBe(TORNADO_COLOURS.low);
    expect(chart.config.data.labels).toEqual(rows.map((r) => r.label));
    expect(chart.table.columns).toEqual(['Lever', 'Net effect, lever 20% lower', 'Net effect, lever 20% higher', 'Swing']);
    expect(chart.table.rows[0]?.[1]).toBe(formatSignedPounds(rows[0]!.lowPence));
    expect(chart.empty).toBe(false);
  });

  it('places the bars of the printed tornado on one scale that includes £0', () => {
    const scale = tornadoScale([{ lever: 'a', label: 'A', lowPence: 100, highPence: 500, swingPence: 400 }], 300);
    expect(scale.at(0)).toBe(0);
    expect(scale.at(500)).toBe(100);
    expect(scale.at(300)).toBe(60);
  });
});
