/**
 * The reconciliation dispute pack: an XLSX workbook to send to a provider. A Summary sheet (one row per provider
 * and month, the three money figures, variances and status, and how the status is set), then one sheet per line
 * status with accession numbers, dates, amounts, reasons, decisions and notes. Cells are typed (money as £
 * numbers, dates as dates) and all text is neutralised against formula injection (sheet.ts). No patient
 * identifier or reporter name is written: the pack leaves the trust.
 */
import { LINE_DECISION_NAMES, LINE_STATUS_NAMES, type LineStatus, type ReconcileLine, type ReconciliationRow, type TrafficLight } from '../reconcile/api';
import { FORMATS, date, note, num, type SheetValue, writeWorkbook } from './sheet';
import { SYNTHETIC_BANNER } from './workbook';

export interface DisputePackInput {
  rows: readonly ReconciliationRow[];
  /** The lines of those rows (any order). */
  lines: readonly ReconcileLine[];
  statusRules: readonly string[];
  generatedAt: Date;
  synthetic: boolean;
}

/** Status sheets in the order the pack lists them: what is in dispute first, the matched lines last. */
export const PACK_STATUS_ORDER: readonly LineStatus[] = ['price_differs', 'billed_twice', 'billed_not_in_ris', 'reported_by_other', 'not_billed', 'matched'];

export const SUMMARY_SHEET = 'Summary';

const LIGHT_NAMES: Record<TrafficLight, string> = { green: 'Green', amber: 'Amber', red: 'Red' };

const gbp = (pence: number | null): SheetValue => (pence === null ? null : num(pence / 100, FORMATS.gbp));
const count = (n: number): SheetValue => num(n, FORMATS.count);
const monthCell = (month: string): SheetValue => date(`${month}-01`, FORMATS.month);

function summarySheet(input: DisputePackInput): SheetValue[][] {
  const rows: SheetValue[][] = [[note('RadBench: outsourcing reconciliation and dispute pack')]];
  if (input.synthetic) rows.push([note(SYNTHETIC_BANNER)]);
  const providers = [...new Set(input.rows.map((r) => r.provider))];
  const months = input.rows.map((r) => r.month).sort();
  rows.push(
    [],
    ['Providers', providers.join(', ') || 'none'],
    ['Months', months.length ? `${monthLabel(months[0]!)} to ${monthLabel(months[months.length - 1]!)}` : 'none'],
    ['Generated at', date(input.generatedAt, FORMATS.dateTime)],
    [],
    [
      'Provider', 'Month', 'Status', 'Statement lines', 'Matched', 'Price differs', 'Billed twice', 'Billed, not in RIS',
      'Reported by someone else', 'In RIS, not billed', 'Expected cost (RIS × tariff)', 'Statement total', 'Ledger spend',
      'Statement − expected', 'Ledger − statement', 'Open issues', 'Disputed', 'Why',
    ],
  );
  for (const r of input.rows) {
    rows.push([
      r.provider, monthCell(r.month), LIGHT_NAMES[r.status], count(r.statementLines), count(r.matched), count(r.priceVariance),
      count(r.billedTwice), count(r.billedNotInRis), count(r.reportedByOther), count(r.notBilled), gbp(r.expectedCostPence),
      gbp(r.statementTotalPence), r.hasLedger ? gbp(r.ledgerSpendPence) : 'no ledger', gbp(r.statementVariancePence),
      gbp(r.ledgerVariancePence), count(r.openIssues), count(r.disputed), note(r.reasons.join('; ')),
    ]);
  }
  if (input.rows.length === 0) rows.push([note('No provider statement falls in the months chosen.')]);
  rows.push([], [note('How the status is set')], ...input.statusRules.map((rule) => [note(rule)]));
  rows.push(
    [],
    [note('The sheets')],
    ...PACK_STATUS_ORDER.map((s) => [LINE_STATUS_NAMES[s], note(STATUS_MEANING[s])]),
    [],
    [note('Money in pounds. The expected cost prices each RIS examination the provider reported in the month at the tariff in force on its report date.')],
  );
  return rows;
}

const STATUS_MEANING: Record<LineStatus, string> = {
  price_differs: 'Matched to a RIS examination, but billed at a unit price other than the tariff in force on the date reported.',
  billed_twice: 'The same accession and examination was billed on an earlier line or statement.',
  billed_not_in_ris: 'No RIS examination has this accession number (and examination).',
  reported_by_other: 'The RIS shows the report issued by someone else: an in-house reporter or another provider.',
  not_billed: 'The RIS shows the provider reported it in a month its statements cover, but no statement line bills it.',
  matched: 'Matched to a RIS examination at the tariff (or where no tariff applies).',
};

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function monthLabel(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

const LINE_HEADER = [
  'Provider', 'Statement month', 'Accession number', 'Examination code', 'Examination', 'Modality', 'Priority', 'Date reported',
  'Unit price', 'Line amount', 'Tariff', 'Difference', 'Statement file', 'Statement row', 'Detail', 'Decision', 'Note',
];

function lineSheet(status: LineStatus, lines: readonly ReconcileLine[]): SheetValue[][] {
  const rows: SheetValue[][] = [[note(`${LINE_STATUS_NAMES[status]}: ${STATUS_MEANING[status]}`)], [], LINE_HEADER];
  for (const l of lines) {
    rows.push([
      l.provider, monthCell(l.month), l.accession, l.examCode, l.examName, l.modality, l.priority,
      l.reportedAt ? date(l.reportedAt.slice(0, 10), FORMATS.date) : null, gbp(l.unitPricePence), gbp(l.amountPence),
      gbp(l.tariffPence), gbp(l.differencePence), l.file, l.row === null ? null : num(l.row, FORMATS.count), note(l.reason),
      LINE_DECISION_NAMES[l.decision], note(l.note ?? ''),
    ]);
  }
  if (lines.length === 0) rows.push([note('No lines.')]);
  else {
    const sum = (pick: (l: ReconcileLine) => number | null): number | null =>
      lines.some((l) => pick(l) !== null) ? lines.reduce((s, l) => s + (pick(l) ?? 0), 0) : null;
    rows.push([], ['Total', null, note(`${lines.length} line${lines.length === 1 ? '' : 's'}`), null, null, null, null, null, null, gbp(sum((l) => l.amountPence)), gbp(sum((l) => l.tariffPence)), gbp(sum((l) => l.differencePence))]);
  }
  return rows;
}

export function buildDisputePack(input: DisputePackInput): Uint8Array {
  const sheets: [string, SheetValue[][]][] = [[SUMMARY_SHEET, summarySheet(input)]];
  for (const status of PACK_STATUS_ORDER) {
    sheets.push([LINE_STATUS_NAMES[status], lineSheet(status, input.lines.filter((l) => l.status === status))]);
  }
  return writeWorkbook(sheets, { title: 'RadBench dispute pack', createdDate: input.generatedAt });
}
