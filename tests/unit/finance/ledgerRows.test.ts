import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../../shared/contract';
import type { Cell } from '../../../shared/io/types';
import { DEFAULT_RULES } from '../../../shared/finance/defaults';
import { LEDGER_COLUMN_NAMES, LEDGER_INSERT_SQL, LedgerRowConverter, looksLikeRadiology, type LedgerConverterOptions } from '../../../shared/finance/ledgerRows';
import { seedAliases } from '../../../shared/finance/providers';
import { compileRules } from '../../../shared/finance/rules';

const classifier = compileRules(DEFAULT_RULES);

/** A general-ledger detail layout. */
const GL_HEADERS = ['Cost Centre', 'Subjective', 'Subjective Description', 'Supplier', 'Description', 'Period', 'Financial Year', 'Date', 'Amount', 'Journal'];
const GL: ColumnMapping = {
  costCentre: 0, subjectiveCode: 1, subjectiveName: 2, supplier: 3, narrative: 4, period: 5, financialYear: 6,
  transactionDate: 7, amount: 8, reference: 9, expenseArea: null, entity: null, departmentFamily: null,
};

function gl(options: LedgerConverterOptions = {}, file = 'gl.csv', sample: Cell[][] = []) {
  return new LedgerRowConverter(file, GL, GL_HEADERS, sample, classifier, seedAliases, options);
}

/** A row in GL order; unspecified cells are a typical radiology line. */
function row(cells: Partial<Record<keyof typeof GL, Cell>>): Cell[] {
  const base: Record<string, Cell> = {
    costCentre: 'RAD100 Radiology', subjectiveCode: '520300', subjectiveName: 'Services from non-NHS bodies', supplier: 'Acme Ltd',
    narrative: 'Invoice 123', period: 'M07', financialYear: '2023/24', transactionDate: '15/10/2023', amount: '100.00', reference: 'J1',
  };
  const merged = { ...base, ...cells };
  return Object.entries(GL)
    .filter(([, i]) => i !== null)
    .sort((a, b) => a[1]! - b[1]!)
    .map(([f]) => merged[f] ?? null);
}

describe('money as the ledger reads it', () => {
  const pence = (amount: Cell) => gl().convert(row({ amount }), 2).record?.amountPence;

  it.each<[Cell, number]>([
    ['£1,234.56', 123_456],
    ['1,234.56 ', 123_456],
    ['  1234.5', 123_450],
    ['(1,234.56)', -123_456],
    ['-1234.56', -123_456],
    ['-£1,234.56', -123_456],
    ['£-1,234.56', -123_456],
    ['1,234.56 CR', -123_456],
    ['1,234.56-', -123_456],
    ['GBP 25,000.00', 2_500_000],
    ['2,906,792.80', 290_679_280],
    ['-', 0],
    ['£ -', 0],
    ['0.00', 0],
    [-1234.56, -123_456],
    [40182, 4_018_200],
    [70730.64000000001, 7_073_064],
    [31695.059999999998, 3_169_506],
    [0.1 + 0.2, 30],
    ['1234.565', 123_457],
  ])('%s → %i pence', (amount, expected) => {
    expect(pence(amount)).toBe(expected);
  });

  it('rejects an empty or unreadable amount, naming the column and value', () => {
    expect(gl().convert(row({ amount: '' }), 7)).toEqual({
      record: null,
      issues: [{ file: 'gl.csv', row: 7, column: 'Amount', value: '', reason: 'the amount is empty', severity: 'error' }],
    });
    for (const amount of ['abc', '1.234,56', '12..5', true]) {
      const outcome = gl().convert(row({ amount }), 8);
      expect(outcome.record).toBeNull();
      expect(outcome.issues).toEqual([expect.objectContaining({ column: 'Amount', reason: expect.stringContaining('not an amount'), severity: 'error' })]);
    }
  });

  it('nets a ledger that splits debits and credits', () => {
    const headers = ['Supplier', 'Date', 'Debit', 'Credit'];
    const mapping: ColumnMapping = { supplier: 0, transactionDate: 1, debit: 2, credit: 3, amount: null };
    const c = new LedgerRowConverter('dc.csv', mapping, headers, [], classifier, seedAliases);
    expect(c.convert(['Medica', '01/10/2023', '1,000.00', ''], 2).record?.amountPence).toBe(100_000);
    expect(c.convert(['Medica', '01/10/2023', '', '250.00'], 3).record?.amountPence).toBe(-25_000);
    expect(c.convert(['Medica', '01/10/2023', '', ''], 4).issues[0]).toMatchObject({ column: 'Debit', reason: 'the debit and credit are both empty' });
  });
});

describe('LedgerRowConverter', () => {
  it('builds a classified record with its provider and month', () => {
    const outcome = gl().convert(row({ supplier: 'MEDICA REPORTING LTD', narrative: 'CT reporting Oct', period: 'M07', amount: '12,345.67' }), 5);
    expect(outcome).toEqual({
      record: {
        costCentre: 'RAD100 Radiology',
        subjectiveCode: '520300',
        subjectiveName: 'Services from non-NHS bodies',
        expenseArea: null,
        supplier: 'MEDICA REPORTING LTD',
        supplierCanonical: 'Medica',
        narrative: 'CT reporting Oct',
        periodMonth: '2023-10',
        transactionDate: '2023-10-15',
        amountPence: 1_234_567,
        reference: 'J1',
        entity: null,
        category: 'outsourced_reporting',
        ruleId: 'medica',
        radiology: true,
      },
      issues: [],
    });
  });

  it('keeps an accrual and its reversal in their own months, netting to zero', () => {
    const c = gl();
    const accrual = c.convert(row({ supplier: '', narrative: 'Accrual Medica Sept reporting', period: 'M06', transactionDate: '30/09/2023', amount: '5,000.00' }), 2);
    const reversal = c.convert(row({ supplier: '', narrative: 'Reversal accrual Medica Sept reporting', period: 'M07', transactionDate: '01/10/2023', amount: '(5,000.00)' }), 3);
    expect(accrual.record).toMatchObject({ periodMonth: '2023-09', category: 'outsourced_reporting', supplier: null, supplierCanonical: 'Medica', amountPence: 500_000 });
    expect(reversal.record).toMatchObject({ periodMonth: '2023-10', category: 'outsourced_reporting', supplierCanonical: 'Medica', amountPence: -500_000 });
    expect(accrual.record!.amountPence + reversal.record!.amountPence).toBe(0);
  });

  it('accepts a journal without a supplier when it says what it is', () => {
    const wli = gl().convert(row({ supplier: null, subjectiveName: 'Consultant WLI payments', narrative: 'Payroll Oct' }), 4);
    expect(wli.issues).toEqual([]);
    expect(wli.record).toMatchObject({ supplier: null, supplierCanonical: null, category: 'waiting_list_initiative' });
  });

  it('rejects a line with an amount but no supplier and nothing else to go on', () => {
    const outcome = gl().convert(row({ supplier: '', costCentre: '', subjectiveCode: '', subjectiveName: '', narrative: '' }), 9);
    expect(outcome.record).toBeNull();
    expect(outcome.issues).toEqual([
      { file: 'gl.csv', row: 9, column: 'Supplier', value: '', reason: expect.stringContaining('the supplier is empty'), severity: 'error' },
    ]);
  });

  it('rejects every line without a supplier when asked to', () => {
    const outcome = gl({ requireSupplier: true }).convert(row({ supplier: '  ' }), 3);
    expect(outcome.record).toBeNull();
    expect(outcome.issues).toEqual([expect.objectContaining({ column: 'Supplier', reason: 'the supplier is empty' })]);
  });

  it('takes the period from the period and financial-year columns', () => {
    expect(gl().convert(row({ period: 'Month 12', financialYear: '2023-24', transactionDate: '02/04/2024' }), 2).record?.periodMonth).toBe('2024-03');
    expect(gl().convert(row({ period: 'Apr-23', financialYear: null }), 2).record?.periodMonth).toBe('2023-04');
    expect(gl().convert(row({ period: '2024/25 P01', financialYear: null, transactionDate: null }), 2).record?.periodMonth).toBe('2024-04');
  });

  it('takes a missing financial year from the date, then the option, then the file name', () => {
    expect(gl().convert(row({ period: 'M01', financialYear: null, transactionDate: '10/04/2022' }), 2).record?.periodMonth).toBe('2022-04');
    expect(gl({ defaultFinancialYear: 2021 }).convert(row({ period: 'M01', financialYear: null, transactionDate: null }), 2).record?.periodMonth).toBe(
      '2021-04',
    );
    expect(gl({}, 'GL 2022-23 radiology.csv').convert(row({ period: 'M02', financialYear: null, transactionDate: null }), 2).record?.periodMonth).toBe('2022-05');
    const noYear = gl().convert(row({ period: 'M02', financialYear: null, transactionDate: null }), 6);
    expect(noYear.record).toBeNull();
    expect(noYear.issues).toEqual([expect.objectContaining({ row: 6, column: 'Period', value: 'M02', reason: expect.stringContaining('has no year') })]);
  });

  it('names the column at fault for a bad period or financial year', () => {
    expect(gl().convert(row({ period: 'Q3' }), 2).issues).toEqual([expect.objectContaining({ column: 'Period', value: 'Q3' })]);
    expect(gl().convert(row({ financialYear: '2023/25' }), 2).issues).toEqual([
      expect.objectContaining({ column: 'Financial Year', value: '2023/25', reason: expect.stringContaining('not a financial year') }),
    ]);
    expect(gl().convert(row({ period: null, transactionDate: null }), 2).issues).toEqual([
      expect.objectContaining({ column: 'Period', reason: 'the period and the transaction date are both empty' }),
    ]);
  });

  it('keeps a line with a bad date when its period stands alone, with a warning', () => {
    const outcome = gl().convert(row({ period: '2023/24 M07', transactionDate: '31/09/2023' }), 11);
    expect(outcome.record).toMatchObject({ periodMonth: '2023-10', transactionDate: null });
    expect(outcome.issues).toEqual([expect.objectContaining({ row: 11, column: 'Date', value: '31/09/2023', severity: 'warning' })]);
  });

  it('reads a spend-over-£25,000 file by its payment date, with the day/month order its dates prove', () => {
    const headers = ['Department Family', 'Entity', 'Date', 'Expense Type', 'Expense Area', 'Supplier', 'Transaction Number', 'Amount'];
    const mapping: ColumnMapping = { departmentFamily: 0, entity: 1, transactionDate: 2, subjectiveName: 3, expenseArea: 4, supplier: 5, reference: 6, amount: 7 };
    const line = (date: Cell, supplier: string, amount: Cell): Cell[] => ['Department of Health', 'A Trust', date, 'Independent Sector', 'RADIOLOGY DEPT', supplier, '1', amount];
    const sample = [line('11/30/2020', 'x', '1'), line('11/02/2020', 'x', '1')];
    const c = new LedgerRowConverter('spend.csv', mapping, headers, sample, classifier, seedAliases);
    expect(c.convert(line('11/02/2020', 'TELEMEDICINE CLINIC LTD', '33,807.00 '), 2).record).toMatchObject({
      periodMonth: '2020-11',
      transactionDate: '2020-11-02',
      amountPence: 3_380_700,
      entity: 'A Trust',
      category: 'outsourced_reporting',
      supplierCanonical: 'Telemedicine Clinic',
    });
    const excel = new LedgerRowConverter('spend.xlsx', mapping, headers, [], classifier, seedAliases);
    expect(excel.convert(line(new Date(Date.UTC(2020, 11, 11)), 'Everlight Radiology', 76506.52), 2).record).toMatchObject({
      periodMonth: '2020-12',
      transactionDate: '2020-12-11',
      amountPence: 7_650_652,
    });
  });

  it('flags radiology lines for the review queue', () => {
    const flag = (cells: Partial<Record<keyof typeof GL, Cell>>) =>
      gl().convert(row({ costCentre: 'FIN001 Finance', narrative: 'Invoice', subjectiveName: 'Services', supplier: 'Acme Ltd', ...cells }), 2).record?.radiology;
    expect(flag({})).toBe(false);
    expect(flag({ costCentre: 'Diagnostic Imaging' })).toBe(true);
    expect(flag({ subjectiveName: 'M.R.I. Scans' })).toBe(true);
    expect(flag({ narrative: 'CT scanner service' })).toBe(true);
    expect(flag({ narrative: 'X-ray room 2' })).toBe(true);
    expect(flag({ narrative: 'Ultrasound probes' })).toBe(true);
    expect(flag({ supplier: 'Hexarad Ltd' })).toBe(true);
    expect(flag({ costCentre: 'Financial Reporting' })).toBe(false);
    expect(flag({ costCentre: 'ICT Services' })).toBe(false);
    expect(looksLikeRadiology('Outsourced reporting', null)).toBe(true);
    expect(looksLikeRadiology('C.N.S.T.', 'Doctors')).toBe(false);
  });

  it('collapses whitespace in stored text', () => {
    const outcome = gl().convert(row({ costCentre: 'Arc Core                      ', supplier: '  Acme   Ltd ' }), 2);
    expect(outcome.record).toMatchObject({ costCentre: 'Arc Core', supplier: 'Acme Ltd' });
  });
});

describe('ledgers with split columns', () => {
  it('joins a cost centre code and name given in two columns', () => {
    const headers = ['Cost Centre Code', 'Cost Centre Description', 'Supplier', 'Date', 'Amount'];
    const mapping: ColumnMapping = { costCentre: 0, costCentreName: 1, supplier: 2, transactionDate: 3, amount: 4 };
    const c = new LedgerRowConverter('gl.csv', mapping, headers, [], classifier, seedAliases);
    expect(c.convert(['RAD100', 'Diagnostic Radiology', 'Acme', '01/10/2023', '1'], 2).record).toMatchObject({ costCentre: 'RAD100 Diagnostic Radiology', radiology: true });
    expect(c.convert(['', 'Diagnostic Radiology', 'Acme', '01/10/2023', '1'], 3).record?.costCentre).toBe('Diagnostic Radiology');
    expect(c.convert(['RAD100', '', 'Acme', '01/10/2023', '1'], 4).record).toMatchObject({ costCentre: 'RAD100', radiology: false });
  });
});

describe('LEDGER_INSERT_SQL', () => {
  it('has one placeholder per column', () => {
    expect(LEDGER_INSERT_SQL.match(/\?/g)).toHaveLength(LEDGER_COLUMN_NAMES.split(',').length);
  });
});
