/**
 * The SQL behind every reporting metric, in one place. analyse.ts runs these builders, and the metric definitions
 * shown in the Methods panel quote them, so the text a user reads and the query the engine runs cannot drift.
 * `where` is the site and modality filter clause (empty when unfiltered); `?` are the period's months.
 */

/** The report's final group: the staff register first, then the extract's own group, provider, unclassified. */
export const GROUP_SQL = `COALESCE(s.staff_group, r.base_group)`;
export const REPORT_JOIN = `FROM sum_report r LEFT JOIN staff s ON s.code = r.reporter_code AND r.reporter_code <> ''`;

export const examsSql = (where: string) =>
  `SELECT modality, SUM(n) AS n, SUM(CASE WHEN unknown = 1 THEN n ELSE 0 END) AS unknown
     FROM sum_exam WHERE month BETWEEN ? AND ?${where} GROUP BY modality`;

export const reportCellsSql = (where: string) =>
  `SELECT r.modality AS modality, ${GROUP_SQL} AS grp, COALESCE(NULLIF(r.provider, ''), s.provider, '') AS provider,
            r.month AS month, SUM(r.n) AS n, SUM(r.negative) AS negative, SUM(r.breaches) AS breaches
     ${REPORT_JOIN} WHERE r.month BETWEEN ? AND ?${where}
     GROUP BY 1, 2, 3, 4`;

export const unclassifiedSql = (where: string) =>
  `SELECT r.reporter_code AS code, rs.name AS name, SUM(r.n) AS reports
     ${REPORT_JOIN} LEFT JOIN reporter_seen rs ON rs.code = r.reporter_code
     WHERE r.month BETWEEN ? AND ?${where} AND ${GROUP_SQL} = 'unclassified'
     GROUP BY r.reporter_code ORDER BY reports DESC, code`;

export const turnaroundBinsSql = (dimension: 'modality' | 'source', where: string) =>
  `SELECT ${dimension} AS k, bin, SUM(n) AS n FROM sum_tat_bin
     WHERE month BETWEEN ? AND ?${where} GROUP BY 1, 2 ORDER BY 1, 2`;

export const turnaroundValuesSql = (dimension: 'modality' | 'source' | null, where: string) =>
  `SELECT CAST(pair.key AS NUMERIC) AS v, SUM(pair.value) AS n FROM sum_tat_values, json_each(tat_values) AS pair
     WHERE bin = ? AND month BETWEEN ? AND ?${where}${dimension ? ` AND ${dimension} = ?` : ''} GROUP BY 1 ORDER BY 1`;

/** Waiting at the period end: unreported, or reported after it. Recent days by range, older ones by partial index. */
const WAITING = `(lag_days IS NULL OR julianday(exam_date) + lag_days > julianday(?))`;
export const backlogSql = (recentWhere: string, olderWhere: string) =>
  `SELECT exam_date, SUM(n) AS n FROM (
       SELECT exam_date, n FROM sum_lag
         WHERE exam_date > ? AND exam_date <= ? AND ${WAITING}${recentWhere}
       UNION ALL
       SELECT exam_date, n FROM sum_lag INDEXED BY sum_lag_long
         WHERE (lag_days IS NULL OR lag_days > 90) AND exam_date <= ? AND ${WAITING}${olderWhere}
     ) GROUP BY exam_date`;

/** How the queries read with filters, for the Methods panel. */
export const FILTERS_SHOWN = ' [AND site IN (…)] [AND modality IN (…)]';
