/**
 * Domain vocabulary shared by the engine, the hosts and the renderer.
 * Keys and codes follow ../shared/domain/METRICS.md exactly.
 */

export const MODALITIES = ['XR', 'CT', 'MR', 'US', 'NM', 'PET', 'FL', 'IR', 'MG', 'DXA', 'OT'] as const;
export type Modality = (typeof MODALITIES)[number];

export const MODALITY_NAMES: Record<Modality, string> = {
  XR: 'Plain radiography',
  CT: 'Computed tomography',
  MR: 'Magnetic resonance',
  US: 'Ultrasound',
  NM: 'Nuclear medicine',
  PET: 'PET-CT',
  FL: 'Fluoroscopy',
  IR: 'Interventional radiology',
  MG: 'Mammography',
  DXA: 'Bone densitometry',
  OT: 'Other',
};

export const STAFF_GROUPS = [
  'radiologist',
  'trainee',
  'reporting_radiographer',
  'sonographer',
  'other_in_house',
  'outsourced',
  'insourced',
  'unclassified',
] as const;
export type StaffGroup = (typeof STAFF_GROUPS)[number];

/** Groups whose WTE is held in the staff register and who get reports per WTE. */
export const IN_HOUSE_GROUPS = ['radiologist', 'trainee', 'reporting_radiographer', 'sonographer', 'other_in_house'] as const;
export type InHouseGroup = (typeof IN_HOUSE_GROUPS)[number];

export const STAFF_GROUP_NAMES: Record<StaffGroup, string> = {
  radiologist: 'Radiologist',
  trainee: 'Trainee (registrar)',
  reporting_radiographer: 'Reporting radiographer',
  sonographer: 'Sonographer',
  other_in_house: 'Other in-house',
  outsourced: 'Outsourced (teleradiology)',
  insourced: 'Insourced',
  unclassified: 'Unclassified',
};

export const PATIENT_SOURCES = ['inpatient', 'outpatient', 'emergency', 'gp', 'other'] as const;
export type PatientSource = (typeof PATIENT_SOURCES)[number];

export const LEDGER_CATEGORIES = [
  'outsourced_reporting',
  'outsourced_imaging',
  'insourcing',
  'agency_locum',
  'waiting_list_initiative',
  'other',
] as const;
export type LedgerCategory = (typeof LEDGER_CATEGORIES)[number];

/** What a file holds: RIS activity, the staff register, a finance ledger, a provider's statement, or a tariff. */
export type ImportKind = 'ris' | 'staff' | 'ledger' | 'statement' | 'tariff';
export const IMPORT_KINDS: readonly ImportKind[] = ['ris', 'staff', 'ledger', 'statement', 'tariff'];

/**
 * One examination after a RIS row has been read and validated.
 * Date-times are local ISO strings without zone, 'YYYY-MM-DDTHH:MM' (seconds kept when present).
 */
export interface ExamRecord {
  accession: string;
  examCode: string; // '' when the extract has none; part of the key
  examName: string | null;
  modality: Modality;
  /** True when the modality could not be derived and fell back to OT. */
  modalityUnknown: boolean;
  site: string | null;
  patientSource: PatientSource | null;
  priority: string | null;
  requestedAt: string | null;
  examAt: string;
  reportedAt: string | null;
  reporterCode: string | null;
  reporterName: string | null;
  /** Staff group taken from the extract's own staff-group column, if mapped and recognised. */
  extractGroup: StaffGroup | null;
  provider: string | null;
  /** Salted hash of the patient identifier, never the identifier itself. */
  patientHash: string | null;
}

export interface StaffRecord {
  code: string;
  name: string | null;
  group: InHouseGroup | 'outsourced' | 'insourced';
  wte: number;
  validFrom: string; // YYYY-MM-DD
  validTo: string | null; // YYYY-MM-DD inclusive
  grade: string | null;
  provider: string | null;
}

/** A row-level problem: which file, row, column and value, and why. */
export interface RowIssue {
  file: string;
  /** 1-based row number as the user sees it in a spreadsheet (header row included). */
  row: number;
  column: string | null;
  value: string | null;
  reason: string;
  severity: 'error' | 'warning';
}
