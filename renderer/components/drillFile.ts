/** File names for the CSV downloads of drill-down panels. */
import type { PeriodSpec } from '../../shared/contract';

/** e.g. radbench-ledger-Medica-2023-24.csv: letters, digits and single hyphens only, at most 100 before .csv. */
export function drillFileName(kind: string, title: string, spec: PeriodSpec | null): string {
  const label = spec && 'spec' in spec ? spec.spec : 'period';
  const name = `radbench-${kind}-${title}-${label}`.replace(/[^0-9A-Za-z-]+/g, '-').replace(/-+/g, '-').slice(0, 100);
  return `${name}.csv`;
}
