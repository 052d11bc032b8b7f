import { describe, expect, it } from 'vitest';
import { freshEngine, importCsv } from '../helpers/engine';

const HEADER = 'Accession Number,Exam Code,Modality,Exam Date,Date Reported,Reported By';
const FIRST = [HEADER, 'A1,XCHES,DX,01/05/2023 10:00,01/05/2023 12:00,R1', 'A2,XCHES,DX,02/05/2023 10:00,,', 'A3,CHEAD,CT,03/05/2023 10:00,03/05/2023 11:00,R1'];
// Overlaps the first: A2 is now reported, A3 unchanged, A4 is new.
const SECOND = [HEADER, 'A2,XCHES,DX,02/05/2023 10:00,04/05/2023 10:00,R2', 'A3,CHEAD,CT,03/05/2023 10:00,03/05/2023 11:00,R1', 'A4,MBRAI,MR,05/05/2023 10:00,06/05/2023 10:00,R1'];

describe('re-import and undo', () => {
  it('updates overlapping keys instead of duplicating them', async () => {
    const engine = await freshEngine();
    const first = await importCsv(engine, 'may-1.csv', 'ris', FIRST);
    expect([first.inserted, first.updated]).toEqual([3, 0]);
    const second = await importCsv(engine, 'may-2.csv', 'ris', SECOND);
    expect([second.accepted, second.inserted, second.updated]).toEqual([3, 1, 2]);
    const info = await engine.info();
    expect(info.exams).toBe(4);
    const r = await engine.analyse({ period: { spec: '2023-05' } });
    expect(r.reports.total).toBe(4);
    expect(r.backlog.total).toBe(0);
  });

  it('undo restores what a batch replaced and removes what it added', async () => {
    const engine = await freshEngine();
    const first = await importCsv(engine, 'may-1.csv', 'ris', FIRST);
    const second = await importCsv(engine, 'may-2.csv', 'ris', SECOND);
    const undo = await engine.undoBatch(second.batchId!);
    expect(undo.removed).toBe(3);
    expect(undo.restored).toBe(2);
    const r = await engine.analyse({ period: { spec: '2023-05' } });
    expect(r.exams.total).toBe(3);
    expect(r.reports.total).toBe(2);
    expect(r.backlog.total).toBe(1); // A2 unreported again
    expect((await engine.listBatches()).map((b) => b.id)).toEqual([first.batchId]);
    // No tombstones: the same file imports cleanly again.
    const again = await importCsv(engine, 'may-2.csv', 'ris', SECOND);
    expect([again.inserted, again.updated]).toEqual([1, 2]);
  });

  it('undoing an earlier batch keeps the rows of a later batch and rewires their history', async () => {
    const engine = await freshEngine();
    const first = await importCsv(engine, 'may-1.csv', 'ris', FIRST);
    const second = await importCsv(engine, 'may-2.csv', 'ris', SECOND);
    await engine.undoBatch(first.batchId!);
    // A1 came only from the first batch; A2–A4 are the second batch's versions.
    let r = await engine.analyse({ period: { spec: '2023-05' } });
    expect(r.exams.total).toBe(3);
    expect(r.reports.total).toBe(3);
    await engine.undoBatch(second.batchId!);
    r = await engine.analyse({ period: { spec: '2023-05' } });
    expect(r.exams.total).toBe(0);
    expect((await engine.info()).exams).toBe(0);
  });

  it('counts duplicate keys within one file and keeps the later row', async () => {
    const engine = await freshEngine();
    const report = await importCsv(engine, 'dups.csv', 'ris', [HEADER, 'A1,XCHES,DX,01/05/2023 10:00,,', 'A1,XCHES,DX,01/05/2023 10:00,01/05/2023 15:00,R1']);
    expect(report.duplicateKeysInFile).toBe(1);
    expect([report.accepted, report.inserted, report.updated]).toEqual([2, 1, 0]);
    expect(report.issues.some((i) => i.row === 2 && /appear again at row 3/.test(i.reason))).toBe(true);
    const r = await engine.analyse({ period: { spec: '2023-05' } });
    expect(r.exams.total).toBe(1);
    expect(r.reports.total).toBe(1);
    expect(r.dataQuality.duplicateKeysInFile).toBe(1);
  });

  it('a discarded import changes nothing and a pending one blocks other changes', async () => {
    const engine = await freshEngine();
    await importCsv(engine, 'may-1.csv', 'ris', FIRST);
    const before = await engine.exportDatabase();
    const pending = await engine.runImport({
      source: { kind: 'bytes', name: 'may-2.csv', bytes: new TextEncoder().encode(SECOND.join('\n')) },
      kind: 'ris',
      commit: false,
    });
    expect(pending.status).toBe('pending');
    await expect(engine.undoBatch(1)).rejects.toThrow(/waiting to be committed or discarded/);
    await engine.discardImport(pending.importId);
    const after = await engine.exportDatabase();
    expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
  });

  it('summaries built at import equal a rebuild from the exam table', async () => {
    const { rebuildSummaries } = await import('../../shared/engine/summaries');
    const engine = await freshEngine();
    await importCsv(engine, 'may-1.csv', 'ris', FIRST);
    await importCsv(engine, 'may-2.csv', 'ris', SECOND);
    const incremental = await engine.analyse({ period: { spec: '2023/24' } });
    // Reach into the engine's database to rebuild from scratch.
    const db = (engine as unknown as { database: import('sql.js').Database }).database;
    rebuildSummaries(db);
    expect(await engine.analyse({ period: { spec: '2023/24' } })).toEqual(incremental);
  });
});

describe('duplicate keys across the writer’s multi-row statements', () => {
  it('keeps the later row whether the repeat falls in the same statement or a later one', async () => {
    const engine = await freshEngine();
    const lines = [HEADER];
    for (let i = 1; i <= 70; i++) lines.push(`M${i},XCHES,DX,01/05/2023 10:00,,`);
    lines.push('M5,XCHES,DX,01/05/2023 10:00,01/05/2023 11:00,R1'); // row 72: repeats row 6, 66 rows later
    lines.push('M71,XCHES,DX,01/05/2023 10:00,,', 'M71,XCHES,DX,01/05/2023 10:00,01/05/2023 12:00,R1'); // adjacent repeat
    const report = await importCsv(engine, 'many.csv', 'ris', lines);
    expect([report.accepted, report.inserted, report.duplicateKeysInFile]).toEqual([73, 71, 2]);
    const r = await engine.analyse({ period: { spec: '2023-05' } });
    expect([r.exams.total, r.reports.total]).toEqual([71, 2]);
    expect(r.turnaround.overall).toMatchObject({ n: 2, medianHours: 1.5 });
  });
});
