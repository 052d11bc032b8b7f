import { describe, expect, it } from 'vitest';
import { DID_PATIENT_SOURCE_CODES, parsePatientSource, parseStaffGroup } from '../../../shared/ingest/staffGroup';
import { PATIENT_SOURCES, STAFF_GROUPS, type PatientSource, type StaffGroup } from '../../../shared/model';

describe('parseStaffGroup', () => {
  it.each<[string, StaffGroup]>([
    ['Consultant Radiologist', 'radiologist'],
    ['Radiologist', 'radiologist'],
    ['Locum Consultant', 'radiologist'],
    ['Locum Consultant Radiologist', 'radiologist'],
    ['Consultant', 'radiologist'],
    ['Interventional Radiologist', 'radiologist'],
    ['Consultant Neuroradiologist', 'radiologist'],
    ['Specialty Doctor', 'radiologist'],
    ['StR', 'trainee'],
    ['SpR', 'trainee'],
    ['Registrar', 'trainee'],
    ['Specialty Registrar (ST3)', 'trainee'],
    ['Trainee', 'trainee'],
    ['ST3', 'trainee'],
    ['ST 4', 'trainee'],
    ['Radiology Registrar', 'trainee'],
    ['Reporting Radiographer', 'reporting_radiographer'],
    ['Advanced Practitioner Radiographer', 'reporting_radiographer'],
    ['Advanced Practitioner', 'reporting_radiographer'],
    ['Consultant Radiographer', 'reporting_radiographer'],
    ['Sonographer', 'sonographer'],
    ['Consultant Sonographer', 'sonographer'],
    ['Cardiologist', 'other_in_house'],
    ['Consultant Cardiologist', 'other_in_house'],
    ['Nuclear Medicine Physician', 'other_in_house'],
    ['Other', 'other_in_house'],
    ['Teleradiology', 'outsourced'],
    ['Outsourced', 'outsourced'],
    ['Outsourced Radiologist', 'outsourced'],
    ['External', 'outsourced'],
    ['Insourced', 'insourced'],
    ['Insourcing', 'insourced'],
    ['Insourced Consultant Radiologist', 'insourced'],
  ])('%s → %s', (text, group) => {
    expect(parseStaffGroup(text)).toBe(group);
  });

  it('accepts the METRICS.md keys themselves, in any case', () => {
    for (const key of STAFF_GROUPS) {
      expect(parseStaffGroup(key)).toBe(key);
      expect(parseStaffGroup(key.toUpperCase())).toBe(key);
      expect(parseStaffGroup(key.replace(/_/g, ' '))).toBe(key);
    }
  });

  it('a consultant radiographer or sonographer is never a radiologist', () => {
    for (const t of ['Consultant Radiographer', 'Consultant Sonographer', 'Consultant Cardiologist']) {
      expect(parseStaffGroup(t)).not.toBe('radiologist');
    }
  });

  it('returns null for empty or unrecognised text', () => {
    expect(parseStaffGroup(null)).toBeNull();
    expect(parseStaffGroup('')).toBeNull();
    expect(parseStaffGroup('  -  ')).toBeNull();
    expect(parseStaffGroup('Medical and Dental')).toBeNull();
    expect(parseStaffGroup('Clinical Fellow')).toBeNull();
  });
});

describe('parsePatientSource', () => {
  it.each<[string, PatientSource]>([
    ['Inpatient', 'inpatient'], ['IP', 'inpatient'], ['In Patient', 'inpatient'], ['In-patient', 'inpatient'], ['Day Case', 'inpatient'],
    ['Outpatient', 'outpatient'], ['OP', 'outpatient'], ['Out-Patient', 'outpatient'], ['Out Patients', 'outpatient'],
    ['A&E', 'emergency'], ['A & E', 'emergency'], ['ED', 'emergency'], ['Emergency', 'emergency'], ['AE', 'emergency'],
    ['Emergency Department', 'emergency'],
    ['GP', 'gp'], ['GP Direct Access', 'gp'], ['General Practitioner', 'gp'], ['gp', 'gp'],
    ['Private', 'other'], ['Community', 'other'], ['Other', 'other'],
  ])('%s → %s', (text, source) => {
    expect(parsePatientSource(text)).toBe(source);
  });

  it('reads the DID national codes and their descriptions', () => {
    expect(DID_PATIENT_SOURCE_CODES).toEqual({
      '01': 'inpatient', '02': 'inpatient', '03': 'outpatient', '04': 'gp', '05': 'emergency', '06': 'other', '07': 'other',
    });
    expect(parsePatientSource('01')).toBe('inpatient');
    expect(parsePatientSource('1')).toBe('inpatient');
    expect(parsePatientSource('02')).toBe('inpatient');
    expect(parsePatientSource('03')).toBe('outpatient');
    expect(parsePatientSource('04')).toBe('gp');
    expect(parsePatientSource('05')).toBe('emergency');
    expect(parsePatientSource('06')).toBe('other');
    expect(parsePatientSource('07')).toBe('other');
    expect(parsePatientSource('99')).toBe('other');
    expect(parsePatientSource('Admitted Patient Care - Inpatient (this Health Care Provider)')).toBe('inpatient');
    expect(parsePatientSource('Admitted Patient Care - Day case (this Health Care Provider)')).toBe('inpatient');
    expect(parsePatientSource('Out-patient (this Health Care Provider)')).toBe('outpatient');
    expect(parsePatientSource('GP Direct Access')).toBe('gp');
    expect(parsePatientSource('Accident and Emergency Department (this Health Care Provider)')).toBe('emergency');
    expect(parsePatientSource('Other Health Care Provider')).toBe('other');
  });

  it('accepts its own keys', () => {
    for (const key of PATIENT_SOURCES) expect(parsePatientSource(key)).toBe(key);
  });

  it('returns null only for empty text', () => {
    expect(parsePatientSource(null)).toBeNull();
    expect(parsePatientSource('')).toBeNull();
    expect(parsePatientSource('   ')).toBeNull();
    expect(parsePatientSource('?')).toBe('other');
  });
});
