import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ImportProgress } from '../../shared/contract';
import { ImportError } from '../../shared/io/types';
import { csvBytes, freshEngine, importCsv } from '../helpers/engine';

const HEADER = 'Accession Number,Exam Code,Modality,Exam Date,Date Reported,Reported By';

function bigCsv(rows: number): Uint8Array {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(`ACC${i},XCHES,DX,${day}/05/2023 10:00,${day}/05/2023 12:30,R${i % 7}`);
  }
  return csvBytes(lines);
}

describe('import pipeline', () => {
  it('reports progress at least every 1% of the bytes, ending at the file size', async () => {
    const engine = await freshEngine();
    const bytes = bigCsv(20_000);
    const events: ImportProgress[] = [];
    const report = await engine.runImport({ source: { kind: 'bytes', name: 'big.csv', bytes }, kind: 'ris', commit: true }, (p) => events.push(p));
    expect(report.accepted).toBe(20_000);
    const reading = events.filter((e) => e.phase === 'reading');
    // The reader hands over decoded text in 32 KiB pieces, so on a small file the step is at most 1% or one piece.
    expect(reading.length).toBeGreaterThanOrEqual(25);
    for (let i = 1; i < reading.length; i++) {
      expect(reading[i]!.bytesRead).toBeGreaterThanOrEqual(reading[i - 1]!.bytesRead);
        expect(reading[i]!.bytesRead - reading[i - 1]!.bytesRead).toBeLessThanOrEqual(bytes.byteLength * 0.01 + 32_768);
    }
    expect(events.at(-1)).toMatchObject({ phase: 'done', bytesRead: bytes.byteLength, bytesTotal: bytes.byteLength, rowsRead: 20_000 });
  });

  it('cancels midway and leaves the database exactly as before', async () => {
    const engine = await freshEngine();
    await importCsv(engine, 'first.csv', 'ris', [HEADER, 'X1,XCHES,DX,01/04/2023 10:00,,']);
    const before = await engine.exportDatabase();
    const importId = 'cancel-me';
    let cancelled = false;
    const run = engine.runImport({ source: { kind: 'bytes', name: 'big.csv', bytes: bigCsv(20_000) }, kind: 'ris', commit: true, importId }, (p) => {
      if (!cancelled && p.rowsRead > 2000) {
        cancelled = true;
        void engine.cancelImport(importId);
      }
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(Buffer.from(await engine.exportDatabase()).equals(Buffer.from(before))).toBe(true);
    expect((await engine.info()).exams).toBe(1);
  });

  it('imports an XLSX workbook with Excel dates and a title row', async () => {
    const engine = await freshEngine();
    const rows = [
      ['Radiology activity, May 2023'],
      [],
      ['Acc No', 'Examination', 'Date of Exam', 'Report Date', 'Reporter Code', 'Reporter Name'],
      ['W1', 'CT Head', new Date(Date.UTC(2023, 4, 2, 9, 30)), new Date(Date.UTC(2023, 4, 2, 11, 0)), 'R1', 'Dr One'],
      ['W2', 'MRI Knee', 45048.5, 45050.25, 'R1', 'Dr One'],
    ];
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { cellDates: true }), 'Activity');
    const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const preview = await engine.previewImport({ source: { kind: 'bytes', name: 'may.xlsx', bytes } });
    expect(preview.kind).toBe('ris');
    expect(preview.headerRow).toBe(3);
    expect(preview.table.sheets).toEqual(['Activity']);
    const report = await engine.runImport({ source: { kind: 'bytes', name: 'may.xlsx', bytes }, kind: 'ris', commit: true });
    expect([report.accepted, report.rejected]).toEqual([2, 0]);
    const r = await engine.analyse({ period: { spec: '2023-05' } });
    // 45048.5 = 2023-05-03 12:00; 45050.25 = 2023-05-05 06:00 → 42 h. CT: 1.5 h.
    expect(r.exams.byModality).toEqual({ CT: 1, MR: 1 });
    expect(r.turnaround.byModality.MR?.medianHours).toBe(42);
    expect(r.turnaround.byModality.CT?.medianHours).toBe(1.5);
  });

  it('maps a headerless DID submission by position and never stores the NHS number', async () => {
    const engine = await freshEngine();
    const did = [
      '9990000018,01,19800101,A,1,AB1 2CD,A81001,03,C1234567,RXX,20230501,20230501,20230502,XCHES,,20230503,RXX01,DID0001',
      '9990000026,01,19700505,A,2,AB1 2CE,A81001,05,C1234567,RXX,20230501,20230501,20230502,CHEAD,,,RXX01,DID0002',
    ];
    const report = await importCsv(engine, 'did.csv', 'ris', did);
    expect([report.accepted, report.rejected, report.headerRow]).toEqual([2, 0, null]);
    const r = await engine.analyse({ period: { spec: '2023-05' } });
    expect(r.exams.byModality).toEqual({ XR: 1, CT: 1 });
    expect(r.reports.total).toBe(1);
    const dump = new TextDecoder('latin1').decode(await engine.exportDatabase());
    expect(dump).not.toContain('9990000018');
    expect(dump).not.toContain('AB1 2CD');
    expect(dump).not.toContain('19800101');
  });

  it('rejects staff register rows with reasons and imports the rest', async () => {
    const engine = await freshEngine();
    const report = await importCsv(engine, 'staff.csv', 'staff', [
      'Reporter Code,Name,Staff Group,WTE,Start Date,End Date',
      'R1,Dr One,Consultant Radiologist,1.0,01/04/2023,',
      'R2,Dr Two,Janitor,1.0,01/04/2023,',
      'R3,Dr Three,Registrar,3.5,01/04/2023,',
      'R4,Ms Four,Sonographer,0.6,01/04/2024,01/01/2024',
    ]);
    expect([report.accepted, report.rejected]).toEqual([1, 3]);
    const reasons = report.issues.map((i) => `${i.row}:${i.column}:${i.reason}`);
    expect(reasons).toEqual([
      '3:Staff Group:"Janitor" is not a staff group RadBench knows',
      '4:WTE:a WTE must be between 0 and 2',
      '5:End Date:the end date is before the start date (2024-04-01)',
    ]);
    expect((await engine.listStaff()).map((s) => s.code)).toEqual(['R1']);
  });

  it('flags a re-import of the same file by its SHA-256', async () => {
    const engine = await freshEngine();
    const lines = [HEADER, 'A1,XCHES,DX,01/05/2023 10:00,,'];
    const first = await importCsv(engine, 'a.csv', 'ris', lines);
    const second = await importCsv(engine, 'a-copy.csv', 'ris', lines);
    expect(first.duplicateOfBatch).toBeNull();
    expect(second.duplicateOfBatch).toBe(first.batchId);
    expect(second.sha256).toBe(first.sha256);
    expect(second.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses a saved mapping preset for a layout detection does not know', async () => {
    const engine = await freshEngine();
    const lines = ['Ref,When,Done', 'Q1,01/05/2023 10:00,01/05/2023 11:00'];
    await expect(importCsv(engine, 'odd.csv', 'ris', lines)).rejects.toBeInstanceOf(ImportError);
    await engine.savePreset({ name: 'Odd RIS', kind: 'ris', headers: { ref: 'accession', when: 'examDate', done: 'reportDate' } });
    const report = await engine.runImport({ source: { kind: 'bytes', name: 'odd.csv', bytes: csvBytes(lines) }, kind: 'ris', presetName: 'Odd RIS', commit: true });
    expect(report.accepted).toBe(1);
    expect((await engine.listPresets()).map((p) => p.name)).toEqual(['Odd RIS']);
  });
});

describe('report dates without a time', () => {
  it('count as issued at the end of their day beside a timed examination', async () => {
    const engine = await freshEngine();
    await importCsv(engine, 'dates.csv', 'ris', [
      'Accession Number,Modality,Exam Date,Exam Time,Date Reported',
      'D1,DX,01/05/2023,10:00,01/05/2023',
      'D2,DX,01/05/2023,10:00,03/05/2023',
    ]);
    const r = await engine.analyse({ period: { spec: '2023-05' } });
    expect(r.dataQuality.negativeTurnaround).toBe(0);
    // 10:00 → 23:59 the same day is 13.983 h; to 3 May 23:59 is 61.983 h; median of the two = 37.983 h.
    expect(r.turnaround.overall).toEqual({ n: 2, medianHours: 37.983, p90Hours: 57.183 });
  });
});
