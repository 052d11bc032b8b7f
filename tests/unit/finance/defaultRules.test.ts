import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/finance/defaults';
import { compileRules, validateRule, type ClassifiableLine } from '../../../shared/finance/rules';
import defaultRuleFile from '../../../resources/rules/default.json';

const classifier = compileRules(DEFAULT_RULES);
const category = (line: ClassifiableLine) => classifier.classify(line).category;
const bySupplier = (supplier: string, extra: ClassifiableLine = {}) => category({ supplier, ...extra });

describe('the shipped default rules', () => {
  it('are all valid, enabled, documented and uniquely named', () => {
    expect(defaultRuleFile.rules.length).toBe(DEFAULT_RULES.length);
    for (const rule of DEFAULT_RULES) {
      expect(validateRule(rule)).toEqual([]);
      expect(rule.enabled).toBe(true);
      expect(rule.note?.length).toBeGreaterThan(10);
    }
    expect(new Set(DEFAULT_RULES.map((r) => r.id)).size).toBe(DEFAULT_RULES.length);
  });

  it('put named suppliers before words', () => {
    const firstWordRule = Math.min(...DEFAULT_RULES.filter((r) => r.conditions.every((c) => c.field !== 'supplier')).map((r) => r.priority));
    const named = ['medica', 'telemedicine-clinic', 'tmc', 'everlight', 'rro', '4ways', 'hexarad', 'global-diagnostics', 'alliance-medical', 'inhealth', 'agency-pulse', 'agency-medacs'];
    const supplierRules = DEFAULT_RULES.filter((r) => named.includes(r.id));
    expect(supplierRules).toHaveLength(named.length);
    expect(supplierRules.every((r) => r.priority < firstWordRule)).toBe(true);
  });
});

describe('teleradiology suppliers → outsourced_reporting', () => {
  it.each([
    'Medica Reporting Ltd (Medica Group)',
    'MEDICA REPORTING LTD',
    'Medica Reporting Limited',
    'Medica Group PLC',
    'Medica',
    'Telemedicine Clinic Ltd (TMC)',
    'TELEMEDICINE CLINIC LTD',
    'The Telemedicine Clinic',
    'Unilabs UK Ltd T/A Telemedicine Clinic',
    'TMC',
    'TMC Ltd.',
    'Everlight Radiology',
    'EVERLIGHT RADIOLOGY LIMITED',
    'Everlight',
    'Radiology Reporting Online LLP',
    'RRO',
    '4Ways Healthcare Ltd',
    '4 WAYS HEALTHCARE LIMITED',
    'Four Ways Healthcare',
    '4ways',
    'Hexarad',
    'HEXARAD LTD',
    'Global Diagnostics Ltd',
    'Acme Teleradiology Services Ltd',
  ])('%s', (supplier) => {
    expect(bySupplier(supplier)).toBe('outsourced_reporting');
  });

  it("keeps Medica's Image Exchange Portal lines as Medica", () => {
    expect(classifier.classify({ supplier: 'Medica Reporting Ltd (Medica Group)', subjectiveName: 'Image Exchange Portal', expenseArea: 'Radiology' })).toEqual({
      category: 'outsourced_reporting',
      ruleId: 'medica',
    });
  });

  it('calls 4Ways insourcing when the description or account says so', () => {
    expect(bySupplier('4Ways Healthcare Ltd', { narrative: 'MRI insourcing weekend 12-13 Aug' })).toBe('insourcing');
    expect(bySupplier('4Ways Healthcare Ltd', { narrative: 'In-sourced CT lists' })).toBe('insourcing');
    expect(bySupplier('4Ways Healthcare Ltd', { subjectiveName: 'Insourcing - Radiology' })).toBe('insourcing');
    expect(bySupplier('4Ways Healthcare Ltd', { narrative: 'CT reporting October' })).toBe('outsourced_reporting');
  });

  it('does not catch look-alikes', () => {
    expect(bySupplier('Medical Systems Ltd')).toBe('other');
    expect(bySupplier('GE Medical Systems Ltd (GE Healthcare)')).toBe('other');
    expect(bySupplier('Medicare Ltd')).toBe('other');
    expect(bySupplier('TMC Pharma Services Ltd')).toBe('other');
    expect(bySupplier('Everlight Electronics Co')).toBe('other');
    expect(bySupplier('RRO Consulting Group')).toBe('other');
    expect(bySupplier('Global Diagnostic Solutions')).toBe('other');
    expect(bySupplier('Four Ways Garage')).toBe('other');
  });
});

describe('independent-sector imaging → outsourced_imaging', () => {
  it.each(['Alliance Medical Ltd', 'Alliance Medical Limited', 'ALLIANCE MEDICAL LTD', 'InHealth Ltd', 'INHEALTH LIMITED', 'InHealth Group', 'In Health Ltd'])(
    '%s',
    (supplier) => {
      expect(bySupplier(supplier)).toBe('outsourced_imaging');
    },
  );

  it.each([
    'Alliance Healthcare (Distribution) Ltd',
    'Alliance Healthcare (Distribution ) Ltd',
    'Alliance Healthcare Distribution Ltd',
    'ALLIANCE HEALTHCARE (DISTRIBUTION) LIMITED',
    'Alliance Pharmaceuticals Ltd',
    'Alliance Surgical Ltd',
    'Alliance Healthcare Management Services',
    'InHealth Pain Management Solutions Ltd',
    'InHealth Intelligence Ltd',
    'Inhealthcare Ltd',
  ])('not %s', (supplier) => {
    expect(classifier.classify({ supplier, subjectiveName: 'Drugs', expenseArea: 'Pharmacy' })).toEqual({ category: 'other', ruleId: null });
  });

  it('takes mobile scanning by its description', () => {
    expect(category({ supplier: 'Acme Scanners Ltd', narrative: 'Mobile MRI unit hire Oct' })).toBe('outsourced_imaging');
    expect(category({ supplier: 'Acme', subjectiveName: 'Mobile CT Scanner' })).toBe('outsourced_imaging');
  });
});

describe('insourcing, agency and waiting-list words', () => {
  it('insourcing', () => {
    expect(bySupplier('Insource Radiology Ltd')).toBe('insourcing');
    expect(category({ supplier: 'Acme Imaging Ltd', narrative: 'Weekend lists by external provider' })).toBe('insourcing');
    expect(category({ supplier: 'Acme', subjectiveName: 'Insourcing Costs' })).toBe('insourcing');
    expect(category({ supplier: 'Acme', narrative: 'MRI insourced sessions' })).toBe('insourcing');
  });

  it('agency and locum, by supplier', () => {
    for (const s of [
      'Holt Doctors Ltd',
      'Medacs Healthcare PLC',
      'Locum People Ltd',
      'Pulse Healthcare Ltd',
      'HCL Workforce Solutions Ltd',
      'HCL Doctors',
      'Your World Recruitment Ltd',
      'Remedy Healthcare Solutions Ltd',
      'ID Medical Group Ltd',
      'Sanctuary Personnel Ltd',
      'Thornbury Nursing Services Ltd',
      'Medical Locums Group Ltd',
    ]) {
      expect(bySupplier(s), s).toBe('agency_locum');
    }
  });

  it('agency and locum, by account or description', () => {
    expect(category({ supplier: 'Care Providers Ltd', subjectiveName: 'Agency Nurse - Band 5' })).toBe('agency_locum');
    expect(category({ supplier: 'MSI RECRUITMENT LTD', subjectiveName: 'Agency Nursing: Band 5' })).toBe('agency_locum');
    expect(category({ supplier: 'Acme', subjectiveName: 'Medical Locums' })).toBe('agency_locum');
    expect(category({ supplier: 'Cromwell Medical Staffing', subjectiveName: 'Temporary staff' })).toBe('agency_locum');
    expect(category({ supplier: 'Acme', narrative: 'Agency radiographer cover w/e 12/11' })).toBe('agency_locum');
    expect(category({ supplier: 'Acme', narrative: 'Locum consultant radiologist' })).toBe('agency_locum');
  });

  it('not agency: look-alikes', () => {
    expect(category({ supplier: 'HCL Technologies Ltd', subjectiveName: 'IT Managed Service' })).toBe('other');
    expect(category({ supplier: 'Pulse Oximetry Ltd' })).toBe('other');
    expect(category({ supplier: 'DRAKE PERSONNEL LTD', subjectiveName: 'Recruitment Agency Fees' })).toBe('other');
    expect(category({ supplier: 'Environment Agency', narrative: 'Environment Agency permit' })).toBe('other');
    expect(category({ supplier: 'UK Health Security Agency', subjectiveName: 'Services from other bodies' })).toBe('other');
    expect(category({ supplier: 'NHS Professionals Ltd', subjectiveName: 'Temporary staff' })).toBe('other');
    expect(category({ supplier: 'Acme', subjectiveName: 'Temporary staff - bank' })).toBe('other');
  });

  it('waiting-list initiative', () => {
    expect(category({ subjectiveName: 'Medical Staff - WLI', costCentre: 'Radiology' })).toBe('waiting_list_initiative');
    expect(category({ subjectiveName: 'Waiting List Initiatives' })).toBe('waiting_list_initiative');
    expect(category({ narrative: 'Additional sessions MRI Saturday' })).toBe('waiting_list_initiative');
    expect(category({ narrative: 'Extra session CT list' })).toBe('waiting_list_initiative');
    expect(category({ narrative: 'WLI Dr Smith Oct' })).toBe('waiting_list_initiative');
    expect(category({ narrative: 'Waiting list validation software' })).toBe('other');
  });

  it('teleradiology and provider names in journals without a supplier', () => {
    expect(category({ narrative: 'Accrual - Medica Oct-23 reporting', subjectiveName: 'Services from non-NHS bodies' })).toBe('outsourced_reporting');
    expect(category({ narrative: 'Reversal accrual Medica Oct-23' })).toBe('outsourced_reporting');
    expect(category({ narrative: 'Accrual Alliance Medical mobile' })).toBe('outsourced_imaging');
    expect(category({ narrative: 'Accrual 4ways healthcare insourcing' })).toBe('insourcing');
    expect(category({ subjectiveName: 'Outsourced reporting' })).toBe('outsourced_reporting');
    expect(category({ narrative: 'Teleradiology nights Q3' })).toBe('outsourced_reporting');
  });

  it('leaves everything else as other', () => {
    expect(classifier.classify({ supplier: 'Sectra Ltd', subjectiveName: 'Computer Maintenance Contracts', expenseArea: 'Radiology' })).toEqual({
      category: 'other',
      ruleId: null,
    });
    expect(category({ supplier: 'KPMG LLP', subjectiveName: 'External Consultancy Fees', costCentre: 'Financial Reporting' })).toBe('other');
  });

  it('classifies the same, line by line, whether values repeat or not', () => {
    // Thousands of distinct descriptions make the engine stop caching them; answers must not change.
    for (let i = 0; i < 8_000; i++) {
      const locum = i % 3 === 0;
      const line = { supplier: `Supplier ${i % 7}`, narrative: locum ? `Locum cover ${i}` : `Invoice ${i}` };
      expect(category(line)).toBe(locum ? 'agency_locum' : 'other');
    }
  });
});
