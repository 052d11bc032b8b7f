import type { AnalysisResult } from '../../shared/contract';
import { IN_HOUSE_GROUPS, STAFF_GROUP_NAMES, type StaffGroup } from '../../shared/model';

const count = new Intl.NumberFormat('en-GB');
const oneDp = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

const pct = (x: number | null) => (x === null ? '—' : `${oneDp.format(x * 100)}%`);
const hours = (x: number | null) => (x === null ? '—' : `${oneDp.format(x)} h`);
const num = (x: number | null) => (x === null ? '—' : count.format(Math.round(x)));
const ukDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** A terminal summary of an analysis, en-GB formatted. */
export function formatTextSummary(r: AnalysisResult, options: { synthetic: boolean }): string {
  const out: string[] = [];
  const line = (text = '') => out.push(text);
  if (options.synthetic) line('*** SYNTHETIC DEMO DATA — not a real trust ***');
  line(`RadBench — ${ukDate(r.period.from)} to ${ukDate(r.period.to)} (${r.period.months} months)`);
  line();
  if (r.imports.length) {
    line('Imports');
    for (const i of r.imports) {
      line(`  ${i.file} (${i.kind}): ${num(i.rowsRead)} rows, ${num(i.accepted)} accepted, ${num(i.updated)} updated, ${num(i.rejected)} rejected`);
    }
    line();
  }
  line(`Examinations  ${num(r.exams.total)}`);
  line(`Reports       ${num(r.reports.total)}`);
  for (const [group, n] of Object.entries(r.reports.byGroup)) {
    if (n > 0) line(`  ${STAFF_GROUP_NAMES[group as StaffGroup].padEnd(28)} ${num(n).padStart(10)}`);
  }
  line();
  line('Reports per WTE (annualised)        WTE    reports/WTE   weighted');
  for (const g of IN_HOUSE_GROUPS) {
    line(
      `  ${STAFF_GROUP_NAMES[g].padEnd(28)} ${oneDp.format(r.wte[g]).padStart(7)} ${num(r.reportsPerWte[g]).padStart(14)} ${num(r.weightedReportsPerWte[g]).padStart(10)}`,
    );
  }
  line();
  line(`Plain-film skill mix (radiographers)  ${pct(r.skillMix.plainFilmRadiographerShare)}`);
  line(`Ultrasound skill mix (sonographers)   ${pct(r.skillMix.ultrasoundSonographerShare)}`);
  line(`Outsourced share                      ${pct(r.outsourcing.share)}  (${num(r.outsourcing.reports)} reports)`);
  for (const p of r.outsourcing.byProvider) line(`  ${p.provider.padEnd(30)} ${num(p.reports).padStart(8)}`);
  line(`Insourced share                       ${pct(r.insourcing.share)}  (${num(r.insourcing.reports)} reports)`);
  if (r.outsourcing.costPerReport !== null) line(`Cost per outsourced report            ${gbp.format(r.outsourcing.costPerReport)}`);
  line();
  const t = r.turnaround.overall;
  line(`Turnaround: median ${hours(t.medianHours)}, 90th percentile ${hours(t.p90Hours)} (${num(t.n)} reports)`);
  for (const [m, s] of Object.entries(r.turnaround.byModality)) {
    line(`  ${m.padEnd(4)} median ${hours(s.medianHours).padStart(9)}   p90 ${hours(s.p90Hours).padStart(9)}   n ${num(s.n)}`);
  }
  line();
  const a = r.backlog.ageDays;
  line(`Backlog at ${ukDate(r.period.to)}: ${num(r.backlog.total)} (0–7 d ${num(a['0-7'])}, 8–14 d ${num(a['8-14'])}, 15–28 d ${num(a['15-28'])}, over 28 d ${num(a['29+'])})`);
  line(`Reports over 4 weeks: ${num(r.breaches28d)}`);
  if (r.unclassifiedReporters.length) {
    line();
    line('Unclassified reporters (add them to the staff register):');
    for (const u of r.unclassifiedReporters.slice(0, 15)) line(`  ${(u.code || '—').padEnd(12)} ${u.name.padEnd(28)} ${num(u.reports)}`);
  }
  line();
  line('Benchmarks');
  for (const b of r.benchmarks) {
    const fmt = b.metric.includes('Share') ? pct : b.metric.toLowerCase().includes('cost') || b.metric.includes('Spend') ? (x: number | null) => (x === null ? '—' : gbp.format(x)) : num;
    line(`  ${b.metric}: ours ${fmt(b.ours)} vs ${fmt(b.value)} (${b.cohort}, ${b.year})`);
  }
  line();
  const q = r.dataQuality;
  line(`Data quality: ${num(q.negativeTurnaround)} reports dated before their examination, ${num(q.unknownModality)} unknown modalities, ${num(q.duplicateKeysInFile)} duplicate keys in files`);
  return out.join('\n') + '\n';
}
