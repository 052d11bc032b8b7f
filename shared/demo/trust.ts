/**
 * The synthetic demo trust, as data: sites, activity mix, exam codes, reporting patterns and staff.
 * Everything here is SYNTHETIC. The proportions are plausible for an English district general hospital
 * (the England mix is roughly half plain film, a fifth ultrasound, a sixth CT), but they are not
 * published benchmarks and must never be shown as such.
 */
import type { Modality, PatientSource } from '../model';

export const DEMO_TRUST = {
  code: 'RXX',
  name: 'Synthetic District General NHS Trust',
  label: 'SYNTHETIC',
} as const;

export interface DemoSite {
  code: string;
  name: string;
}

export const DEMO_SITES: readonly DemoSite[] = [
  { code: 'RXX01', name: 'Synthetic General Hospital' },
  { code: 'RXX02', name: 'Synthetic Community Hospital' },
  { code: 'RXX03', name: 'Synthetic Diagnostic Centre' },
];

export type DemoModality = Exclude<Modality, 'OT'>;
export const DEMO_MODALITIES: readonly DemoModality[] = ['XR', 'CT', 'MR', 'US', 'NM', 'PET', 'FL', 'IR', 'MG', 'DXA'];

/** Examinations in the first financial year at scale 1 (the second grows by ANNUAL_GROWTH). */
export const FIRST_YEAR_EXAMS = 248_000;

/** Share of examinations by modality (sums to 1). */
export const MODALITY_MIX: Record<DemoModality, number> = {
  XR: 0.5,
  US: 0.2,
  CT: 0.15,
  MR: 0.08,
  FL: 0.015,
  IR: 0.012,
  NM: 0.012,
  PET: 0.005,
  MG: 0.016,
  DXA: 0.01,
};

/** Year-on-year growth in activity, applied smoothly day by day. CT and MR grow fastest. */
export const ANNUAL_GROWTH: Record<DemoModality, number> = {
  XR: 0.015,
  US: 0.03,
  CT: 0.075,
  MR: 0.055,
  FL: -0.02,
  IR: 0.02,
  NM: 0.01,
  PET: 0.08,
  MG: 0.02,
  DXA: 0.03,
};

type SourceMix = Partial<Record<PatientSource, number>>;

/** Patient source mix by modality: plain film is heavy in A&E and GP direct access. */
export const SOURCE_MIX: Record<DemoModality, SourceMix> = {
  XR: { emergency: 0.3, gp: 0.3, outpatient: 0.28, inpatient: 0.1, other: 0.02 },
  CT: { emergency: 0.28, inpatient: 0.25, outpatient: 0.37, gp: 0.08, other: 0.02 },
  MR: { outpatient: 0.75, gp: 0.12, inpatient: 0.1, emergency: 0.02, other: 0.01 },
  US: { outpatient: 0.45, gp: 0.4, inpatient: 0.1, emergency: 0.04, other: 0.01 },
  NM: { outpatient: 0.85, inpatient: 0.13, gp: 0.02 },
  PET: { outpatient: 0.95, inpatient: 0.05 },
  FL: { outpatient: 0.6, inpatient: 0.35, gp: 0.05 },
  IR: { inpatient: 0.55, outpatient: 0.4, emergency: 0.05 },
  MG: { outpatient: 0.9, gp: 0.1 },
  DXA: { gp: 0.55, outpatient: 0.45 },
};

export const PRIORITIES = ['Routine', 'Urgent', '2WW/Cancer', 'Inpatient'] as const;
export type DemoPriority = (typeof PRIORITIES)[number];

export const PRIORITY_MIX: Record<PatientSource, readonly (readonly [DemoPriority, number])[]> = {
  emergency: [['Urgent', 1]],
  inpatient: [
    ['Inpatient', 0.85],
    ['Urgent', 0.15],
  ],
  gp: [
    ['Routine', 0.8],
    ['Urgent', 0.12],
    ['2WW/Cancer', 0.08],
  ],
  outpatient: [
    ['Routine', 0.75],
    ['Urgent', 0.13],
    ['2WW/Cancer', 0.12],
  ],
  other: [
    ['Routine', 0.9],
    ['Urgent', 0.1],
  ],
};

/** Turnaround multiplier by priority for planned work (GP, outpatient, other): urgent and cancer-pathway work is reported sooner. */
export const PRIORITY_SPEED: Record<DemoPriority, number> = {
  Routine: 1,
  Urgent: 0.5,
  '2WW/Cancer': 0.4,
  Inpatient: 1,
};

/**
 * Examination-to-report turnaround before staffing effects, as [median, 90th percentile] in hours,
 * drawn from a lognormal. Reports by in-hours staff are then moved into working hours.
 */
export const TURNAROUND_HOURS: Record<DemoModality | 'OT', Record<PatientSource, readonly [number, number]>> = {
  XR: { emergency: [6, 40], inpatient: [6, 36], gp: [40, 200], outpatient: [60, 330], other: [72, 400] },
  CT: { emergency: [1.2, 5], inpatient: [5, 30], gp: [72, 300], outpatient: [96, 400], other: [96, 400] },
  MR: { emergency: [4, 24], inpatient: [20, 80], gp: [120, 500], outpatient: [168, 700], other: [168, 700] },
  US: { emergency: [0.4, 3], inpatient: [0.5, 4], gp: [0.4, 3], outpatient: [0.4, 3], other: [0.5, 4] },
  NM: { emergency: [24, 72], inpatient: [24, 96], gp: [48, 200], outpatient: [48, 200], other: [48, 200] },
  PET: { emergency: [24, 72], inpatient: [24, 72], gp: [48, 120], outpatient: [48, 120], other: [48, 120] },
  FL: { emergency: [6, 24], inpatient: [12, 48], gp: [24, 120], outpatient: [24, 120], other: [24, 120] },
  IR: { emergency: [1, 6], inpatient: [3, 24], gp: [3, 24], outpatient: [3, 24], other: [3, 24] },
  MG: { emergency: [24, 120], inpatient: [24, 120], gp: [24, 120], outpatient: [24, 120], other: [24, 120] },
  DXA: { emergency: [120, 500], inpatient: [120, 500], gp: [120, 500], outpatient: [120, 500], other: [120, 500] },
  OT: { emergency: [24, 200], inpatient: [24, 200], gp: [72, 400], outpatient: [72, 400], other: [72, 400] },
};

/** Relative daily volume, Monday..Sunday; bank holidays count as Sundays. */
export const WEEKDAY_PATTERN: Record<PatientSource | 'outpatientScan', readonly number[]> = {
  emergency: [1.1, 1.02, 1, 1, 1.02, 0.93, 0.95],
  inpatient: [1.1, 1.1, 1.08, 1.05, 1.05, 0.6, 0.55],
  gp: [1.05, 1, 1, 1, 0.95, 0.1, 0],
  outpatient: [1, 1, 1, 1, 0.95, 0.04, 0],
  // CT and MR run weekend outpatient lists.
  outpatientScan: [1, 1, 1, 1, 0.95, 0.35, 0.25],
  other: [1, 1, 1, 1, 1, 0, 0],
};

/** Relative volume by calendar month (index 0 = January): planned work dips in August and December. */
export const MONTH_PATTERN: Record<'planned' | 'acute', readonly number[]> = {
  planned: [1.02, 1.02, 1.06, 0.97, 1, 1.02, 1.02, 0.92, 1, 1.05, 1.04, 0.88],
  acute: [1.05, 1, 1, 0.97, 1, 0.98, 1, 0.97, 0.98, 1, 1.02, 1.06],
};

const NIGHT = [0, 0, 0, 0, 0, 0, 0, 0];
/** Relative volume by hour of day (24 values). A&E runs 24/7; planned work keeps working hours. */
export const HOURLY_PATTERN: Record<'emergency' | 'inpatient' | 'planned' | 'plannedScan' | 'weekendList' | 'saturdayGp', readonly number[]> = {
  emergency: [1.6, 1.2, 1, 0.8, 0.7, 0.7, 0.9, 1.4, 2.6, 3.8, 4.6, 5, 5, 4.8, 4.7, 4.6, 4.6, 4.5, 4.4, 4.2, 3.8, 3.2, 2.6, 2],
  inpatient: [0.4, 0.3, 0.3, 0.3, 0.3, 0.4, 0.6, 1.2, 3, 5, 5.5, 5.5, 4.8, 5, 5.2, 5, 4.5, 3.5, 2.5, 2, 1.6, 1.3, 1, 0.6],
  planned: [...NIGHT, 3.5, 5.5, 6, 6, 4.5, 4.5, 5.5, 5.5, 4.5, 2, 0.3, 0, 0, 0, 0, 0],
  // CT and MR outpatient lists run into the evening.
  plannedScan: [...NIGHT, 3.5, 5.5, 6, 6, 5, 5, 5.5, 5.5, 5, 4, 3, 2.5, 0.5, 0, 0, 0],
  weekendList: [...NIGHT, 2, 5, 5, 5, 4, 4, 5, 5, 4, 2, 0, 0, 0, 0, 0, 0],
  saturdayGp: [...NIGHT, 0, 5, 5, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
};

/** Where each kind of examination happens, by site code. */
export function siteMix(modality: DemoModality, source: PatientSource): readonly (readonly [string, number])[] {
  if (source === 'inpatient') return [['RXX01', 1]];
  if (source === 'emergency') return modality === 'XR' ? [['RXX01', 0.85], ['RXX02', 0.15]] : [['RXX01', 1]]; // minor injuries unit
  switch (modality) {
    case 'XR':
      return source === 'gp' ? [['RXX01', 0.45], ['RXX02', 0.35], ['RXX03', 0.2]] : [['RXX01', 0.6], ['RXX02', 0.25], ['RXX03', 0.15]];
    case 'US':
      return [['RXX01', 0.45], ['RXX02', 0.27], ['RXX03', 0.28]];
    case 'CT':
    case 'MR':
      return [['RXX01', 0.55], ['RXX03', 0.45]];
    case 'DXA':
      return [['RXX02', 1]];
    default:
      return [['RXX01', 1]];
  }
}

export interface ExamCodeDef {
  code: string;
  name: string;
  modality: DemoModality;
  weight: number;
  /** Multipliers on the weight by patient source (default 1). */
  bySource?: Partial<Record<PatientSource, number>>;
  /** Within the plain-film scope of the trust's reporting radiographers (chest and appendicular MSK). */
  radiographer?: boolean;
  /** Cardiac CT, reported jointly with cardiology. */
  cardiac?: boolean;
  /** A second code sometimes booked on the same accession. */
  pair?: { code: string; p: number };
}

const ED = { emergency: 2.2, inpatient: 1.2, outpatient: 0.6, gp: 0.8 };
const NOT_ACUTE = { emergency: 0, inpatient: 0.3 };

/** NICIP-style examination codes and names (illustrative: the codes follow NICIP's pattern). */
export const EXAM_CODES: readonly ExamCodeDef[] = [
  // Plain film
  { code: 'XCHES', name: 'XR Chest', modality: 'XR', weight: 30, radiographer: true, bySource: { inpatient: 2.5, gp: 1.4, outpatient: 0.8 }, pair: { code: 'XABDO', p: 0.012 } },
  { code: 'XABDO', name: 'XR Abdomen', modality: 'XR', weight: 3, bySource: { emergency: 1.5, inpatient: 2.5, gp: 0.3 } },
  { code: 'XPELV', name: 'XR Pelvis', modality: 'XR', weight: 3, radiographer: true },
  { code: 'XHIPL', name: 'XR Hip Lt', modality: 'XR', weight: 2.5, radiographer: true },
  { code: 'XHIPR', name: 'XR Hip Rt', modality: 'XR', weight: 2.5, radiographer: true },
  { code: 'XKNEL', name: 'XR Knee Lt', modality: 'XR', weight: 3, radiographer: true },
  { code: 'XKNER', name: 'XR Knee Rt', modality: 'XR', weight: 3, radiographer: true },
  { code: 'XKNEB', name: 'XR Knee Both', modality: 'XR', weight: 2.5, radiographer: true, bySource: { gp: 2, emergency: 0.1 } },
  { code: 'XANKL', name: 'XR Ankle Lt', modality: 'XR', weight: 2, radiographer: true, bySource: ED },
  { code: 'XANKR', name: 'XR Ankle Rt', modality: 'XR', weight: 2, radiographer: true, bySource: ED },
  { code: 'XFOOL', name: 'XR Foot Lt', modality: 'XR', weight: 2, radiographer: true },
  { code: 'XFOOR', name: 'XR Foot Rt', modality: 'XR', weight: 2, radiographer: true },
  { code: 'XWRIL', name: 'XR Wrist Lt', modality: 'XR', weight: 2, radiographer: true, bySource: ED },
  { code: 'XWRIR', name: 'XR Wrist Rt', modality: 'XR', weight: 2, radiographer: true, bySource: ED },
  { code: 'XHANL', name: 'XR Hand Lt', modality: 'XR', weight: 1.8, radiographer: true, bySource: ED },
  { code: 'XHANR', name: 'XR Hand Rt', modality: 'XR', weight: 1.8, radiographer: true, bySource: ED },
  { code: 'XSHOL', name: 'XR Shoulder Lt', modality: 'XR', weight: 1.8, radiographer: true },
  { code: 'XSHOR', name: 'XR Shoulder Rt', modality: 'XR', weight: 1.8, radiographer: true },
  { code: 'XSPIL', name: 'XR Spine lumbar', modality: 'XR', weight: 2, bySource: { emergency: 0.5 } },
  { code: 'XSPIC', name: 'XR Spine cervical', modality: 'XR', weight: 1.2 },
  // CT
  { code: 'CHEAD', name: 'CT Head', modality: 'CT', weight: 26, bySource: { emergency: 2.4, inpatient: 1.3, outpatient: 0.3, gp: 0.5 }, pair: { code: 'CSPIC', p: 0.05 } },
  { code: 'CCHAPC', name: 'CT Chest abdomen and pelvis with contrast', modality: 'CT', weight: 14, bySource: { outpatient: 1.6, emergency: 0.4 } },
  { code: 'CABPEC', name: 'CT Abdomen and pelvis with contrast', modality: 'CT', weight: 14, bySource: { emergency: 1.4, inpatient: 1.3 } },
  { code: 'CPULA', name: 'CT Pulmonary angiogram', modality: 'CT', weight: 8, bySource: { emergency: 1.8, inpatient: 1.5, outpatient: 0.2, gp: 0.1 } },
  { code: 'CCHEC', name: 'CT Chest with contrast', modality: 'CT', weight: 5 },
  { code: 'CCHEH', name: 'CT Chest high resolution', modality: 'CT', weight: 3, bySource: { outpatient: 2, ...NOT_ACUTE } },
  { code: 'CSPIC', name: 'CT Spine cervical', modality: 'CT', weight: 3, bySource: { emergency: 2.5, outpatient: 0.3 } },
  { code: 'CKUB', name: 'CT Kidneys ureters and bladder', modality: 'CT', weight: 4, bySource: { emergency: 2 } },
  { code: 'CCOLV', name: 'CT Colonography', modality: 'CT', weight: 2, bySource: { ...NOT_ACUTE, gp: 2 } },
  { code: 'CCORA', name: 'CT Coronary angiogram', modality: 'CT', weight: 2.5, cardiac: true, bySource: { ...NOT_ACUTE, outpatient: 2 } },
  { code: 'CSINU', name: 'CT Sinuses', modality: 'CT', weight: 1, bySource: NOT_ACUTE },
  // MR
  { code: 'MBRAI', name: 'MR Brain', modality: 'MR', weight: 22, bySource: { emergency: 2, inpatient: 2 } },
  { code: 'MSPIL', name: 'MR Spine lumbar', modality: 'MR', weight: 16, pair: { code: 'MSPIC', p: 0.04 } },
  { code: 'MSPIC', name: 'MR Spine cervical', modality: 'MR', weight: 6 },
  { code: 'MSPIW', name: 'MR Spine whole', modality: 'MR', weight: 3, bySource: { emergency: 8, inpatient: 3 } },
  { code: 'MKNEL', name: 'MR Knee Lt', modality: 'MR', weight: 6, bySource: NOT_ACUTE },
  { code: 'MKNER', name: 'MR Knee Rt', modality: 'MR', weight: 6, bySource: NOT_ACUTE },
  { code: 'MPROS', name: 'MR Pelvis prostate', modality: 'MR', weight: 8, bySource: NOT_ACUTE },
  { code: 'MMRCP', name: 'MR Cholangiopancreatography', modality: 'MR', weight: 5, bySource: { inpatient: 2 } },
  { code: 'MLIVC', name: 'MR Liver with contrast', modality: 'MR', weight: 3 },
  { code: 'MIAMB', name: 'MR Internal auditory meatus Both', modality: 'MR', weight: 3, bySource: NOT_ACUTE },
  { code: 'MHEAR', name: 'MR Heart', modality: 'MR', weight: 2, bySource: NOT_ACUTE },
  // Ultrasound
  { code: 'UABDO', name: 'US Abdomen', modality: 'US', weight: 30 },
  { code: 'UABPE', name: 'US Abdomen and pelvis', modality: 'US', weight: 10 },
  { code: 'UPELV', name: 'US Pelvis transabdominal and transvaginal', modality: 'US', weight: 10 },
  { code: 'UKIDB', name: 'US Kidneys Both', modality: 'US', weight: 8 },
  { code: 'UTEST', name: 'US Testes', modality: 'US', weight: 4 },
  { code: 'UTHYR', name: 'US Thyroid', modality: 'US', weight: 5, bySource: NOT_ACUTE },
  { code: 'UNECK', name: 'US Neck', modality: 'US', weight: 3 },
  { code: 'UDOVL', name: 'US Doppler lower limb veins Lt', modality: 'US', weight: 4, bySource: { emergency: 4, inpatient: 2 } },
  { code: 'UDOVR', name: 'US Doppler lower limb veins Rt', modality: 'US', weight: 4, bySource: { emergency: 4, inpatient: 2 } },
  { code: 'USOFT', name: 'US Soft tissue', modality: 'US', weight: 5 },
  { code: 'USHOR', name: 'US Shoulder Rt', modality: 'US', weight: 3, bySource: NOT_ACUTE },
  // Nuclear medicine and PET-CT
  { code: 'NBONW', name: 'NM Bone whole body', modality: 'NM', weight: 5 },
  { code: 'NLUVQ', name: 'NM Lung ventilation perfusion', modality: 'NM', weight: 2, bySource: { inpatient: 3 } },
  { code: 'NRENO', name: 'NM Renogram', modality: 'NM', weight: 1 },
  { code: 'NMYOP', name: 'NM Myocardial perfusion', modality: 'NM', weight: 2 },
  { code: 'PFDGW', name: 'PET-CT FDG Whole body', modality: 'PET', weight: 1 },
  // Fluoroscopy
  { code: 'FBASW', name: 'FL Barium swallow', modality: 'FL', weight: 3 },
  { code: 'FWSCM', name: 'FL Water soluble contrast swallow and meal', modality: 'FL', weight: 2, bySource: { inpatient: 2 } },
  { code: 'FVIDS', name: 'FL Video swallow', modality: 'FL', weight: 2 },
  // Interventional
  { code: 'IPICC', name: 'IR PICC line insertion', modality: 'IR', weight: 4, bySource: { inpatient: 2 } },
  { code: 'INEPR', name: 'IR Nephrostomy Rt', modality: 'IR', weight: 1 },
  { code: 'IANSF', name: 'IR Angioplasty superficial femoral', modality: 'IR', weight: 2 },
  // Mammography (symptomatic breast clinic) and bone densitometry
  { code: 'XMAMB', name: 'XR Mammogram Both', modality: 'MG', weight: 8 },
  { code: 'XMAML', name: 'XR Mammogram Lt', modality: 'MG', weight: 1 },
  { code: 'XMAMR', name: 'XR Mammogram Rt', modality: 'MG', weight: 1 },
  { code: 'XDEXA', name: 'DEXA Bone densitometry hip and spine', modality: 'DXA', weight: 1 },
];

/** Local codes a RIS extract carries that name no modality: the generator's unknown-modality rows. */
export const UNKNOWN_EXAM_CODES: readonly { code: string; name: string }[] = [
  { code: 'ZMDTR', name: 'Multidisciplinary team meeting review' },
  { code: 'ZEXTI', name: 'Review of images from another hospital' },
  { code: 'ZSECO', name: 'Second opinion' },
];

// ---------------------------------------------------------------------------------------------
// Reporting patterns

/** Core reporting hours for in-house staff: weekdays that are not bank holidays, 08:00 to 18:00. */
export const CORE_HOURS = { startMinute: 8 * 60, endMinute: 18 * 60 } as const;

/** Target share of plain-film reports by reporting radiographers: rises linearly across the demo span. */
export const RADIOGRAPHER_XR_SHARE = { start: 0.115, end: 0.185 } as const;
/** Target share of ultrasound reports by sonographers (in hours; out-of-hours scans go to the on-call team). */
export const SONOGRAPHER_US_SHARE = { start: 0.84, end: 0.87 } as const;

/**
 * Who reports what, as probabilities (the rest goes to consultant radiologists).
 * "Acute" means A&E or inpatient; "out of hours" is judged at the time the report would be issued.
 */
export const REPORTING_MIX = {
  /** Plain film, after the reporting-radiographer share: by patient source. */
  xr: {
    outsourced: { emergency: 0.04, inpatient: 0.03, gp: 0.12, outpatient: 0.11, other: 0.1 } as Record<PatientSource, number>,
    insourced: 0.04,
    trainee: 0.03,
  },
  /** CT and MR. */
  ctmr: {
    acuteOutOfHours: { outsourced: 0.6, trainee: 0.2 },
    acuteInHours: { outsourced: 0.02, trainee: 0.05 },
    routine: { outsourced: { CT: 0.13, MR: 0.16 } as Partial<Record<Modality, number>>, insourced: 0.1, trainee: 0.03 },
    cardiacByCardiologist: 0.55,
  },
  /** Ultrasound scanned out of hours is done by the on-call team. */
  usOutOfHours: { trainee: 0.45 },
  usTrainee: 0.02,
  nm: { otherInHouse: 0.7 },
  pet: { outsourced: 0.2, otherInHouse: 0.3 },
  fl: { trainee: 0.12 },
  ir: { trainee: 0.08 },
  /** Outsourcing eases as skill mix grows: relative change across the whole span. */
  outsourcingTrend: -0.15,
  /** Radiologist reports falling on an evening (18:00–23:00) that are issued then rather than next morning. */
  radiologistEveningShare: 0.3,
} as const;

/** Chance an examination is never reported at all (lost to follow-up): the old part of the backlog. */
export const NEVER_REPORTED = 1 / 4000;

// ---------------------------------------------------------------------------------------------
// Staff

export type Specialty =
  | 'general'
  | 'neuro'
  | 'msk'
  | 'chest'
  | 'gi'
  | 'onc'
  | 'breast'
  | 'ir'
  | 'paeds'
  | 'cardiac'
  | 'nuclear';

/** How strongly each radiologist subspecialty draws work of each modality (weights, 0 = never). */
export const SPECIALTY_AFFINITY: Record<Specialty, Partial<Record<Modality, number>>> = {
  general: { XR: 1.2, CT: 1, MR: 0.8, US: 1, FL: 0.5, DXA: 1, OT: 1 },
  neuro: { XR: 0.6, CT: 1.5, MR: 2.5, US: 0.3, OT: 1 },
  msk: { XR: 1.7, CT: 0.8, MR: 2, US: 1.5, DXA: 2, OT: 1 },
  chest: { XR: 1.9, CT: 1.6, MR: 0.3, US: 0.5, NM: 0.3, OT: 1 },
  gi: { XR: 0.8, CT: 1.6, MR: 1.3, US: 1.3, FL: 3, OT: 1 },
  onc: { XR: 0.8, CT: 1.9, MR: 1.6, US: 1, NM: 0.5, PET: 1, OT: 1 },
  breast: { XR: 0.5, CT: 0.4, MR: 0.5, US: 1.2, MG: 10, OT: 1 },
  ir: { XR: 0.5, CT: 1, US: 1, FL: 1, IR: 10, OT: 1 },
  paeds: { XR: 1.4, CT: 0.6, MR: 0.8, US: 1.6, FL: 2, OT: 1 },
  cardiac: { XR: 1.2, CT: 1.4, MR: 1.2, OT: 1 },
  nuclear: { XR: 0.8, CT: 1, NM: 3, PET: 4, OT: 1 },
};

/** A staff member as configured; dates are resolved against the first financial year by the generator. */
export interface StaffDef {
  code: string;
  name: string;
  wte: number;
  grade: string;
  /** Relative reporting speed (1 = typical). */
  pace?: number;
  specialty?: Specialty;
  /** Started this many whole years before the demo's first 1 April (month of start in `month`). */
  since?: number;
  month?: number;
  /** Special validity: the one leaver, the one joiner and the newly qualified radiographer. */
  role?: 'leaver' | 'joiner' | 'qualifies';
}

export const RADIOLOGISTS: readonly StaffDef[] = [
  { code: 'RAD01', name: 'Ahmed, S', wte: 1, grade: 'Consultant', specialty: 'neuro', since: 14, month: 9 },
  { code: 'RAD02', name: 'Bennett, C', wte: 0.8, grade: 'Consultant', specialty: 'neuro', since: 9, month: 2, pace: 0.9 },
  { code: 'RAD03', name: 'Chandra, P', wte: 0.8, grade: 'Consultant', specialty: 'neuro', since: 3, month: 10, pace: 1.1 },
  { code: 'RAD04', name: 'Davies, R', wte: 1, grade: 'Consultant', specialty: 'msk', since: 18, month: 9, pace: 1.2 },
  { code: 'RAD05', name: 'Edwards, L', wte: 0.8, grade: 'Consultant', specialty: 'msk', since: 7, month: 4 },
  { code: 'RAD06', name: 'Fernandes, M', wte: 1, grade: 'Consultant', specialty: 'msk', since: 5, month: 8, pace: 1.1 },
  { code: 'RAD07', name: 'Gill, H', wte: 0.8, grade: 'Consultant', specialty: 'msk', since: 2, month: 11 },
  { code: 'RAD08', name: 'Hughes, K', wte: 1, grade: 'Consultant', specialty: 'chest', since: 11, month: 9, pace: 1.15 },
  { code: 'RAD09', name: 'Iqbal, N', wte: 0.8, grade: 'Consultant', specialty: 'chest', since: 6, month: 3 },
  { code: 'RAD10', name: 'Jones, E', wte: 0.8, grade: 'Consultant', specialty: 'chest', since: 21, month: 10, pace: 0.9 },
  { code: 'RAD11', name: 'Kaur, J', wte: 0.6, grade: 'Consultant', specialty: 'chest', since: 4, month: 9 },
  { code: 'RAD12', name: 'Lewis, T', wte: 1, grade: 'Consultant', specialty: 'gi', since: 24, month: 9, role: 'leaver' },
  { code: 'RAD13', name: 'Mensah, K', wte: 0.8, grade: 'Consultant', specialty: 'gi', since: 8, month: 1, pace: 1.05 },
  { code: 'RAD14', name: 'Nair, V', wte: 0.8, grade: 'Consultant', specialty: 'gi', since: 5, month: 10 },
  { code: 'RAD15', name: "O'Brien, D", wte: 0.8, grade: 'Consultant', specialty: 'gi', since: 12, month: 6 },
  { code: 'RAD16', name: 'Patel, A', wte: 0.6, grade: 'Consultant', specialty: 'gi', since: 10, month: 9, pace: 1.1 },
  { code: 'RAD17', name: 'Quinn, F', wte: 0.7, grade: 'Consultant', specialty: 'onc', since: 15, month: 5 },
  { code: 'RAD18', name: 'Rahman, M', wte: 0.8, grade: 'Consultant', specialty: 'onc', since: 6, month: 9, pace: 1.1 },
  { code: 'RAD19', name: 'Smith, J', wte: 0.8, grade: 'Consultant', specialty: 'onc', since: 16, month: 9 },
  { code: 'RAD20', name: 'Thomas, G', wte: 0.8, grade: 'Consultant', specialty: 'onc', since: 1, month: 8 },
  { code: 'RAD21', name: 'Usman, B', wte: 1, grade: 'Consultant', specialty: 'breast', since: 9, month: 9 },
  { code: 'RAD22', name: 'Walker, H', wte: 0.6, grade: 'Consultant', specialty: 'breast', since: 19, month: 4 },
  { code: 'RAD23', name: 'Xu, L', wte: 0.8, grade: 'Consultant', specialty: 'ir', since: 7, month: 9 },
  { code: 'RAD24', name: 'Young, P', wte: 0.8, grade: 'Consultant', specialty: 'ir', since: 13, month: 12 },
  { code: 'RAD25', name: 'Zaman, R', wte: 0.8, grade: 'Consultant', specialty: 'ir', since: 4, month: 2 },
  { code: 'RAD26', name: 'Adeyemi, O', wte: 0.8, grade: 'Consultant', specialty: 'paeds', since: 10, month: 9 },
  { code: 'RAD27', name: 'Brown, S', wte: 0.5, grade: 'Consultant', specialty: 'paeds', since: 22, month: 9, pace: 0.9 },
  { code: 'RAD28', name: 'Campbell, A', wte: 0.8, grade: 'Consultant', specialty: 'cardiac', since: 6, month: 11 },
  { code: 'RAD29', name: 'Dhillon, R', wte: 0.7, grade: 'Consultant', specialty: 'nuclear', since: 11, month: 9 },
  { code: 'RAD30', name: 'Evans, M', wte: 1, grade: 'Consultant', specialty: 'general', since: 17, month: 9, pace: 1.15 },
  { code: 'RAD31', name: 'Foster, C', wte: 1, grade: 'Consultant', specialty: 'gi', role: 'joiner' },
];

export const TRAINEES: readonly StaffDef[] = [
  { code: 'STR01', name: 'Grant, E', wte: 1, grade: 'ST5', since: 4, month: 8 },
  { code: 'STR02', name: 'Hussain, Z', wte: 1, grade: 'ST4', since: 3, month: 8 },
  { code: 'STR03', name: 'Ibrahim, L', wte: 0.8, grade: 'ST4', since: 3, month: 8 },
  { code: 'STR04', name: 'Jackson, T', wte: 1, grade: 'ST3', since: 2, month: 8 },
  { code: 'STR05', name: 'Kowalski, A', wte: 1, grade: 'ST3', since: 2, month: 8 },
  { code: 'STR06', name: 'Li, W', wte: 1, grade: 'ST2', since: 1, month: 8 },
  { code: 'STR07', name: 'Murphy, C', wte: 0.6, grade: 'ST2', since: 1, month: 8 },
  { code: 'STR08', name: 'Nwosu, I', wte: 1, grade: 'ST1', since: 0, month: 8 },
];

export const REPORTING_RADIOGRAPHERS: readonly StaffDef[] = [
  { code: 'RRG01', name: 'Parker, J', wte: 1, grade: 'Band 8a', since: 12, month: 9, pace: 1.2 },
  { code: 'RRG02', name: 'Reid, A', wte: 0.8, grade: 'Band 7', since: 6, month: 1 },
  { code: 'RRG03', name: 'Singh, P', wte: 1, grade: 'Band 7', since: 4, month: 10 },
  { code: 'RRG04', name: 'Turner, M', wte: 0.6, grade: 'Band 7', since: 9, month: 3 },
  { code: 'RRG05', name: 'Varghese, S', wte: 1, grade: 'Band 7', since: 2, month: 7 },
  { code: 'RRG06', name: 'White, L', wte: 1, grade: 'Band 7', role: 'qualifies' },
];

export const SONOGRAPHERS: readonly StaffDef[] = [
  { code: 'SON01', name: 'Allen, R', wte: 1, grade: 'Band 8a', since: 15, month: 9 },
  { code: 'SON02', name: 'Begum, S', wte: 1, grade: 'Band 7', since: 8, month: 2 },
  { code: 'SON03', name: 'Clarke, H', wte: 0.8, grade: 'Band 7', since: 11, month: 6 },
  { code: 'SON04', name: 'Das, N', wte: 1, grade: 'Band 7', since: 5, month: 9 },
  { code: 'SON05', name: 'Ellis, K', wte: 0.6, grade: 'Band 7', since: 19, month: 4 },
  { code: 'SON06', name: 'Fraser, M', wte: 1, grade: 'Band 7', since: 3, month: 10 },
  { code: 'SON07', name: 'Green, P', wte: 0.8, grade: 'Band 7', since: 7, month: 1 },
  { code: 'SON08', name: 'Hall, D', wte: 1, grade: 'Band 7', since: 2, month: 9 },
  { code: 'SON09', name: 'Joseph, A', wte: 1, grade: 'Band 7', since: 1, month: 11 },
  { code: 'SON10', name: 'Khan, F', wte: 0.9, grade: 'Band 7', since: 6, month: 5 },
];

/** Other in-house reporters: cardiac CT with the cardiologist, nuclear medicine with the NM physician. */
export const OTHER_IN_HOUSE: readonly (StaffDef & { reports: readonly Modality[] })[] = [
  { code: 'CAR01', name: 'Morgan, D', wte: 0.2, grade: 'Consultant Cardiologist', since: 9, month: 9, reports: ['CT'] },
  { code: 'NMP01', name: 'Okafor, C', wte: 0.6, grade: 'Consultant Nuclear Medicine Physician', since: 12, month: 4, reports: ['NM', 'PET'] },
];

export const INSOURCING_PROVIDER = '4Ways Healthcare';
/** Insourced reporters work on the trust's own RIS; they hold no trust WTE. */
export const INSOURCED: readonly StaffDef[] = [
  { code: 'INS-01', name: 'Anand, V', wte: 0, grade: 'Consultant', since: 3, month: 6 },
  { code: 'INS-02', name: 'Baxter, G', wte: 0, grade: 'Consultant', since: 3, month: 6 },
  { code: 'INS-03', name: 'Costa, R', wte: 0, grade: 'Consultant', since: 2, month: 1 },
  { code: 'INS-04', name: 'Doyle, E', wte: 0, grade: 'Consultant', since: 2, month: 1 },
  { code: 'INS-05', name: 'Eze, U', wte: 0, grade: 'Consultant', since: 1, month: 10 },
  { code: 'INS-06', name: 'Fischer, K', wte: 0, grade: 'Consultant', since: 1, month: 10 },
];

/** Teleradiology providers: reporters are not in the staff register; the extract's provider column names them. */
export const TELERADIOLOGY: readonly { provider: string; prefix: string; reporters: number; ooh: number; routine: number }[] = [
  // `ooh` and `routine`: the provider's share of the trust's out-of-hours and routine outsourced work.
  { provider: 'Medica', prefix: 'MED-', reporters: 28, ooh: 0.7, routine: 0.4 },
  { provider: 'Everlight', prefix: 'EVL-', reporters: 18, ooh: 0.3, routine: 0.6 },
];

/** Reporter codes that appear in the RIS but were never registered: they resolve as unclassified. */
export const UNREGISTERED_REPORTERS = {
  locum: { code: 'LOC99', name: 'Ivanova, P' },
  temp: { code: 'XR-TEMP', name: null },
} as const;

/** Surnames and initials for generated teleradiology reporter names. */
export const SURNAMES: readonly string[] = [
  'Abbott', 'Banerjee', 'Carter', 'Dunn', 'Egan', 'Farouk', 'Gordon', 'Hayes', 'Ingram', 'Jain', 'Kelly', 'Lowe',
  'Marsh', 'Naidoo', 'Osei', 'Pearce', 'Qureshi', 'Rossi', 'Shaw', 'Tran', 'Upton', 'Vaughan', 'Webb', 'Yates',
  'Zhou', 'Armstrong', 'Bishop', 'Coleman', 'Doherty', 'Ferguson', 'Gupta', 'Holt', 'Jensen', 'Kapoor', 'Lindqvist', 'Moreno',
];
export const INITIALS = 'ABCDEFGHJKLMNPRSTW';
