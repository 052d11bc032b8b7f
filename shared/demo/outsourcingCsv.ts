/**
 * The demo's outsourcing paperwork as the files a finance officer would import: the tariff, one statement file
 * per provider in that provider's own layout (Medica: a title row, examination codes, UK dates, £ amounts and a
 * totals row; Everlight: a provider column, no codes, dd-MMM-yyyy dates, upper-case urgency), and the ledger
 * of invoices paid. Importing them gives the same tariff and statement lines as loading the demo.
 */
import { demoExams, type DemoOptions } from './generator';
import { csvField, ukDate } from './csv';
import { DemoOutsourcingBuilder, type DemoOutsourcing, type DemoProvider, type DemoStatementLine } from './outsourcing';

const CRLF = '\r\n';

/** The demo's outsourcing data, from one pass over the generated examinations. */
export function demoOutsourcing(opts: DemoOptions = {}): DemoOutsourcing {
  const builder = new DemoOutsourcingBuilder(opts);
  for (const exam of demoExams(opts)) builder.add(exam);
  return builder.build();
}

const money = (pence: number): string => `${pence < 0 ? '-' : ''}${Math.floor(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, '0')}`;
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthIndex = (month: string): number => Number(month.slice(5, 7)) - 1;

export const TARIFF_CSV_HEADER = ['Provider', 'Modality', 'Priority', 'Exam Code', 'Unit Price', 'Effective From', 'Effective To'] as const;

export function demoTariffCsvLines(data: DemoOutsourcing): string[] {
  const lines = [TARIFF_CSV_HEADER.join(',') + CRLF];
  for (const t of data.tariff) {
    lines.push(
      [csvField(t.provider), t.modality, csvField(t.priority), csvField(t.examCode), `£${money(t.unitPricePence)}`, ukDate(t.effectiveFrom), t.effectiveTo ? ukDate(t.effectiveTo) : ''].join(',') + CRLF,
    );
  }
  return lines;
}

/** The file each provider's statements are written to. */
export const STATEMENT_FILES: Record<DemoProvider, string> = {
  Medica: 'demo-statement-medica.csv',
  Everlight: 'demo-statement-everlight.csv',
};

/** Where each provider's first statement line sits in its file (1-based): after Medica's title and header rows. */
export const STATEMENT_FIRST_ROW: Record<DemoProvider, number> = { Medica: 3, Everlight: 2 };

export const MEDICA_TITLE = 'Medica Reporting Ltd: teleradiology activity statement (SYNTHETIC DEMO DATA)';
export const MEDICA_HEADER = ['Statement Month', 'Accession Number', 'Exam Code', 'Examination', 'Modality', 'Priority', 'Date Reported', 'Unit Price', 'Line Amount'] as const;
export const EVERLIGHT_HEADER = ['Provider', 'Invoice Period', 'Acc No', 'Study Description', 'Modality', 'Urgency', 'Report Date', 'Fee (£)', 'Amount (£)'] as const;
export const EVERLIGHT_NAME = 'Everlight Radiology';

function medicaRow(l: DemoStatementLine): string {
  const month = `${SHORT_MONTHS[monthIndex(l.month)]}-${l.month.slice(2, 4)}`;
  return [month, csvField(l.accession), csvField(l.examCode), csvField(l.examName), l.modality, csvField(l.priority), ukDate(l.reportedOn), `£${money(l.unitPricePence)}`, `£${money(l.amountPence)}`].join(',');
}

function everlightRow(l: DemoStatementLine): string {
  const month = `${LONG_MONTHS[monthIndex(l.month)]} ${l.month.slice(0, 4)}`;
  const day = `${l.reportedOn.slice(8, 10)}-${SHORT_MONTHS[monthIndex(l.reportedOn)]}-${l.reportedOn.slice(0, 4)}`;
  return [EVERLIGHT_NAME, month, csvField(l.accession), csvField(l.examName), l.modality, csvField(l.priority?.toUpperCase() ?? null), day, money(l.unitPricePence), money(l.amountPence)].join(',');
}

/** One provider's statements for the year, in its own layout. */
export function demoStatementCsvLines(data: DemoOutsourcing, provider: DemoProvider): string[] {
  const lines = data.statements.filter((l) => l.provider === provider);
  const out: string[] = [];
  if (provider === 'Medica') {
    out.push(csvField(MEDICA_TITLE) + CRLF, MEDICA_HEADER.join(',') + CRLF, ...lines.map((l) => medicaRow(l) + CRLF));
    const total = lines.reduce((sum, l) => sum + l.amountPence, 0);
    out.push(['Total', '', '', '', '', '', '', '', `£${money(total)}`].join(',') + CRLF);
  } else {
    out.push(EVERLIGHT_HEADER.map(csvField).join(',') + CRLF, ...lines.map((l) => everlightRow(l) + CRLF));
  }
  return out;
}

/** The file the trust's ledger of outsourcing invoices is written to. */
export const LEDGER_FILE = 'demo-ledger.csv';

export const LEDGER_CSV_HEADER = ['Cost Centre', 'Subjective', 'Subjective Description', 'Supplier', 'Description', 'Period', 'Transaction Date', 'Amount', 'Reference'] as const;

/** The ledger period of a month: "2025/26 M07". */
function ledgerPeriod(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const start = m >= 4 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')} M${String(((m + 8) % 12) + 1).padStart(2, '0')}`;
}

function lastDay(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(d).padStart(2, '0')}/${month.slice(5, 7)}/${y}`;
}

/** The trust's ledger lines for the outsourcing invoices. */
export function demoLedgerCsvLines(data: DemoOutsourcing): string[] {
  const out = [LEDGER_CSV_HEADER.join(',') + CRLF];
  for (const l of data.ledger) {
    const label = `${SHORT_MONTHS[monthIndex(l.month)]}-${l.month.slice(2, 4)}`;
    out.push(
      ['RAD100 Radiology', '52150', 'Outsourced reporting services', csvField(l.supplier), `Teleradiology reporting ${label}`, ledgerPeriod(l.month), lastDay(l.month), money(l.amountPence), l.reference].join(',') + CRLF,
    );
  }
  return out;
}

/** Every outsourcing file of the demo, by file name. */
export function demoOutsourcingFiles(data: DemoOutsourcing): Record<string, string> {
  return {
    'demo-tariff.csv': demoTariffCsvLines(data).join(''),
    [STATEMENT_FILES.Medica]: demoStatementCsvLines(data, 'Medica').join(''),
    [STATEMENT_FILES.Everlight]: demoStatementCsvLines(data, 'Everlight').join(''),
    [LEDGER_FILE]: demoLedgerCsvLines(data).join(''),
  };
}
