import { describe, expect, it } from 'vitest';
import { lineProvider, normaliseSupplier, ProviderIndex, resolveProvider, seedAliases } from '../../../shared/finance/providers';

describe('normaliseSupplier', () => {
  it.each([
    ['Medica Reporting Ltd (Medica Group)', 'MEDICA REPORTING'],
    ['MEDICA REPORTING LTD', 'MEDICA REPORTING'],
    ['Medica Reporting Limited', 'MEDICA REPORTING'],
    ['Medica Group PLC', 'MEDICA'],
    ['Telemedicine Clinic Ltd (TMC)', 'TELEMEDICINE CLINIC'],
    ['The Telemedicine Clinic', 'TELEMEDICINE CLINIC'],
    ['Radiology Reporting Online LLP', 'RADIOLOGY REPORTING ONLINE'],
    ['Alliance Healthcare (Distribution ) Ltd', 'ALLIANCE HEALTHCARE'],
    ['G4S FACILITIES MANAGEMENT (UK) LTD', 'G4S FACILITIES MANAGEMENT'],
    ['CSL Behring UK Ltd', 'CSL BEHRING'],
    ["St George'S University Hospitals Nhs Ft", 'ST GEORGES UNIVERSITY HOSPITALS NHS FT'],
    ['Total Gas & Power Ltd', 'TOTAL GAS AND POWER'],
    ['  4Ways  Healthcare  Ltd. ', '4WAYS HEALTHCARE'],
    ['Société Générale Ltd', 'SOCIETE GENERALE'],
    ['(TMC)', 'TMC'],
    ['UK Ltd', 'UK'],
  ])('%s → %s', (name, expected) => {
    expect(normaliseSupplier(name)).toBe(expected);
  });
});

describe('resolveProvider with the seeded aliases', () => {
  const index = new ProviderIndex(seedAliases);

  it('joins ledger suppliers and the RIS provider column under one name', () => {
    for (const name of ['Medica', 'MEDICA', 'MEDICA REPORTING LTD', 'Medica Reporting Ltd (Medica Group)', 'Medica Group', 'Medica Group plc', 'medica reporting limited']) {
      expect(resolveProvider(name, index)).toBe('Medica');
    }
  });

  it.each([
    ['Telemedicine Clinic Ltd', 'Telemedicine Clinic'],
    ['TELEMEDICINE CLINIC LTD', 'Telemedicine Clinic'],
    ['Telemedicine Clinic Ltd (TMC)', 'Telemedicine Clinic'],
    ['TMC', 'Telemedicine Clinic'],
    ['Everlight Radiology', 'Everlight'],
    ['Everlight Radiology Ltd', 'Everlight'],
    ['Radiology Reporting Online LLP', 'Everlight'],
    ['RRO', 'Everlight'],
    ['4Ways Healthcare Ltd', '4Ways'],
    ['4 Ways Healthcare Limited', '4Ways'],
    ['4ways', '4Ways'],
    ['Hexarad', 'Hexarad'],
    ['Hexarad Ltd', 'Hexarad'],
    ['Global Diagnostics Ltd', 'Global Diagnostics'],
    ['Alliance Medical Ltd', 'Alliance Medical'],
    ['Alliance Medical Limited', 'Alliance Medical'],
    ['ALLIANCE MEDICAL DIAGNOSTIC IMAGING LTD', 'Alliance Medical'],
    ['InHealth Ltd', 'InHealth'],
    ['INHEALTH GROUP', 'InHealth'],
    ['In Health Ltd', 'InHealth'],
  ])('%s → %s', (name, provider) => {
    expect(resolveProvider(name, seedAliases)).toBe(provider);
  });

  it.each([
    'Alliance Healthcare (Distribution) Ltd',
    'Alliance Healthcare (Distribution ) Ltd',
    'Alliance Healthcare Distribution Ltd',
    'Alliance Pharmaceuticals Ltd',
    'Medical Systems Ltd',
    'Medicare Ltd',
    'GE Medical Systems Ltd',
    'TMC Pharma Services Ltd',
    'RRO Consulting',
    'Inhealthcare Ltd',
    'Global Diagnostic Solutions',
    'Radiology Services Ltd',
    '',
    '   ',
  ])('never matches the look-alike %s', (name) => {
    expect(resolveProvider(name, index)).toBeNull();
  });

  it('is null for nothing', () => {
    expect(resolveProvider(null, index)).toBeNull();
    expect(resolveProvider(undefined, index)).toBeNull();
  });
});

describe('ProviderIndex', () => {
  it('prefers the longest matching alias, whatever the list order', () => {
    const aliases = [
      { alias: 'Acme Health', provider: 'Acme' },
      { alias: 'Acme Health Imaging', provider: 'Acme Imaging' },
    ];
    expect(resolveProvider('Acme Health Imaging Services Ltd', aliases)).toBe('Acme Imaging');
    expect(resolveProvider('Acme Health Imaging Services Ltd', [...aliases].reverse())).toBe('Acme Imaging');
    expect(resolveProvider('Acme Health Reporting', aliases)).toBe('Acme');
    expect(resolveProvider('Acme Healthcare', aliases)).toBeNull();
  });
  it('keeps the first provider given for a repeated alias', () => {
    expect(resolveProvider('Acme', [{ alias: 'ACME LTD', provider: 'One' }, { alias: 'Acme', provider: 'Two' }])).toBe('One');
  });
  it('matches short aliases (acronyms) only whole', () => {
    const aliases = [{ alias: 'XRA', provider: 'X-Ray Associates' }];
    expect(resolveProvider('XRA Ltd', aliases)).toBe('X-Ray Associates');
    expect(resolveProvider('XRA Holdings', aliases)).toBeNull();
  });
  it('finds a provider named in a journal description, as whole words', () => {
    const index = new ProviderIndex(seedAliases);
    expect(index.mentionedIn('Accrual - Medica Oct-23 reporting')).toBe('Medica');
    expect(index.mentionedIn('Reversal of accrual: Telemedicine Clinic Sept')).toBe('Telemedicine Clinic');
    expect(index.mentionedIn('4 Ways Healthcare insourcing accrual')).toBe('4Ways');
    expect(index.mentionedIn('Medical records scanning')).toBeNull();
    expect(index.mentionedIn('Alliance Healthcare drugs')).toBeNull();
    expect(index.mentionedIn('TMC accrual')).toBeNull();
    expect(index.mentionedIn(null)).toBeNull();
  });
  it('takes a line provider from the supplier, or from the description when there is no supplier', () => {
    const index = new ProviderIndex(seedAliases);
    expect(lineProvider(index, 'Medica Group', 'Hexarad cover')).toBe('Medica');
    expect(lineProvider(index, 'Sectra Ltd', 'Medica IEP link')).toBeNull();
    expect(lineProvider(index, null, 'Accrual Hexarad November')).toBe('Hexarad');
    expect(lineProvider(index, '  ', 'Accrual Hexarad November')).toBe('Hexarad');
  });
});
