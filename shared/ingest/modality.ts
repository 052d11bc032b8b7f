/**
 * Normalised modality of an examination, in METRICS.md's order: the modality column; else the
 * examination code (NICIP first letter) or the start of a NICIP-style name ("XR …"); else keywords in
 * the examination name. Nothing derivable → OT, counted by the import report.
 */
import type { Modality } from '../model';

export type ModalitySource = 'column' | 'code' | 'name' | 'unknown';

export interface ModalityInput {
  modality?: string | null;
  examCode?: string | null;
  examName?: string | null;
}

export interface ResolvedModality {
  modality: Modality;
  source: ModalitySource;
}

/** Exact values of a modality column (upper case, punctuation as spaces), including DICOM codes. */
const COLUMN_VALUES: Record<string, Modality> = {};
const addValues = (m: Modality, values: string[]): void => {
  for (const v of values) COLUMN_VALUES[squash(v)] = m;
};

function squash(s: string): string {
  return s
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

addValues('XR', [
  'XR', 'CR', 'DX', 'DR', 'RG', 'PX', 'X', 'X-RAY', 'XRAY', 'X RAY', 'X-RAYS', 'PLAIN FILM', 'PLAIN FILMS', 'PLAIN X-RAY',
  'PLAIN RADIOGRAPHY', 'GENERAL RADIOGRAPHY', 'GENERAL X-RAY', 'GENERAL', 'RADIOGRAPHY', 'DIAGNOSTIC RADIOGRAPHY',
  'PLAIN', 'GP X-RAY', 'DIGITAL RADIOGRAPHY', 'COMPUTED RADIOGRAPHY', 'DENTAL', 'OPG', 'IO',
]);
addValues('CT', ['CT', 'C', 'CAT', 'CT SCAN', 'COMPUTED TOMOGRAPHY', 'COMPUTERISED TOMOGRAPHY', 'COMPUTERIZED TOMOGRAPHY', 'CONE BEAM CT', 'CBCT']);
addValues('MR', ['MR', 'M', 'MRI', 'MRI SCAN', 'NMR', 'MAGNETIC RESONANCE', 'MAGNETIC RESONANCE IMAGING']);
addValues('US', ['US', 'U', 'USS', 'U S', 'ULTRASOUND', 'ULTRASONOGRAPHY', 'SONOGRAPHY', 'ULTRA SOUND', 'OBSTETRIC ULTRASOUND', 'VASCULAR ULTRASOUND']);
addValues('NM', ['NM', 'N', 'NUC MED', 'NUCMED', 'NUCLEAR MEDICINE', 'NUCLEAR', 'RN', 'RADIONUCLIDE', 'ISOTOPE', 'ISOTOPES', 'GAMMA CAMERA', 'SPECT', 'SPECT CT', 'ST']);
addValues('PET', ['PET', 'PT', 'PET CT', 'PETCT', 'PET MR', 'PET MRI', 'POSITRON EMISSION TOMOGRAPHY']);
addValues('FL', ['FL', 'F', 'RF', 'FLUORO', 'FLUOROSCOPY', 'SCREENING', 'BARIUM', 'CONTRAST STUDIES', 'DYNAMIC STUDIES', 'SPECIAL PROCEDURES']);
addValues('IR', ['IR', 'I', 'XA', 'INTERVENTIONAL', 'INTERVENTIONAL RADIOLOGY', 'INTERVENTION', 'ANGIO', 'ANGIOGRAPHY', 'VASCULAR', 'CATH LAB', 'ANGIO SUITE']);
addValues('MG', ['MG', 'MAMMO', 'MAMMOGRAPHY', 'MAMMOGRAM', 'MAMMOGRAPHIC', 'BREAST IMAGING', 'BREAST SCREENING', 'BREAST', 'TOMOSYNTHESIS', 'DBT']);
addValues('DXA', ['DXA', 'DEXA', 'BMD', 'BDUS', 'BONE DENSITOMETRY', 'BONE DENSITY', 'DENSITOMETRY', 'BONE DENSITOMETRY DXA']);

const OTHER_VALUES = new Set(['OT', 'OTHER', 'OTHERS', 'MISC', 'MISCELLANEOUS', 'UNKNOWN']);

/**
 * Keywords in free text, tried in this order so that the more specific modality wins:
 * "PET-CT" is PET, "SPECT-CT" is NM, "CT angiogram" is CT, "Angioplasty" is IR.
 */
const KEYWORDS: [Modality, RegExp][] = [
  ['PET', /\bPET\b|\bPETCT\b|\bPOSITRON\b|\bFDG\b|\bPSMA PET\b/],
  ['DXA', /\bDE?XA\b|\bBONE DENSIT|\bDENSITOMETRY\b|\bBMD\b/],
  ['MG', /\bMAMMO|\bTOMOSYNTHESIS\b|\bBREAST SCREEN/],
  [
    'NM',
    /\bNM\b|\bNUCLEAR\b|\bNUC MED\b|\bISOTOPE\b|\bRADIONUCLIDE\b|\bSCINTI|\bSPECT\b|\bBONE SCAN\b|\bMUGA\b|\bDMSA\b|\bMAG ?3\b|\bDTPA\b|\bV ?Q\b|\bMIBG\b|\bHIDA\b|\bDAT ?SCAN\b|\bOCTREOTIDE\b|\bGALLIUM\b|\bRENOGRAM\b|\bMYOCARDIAL PERFUSION\b|\bSENTINEL NODE\b|\bTECHNETIUM\b|\bTC ?99M?\b|\bTHYROID UPTAKE\b|\bGASTRIC EMPTYING\b/,
  ],
  ['CT', /\bCT\b|\bCTA\b|\bCTPA\b|\bCTC\b|\bCTKUB\b|\bCAT SCAN\b|\bCOMPUTE(D|RI[SZ]ED) TOMOGRAPHY\b|\bCOLONOGRAPHY\b|\bCONE BEAM\b/],
  ['MR', /\bMRI?\b|\bMRA\b|\bMRCP\b|\bMRV\b|\bMAGNETIC RESONANCE\b/],
  ['US', /\bULTRASOUND\b|\bULTRASONOGRA|\bUSS?\b|\bSONOGRA|\bDOPPLER\b|\bDUPLEX\b|\bECHOCARDIOGRA|\bNUCHAL\b|\bDATING SCAN\b|\bANOMALY SCAN\b|\bOBSTETRIC SCAN\b/],
  [
    'FL',
    /\bFLUORO|\bBARIUM\b|\bSWALLOW\b|\bMEAL\b|\bENEMA\b|\bFOLLOW THROUGH\b|\bHSG\b|\bHYSTEROSALPINGO|\bCYSTOGRA|\bURETHROGRA|\bSIALOGRA|\bSINOGRA|\bFISTULOGRA|\bDEFAECOGRA|\bPROCTOGRA|\bVIDEOFLUORO|\bLOOPOGRA|\bARTHROGRA|\bMYELOGRA|\bVENOGRA|\bCONTRAST STUDY\b/,
  ],
  [
    'IR',
    /\bANGIO|\bEMBOLI[SZ]|\bNEPHROSTOMY\b|\bSTENT|\bPICC\b|\bINTERVENTION|\bHICKMAN\b|\bPORT INSERTION\b|\bIVC FILTER\b|\bTHROMBECTOMY\b|\bTHROMBOLYSIS\b|\bVERTEBROPLASTY\b|\bTIPS[S]?\b|\bBILIARY DRAIN|\bPTC\b|\bARTERIOGRA|\bTUNNELLED LINE\b|\bABLATION\b/,
  ],
  [
    'XR',
    /\bX ?RAYS?\b|\bXR\b|\bRADIOGRAPH|\bPLAIN FILM|\bCXR\b|\bAXR\b|\bOPG\b|\bORTHOPANTOMOGRA|\bSKELETAL SURVEY\b|\bKUB\b|\bIVU\b|\bUROGRA|\bPLAIN RADIOGRAPHY\b|\bLATERAL CEPH/,
  ],
];

function byKeyword(text: string): Modality | null {
  const t = squash(text);
  if (!t) return null;
  for (const [m, re] of KEYWORDS) if (re.test(t)) return m;
  return null;
}

function fromColumn(value: string): Modality | 'other' | null {
  const t = squash(value);
  if (!t) return null;
  const exact = COLUMN_VALUES[t];
  if (exact) return exact;
  if (OTHER_VALUES.has(t)) return 'other';
  // DICOM multi-valued "CT\PT" or "PT/CT": PET wins over CT, NM over CT.
  const parts = t.split(' ');
  if (parts.includes('PT') || parts.includes('PET')) return 'PET';
  if (parts.length > 1 && parts.every((p) => COLUMN_VALUES[p] !== undefined)) {
    const mods = parts.map((p) => COLUMN_VALUES[p] as Modality);
    for (const m of ['NM', 'MG', 'IR', 'FL'] as Modality[]) if (mods.includes(m)) return m;
    return mods[0] as Modality;
  }
  return byKeyword(value);
}

/** Local codes that spell their modality ("CTHEAD", "MRIKNEE", "USABDO"), checked before the NICIP letter. */
const CODE_WORD_PREFIXES: [RegExp, Modality][] = [
  [/^PET/, 'PET'],
  [/^(DEXA|DXA)/, 'DXA'],
  [/^MAMMO/, 'MG'],
  [/^MRI/, 'MR'],
  [/^USS/, 'US'],
];

/**
 * Modality from an examination code. NICIP codes (e.g. XCHES, CHEAD, MKNEL, UABDO) begin with a modality
 * letter: X plain film, C CT, M MR, U ultrasound, N nuclear medicine, F fluoroscopy, I interventional,
 * K cone-beam CT. Within them, XMAM… is mammography, X…DEX…/X…DX… bone densitometry, and nuclear
 * medicine codes naming a PET tracer (FDG, F18, C11) or PET are PET-CT. NICIP has no PET letter;
 * E (endoscopy) and O (other) give no modality.
 */
export function modalityFromCode(code: string | null | undefined): Modality | null {
  const c = (code ?? '').trim().toUpperCase().replace(/[\s_-]+/g, '');
  if (!/^[A-Z][A-Z0-9]{2,9}$/.test(c)) return null;
  for (const [re, m] of CODE_WORD_PREFIXES) if (re.test(c)) return m;
  if (/^XMAM/.test(c)) return 'MG';
  if (/^X[A-Z]?DE?X/.test(c) || /^N[A-Z]?DXA/.test(c)) return 'DXA';
  if (/^N[A-Z0-9]*(PET|FDG|F18|C11)/.test(c)) return 'PET';
  switch (c[0]) {
    case 'X':
      return 'XR';
    case 'C':
    case 'K':
      return 'CT';
    case 'M':
      return 'MR';
    case 'U':
      return 'US';
    case 'N':
      return 'NM';
    case 'F':
      return 'FL';
    case 'I':
      return 'IR';
    default:
      return null;
  }
}

/** NICIP preferred names start with the modality: "XR Chest", "CT Head", "MR Knee left", "US Abdomen". */
const NAME_PREFIXES: [RegExp, Modality][] = [
  [/^(PET ?CT|PET|PT)\b/, 'PET'],
  [/^(DXA|DEXA)\b/, 'DXA'],
  [/^(MAMMO\w*|MG)\b/, 'MG'],
  [/^(XR|X ?RAY|CR|DX)\b/, 'XR'],
  [/^CT\b/, 'CT'],
  [/^(MR|MRI)\b/, 'MR'],
  [/^(US|USS)\b/, 'US'],
  [/^NM\b/, 'NM'],
  [/^(FL|RF)\b/, 'FL'],
  [/^(IR|XA)\b/, 'IR'],
];

export function modalityFromNamePrefix(name: string | null | undefined): Modality | null {
  const t = squash(name ?? '');
  for (const [re, m] of NAME_PREFIXES) if (re.test(t)) return m;
  return null;
}

export function resolveModality(input: ModalityInput): ResolvedModality {
  let columnSaidOther = false;
  if (input.modality && input.modality.trim()) {
    const m = fromColumn(input.modality);
    if (m === 'other') columnSaidOther = true;
    else if (m) return { modality: m, source: 'column' };
  }
  const byCode = modalityFromCode(input.examCode);
  if (byCode) return { modality: byCode, source: 'code' };
  const byPrefix = modalityFromNamePrefix(input.examName);
  if (byPrefix) return { modality: byPrefix, source: 'name' };
  if (input.examName) {
    const m = byKeyword(input.examName);
    if (m) return { modality: m, source: 'name' };
  }
  // A column that explicitly says "other" is a derivation, not a failure.
  return columnSaidOther ? { modality: 'OT', source: 'column' } : { modality: 'OT', source: 'unknown' };
}
