import { describe, expect, it } from 'vitest';
import { modalityFromCode, modalityFromNamePrefix, resolveModality } from '../../../shared/ingest/modality';
import type { Modality } from '../../../shared/model';

describe('resolveModality from the modality column', () => {
  it.each<[string, Modality]>([
    ['XR', 'XR'], ['CR', 'XR'], ['DX', 'XR'], ['DR', 'XR'], ['Plain Film', 'XR'], ['General Radiography', 'XR'], ['X-Ray', 'XR'],
    ['CT', 'CT'], ['Computed Tomography', 'CT'],
    ['MR', 'MR'], ['MRI', 'MR'], ['mri', 'MR'], ['Magnetic Resonance', 'MR'],
    ['US', 'US'], ['Ultrasound', 'US'], ['USS', 'US'],
    ['NM', 'NM'], ['Nuclear Medicine', 'NM'],
    ['PT', 'PET'], ['PET-CT', 'PET'], ['PET/CT', 'PET'], ['CT\\PT', 'PET'],
    ['RF', 'FL'], ['Fluoroscopy', 'FL'], ['FL', 'FL'],
    ['XA', 'IR'], ['Interventional', 'IR'], ['Interventional Radiology', 'IR'], ['IR', 'IR'],
    ['MG', 'MG'], ['Mammo', 'MG'], ['Mammography', 'MG'],
    ['DXA', 'DXA'], ['DEXA', 'DXA'], ['BMD', 'DXA'], ['Bone Densitometry', 'DXA'],
    [' ct ', 'CT'], ['CT Scanner 2', 'CT'], ['Ultrasound - Obstetric', 'US'], ['NM\\CT', 'NM'],
  ])('%s → %s', (value, expected) => {
    expect(resolveModality({ modality: value, examCode: 'MKNEL', examName: 'MR Knee left' })).toEqual({ modality: expected, source: 'column' });
  });

  it('falls through an unrecognised or "other" column to the code', () => {
    expect(resolveModality({ modality: 'ZZ9', examCode: 'CHEAD' })).toEqual({ modality: 'CT', source: 'code' });
    expect(resolveModality({ modality: 'OT', examCode: 'UABDO' })).toEqual({ modality: 'US', source: 'code' });
    expect(resolveModality({ modality: '  ', examCode: 'UABDO' })).toEqual({ modality: 'US', source: 'code' });
  });

  it('keeps OT from a column that says other when nothing else tells', () => {
    expect(resolveModality({ modality: 'Other' })).toEqual({ modality: 'OT', source: 'column' });
  });
});

describe('resolveModality from the examination code', () => {
  it.each<[string, Modality]>([
    ['XCHES', 'XR'], ['XKNEL', 'XR'], ['CHEAD', 'CT'], ['CCHAP', 'CT'], ['MKNEL', 'MR'], ['MBRPX', 'MR'], ['UABDO', 'US'],
    ['NBONW', 'NM'], ['NCDMSA', 'NM'], ['FBASW', 'FL'], ['FAOVA', 'FL'], ['IVTIP', 'IR'], ['ICORD', 'IR'], ['KCBMD', 'CT'],
    ['XMAMB', 'MG'], ['XMAML', 'MG'], ['XMAMR', 'MG'],
    ['XDEXA', 'DXA'], ['XHDXB', 'DXA'], ['XLDEX', 'DXA'], ['XBDXW', 'DXA'], ['XDXFL', 'DXA'],
    ['NPET', 'PET'], ['NCFDG', 'PET'], ['NCF18W', 'PET'], ['NC11WO', 'PET'],
    ['xches', 'XR'], [' CHEAD ', 'CT'],
    ['CTHEAD', 'CT'], ['MRIKNEE', 'MR'], ['USSABDO', 'US'], ['PETWB', 'PET'], ['DEXAHIP', 'DXA'], ['MAMMOB', 'MG'],
  ])('%s → %s', (code, expected) => {
    expect(resolveModality({ examCode: code, examName: 'Something else' })).toEqual({ modality: expected, source: 'code' });
  });

  it('does not take a mammography code for the MR breast codes (MMAMB)', () => {
    expect(modalityFromCode('MMAMB')).toBe('MR');
  });

  it('gives nothing for SNOMED, endoscopy or non-code values', () => {
    expect(modalityFromCode('168537006')).toBeNull();
    expect(modalityFromCode('EERCP')).toBeNull();
    expect(modalityFromCode('OTORS')).toBeNull();
    expect(modalityFromCode('AB')).toBeNull();
    expect(modalityFromCode('')).toBeNull();
    expect(modalityFromCode(null)).toBeNull();
    expect(modalityFromCode('X CHES TOO LONG CODE')).toBeNull();
  });
});

describe('resolveModality from the examination name', () => {
  it.each<[string, Modality]>([
    ['XR Chest', 'XR'], ['CT Head', 'CT'], ['MR Knee left', 'MR'], ['US Abdomen', 'US'], ['NM Bone whole body', 'NM'],
    ['PET-CT FDG whole body', 'PET'], ['FL Barium swallow', 'FL'], ['IR Nephrostomy left', 'IR'], ['DXA Hip', 'DXA'],
    ['MG Bilateral', 'MG'],
  ])('a NICIP-style prefix: %s → %s', (name, expected) => {
    expect(resolveModality({ examName: name })).toEqual({ modality: expected, source: 'name' });
    expect(modalityFromNamePrefix(name)).toBe(expected);
  });

  it.each<[string, Modality]>([
    ['Chest X-ray', 'XR'], ['Chest X Ray PA', 'XR'], ['Knee radiograph', 'XR'], ['OPG', 'XR'], ['Skeletal survey', 'XR'],
    ['Head CT', 'CT'], ['CT angiogram', 'CT'], ['Abdomen CT colonography', 'CT'], ['CTPA', 'CT'],
    ['MRI Knee', 'MR'], ['Lumbar spine MRI', 'MR'], ['MRCP', 'MR'],
    ['Ultrasound Abdomen', 'US'], ['Renal ultrasound', 'US'], ['Carotid Doppler', 'US'], ['Venous duplex left leg', 'US'],
    ['Barium Swallow', 'FL'], ['Barium enema', 'FL'], ['Videofluoroscopy', 'FL'], ['Hysterosalpingogram', 'FL'], ['Venogram left arm', 'FL'],
    ['Mammogram', 'MG'], ['Bilateral mammography', 'MG'], ['Breast screening', 'MG'],
    ['DEXA scan', 'DXA'], ['Bone densitometry', 'DXA'],
    ['Bone scan', 'NM'], ['Isotope renogram', 'NM'], ['V/Q scan', 'NM'], ['SPECT-CT parathyroid', 'NM'], ['DMSA', 'NM'],
    ['Whole body PET', 'PET'], ['Skull base to thigh PET CT', 'PET'],
    ['Femoral angioplasty', 'IR'], ['Uterine artery embolisation', 'IR'], ['PICC line insertion', 'IR'],
  ])('keywords: %s → %s', (name, expected) => {
    expect(resolveModality({ examName: name })).toEqual({ modality: expected, source: 'name' });
  });

  it('does not read "US" inside a word', () => {
    expect(resolveModality({ examName: 'Humerus left' })).toEqual({ modality: 'OT', source: 'unknown' });
  });
});

describe('resolveModality order and fallback', () => {
  it('prefers the column to the code, and the code to the name', () => {
    expect(resolveModality({ modality: 'CT', examCode: 'XCHES', examName: 'MRI knee' }).modality).toBe('CT');
    expect(resolveModality({ modality: null, examCode: 'XCHES', examName: 'MRI knee' }).modality).toBe('XR');
  });

  it('is OT with source unknown when nothing tells', () => {
    expect(resolveModality({})).toEqual({ modality: 'OT', source: 'unknown' });
    expect(resolveModality({ modality: '', examCode: '', examName: '' })).toEqual({ modality: 'OT', source: 'unknown' });
    expect(resolveModality({ examCode: '1234', examName: 'Consultation' })).toEqual({ modality: 'OT', source: 'unknown' });
  });
});
