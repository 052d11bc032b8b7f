import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { buildDisputePack, PACK_STATUS_ORDER } from '../../../shared/export/disputePack';
import { LINE_STATUS_NAMES, type ReconcileLine, type ReconciliationRow } from '../../../shared/reconcile/api';
import { SYNTHETIC_BANNER } from '../../../shared/export/workbook';

const row: ReconciliationRow = {
  provider: '=Evil Ltd', month: '2025-10', statementLines: 2, matched: 1, billedNotInRis: 0, notBilled: 0, billedTwice: 1, priceVariance: 0,
  reportedByOther: 0, expectedCostPence: 3800, statementTotalPence: 7600, ledgerSpendPence: 0, expectedReports: 1, unpricedReports: 0,
  statementVariancePence: 3800, ledgerVariancePence: null, hasLedger: false, priceDifferencePence: 0, openIssues: 1, disputed: 1, settled: 0,
  status: 'red', reasons: ['not yet accepted or resolved: 1 line billed twice'], statements: [{ batchId: 1, file: 'x.csv', lines: 2 }],
};

function line(p: Partial<ReconcileLine>): ReconcileLine {
  return {
    key: 'k', status: 'matched', accession: 'A1', examCode: 'CHEAD', modality: 'CT', priority: 'Routine', reportedAt: '2025-10-02',
    unitPricePence: 3800, amountPence: 3800, tariffPence: 3800, differencePence: 0, reporter: 'RAD01 Davies, R', decision: 'open', note: null,
    locked: false, provider: '=Evil Ltd', month: '2025-10', source: 'statement', examName: 'CT Head', reason: 'matched at the tariff (£38.00)',
    file: 'x.csv', row: 2, batchId: 1, risExamAt: null, risReportedAt: null, risGroup: 'outsourced', risProvider: '=Evil Ltd', duplicateOf: null,
    credit: false, decidedStatus: null, statusChanged: false, decidedAt: null, ...p,
  };
}

const read = (bytes: Uint8Array) => XLSX.read(bytes, { cellNF: true });
const rows = (wb: XLSX.WorkBook, name: string) => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1 });

describe('the dispute pack', () => {
  const wb = read(
    buildDisputePack({
      rows: [row],
      lines: [line({}), line({ key: 'k2', status: 'billed_twice', accession: '+A1', decision: 'disputed', note: '@SUM(A1:A9) billed in September too', row: 3 })],
      statusRules: ['Red: …', 'Amber: …', 'Green: …'],
      generatedAt: new Date(2025, 10, 1, 9, 30),
      synthetic: true,
    }),
  );

  it('has a summary, then one sheet per status, matched last', () => {
    expect(wb.SheetNames).toEqual(['Summary', ...PACK_STATUS_ORDER.map((s) => LINE_STATUS_NAMES[s])]);
    expect(PACK_STATUS_ORDER.at(-1)).toBe('matched');
  });

  it('writes money as £ numbers and dates as dates, and neutralises text that a spreadsheet would run', () => {
    const twice = rows(wb, 'Billed twice');
    const header = twice[2] as string[];
    const body = twice[3]!;
    expect(body[header.indexOf('Provider')]).toBe("'=Evil Ltd");
    expect(body[header.indexOf('Accession number')]).toBe("'+A1");
    expect(body[header.indexOf('Note')]).toBe("'@SUM(A1:A9) billed in September too");
    expect(body[header.indexOf('Decision')]).toBe('Disputed');
    expect(body[header.indexOf('Line amount')]).toBe(38);
    const sheet = wb.Sheets['Billed twice']!;
    const dateCell = sheet[XLSX.utils.encode_cell({ r: 3, c: header.indexOf('Date reported') })]!;
    expect([dateCell.t, dateCell.z]).toEqual(['n', 'dd/mm/yyyy']);
    expect(XLSX.SSF.format(dateCell.z as string, dateCell.v as number)).toBe('02/10/2025');
    const amount = sheet[XLSX.utils.encode_cell({ r: 3, c: header.indexOf('Line amount') })]!;
    expect(amount.z).toBe('"£"#,##0.00');
  });

  it('never names the reporter, and says so when a status has no lines', () => {
    const all = wb.SheetNames.flatMap((n) => rows(wb, n)).flat().join(' ');
    expect(all).not.toContain('Davies');
    expect(rows(wb, 'Billed, not in RIS').flat()).toContain('No lines.');
  });

  it('summarises each provider-month with its status, figures and reasons, labelled synthetic for the demo', () => {
    const summary = rows(wb, 'Summary');
    expect(summary.flat()).toContain(SYNTHETIC_BANNER);
    const header = summary.find((r) => r[0] === 'Provider') as string[];
    const data = summary[summary.indexOf(header) + 1]!;
    expect(data[header.indexOf('Status')]).toBe('Red');
    expect(data[header.indexOf('Statement total')]).toBe(76);
    expect(data[header.indexOf('Ledger spend')]).toBe('no ledger');
    expect(data[header.indexOf('Why')]).toBe('not yet accepted or resolved: 1 line billed twice');
    expect(summary.flat()).toContain('Red: …');
  });
});
