import type { Database } from 'sql.js';
import type { DrillRequest, DrillResult, Period } from '../contract';
import { queryValue } from '../db/connection';
import { dateFromDayNumber, dayNumber } from './calendar';

/** The same group resolution as the summaries, at row level: register, extract column, provider, unclassified. */
const ROW_GROUP = `COALESCE(s.staff_group, e.extract_group, CASE WHEN e.provider IS NOT NULL AND e.provider <> '' THEN 'outsourced' END, 'unclassified')`;
const TAT_HOURS = `ROUND((julianday(e.reported_at) - julianday(e.exam_at)) * 24, 3)`;

const COLUMNS = [
  'Accession number',
  'Examination code',
  'Examination',
  'Modality',
  'Site',
  'Patient source',
  'Examination date-time',
  'Report issued',
  'Turnaround (hours)',
  'Reporter code',
  'Staff group',
  'Provider',
  'Source row',
  'Import batch',
];

const SELECT = `SELECT e.accession, e.exam_code, e.exam_name, e.modality, e.site, e.patient_source, e.exam_at, e.reported_at,
  CASE WHEN e.reported_at IS NOT NULL THEN ${TAT_HOURS} END, e.reporter_code, ${ROW_GROUP}, e.provider, e.src_row, e.batch_id`;
const FROM = `FROM exam e LEFT JOIN staff s ON s.code = e.reporter_code`;

/** The rows behind a figure, straight from the exam table (drill-down is rare, so a scan is acceptable). */
export function drillDown(db: Database, period: Period, req: DrillRequest): DrillResult {
  const dayAfter = dateFromDayNumber(dayNumber(period.to) + 1);
  const params: (string | number)[] = [];
  const conditions: string[] = [];
  const reportedIn = () => {
    conditions.push('e.reported_at >= ? AND e.reported_at < ?');
    params.push(period.from, dayAfter);
  };
  switch (req.metric) {
    case 'exams':
      conditions.push('e.exam_at >= ? AND e.exam_at < ?');
      params.push(period.from, dayAfter);
      break;
    case 'backlog':
      conditions.push('e.exam_at < ? AND (e.reported_at IS NULL OR e.reported_at >= ?)');
      params.push(dayAfter, dayAfter);
      break;
    case 'turnaround':
      reportedIn();
      conditions.push('e.reported_at >= e.exam_at');
      break;
    case 'breaches28d':
      reportedIn();
      conditions.push('julianday(e.reported_at) - julianday(e.exam_at) > 28');
      break;
    case 'skillMix.plainFilm':
      reportedIn();
      conditions.push(`e.modality = 'XR'`);
      break;
    case 'skillMix.ultrasound':
      reportedIn();
      conditions.push(`e.modality = 'US'`);
      break;
    case 'outsourcing':
      reportedIn();
      conditions.push(`${ROW_GROUP} = 'outsourced'`);
      break;
    case 'unclassified':
      reportedIn();
      conditions.push(`${ROW_GROUP} = 'unclassified'`);
      break;
    case 'reports':
      reportedIn();
      break;
  }
  if (req.group) {
    conditions.push(`${ROW_GROUP} = ?`);
    params.push(req.group);
  }
  if (req.filters?.sites?.length) {
    conditions.push(`e.site IN (${req.filters.sites.map(() => '?').join(',')})`);
    params.push(...req.filters.sites);
  }
  if (req.filters?.modalities?.length) {
    conditions.push(`e.modality IN (${req.filters.modalities.map(() => '?').join(',')})`);
    params.push(...req.filters.modalities);
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const total = Number(queryValue(db, `SELECT count(*) ${FROM} ${where}`, params));
  const limit = Math.min(Math.max(req.limit ?? 500, 1), 50_000);
  const offset = Math.max(req.offset ?? 0, 0);
  const order = req.metric === 'backlog' ? 'e.exam_at' : req.metric === 'exams' ? 'e.exam_at' : 'e.reported_at';
  const result = db.exec(`${SELECT} ${FROM} ${where} ORDER BY ${order}, e.id LIMIT ${limit} OFFSET ${offset}`, params);
  return {
    columns: COLUMNS,
    rows: (result[0]?.values ?? []) as (string | number | null)[][],
    total,
  };
}
