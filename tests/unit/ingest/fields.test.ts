import { describe, expect, it } from 'vitest';
import {
  DROPPED_FIELD_IDS,
  LEDGER_FIELDS,
  RIS_FIELDS,
  STAFF_FIELDS,
  fieldsFor,
  headerTokens,
  normaliseHeader,
  type FieldSpec,
} from '../../../shared/ingest/fields';

const ids = (fs: FieldSpec[]): string[] => fs.map((f) => f.id);

describe('field sets', () => {
  it('RIS uses exactly the agreed ids', () => {
    expect(ids(RIS_FIELDS)).toEqual([
      'accession', 'examCode', 'examName', 'modality', 'site', 'patientSource', 'priority', 'requestDate', 'requestTime',
      'examDate', 'examTime', 'reportDate', 'reportTime', 'reporterCode', 'reporterName', 'reporterGroup', 'provider',
      'patientId', 'birthDate', 'postcode', 'patientName',
    ]);
    expect(RIS_FIELDS.filter((f) => f.required).map((f) => f.id)).toEqual(['accession', 'examDate']);
  });

  it('marks the patient identifiers to drop', () => {
    expect([...DROPPED_FIELD_IDS]).toEqual(['birthDate', 'postcode', 'patientName']);
  });

  it('staff and ledger fields', () => {
    expect(ids(STAFF_FIELDS)).toEqual(['reporterCode', 'name', 'group', 'wte', 'validFrom', 'validTo', 'grade', 'provider']);
    expect(STAFF_FIELDS.filter((f) => f.required).map((f) => f.id)).toEqual(['reporterCode', 'group', 'wte']);
    expect(ids(LEDGER_FIELDS)).toEqual([
      'costCentre', 'subjectiveCode', 'subjectiveName', 'expenseArea', 'supplier', 'narrative', 'period', 'financialYear',
      'transactionDate', 'amount', 'reference', 'entity', 'departmentFamily',
    ]);
    expect(LEDGER_FIELDS.filter((f) => f.required).map((f) => f.id)).toEqual(['supplier', 'amount']);
  });

  it('fieldsFor returns the set of each kind', () => {
    expect(fieldsFor('ris')).toBe(RIS_FIELDS);
    expect(fieldsFor('staff')).toBe(STAFF_FIELDS);
    expect(fieldsFor('ledger')).toBe(LEDGER_FIELDS);
  });

  it('no normalised synonym names two fields of one kind', () => {
    for (const fs of [RIS_FIELDS, STAFF_FIELDS, LEDGER_FIELDS]) {
      const owner = new Map<string, string>();
      for (const f of fs) {
        for (const s of f.synonyms) {
          const n = normaliseHeader(s);
          const prev = owner.get(n);
          expect(prev === undefined || prev === f.id, `${s} is a synonym of ${prev} and ${f.id}`).toBe(true);
          owner.set(n, f.id);
        }
      }
    }
  });

  it('covers the spellings DATA.md lists', () => {
    const field = (header: string): string | undefined =>
      RIS_FIELDS.find((f) => f.synonyms.some((s) => normaliseHeader(s) === normaliseHeader(header)))?.id;
    for (const h of ['Acc No', 'Accession Number', 'Radiological Accession Number']) expect(field(h)).toBe('accession');
    for (const h of ['Exam Date', 'Date of Exam', 'Examination Date', 'Diagnostic Test Date']) expect(field(h)).toBe('examDate');
    for (const h of ['Date Reported', 'Report Date', 'Verified Date', 'Service Report Issue Date']) expect(field(h)).toBe('reportDate');
    for (const h of ['Reported By', 'Reporter', 'Reporting Radiologist']) expect(field(h)).toBe('reporterName');
  });
});

describe('normaliseHeader', () => {
  it('ignores case, spaces and punctuation', () => {
    expect(normaliseHeader('Expense Type ')).toBe('expensetype');
    expect(normaliseHeader('  EXPENSE_TYPE')).toBe('expensetype');
    expect(normaliseHeader('Site Code (of Imaging)')).toBe('sitecodeofimaging');
    expect(normaliseHeader('Date/Time')).toBe('datetime');
  });
  it("reads '#', 'No', 'No.', 'Num' and 'Nbr' as 'number'", () => {
    const n = normaliseHeader('Accession Number');
    for (const h of ['Accession #', 'Accession No', 'Accession No.', 'ACCESSION NUM', 'accession_nbr', 'AccessionNo', 'AccessionNumber']) {
      expect(normaliseHeader(h)).toBe(n);
    }
  });
  it('splits camelCase and removes accents', () => {
    expect(headerTokens('NHSNumber')).toEqual(['nhs', 'number']);
    expect(headerTokens('examDate')).toEqual(['exam', 'date']);
    expect(normaliseHeader('Café')).toBe('cafe');
    expect(normaliseHeader('H&C No')).toBe('handcnumber');
  });
  it('gives an empty string for an empty header', () => {
    expect(normaliseHeader('  ')).toBe('');
    expect(normaliseHeader('£')).toBe('');
  });
});
