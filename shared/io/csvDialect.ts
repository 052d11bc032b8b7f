import Papa from 'papaparse';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

export interface CsvDialect {
  delimiter: string;
  /** What papaparse splits records on. '\n' also covers CRLF: the reader drops the CR left on each record. */
  newline: '\n' | '\r';
  /** Field count most records share (0 if no delimiter was found); a longer record is reported as a problem. */
  width: number;
}

/** Records looked at per candidate delimiter. */
const SNIFF_RECORDS = 1000;

/**
 * Splitting on LF and stripping a trailing CR copes with CRLF, LF and files that mix them;
 * only old Mac files with bare CRs need CR as the separator.
 */
export function detectNewline(head: string): '\n' | '\r' {
  return head.indexOf('\n') === -1 && head.indexOf('\r') !== -1 ? '\r' : '\n';
}

/**
 * Picks the delimiter whose split gives the most records with one shared field count (quotes respected),
 * penalising records that disagree. Title rows, blank lines and one-field rows count against every candidate alike.
 * Ties keep the earlier candidate (comma, semicolon, tab, pipe).
 */
export function detectDialect(head: string, complete: boolean): CsvDialect {
  const newline = detectNewline(head);
  let best: CsvDialect = { delimiter: ',', newline, width: 0 };
  let bestScore = -Infinity;
  for (const delimiter of DELIMITERS) {
    const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"', preview: SNIFF_RECORDS });
    const rows = (parser.parse(head, 0, !complete) as { data: string[][] }).data;
    const counts = new Map<number, number>();
    let records = 0;
    for (const row of rows) {
      if (row.length === 1 && (row[0] ?? '').trim() === '') continue;
      records++;
      counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    }
    let width = 0;
    let agreeing = 0;
    for (const [fields, n] of counts) {
      if (fields > 1 && (n > agreeing || (n === agreeing && fields > width))) {
        width = fields;
        agreeing = n;
      }
    }
    const score = agreeing - (records - agreeing);
    if (width > 1 && score > bestScore) {
      best = { delimiter, newline, width };
      bestScore = score;
    }
  }
  return best;
}
