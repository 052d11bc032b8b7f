/**
 * Free-text staff groups and patient sources from extracts and registers, read into the METRICS.md keys.
 * Unrecognised text gives null (staff group), so the reporter is listed for the user to classify.
 */
import { PATIENT_SOURCES, STAFF_GROUPS, type PatientSource, type StaffGroup } from '../model';

/** Lower-case words; '&' read as 'and'. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

const hasWord = (ws: string[], ...candidates: string[]): boolean => candidates.some((c) => ws.includes(c));
const hasPhrase = (ws: string[], phrase: string): boolean => (' ' + ws.join(' ') + ' ').includes(' ' + phrase + ' ');
const hasPrefix = (ws: string[], ...prefixes: string[]): boolean => ws.some((w) => prefixes.some((p) => w.startsWith(p)));

/**
 * Rules in order; the first that matches wins. Order matters: an insourced or outsourced radiologist is
 * external; a consultant radiographer or sonographer is not a radiologist; a registrar is a trainee;
 * a consultant cardiologist is other in-house; a plain "consultant" is a radiologist.
 */
const GROUP_RULES: [StaffGroup, (ws: string[]) => boolean][] = [
  ['insourced', (ws) => hasPrefix(ws, 'insourc') || hasPhrase(ws, 'in sourced') || hasPhrase(ws, 'in sourcing')],
  [
    'outsourced',
    (ws) =>
      hasPrefix(ws, 'outsourc', 'teleradiolog', 'telerad') ||
      hasPhrase(ws, 'out sourced') ||
      hasPhrase(ws, 'tele radiology') ||
      hasWord(ws, 'external', 'outsource') ||
      hasPhrase(ws, 'third party') ||
      hasPhrase(ws, 'independent sector'),
  ],
  [
    'reporting_radiographer',
    (ws) =>
      hasPrefix(ws, 'radiographer') ||
      hasPhrase(ws, 'advanced practitioner') ||
      hasPhrase(ws, 'reporting practitioner') ||
      hasWord(ws, 'rr', 'apr'),
  ],
  ['sonographer', (ws) => hasPrefix(ws, 'sonographer', 'sonography') || hasWord(ws, 'sono', 'sonog')],
  [
    'trainee',
    (ws) =>
      hasPrefix(ws, 'registrar', 'trainee') ||
      hasWord(ws, 'str', 'spr', 'reg', 'st1', 'st2', 'st3', 'st4', 'st5', 'st6', 'st7') ||
      hasPhrase(ws, 'st 1') || hasPhrase(ws, 'st 2') || hasPhrase(ws, 'st 3') || hasPhrase(ws, 'st 4') ||
      hasPhrase(ws, 'st 5') || hasPhrase(ws, 'st 6') || hasPhrase(ws, 'st 7') ||
      hasPhrase(ws, 'specialty training') || hasPhrase(ws, 'in training'),
  ],
  ['radiologist', (ws) => hasPrefix(ws, 'radiologist', 'neuroradiologist') || hasWord(ws, 'rad')],
  [
    'other_in_house',
    (ws) =>
      hasPrefix(ws, 'cardiolog', 'physician', 'physicist', 'surgeon', 'rheumatolog', 'urolog', 'gynaecolog', 'obstetric',
        'orthopaedic', 'orthopedic', 'oncolog', 'clinician', 'scientist', 'nurse', 'midwife') ||
      hasPhrase(ws, 'nuclear medicine') ||
      hasPhrase(ws, 'other in house') ||
      hasPhrase(ws, 'non radiologist') ||
      hasWord(ws, 'other', 'gp', 'gpsi'),
  ],
  [
    'radiologist',
    (ws) =>
      hasWord(ws, 'consultant', 'cons', 'locum', 'sas') ||
      hasPhrase(ws, 'specialty doctor') ||
      hasPhrase(ws, 'associate specialist') ||
      hasPhrase(ws, 'staff grade'),
  ],
];

/** Staff-group text → group key, or null when empty or unrecognised. The METRICS.md keys themselves are accepted. */
export function parseStaffGroup(text: string | null): StaffGroup | null {
  if (text === null || text === undefined) return null;
  const ws = words(text);
  if (ws.length === 0) return null;
  const key = ws.join('_');
  if ((STAFF_GROUPS as readonly string[]).includes(key)) return key as StaffGroup;
  if (key === 'other_in_house' || key === 'in_house_other') return 'other_in_house';
  for (const [group, test] of GROUP_RULES) if (test(ws)) return group;
  return null;
}

/**
 * DID PATIENT SOURCE SETTING TYPE (DIAGNOSTIC IMAGING) national codes: 01 admitted patient care –
 * inpatient, 02 admitted patient care – day case, 03 outpatient, 04 GP direct access, 05 accident and
 * emergency department, 06 other health care provider, 07 other. A day case is an admitted patient.
 */
export const DID_PATIENT_SOURCE_CODES: Record<string, PatientSource> = {
  '01': 'inpatient',
  '02': 'inpatient',
  '03': 'outpatient',
  '04': 'gp',
  '05': 'emergency',
  '06': 'other',
  '07': 'other',
};

const SOURCE_RULES: [PatientSource, (ws: string[]) => boolean][] = [
  [
    'emergency',
    (ws) =>
      hasPhrase(ws, 'a and e') ||
      hasWord(ws, 'ae', 'ed', 'aande', 'emergency', 'accident', 'casualty', 'er', 'utc', 'ucc', 'resus') ||
      hasPhrase(ws, 'urgent care') ||
      hasPhrase(ws, 'minor injuries') ||
      hasPhrase(ws, 'minor injury'),
  ],
  [
    'gp',
    (ws) =>
      hasWord(ws, 'gp', 'gpda', 'gps') ||
      hasPhrase(ws, 'general practitioner') ||
      hasPhrase(ws, 'general practice') ||
      hasPhrase(ws, 'direct access') ||
      hasPhrase(ws, 'primary care'),
  ],
  [
    'inpatient',
    (ws) =>
      hasWord(ws, 'inpatient', 'inpatients', 'ip', 'admitted', 'ward', 'daycase', 'dc') ||
      hasPhrase(ws, 'in patient') ||
      hasPhrase(ws, 'in patients') ||
      hasPhrase(ws, 'day case'),
  ],
  [
    'outpatient',
    (ws) =>
      hasWord(ws, 'outpatient', 'outpatients', 'op', 'opd', 'clinic') || hasPhrase(ws, 'out patient') || hasPhrase(ws, 'out patients'),
  ],
];

/**
 * Patient-source text → inpatient / outpatient / emergency / gp / other; null when empty. DID codes
 * ('01'…'07', with or without the leading zero) are read by their national meaning; anything else
 * non-empty that no rule recognises is 'other'.
 */
export function parsePatientSource(text: string | null): PatientSource | null {
  if (text === null || text === undefined) return null;
  const t = String(text).trim();
  if (t === '') return null;
  if (/^\d{1,2}$/.test(t)) return DID_PATIENT_SOURCE_CODES[t.padStart(2, '0')] ?? 'other';
  const ws = words(t);
  if (ws.length === 0) return 'other';
  const key = ws.join('_');
  if ((PATIENT_SOURCES as readonly string[]).includes(key)) return key as PatientSource;
  for (const [source, test] of SOURCE_RULES) if (test(ws)) return source;
  return 'other';
}
