import { describe, expect, it } from 'vitest';
import { detectLayout } from '../../../shared/ingest/headerDetect';
import { missingRequiredFieldIds, requiredFieldLabel, STATEMENT_FIELDS, TARIFF_FIELDS } from '../../../shared/ingest/fields';

const fieldsOf = (rows: string[][]) => {
  const d = detectLayout(rows);
  return { kind: d.kind, fields: d.columns.map((c) => c.field), missing: d.missingRequired, header: d.headerRowIndex };
};

describe('provider statements and tariffs are recognised by their headers', () => {
  it('a statement with codes and money, below a title row', () => {
    const d = fieldsOf([
      ['Medica Reporting Ltd: activity statement October 2025'],
      ['Statement Month', 'Accession Number', 'Exam Code', 'Examination', 'Modality', 'Priority', 'Date Reported', 'Unit Price', 'Line Amount'],
      ['Oct-25', 'A1', 'CHEAD', 'CT Head', 'CT', 'Routine', '02/10/2025', '£38.00', '£38.00'],
    ]);
    expect(d).toEqual({
      kind: 'statement',
      header: 1,
      missing: [],
      fields: ['period', 'accession', 'examCode', 'examName', 'modality', 'priority', 'reportDate', 'unitPrice', 'amount'],
    });
  });

  it('a statement in another provider’s words', () => {
    const d = fieldsOf([
      ['Provider', 'Invoice Period', 'Acc No', 'Study Description', 'Urgency', 'Report Date', 'Fee (£)', 'Amount (£)'],
      ['Everlight Radiology', 'October 2025', 'A1', 'CT Head', 'URGENT', '07-Oct-2025', '36.00', '36.00'],
    ]);
    expect(d.kind).toBe('statement');
    expect(d.fields).toEqual(['provider', 'period', 'accession', 'examName', 'priority', 'reportDate', 'unitPrice', 'amount']);
  });

  it('a tariff, and a RIS extract that names a provider is still a RIS extract', () => {
    expect(fieldsOf([['Provider', 'Modality', 'Priority', 'Exam Code', 'Unit Price', 'Effective From', 'Effective To'], ['Medica', 'CT', '', '', '38', '01/04/2025', '']])).toEqual({
      kind: 'tariff',
      header: 0,
      missing: [],
      fields: ['provider', 'modality', 'priority', 'examCode', 'unitPrice', 'effectiveFrom', 'effectiveTo'],
    });
    const ris = fieldsOf([
      ['Accession Number', 'Exam Code', 'Exam Name', 'Modality', 'Priority', 'Exam Date', 'Date Reported', 'Reported By', 'Outsourcing Provider'],
      ['A1', 'CHEAD', 'CT Head', 'CT', 'Routine', '01/10/2025', '02/10/2025', 'MED-1', 'Medica'],
    ]);
    expect(ris.kind).toBe('ris');
  });
});

describe('required alternatives', () => {
  it('need one of a statement’s line amount or unit price, and one of a tariff’s modality or code', () => {
    const mapped = (ids: string[]) => (id: string) => ids.includes(id);
    expect(missingRequiredFieldIds('statement', mapped(['accession', 'reportDate']))).toEqual(['unitPrice']);
    expect(missingRequiredFieldIds('statement', mapped(['accession', 'reportDate', 'amount']))).toEqual([]);
    expect(missingRequiredFieldIds('tariff', mapped(['unitPrice', 'effectiveFrom', 'examCode']))).toEqual([]);
    expect(missingRequiredFieldIds('tariff', mapped(['unitPrice']))).toEqual(['effectiveFrom', 'modality']);
    expect(requiredFieldLabel('statement', 'unitPrice')).toBe('Line amount or unit price');
    expect(requiredFieldLabel('tariff', 'effectiveFrom')).toBe('Effective from');
  });

  it('never store a patient field from a statement', () => {
    const ids = [...STATEMENT_FIELDS, ...TARIFF_FIELDS].map((f) => f.id);
    expect(ids).not.toContain('patientId');
    const d = detectLayout([['Accession', 'NHS Number', 'Patient Name', 'Date Reported', 'Amount'], ['A1', '9434765919', 'Smith', '02/10/2025', '38']], { kind: 'statement' });
    expect(d.columns.map((c) => c.field)).toEqual(['accession', null, null, 'reportDate', 'amount']);
  });
});
