/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import * as XLSX from 'xlsx';
import type { Cell } from '../../../shared/io/types';
import type { MappingPreset } from '../../../shared/contract';
import {
  DID_HEADERLESS_LAYOUT,
  DID_ITEMS,
  DID_LAYOUT,
  SPEND_LAYOUT,
  columnsFromMapping,
  detectLayout,
  looksLikeDidRecord,
  mappingFromColumns,
  pickFields,
  presetFromColumns,
  suggestFields,
  type LayoutDetection,
} from '../../../shared/ingest/headerDetect';
import { cellText, parseDate, parseMoneyPence } from '../../../shared/ingest/values';

const FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures/public-spend/', import.meta.url));

function csvRows(file: string, encoding: string): Cell[][] {
  const text = new TextDecoder(encoding).decode(readFileSync(FIXTURES + file));
  return Papa.parse<string[]>(text, { preview: 20, skipEmptyLines: false }).data;
}

function xlsxRows(file: string): Cell[][] {
  const wb = XLSX.read(readFileSync(FIXTURES + file), { cellDates: true });
  const ws = wb.Sheets[wb.SheetNames[0] as string];
  if (!ws) throw new Error('no sheet');
  return XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: true, UTC: true, defval: null }).slice(0, 20);
}

/** header → field, for compact assertions. */
function fieldsByHeader(d: LayoutDetection): Record<string, string | null> {
  return Object.fromEntries(d.columns.map((c) => [c.header, c.field]));
}

const RIS_HEADER = [
  'Acc No', 'Exam Code', 'Examination', 'Modality ', 'Date of Exam', 'Exam Time', 'Date Reported', 'Reported By',
  'Reporter Code', 'Staff Group', 'Hospital Number', 'NHS Number', 'Referrer Code', 'Patient Type', 'Urgency', 'DOB',
];
const RIS_ROW = [
  'RAD123456', 'XCHES', 'XR Chest', 'DX', '01/04/2024', '09:15', '02/04/2024', 'Dr A Smith', 'ASMI', 'Consultant', 'H123456',
  '9434765919', 'C1234567', 'OP', 'Routine', '01/01/1950',
];

describe('detectLayout: RIS extract', () => {
  const rows: Cell[][] = [
    ['Radiology Information System'],
    ['Activity extract: reported examinations', null, null],
    ['Run on 01/05/2024 by CRIS reporting'],
    [null, '', '  '],
    RIS_HEADER,
    RIS_ROW,
    RIS_ROW.map((c, i) => (i === 0 ? 'RAD123457' : c)),
  ];
  const d = detectLayout(rows, {});

  it('finds the header row below three title rows and a blank row', () => {
    expect(d.headerRowIndex).toBe(4);
    expect(d.kind).toBe('ris');
    expect(d.missingRequired).toEqual([]);
  });

  it('maps every recognised column to one field', () => {
    expect(fieldsByHeader(d)).toEqual({
      'Acc No': 'accession',
      'Exam Code': 'examCode',
      Examination: 'examName',
      Modality: 'modality',
      'Date of Exam': 'examDate',
      'Exam Time': 'examTime',
      'Date Reported': 'reportDate',
      'Reported By': 'reporterName',
      'Reporter Code': 'reporterCode',
      'Staff Group': 'reporterGroup',
      'Hospital Number': null,
      'NHS Number': 'patientId',
      'Referrer Code': null,
      'Patient Type': 'patientSource',
      Urgency: 'priority',
      DOB: 'birthDate',
    });
    for (const c of d.columns) expect(c.confidence).toBe(c.field ? 1 : 0);
  });

  it('trims trailing spaces from header text', () => {
    expect(d.columns[3]?.header).toBe('Modality');
  });

  it('prefers NHS Number to Hospital Number for the patient identifier, in either order', () => {
    expect(mappingFromColumns(d.columns).patientId).toBe(11);
  });

  it('scores the kinds, RIS highest', () => {
    const { ris, staff, ledger, statement, tariff } = d.kindScores;
    expect(ris).toBeGreaterThan(0.7);
    for (const other of [staff, ledger, statement, tariff]) expect(ris).toBeGreaterThan(other);
    expect(ris + staff + ledger + statement + tariff).toBeCloseTo(1, 2);
  });

  it('maps a mapping to row cells', () => {
    const m = mappingFromColumns(d.columns);
    const cells = pickFields(RIS_ROW, m);
    expect(cells.accession).toBe('RAD123456');
    expect(cells.examDate).toBe('01/04/2024');
    expect('referrer' in cells).toBe(false);
  });

  it('lists missing required fields', () => {
    const r = detectLayout([['Exam Code', 'Exam Name', 'Report Date'], ['XCHES', 'XR Chest', '01/01/2024']], { kind: 'ris' });
    expect(r.headerRowIndex).toBe(0);
    expect(r.missingRequired).toEqual(['accession', 'examDate']);
  });
});

describe('detectLayout: fuzzy and guarded matches', () => {
  it('matches headers with extra words or another word order at lower confidence', () => {
    const d = detectLayout([['Accession', 'Date of the Examination', 'Report Date (dd/mm/yyyy)', 'Exam Room'], ['A1', '01/01/2024', '02/01/2024', 'CT1']], {
      kind: 'ris',
    });
    const byHeader = Object.fromEntries(d.columns.map((c) => [c.header, c]));
    expect(byHeader['Accession']?.field).toBe('accession');
    expect(byHeader['Date of the Examination']).toMatchObject({ field: 'examDate', confidence: 0.9 });
    expect(byHeader['Report Date (dd/mm/yyyy)']?.field).toBe('reportDate');
    expect(byHeader['Report Date (dd/mm/yyyy)']?.confidence).toBeGreaterThanOrEqual(0.6);
    expect(byHeader['Report Date (dd/mm/yyyy)']?.confidence).toBeLessThan(0.9);
    expect(byHeader['Exam Room']?.field).toBeNull();
  });

  it('never reads the referrer, NHS number status or gender as reporter, patient id or anything else', () => {
    const d = detectLayout(
      [['Accession Number', 'Exam Date', 'Referrer Code', 'Referrer Name', 'NHS Number Status Indicator Code', 'Gender'], ['A1', '01/01/2024', 'C1', 'Dr R', '01', 'F']],
      { kind: 'ris' },
    );
    expect(d.columns.slice(2).map((c) => c.field)).toEqual([null, null, null, null]);
  });

  it('matches a field when its most specific column is absent', () => {
    const d = detectLayout([['Accession', 'Exam Date Time', 'Request Received Date'], ['A1', '01/01/2024 10:00', '01/01/2024']], { kind: 'ris' });
    expect(d.columns.map((c) => c.field)).toEqual(['accession', 'examDate', 'requestDate']);
    expect(d.columns[2]?.confidence).toBe(0.7);
  });

  it('gives each field to one column only', () => {
    const d = detectLayout([['Exam Date', 'Examination Date', 'Accession'], ['01/01/2024', '01/01/2024', 'A1']], { kind: 'ris' });
    expect(d.columns.filter((c) => c.field === 'examDate')).toHaveLength(1);
    expect(d.columns[0]?.field).toBe('examDate');
  });

  it('suggests fields for a header, best first', () => {
    const s = suggestFields('Reported By Code', 'ris');
    expect(s[0]).toEqual({ field: 'reporterCode', confidence: 1 });
    expect(s[1]?.field).toBe('reporterName');
    expect(s[1]?.confidence).toBeLessThan(1);
    const fuzzy = suggestFields('Report Verified Date Time', 'ris');
    expect(fuzzy[0]?.field).toBe('reportDate');
    expect(fuzzy[0]?.confidence).toBeGreaterThanOrEqual(0.6);
    expect(fuzzy[0]?.confidence).toBeLessThan(0.9);
    expect(suggestFields('Referrer Code', 'ris')).toEqual([]);
    expect(suggestFields('Event', 'ris', { name: 'p', kind: 'ris', headers: { event: 'examDate' } })).toEqual([{ field: 'examDate', confidence: 1 }]);
  });

  it('prefers a header followed by data to a filter block above it', () => {
    const d = detectLayout(
      [['Site', 'All sites'], ['Modality', 'All'], [], ['Accession', 'Exam Date', 'Site', 'Modality'], ['A1', '01/01/2024', 'Main', 'CT']],
      {},
    );
    expect(d.headerRowIndex).toBe(3);
  });
});

describe('detectLayout: staff register', () => {
  it('detects a staff register and maps its columns', () => {
    const d = detectLayout(
      [
        ['Reporting staff register 2024/25'],
        [],
        ['Code', 'Name', 'Staff Group', 'WTE', 'Start Date', 'End Date', 'Band'],
        ['ASMI', 'Dr A Smith', 'Consultant Radiologist', 1, '01/04/2024', null, 'Consultant'],
        ['BJON', 'B Jones', 'Reporting Radiographer', '0.6', '01/04/2024', '31/12/2024', 'Band 8a'],
      ],
      {},
    );
    expect(d.kind).toBe('staff');
    expect(d.headerRowIndex).toBe(2);
    expect(mappingFromColumns(d.columns)).toEqual({ reporterCode: 0, name: 1, group: 2, wte: 3, validFrom: 4, validTo: 5, grade: 6 });
    expect(d.missingRequired).toEqual([]);
    expect(d.kindScores.staff).toBeGreaterThan(d.kindScores.ris);
  });

  it('reads an ESR-style register', () => {
    const d = detectLayout([['Employee Number', 'Full Name', 'Job Role', 'Contracted WTE', 'Assignment Start Date'], ['123', 'A', 'Consultant', '1', '01/04/2024']], {});
    expect(d.kind).toBe('staff');
    expect(d.missingRequired).toEqual([]);
  });

  it('reports a missing WTE', () => {
    const d = detectLayout([['Reporter Code', 'Name', 'Staff Group'], ['A', 'B', 'Radiologist']], { kind: 'staff' });
    expect(d.missingRequired).toEqual(['wte']);
  });
});

describe('detectLayout: spend over £25,000 files (real fixtures)', () => {
  it('CHWE (Windows-1252, "Expense Type " with a trailing space) is a ledger', () => {
    const rows = csvRows('CHWE 07 - October.csv', 'windows-1252');
    const d = detectLayout(rows, {});
    expect(d.kind).toBe('ledger');
    expect(d.headerRowIndex).toBe(0);
    expect(d.layout).toBe(SPEND_LAYOUT);
    expect(fieldsByHeader(d)).toEqual({
      'Department Family': 'departmentFamily',
      Entity: 'entity',
      'Date Paid': 'transactionDate',
      'Expense Type': 'subjectiveName',
      'Expense Area': 'expenseArea',
      'Supplier Name': 'supplier',
      'Transaction Reference': 'reference',
      amount: 'amount',
    });
    expect(d.missingRequired).toEqual([]);
    expect(d.kindScores.ledger).toBeGreaterThan(0.8);
    // The mapped cells of a real row parse.
    const m = mappingFromColumns(d.columns);
    const medica = rows.find((r) => String(r[5]).startsWith('Medica'));
    expect(medica).toBeDefined();
    const cells = pickFields(medica as Cell[], m);
    expect(parseMoneyPence(cells.amount ?? null)).toBe(4606870);
    expect(parseDate(cells.transactionDate ?? null, 'dmy')).toEqual({ date: '2020-10-01', time: null });
  });

  it('LEGR ("Amount" values with trailing spaces) is a ledger', () => {
    const rows = csvRows('LEGR 08 - November.csv', 'utf-8');
    const d = detectLayout(rows, {});
    expect(d.kind).toBe('ledger');
    expect(fieldsByHeader(d)).toMatchObject({ Date: 'transactionDate', Supplier: 'supplier', 'Transaction Number': 'reference', Amount: 'amount' });
    const amountCol = mappingFromColumns(d.columns).amount as number;
    expect(parseMoneyPence(rows[1]?.[amountCol] ?? null)).toBe(3551834);
  });

  it('NMID (XLSX with Excel dates and an empty trailing column) is a ledger', () => {
    const rows = xlsxRows('NMID 09 - December.xlsx');
    const d = detectLayout(rows, {});
    expect(d.kind).toBe('ledger');
    expect(d.headerRowIndex).toBe(0);
    expect(d.columns).toHaveLength(8);
    expect(d.missingRequired).toEqual([]);
    expect(fieldsByHeader(d)['Department family']).toBe('departmentFamily');
    const m = mappingFromColumns(d.columns);
    const first = rows[1] as Cell[];
    expect(first[m.transactionDate as number]).toBeInstanceOf(Date);
    expect(parseDate(first[m.transactionDate as number] ?? null, 'dmy')).toEqual({ date: '2020-12-04', time: null });
    expect(cellText(first[m.transactionDate as number] ?? null)).toBe('2020-12-04');
  });

  it('a forced kind is kept even when another kind fits better', () => {
    const d = detectLayout(csvRows('LEGR 08 - November.csv', 'utf-8'), { kind: 'ris' });
    expect(d.kind).toBe('ris');
    expect(d.headerRowIndex).toBe(0);
    expect(d.missingRequired).toEqual(['accession', 'examDate']);
    expect(d.kindScores.ledger).toBeGreaterThan(d.kindScores.ris);
    expect(d.columns.map((c) => c.header)).toContain('Supplier');
  });
});

describe('detectLayout: presets', () => {
  const rows: Cell[][] = [
    ['Weekly report'],
    ['Ref', 'When Seen', 'Event Date', 'Rad', 'Proc'],
    ['A1', '02/01/2024', '01/01/2024', 'ASMI', 'CT Head'],
  ];
  const preset: MappingPreset = {
    name: 'Trust X CRIS',
    kind: 'ris',
    headers: { ref: 'accession', whenseen: 'examDate', eventdate: 'requestDate', rad: 'reporterCode' },
  };

  it('maps headers by the preset first, over synonyms', () => {
    const d = detectLayout(rows, { preset });
    expect(d.kind).toBe('ris');
    expect(d.headerRowIndex).toBe(1);
    expect(d.layout).toBe('Trust X CRIS');
    expect(fieldsByHeader(d)).toEqual({
      Ref: 'accession',
      'When Seen': 'examDate',
      'Event Date': 'requestDate',
      Rad: 'reporterCode',
      Proc: 'examName',
    });
    expect(d.columns.slice(0, 4).every((c) => c.confidence === 1)).toBe(true);
  });

  it('without the preset "Event Date" is the examination date', () => {
    const d = detectLayout(rows, { kind: 'ris' });
    expect(fieldsByHeader(d)['Event Date']).toBe('examDate');
  });

  it('honours the preset header row', () => {
    const d = detectLayout([['Ref', 'x'], ...rows], { preset: { ...preset, headerRow: 3 } });
    expect(d.headerRowIndex).toBe(2);
  });

  it('a preset made from a detection maps the same layout in another column order', () => {
    const d = detectLayout(rows, { preset });
    const saved = presetFromColumns('Saved', 'ris', d.columns, null);
    expect(saved.headers).toMatchObject({ ref: 'accession', whenseen: 'examDate', proc: 'examName' });
    const shuffled = [['Proc', 'Rad', 'Ref', 'Event Date', 'When Seen'], ['CT Head', 'ASMI', 'A1', '01/01/2024', '02/01/2024']];
    const again = detectLayout(shuffled, { preset: saved });
    expect(mappingFromColumns(again.columns)).toEqual({ examName: 0, reporterCode: 1, accession: 2, requestDate: 3, examDate: 4 });
    expect(again.layout).toBe('Saved');
  });

  it('a preset of another kind is not applied', () => {
    const d = detectLayout(rows, { kind: 'ris', preset: { ...preset, kind: 'staff' } });
    expect(fieldsByHeader(d)['Event Date']).toBe('examDate');
    expect(d.layout).toBeNull();
  });
});

describe('detectLayout: DID', () => {
  const record = (acc: string): Cell[] => [
    '9434765919', '01', '1950-01-01', 'A', '1', 'SW1A 1AA', 'A12345', '01', 'C9999998', 'RXD', '2024-01-01', '2024-01-02',
    '2024-01-05', 'XCHES', '', '2024-01-06', 'RH802', acc,
  ];

  it('maps the headerless 18-column submission by position', () => {
    const d = detectLayout([record('ACC1'), record('ACC2')], {});
    expect(d.headerRowIndex).toBeNull();
    expect(d.layout).toBe(DID_HEADERLESS_LAYOUT);
    expect(d.kind).toBe('ris');
    expect(d.missingRequired).toEqual([]);
    expect(mappingFromColumns(d.columns)).toEqual({
      patientId: 0, birthDate: 2, postcode: 5, patientSource: 7, requestDate: 10, examDate: 12, examCode: 13, reportDate: 15,
      site: 16, accession: 17,
    });
    expect(d.columns.map((c) => c.header)).toEqual(DID_ITEMS.map((i) => i.name));
  });

  it('recognises typed workbook cells and DD/MM/YYYY dates too', () => {
    const r: Cell[] = [
      9434765919, null, new Date(Date.UTC(1950, 0, 1)), 'A', 1, 'SW1A 1AA', 'A12345', 1, 'C9999998', 'RXD',
      new Date(Date.UTC(2024, 0, 1)), null, '05/01/2024', '', '168537006', null, 'RH802', 'ACC9', null, null,
    ];
    expect(looksLikeDidRecord(r)).toBe(true);
    expect(detectLayout([r], {}).layout).toBe(DID_HEADERLESS_LAYOUT);
  });

  it('does not take other 18-column data for DID', () => {
    const r = Array.from({ length: 18 }, (_, i) => `value ${i}`);
    expect(looksLikeDidRecord(r)).toBe(false);
    expect(looksLikeDidRecord(record('A').slice(0, 17))).toBe(false);
    expect(detectLayout([record('A')], { kind: 'staff' }).layout).toBeNull();
  });

  it('maps a DID file with its headers through synonyms', () => {
    const d = detectLayout([DID_ITEMS.map((i) => i.name), record('ACC1')], {});
    expect(d.headerRowIndex).toBe(0);
    expect(d.kind).toBe('ris');
    expect(d.layout).toBe(DID_LAYOUT);
    const expected = Object.fromEntries(DID_ITEMS.map((i) => [i.name, i.field]));
    expect(fieldsByHeader(d)).toEqual(expected);
    expect(d.missingRequired).toEqual([]);
  });
});

describe('detectLayout: nothing recognisable', () => {
  it('returns a headerless, unmapped layout', () => {
    const d = detectLayout([['foo', 'bar', 'baz'], ['1', '2', '3']], {});
    expect(d.headerRowIndex).toBeNull();
    expect(d.layout).toBeNull();
    expect(d.columns.map((c) => c.header)).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(d.columns.every((c) => c.field === null)).toBe(true);
    expect(d.missingRequired).toEqual(['accession', 'examDate']);
    expect(d.kindScores).toEqual({ ris: 0, staff: 0, ledger: 0, statement: 0, tariff: 0 });
  });

  it('copes with no rows', () => {
    const d = detectLayout([], { kind: 'ledger' });
    expect(d.kind).toBe('ledger');
    expect(d.columns).toEqual([]);
    expect(d.missingRequired).toEqual(['supplier', 'amount']);
  });
});

describe('mapping helpers', () => {
  it('mappingFromColumns can list every field of a kind', () => {
    const m = mappingFromColumns([{ index: 2, header: 'WTE', field: 'wte', confidence: 1 }], 'staff');
    expect(m).toEqual({ reporterCode: null, name: null, group: null, wte: 2, validFrom: null, validTo: null, grade: null, provider: null });
  });

  it('columnsFromMapping describes a user mapping', () => {
    expect(columnsFromMapping(['A', 'B'], { accession: 1, examDate: null, site: 2 })).toEqual([
      { index: 0, header: 'A', field: null, confidence: 0 },
      { index: 1, header: 'B', field: 'accession', confidence: 1 },
      { index: 2, header: 'Column 3', field: 'site', confidence: 1 },
    ]);
  });
});
