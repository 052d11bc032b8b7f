import type { Database } from 'sql.js';
import type { Period, PeriodSpec } from '../contract';
import { queryValue } from '../db/connection';
import { financialYearOf, financialYearPeriod, parseMonth, parsePeriod, periodFromMonths } from './calendar';

/** The latest financial year that holds any reports (CLI.md's default), else any examinations, else this year. */
export function latestPeriod(db: Database, today: Date = new Date()): Period {
  const lastReport = queryValue(db, 'SELECT max(month) FROM sum_report');
  const lastExam = queryValue(db, 'SELECT max(month) FROM sum_exam');
  const month = (lastReport ?? lastExam ?? today.toISOString().slice(0, 7)) as string;
  return financialYearPeriod(financialYearOf(month));
}

export function resolvePeriod(db: Database, spec: PeriodSpec): Period {
  if ('latest' in spec) return latestPeriod(db);
  if ('spec' in spec) return parsePeriod(spec.spec);
  return periodFromMonths(parseMonth(spec.fromMonth, 'The first month'), parseMonth(spec.toMonth, 'The last month'));
}
