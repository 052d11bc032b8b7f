import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ERROR_ROW_PREFIX,
  PATIENT_TYPE_LABELS,
  RIS_CSV_HEADER,
  STAFF_CSV_HEADER,
  csvField,
  demoRisCsvLines,
  demoStaffCsvLines,
} from '../../../shared/demo/csv';
import { demoExams, demoStaff, type DemoOptions } from '../../../shared/demo/generator';
import { isValidNhsNumber } from '../../../shared/demo/patients';
import { STAFF_GROUP_NAMES, type ExamRecord, type Modality, type PatientSource, type StaffRecord } from '../../../shared/model';

const OPTS: DemoOptions = { seed: 11, scale: 0.01 };

const FROM_DICOM: Record<string, Modality> = { CR: 'XR', DX: 'XR', RF: 'FL', XA: 'IR', PT: 'PET' };
const SOURCE_OF = new Map(Object.entries(PATIENT_TYPE_LABELS).map(([k, v]) => [v, k as PatientSource]));
const GROUP_OF = new Map(Object.entries(STAFF_GROUP_NAMES).map(([k, v]) => [v, k as StaffRecord['group']]));

function parse(lines: Iterable<string>): string[][] {
  const result = Papa.parse<string[]>([...lines].join(''), { skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

function isoFromUk(date: string, time: string): string {
  return `${date.slice(6, 10)}-${date.slice(3, 5)}-${date.slice(0, 2)}T${time}`;
}

/** What an importer makes of one RIS row, minus the patient hash (salted per database). */
function examFromRow(r: string[]): Omit<ExamRecord, 'patientHash'> {
  const cell = (i: number) => (r[i] === '' || r[i] === undefined ? null : (r[i] as string));
  const dicom = r[3] ?? '';
  const modality = (dicom === '' ? 'OT' : (FROM_DICOM[dicom] ?? dicom)) as Modality;
  return {
    accession: r[0] as string,
    examCode: r[1] as string,
    examName: cell(2),
    modality,
    modalityUnknown: dicom === '',
    site: cell(4),
    patientSource: SOURCE_OF.get(r[5] ?? '') ?? null,
    priority: cell(6),
    requestedAt: null,
    examAt: isoFromUk(r[7] as string, r[8] as string),
    reportedAt: r[9] ? isoFromUk(r[9], r[10] as string) : null,
    reporterCode: cell(11),
    reporterName: cell(12),
    extractGroup: null,
    provider: cell(13),
  };
}

let lines: string[];
let rows: string[][];

beforeAll(() => {
  lines = [...demoRisCsvLines(OPTS)];
  rows = parse(lines);
});

describe('RIS extract CSV', () => {
  it('starts with the CRIS-like header and ends every line with CRLF', () => {
    expect(lines[0]).toBe(`${RIS_CSV_HEADER.join(',')}\r\n`);
    expect(lines.every((l) => l.endsWith('\r\n') && l.indexOf('\n') === l.length - 1)).toBe(true);
    expect(rows[0]).toEqual([...RIS_CSV_HEADER]);
    expect(rows.every((r) => r.length === RIS_CSV_HEADER.length)).toBe(true);
  });

  it('reads back as exactly the generated examinations', () => {
    const expected = [...demoExams(OPTS)].map(({ patientHash: _hash, ...rest }) => rest);
    expect(rows.slice(1).map(examFromRow)).toEqual(expected);
  });

  it('quotes reporter names that hold a comma, and they round-trip', () => {
    const quoted = lines.find((l) => l.includes('"Smith, J"'));
    expect(quoted).toBeDefined();
    const row = parse([quoted as string])[0] as string[];
    expect(row[12]).toBe('Smith, J');
    expect(row[11]).toBe('RAD19');
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
  });

  it('writes UK dates, DICOM-style modality codes and synthetic NHS numbers', () => {
    const body = rows.slice(1);
    expect(body.every((r) => /^\d{2}\/\d{2}\/\d{4}$/.test(r[7] as string) && /^\d{2}:\d{2}$/.test(r[8] as string))).toBe(true);
    const codes = new Set(body.map((r) => r[3]));
    for (const c of ['CR', 'DX', 'CT', 'MR', 'US', 'RF', 'XA', 'NM', 'MG', 'DXA']) expect(codes.has(c)).toBe(true);
    expect(codes.has('')).toBe(true); // unknown modality
    expect(body.every((r) => (r[14] as string).startsWith('999') && isValidNhsNumber(r[14] as string))).toBe(true);
    expect(body.some((r) => r[5] === 'A&E') && body.some((r) => r[5] === 'GP')).toBe(true);
  });

  it('gives one NHS number per patient hash', () => {
    const exams = [...demoExams(OPTS)];
    const nhsOfHash = new Map<string, string>();
    const hashOfNhs = new Map<string, string>();
    let conflicts = 0;
    exams.forEach((e, i) => {
      const nhs = (rows[i + 1] as string[])[14] as string;
      const hash = e.patientHash as string;
      if ((nhsOfHash.get(hash) ?? nhs) !== nhs || (hashOfNhs.get(nhs) ?? hash) !== hash) conflicts++;
      nhsOfHash.set(hash, nhs);
      hashOfNhs.set(nhs, hash);
    });
    expect(conflicts).toBe(0);
    expect(nhsOfHash.size).toBeLessThan(exams.length);
  });

  it('adds a few rejectable rows when asked, and changes nothing else', () => {
    const withErrors = parse(demoRisCsvLines({ ...OPTS, errors: true }));
    const broken = withErrors.filter((r) => r[0] === '' || (r[0] as string).startsWith(ERROR_ROW_PREFIX));
    expect(broken.length).toBe(9);
    expect(broken.filter((r) => r[0] === '').length).toBe(3);
    expect(broken.filter((r) => (r[7] as string).startsWith('31/02/')).length).toBe(3);
    expect(broken.filter((r) => r[9] === 'pending?').length).toBe(3);
    expect(withErrors.filter((r) => !broken.includes(r))).toEqual(rows);
  });
});

describe('staff register CSV', () => {
  it('reads back as the staff register, with UK dates', () => {
    const staffRows = parse(demoStaffCsvLines(OPTS));
    expect(staffRows[0]).toEqual([...STAFF_CSV_HEADER]);
    const uk = (d: string) => `${d.slice(6, 10)}-${d.slice(3, 5)}-${d.slice(0, 2)}`;
    const back: StaffRecord[] = staffRows.slice(1).map((r) => ({
      code: r[0] as string,
      name: r[1] || null,
      group: GROUP_OF.get(r[2] as string) as StaffRecord['group'],
      wte: Number(r[3]),
      validFrom: uk(r[4] as string),
      validTo: r[5] ? uk(r[5]) : null,
      grade: r[6] || null,
      provider: r[7] || null,
    }));
    expect(back).toEqual(demoStaff(OPTS));
    expect(staffRows.some((r) => r[5] === '18/10/2024')).toBe(true);
    expect(demoStaffCsvLines().every((l) => l.endsWith('\r\n'))).toBe(true);
  });
});
