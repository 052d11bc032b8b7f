import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { SHEET_NAMES, SYNTHETIC_BANNER, buildWorkbook, neutraliseFormula, type WorkbookInput } from '../../../shared/export/workbook';
import { FORMATS, excelSerial } from '../../../shared/export/sheet';
import { METRIC_DEFINITIONS } from '../../../shared/metrics/definitions';
import type { DashboardData } from '../../../shared/contract';
import { STAFF_GROUPS } from '../../../shared/model';
import { analysisFixture } from '../benchmarks/fixtures';

const GENERATED = new Date(2024, 4, 6, 14, 30, 0); // local wall-clock 06/05/2024 14:30

function input(overrides: Partial<WorkbookInput> = {}): WorkbookInput {
  return {
    analysis: analysisFixture(),
    definitions: METRIC_DEFINITIONS,
    benchmarks: [
      {
        metric: 'skillMix.plainFilmRadiographerShare',
        cohort: 'shelford',
        year: '2016/17',
        value: 0.15,
        source: 'NHS Improvement, Imaging Services Transformation Programme (June 2018)',
        ours: 0.2727,
      },
      { metric: 'externalSpendPerReport', cohort: 'national', year: '2016/17', value: 3.44, source: 'NHSI ISTP (derived)', ours: 5.17 },
    ],
    generatedAt: GENERATED,
    synthetic: false,
    ...overrides,
  };
}

function read(bytes: Uint8Array, cellDates = false): XLSX.WorkBook {
  return XLSX.read(bytes, { type: 'array', cellNF: true, cellDates });
}

/** The 0-based row index whose column A holds `label`. */
function rowOf(ws: XLSX.WorkSheet, label: string): number {
  const range = XLSX.utils.decode_range(ws['!ref']!);
  for (let r = range.s.r; r <= range.e.r; r++) if (ws[XLSX.utils.encode_cell({ r, c: 0 })]?.v === label) return r;
  throw new Error(`no row labelled ${label}`);
}

function cell(ws: XLSX.WorkSheet, label: string, col: number): XLSX.CellObject {
  const c = ws[XLSX.utils.encode_cell({ r: rowOf(ws, label), c: col })];
  if (!c) throw new Error(`no cell at ${label}, column ${col}`);
  return c;
}

function allCells(wb: XLSX.WorkBook): { sheet: string; address: string; cell: XLSX.CellObject }[] {
  const out: { sheet: string; address: string; cell: XLSX.CellObject }[] = [];
  for (const sheet of wb.SheetNames) {
    const ws = wb.Sheets[sheet]!;
    for (const address of Object.keys(ws)) if (!address.startsWith('!')) out.push({ sheet, address, cell: ws[address] as XLSX.CellObject });
  }
  return out;
}

function dashboardFixture(): DashboardData {
  const analysis = analysisFixture();
  return {
    analysis,
    months: ['2023-04', '2023-05'],
    reportsByMonthGroup: Object.fromEntries(STAFF_GROUPS.map((g, i) => [g, [i, i * 2]])) as DashboardData['reportsByMonthGroup'],
    skillMixByMonth: { plainFilm: [0.25, null], ultrasound: [0.5, 0.625] },
    turnaroundByPatientSource: { emergency: { n: 10, medianHours: 1.5, p90Hours: 4 }, gp: { n: 5, medianHours: 48, p90Hours: null } },
    synthetic: false,
  };
}

describe('buildWorkbook', () => {
  it('has one sheet per view, then Definitions and Sources', () => {
    const wb = read(buildWorkbook(input()));
    expect(wb.SheetNames).toEqual([
      'Summary',
      'Reports',
      'Workforce',
      'Turnaround',
      'Backlog',
      'Outsourcing',
      'Spend',
      'Unclassified reporters',
      'Data quality',
      'Imports',
      'Definitions',
      'Sources',
    ]);
    const withDashboard = read(buildWorkbook(input({ dashboard: dashboardFixture() })));
    expect(withDashboard.SheetNames).toContain(SHEET_NAMES.monthly);
    for (const name of withDashboard.SheetNames) expect(name.length).toBeLessThanOrEqual(31);
  });

  it('writes the period and generation time as real dates with a dd/mm/yyyy format', () => {
    const ws = read(buildWorkbook(input())).Sheets.Summary!;
    const from = cell(ws, 'Period from', 1);
    expect(from.t).toBe('n');
    expect(from.z).toBe('dd/mm/yyyy');
    // 2023-04-01 is Excel serial 45017 (1900 date system).
    expect(from.v).toBe(45017);
    expect(from.w).toBe('01/04/2023');
    expect(cell(ws, 'Period to', 1)).toMatchObject({ t: 'n', v: 45382, w: '31/03/2024' });
    const generated = cell(ws, 'Generated at', 1);
    expect(generated.z).toBe(FORMATS.dateTime);
    expect(generated.w).toBe('06/05/2024 14:30');
    expect(generated.v).toBeCloseTo(45418 + 14.5 / 24, 9);

    const asDates = read(buildWorkbook(input()), true).Sheets.Summary!;
    const d = cell(asDates, 'Period from', 1);
    expect(d.t).toBe('d');
    expect((d.v as Date).toISOString().slice(0, 10)).toBe('2023-04-01');
  });

  it('types KPI cells as numbers with share, money, hours and count formats; null is an empty cell', () => {
    const ws = read(buildWorkbook(input())).Sheets.Summary!;
    expect(cell(ws, 'Outsourced share of reports', 1)).toMatchObject({ t: 'n', v: 0.1, z: '0.0%', w: '10.0%' });
    expect(cell(ws, 'Outsourcing reporting spend', 1)).toMatchObject({ t: 'n', v: 3270.5, z: '"£"#,##0.00', w: '£3,270.50' });
    expect(cell(ws, 'Cost per outsourced report', 1)).toMatchObject({ t: 'n', v: 32.71, w: '£32.71' });
    expect(cell(ws, 'Turnaround, median (hours)', 1)).toMatchObject({ t: 'n', v: 20.5, z: '0.0' });
    expect(cell(ws, 'Examinations', 1)).toMatchObject({ t: 'n', v: 1100, w: '1,100' });
    // The headline benchmark sits beside its KPI, with its cohort, year and source.
    const r = rowOf(ws, 'Plain-film skill mix (radiographer share of XR reports)');
    expect(ws[XLSX.utils.encode_cell({ r, c: 3 })]).toMatchObject({ t: 'n', v: 0.15, z: '0.0%' });
    expect(ws[XLSX.utils.encode_cell({ r, c: 4 })]?.v).toBe('shelford');
    expect(ws[XLSX.utils.encode_cell({ r, c: 5 })]?.v).toBe('2016/17');

    const workforce = read(buildWorkbook(input())).Sheets.Workforce!;
    expect(cell(workforce, 'Radiologist', 2)).toMatchObject({ t: 'n', v: 5.5, z: '0.00' });
    expect(cell(workforce, 'Radiologist', 4)).toMatchObject({ t: 'n', v: 90.91 });
    const other = rowOf(workforce, 'Other in-house');
    expect(workforce[XLSX.utils.encode_cell({ r: other, c: 4 })]).toBeUndefined();
  });

  it('fills the view sheets from the analysis', () => {
    const wb = read(buildWorkbook(input({ dashboard: dashboardFixture(), weights: { XR: 1, CT: 6, MR: 8 } })));
    expect(cell(wb.Sheets.Reports!, 'Reporting radiographer', 2).v).toBe(150);
    expect(cell(wb.Sheets.Reports!, 'Computed tomography', 2).v).toBe(300);
    expect(cell(wb.Sheets.Turnaround!, 'All modalities', 4)).toMatchObject({ t: 'n', v: 160.25, w: '160.3' });
    expect(cell(wb.Sheets.Turnaround!, 'emergency', 3).v).toBe(1.5);
    expect(cell(wb.Sheets.Backlog!, 'over 28', 1).v).toBe(2);
    expect(cell(wb.Sheets.Backlog!, 'Total', 1).v).toBe(42);
    expect(cell(wb.Sheets.Outsourcing!, 'Medica', 2)).toMatchObject({ t: 'n', v: 3270.5 });
    expect(cell(wb.Sheets.Spend!, 'Other', 2)).toMatchObject({ t: 'n', v: -12.5, w: '-£12.50' });
    expect(cell(wb.Sheets.Spend!, 'Total', 2).v).toBe(5408.25);
    expect(cell(wb.Sheets['Unclassified reporters']!, 'R999', 2).v).toBe(50);
    expect(cell(wb.Sheets['Data quality']!, 'Rows rejected at import', 1).v).toBe(10);
    expect(cell(wb.Sheets.Imports!, 'ris.csv', 2).v).toBe(1200);
    expect(cell(wb.Sheets.Workforce!, 'Magnetic resonance', 2)).toMatchObject({ t: 'n', v: 8 });

    const monthly = wb.Sheets.Monthly!;
    const header = rowOf(monthly, 'Month');
    const april = monthly[XLSX.utils.encode_cell({ r: header + 1, c: 0 })]!;
    expect(april).toMatchObject({ t: 'n', v: excelSerial('2023-04-01'), z: 'mmm yyyy', w: 'Apr 2023' });
    const may = header + 2;
    expect(monthly[XLSX.utils.encode_cell({ r: may, c: STAFF_GROUPS.length + 1 })]?.v).toBe(STAFF_GROUPS.reduce((s, _, i) => s + i * 2, 0));
    expect(monthly[XLSX.utils.encode_cell({ r: may, c: STAFF_GROUPS.length + 2 })]).toBeUndefined(); // null skill mix
    expect(monthly[XLSX.utils.encode_cell({ r: may, c: STAFF_GROUPS.length + 3 })]).toMatchObject({ v: 0.625, z: '0.0%' });
  });

  it('lists every definition and every benchmark with its source, year and cohort', () => {
    const wb = read(buildWorkbook(input()));
    const defs = wb.Sheets.Definitions!;
    for (const d of METRIC_DEFINITIONS) expect(cell(defs, d.id, 2).v).toBe(d.numerator);
    const sources = wb.Sheets.Sources!;
    const r = rowOf(sources, 'externalSpendPerReport');
    const at = (c: number) => sources[XLSX.utils.encode_cell({ r, c })];
    expect(at(2)?.v).toBe('national');
    expect(at(3)?.v).toBe('2016/17');
    expect(at(4)).toMatchObject({ t: 'n', v: 3.44, w: '£3.44' });
    expect(at(5)).toMatchObject({ t: 'n', v: 5.17 });
    expect(at(6)?.v).toBe('NHSI ISTP (derived)');
  });

  it('labels synthetic data on the Summary and on every view', () => {
    const synthetic = read(buildWorkbook(input({ synthetic: true })));
    const texts = (sheet: string) => allCells(synthetic).filter((c) => c.sheet === sheet).map((c) => String(c.cell.v));
    expect(texts('Summary')).toContain(SYNTHETIC_BANNER);
    expect(SYNTHETIC_BANNER).toMatch(/^SYNTHETIC DEMO DATA/);
    for (const sheet of synthetic.SheetNames.filter((s) => s !== 'Definitions')) {
      expect(texts(sheet).some((t) => t.includes('SYNTHETIC DEMO DATA')), sheet).toBe(true);
    }
    const real = read(buildWorkbook(input()));
    expect(allCells(real).some((c) => String(c.cell.v).includes('SYNTHETIC'))).toBe(false);
  });

  it('neutralises formula-injection text in every cell and writes no formulas', () => {
    const a = analysisFixture();
    a.outsourcing.byProvider = [
      { provider: '=HYPERLINK("http://evil.example","click")', reports: 5, spend: 10, costPerReport: 2 },
      { provider: '+44 20 7946 0000', reports: 1, spend: 0, costPerReport: null },
    ];
    a.unclassifiedReporters = [
      { code: '@SUM(1)', name: '-2+3', reports: 3 },
      { code: '\tTAB', name: '\r=1+1', reports: 1 },
    ];
    a.imports = [{ file: '=cmd|\' /C calc\'!A0', kind: 'ris', rowsRead: 1, accepted: 1, updated: 0, rejected: 0 }];
    const wb = read(buildWorkbook(input({ analysis: a, benchmarks: [{ metric: 'outsourcing.share', cohort: 'peer:=x', year: '2023', value: 0.1, source: '@evil', ours: 0.1 }] })));

    const cells = allCells(wb);
    expect(cells.some((c) => c.cell.f !== undefined)).toBe(false);
    for (const { sheet, address, cell: c } of cells) {
      if (c.t === 's') expect(/^[=+\-@\t\r]/.test(String(c.v)), `${sheet}!${address}: ${String(c.v)}`).toBe(false);
    }
    const texts = new Set(cells.filter((c) => c.cell.t === 's').map((c) => c.cell.v));
    for (const expected of [
      `'=HYPERLINK("http://evil.example","click")`,
      "'+44 20 7946 0000",
      "'@SUM(1)",
      "'-2+3",
      "'\tTAB",
      "'\r=1+1",
      "'=cmd|' /C calc'!A0",
      "'@evil",
      "peer:=x",
    ]) {
      expect(texts.has(expected), expected).toBe(true);
    }
    // Negative numbers stay numbers, untouched by the guard.
    expect(cell(wb.Sheets.Spend!, 'Other', 2)).toMatchObject({ t: 'n', v: -12.5 });
  });

  it('sets column widths that fit the values, within limits', () => {
    const wb = XLSX.read(buildWorkbook(input()), { type: 'array', cellStyles: true });
    const cols = wb.Sheets.Outsourcing!['!cols']!;
    expect(cols.length).toBeGreaterThanOrEqual(4);
    for (const col of cols) {
      expect(col.wch).toBeGreaterThanOrEqual(8);
      expect(col.wch).toBeLessThanOrEqual(60);
    }
    const definitions = wb.Sheets.Definitions!['!cols']!;
    expect(definitions[2]!.wch).toBe(60); // long numerator text is capped
  });
});

describe('neutraliseFormula', () => {
  it('prefixes a quote to text starting with = + - @, tab or carriage return', () => {
    for (const t of ['=1+1', '+1', '-1', '@A1', '\tx', '\rx']) expect(neutraliseFormula(t)).toBe(`'${t}`);
  });
  it('leaves other text alone', () => {
    for (const t of ['', 'Medica', ' =1', "'=1", 'a=b', '1-2', '£3.44']) expect(neutraliseFormula(t)).toBe(t);
  });
});

describe('excelSerial', () => {
  it('converts ISO dates and date-times to 1900-system serials', () => {
    expect(excelSerial('1900-03-01')).toBe(61);
    expect(excelSerial('2024-02-29')).toBe(45351);
    expect(excelSerial('2024-02-29T06:00')).toBe(45351.25);
    expect(excelSerial('not a date')).toBeNull();
    expect(excelSerial(new Date(Number.NaN))).toBeNull();
  });
});
