/**
 * The demo data as files a user would import: a CRIS-like RIS activity extract and a staff register,
 * in plain CSV (RFC 4180 quoting, UK dates, CRLF line ends). Reading them back gives demoExams and
 * demoStaff exactly, apart from the patient hash (an import hashes the NHS number with its own salt)
 * and, when `errors` is set, a few deliberately rejectable rows.
 */
import type { Modality, PatientSource } from '../model';
import { STAFF_GROUP_NAMES } from '../model';
import { demoExamCursor, demoStaff, resolveDemoOptions, type DemoOptions } from './generator';
import { demoNhsNumber } from './patients';
import { FIRST_YEAR_EXAMS } from './trust';

export const RIS_CSV_HEADER = [
  'Accession Number',
  'Exam Code',
  'Exam Name',
  'Modality',
  'Site',
  'Patient Type',
  'Priority',
  'Exam Date',
  'Exam Time',
  'Date Reported',
  'Time Reported',
  'Reported By',
  'Reporter Name',
  'Outsourcing Provider',
  'NHS Number',
] as const;

export const STAFF_CSV_HEADER = ['Reporter Code', 'Name', 'Staff Group', 'WTE', 'Valid From', 'Valid To', 'Grade', 'Provider'] as const;

/** How the extract spells each patient source. */
export const PATIENT_TYPE_LABELS: Record<PatientSource, string> = {
  inpatient: 'Inpatient',
  outpatient: 'Outpatient',
  emergency: 'A&E',
  gp: 'GP',
  other: 'Other',
};

/** Accessions of the deliberately broken rows start with this (one has no accession at all). */
export const ERROR_ROW_PREFIX = 'ERR';

const CRLF = '\r\n';

/**
 * The modality column as a RIS shows it: DICOM-style codes. Plain film is CR at the community hospital's
 * older kit and DX elsewhere. An examination whose modality is unknown has an empty cell.
 */
export function risModalityCode(modality: Modality, site: string | null, modalityUnknown: boolean): string {
  switch (modality) {
    case 'XR':
      return site === 'RXX02' ? 'CR' : 'DX';
    case 'FL':
      return 'RF';
    case 'IR':
      return 'XA';
    case 'PET':
      return 'PT';
    case 'OT':
      return modalityUnknown ? '' : 'OT';
    default:
      return modality;
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: quoted when it holds a delimiter, a quote or a line break (RFC 4180). */
export function csvField(value: string | null): string {
  if (value === null) return '';
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** 'YYYY-MM-DD…' → 'dd/mm/yyyy'. */
export function ukDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

type BrokenKind = 'blank-accession' | 'impossible-date' | 'pending-report';
const BROKEN_KINDS: readonly BrokenKind[] = ['blank-accession', 'impossible-date', 'pending-report'];

/** The RIS activity extract, header first, one examination per line, each line ending CRLF. */
export function* demoRisCsvLines(opts: DemoOptions & { errors?: boolean } = {}): Generator<string> {
  const o = resolveDemoOptions(opts);
  const cursor = demoExamCursor(opts);
  yield RIS_CSV_HEADER.join(',') + CRLF;

  // Nine broken rows, spread through the file, three of each kind.
  const expected = FIRST_YEAR_EXAMS * o.scale * o.years;
  const brokenAt = opts.errors ? Array.from({ length: 9 }, (_, k) => Math.max(1, Math.floor((expected * (k + 1)) / 10))) : [];
  let nextBroken = 0;
  let row = 0;

  for (const e of cursor.exams) {
    const cells = [
      csvField(e.accession),
      csvField(e.examCode),
      csvField(e.examName),
      risModalityCode(e.modality, e.site, e.modalityUnknown),
      csvField(e.site),
      e.patientSource ? PATIENT_TYPE_LABELS[e.patientSource] : '',
      csvField(e.priority),
      ukDate(e.examAt),
      e.examAt.slice(11, 16),
      e.reportedAt ? ukDate(e.reportedAt) : '',
      e.reportedAt ? e.reportedAt.slice(11, 16) : '',
      csvField(e.reporterCode),
      csvField(e.reporterName),
      csvField(e.provider),
      demoNhsNumber(cursor.patientId()),
    ];
    yield cells.join(',') + CRLF;
    row++;

    while (nextBroken < brokenAt.length && row >= (brokenAt[nextBroken] as number)) {
      const kind = BROKEN_KINDS[nextBroken % BROKEN_KINDS.length] as BrokenKind;
      const broken = [...cells];
      broken[0] = kind === 'blank-accession' ? '' : `${ERROR_ROW_PREFIX}${String(nextBroken + 1).padStart(6, '0')}`;
      if (kind === 'impossible-date') broken[7] = `31/02/${e.examAt.slice(0, 4)}`;
      if (kind === 'pending-report') {
        broken[9] = 'pending?';
        broken[10] = '';
      }
      yield broken.join(',') + CRLF;
      nextBroken++;
    }
  }
}

/** The staff register file, header first, each line ending CRLF. */
export function demoStaffCsvLines(opts: DemoOptions = {}): string[] {
  const lines = [STAFF_CSV_HEADER.join(',') + CRLF];
  for (const s of demoStaff(opts)) {
    lines.push(
      [
        csvField(s.code),
        csvField(s.name),
        csvField(STAFF_GROUP_NAMES[s.group]),
        s.wte.toFixed(2),
        ukDate(s.validFrom),
        s.validTo ? ukDate(s.validTo) : '',
        csvField(s.grade),
        csvField(s.provider),
      ].join(',') + CRLF,
    );
  }
  return lines;
}
