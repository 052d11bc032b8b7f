import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ImportError } from '../../shared/io/types';
import { freshEngine } from '../helpers/engine';

const encoder = new TextEncoder();
const HEADER = 'Accession Number,Exam Code,Modality,Exam Date,Date Reported,Reported By,Site';

async function tryImport(bytes: Uint8Array, name = 'hostile.csv') {
  const engine = await freshEngine();
  await engine.runImport({ source: { kind: 'bytes', name: 'base.csv', bytes: encoder.encode(`${HEADER}\nB1,XCHES,DX,01/05/2023 10:00,,,Main\n`) }, kind: 'ris', commit: true });
  const before = await engine.exportDatabase();
  try {
    const report = await engine.runImport({ source: { kind: 'bytes', name, bytes }, kind: 'ris', commit: true });
    return { engine, report, error: null as ImportError | null, before };
  } catch (error) {
    return { engine, report: null, error: error as ImportError, before };
  }
}

describe('hostile input never crashes the engine or changes data on failure', () => {
  it('keeps formula, HTML and script text as inert text', async () => {
    const evil = ['=HYPERLINK("http://x")', '+44 1234', '@SUM(A1)', '-2+3', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>'];
    const rows = evil.map((text) => `"${text.replace(/"/g, '""')}",XCHES,DX,01/05/2023 10:00,01/05/2023 11:00,"${text.replace(/"/g, '""')}","${text.replace(/"/g, '""')}"`);
    const { report, error, engine } = await tryImport(encoder.encode([HEADER, ...rows].join('\n')));
    expect(error).toBeNull();
    expect(report!.accepted).toBe(evil.length);
    const r = await engine.analyse({ period: { spec: '2023-05' } });
    expect(r.unclassifiedReporters.map((u) => u.code).sort()).toEqual(evil.map((e) => e.toUpperCase()).sort());
  });

  it('reads a BOM in the middle as data, and refuses NUL bytes at the top as a binary file', async () => {
    const middleBom = encoder.encode(`${HEADER}\nA1,XCHES,DX,01/05/2023 10:00,,,Main\n\uFEFFA2,XCHES,DX,02/05/2023 10:00,,,Main\n`);
    const bom = await tryImport(middleBom);
    expect(bom.error).toBeNull();
    expect(bom.report!.rowsRead).toBe(2);
    // NUL bytes near the top: a binary file, refused as such (deeper ones are tested in hostile-limits).
    const withNul = new Uint8Array([...encoder.encode(`${HEADER}\nA1,XCH`), 0, 0, 0, ...encoder.encode('ES,DX,01/05/2023 10:00,,,Main\n')]);
    const nul = await tryImport(withNul);
    expect(nul.error).toBeInstanceOf(ImportError);
    expect(nul.error?.code).toBe('binary');
    expect(Buffer.from(await nul.engine.exportDatabase()).equals(Buffer.from(nul.before))).toBe(true);
  });

  it('refuses one very long line without a newline, naming the line, and changes nothing', async () => {
    const long = encoder.encode(HEADER + '\n' + 'A'.repeat(8 * 1024 * 1024));
    const { error, engine, before } = await tryImport(long);
    expect(error).toBeInstanceOf(ImportError);
    expect(error?.code).toBe('too_large');
    expect(error?.message).toMatch(/^hostile\.csv: line 2 runs on for more than 1 MB of text without a line break/);
    expect(Buffer.from(await engine.exportDatabase()).equals(Buffer.from(before))).toBe(true);
  }, 60_000);

  it('on random bytes and mutated extracts, throws only ImportError and leaves the database as it was', async () => {
    const good = `${HEADER}\nA1,XCHES,DX,01/05/2023 10:00,01/05/2023 12:00,R1,Main\nA2,CHEAD,CT,02/05/2023 09:00,,,Main\n`;
    const engine = await freshEngine();
    await engine.runImport({ source: { kind: 'bytes', name: 'base.csv', bytes: encoder.encode(good) }, kind: 'ris', commit: true });
    const before = Buffer.from(await engine.exportDatabase());
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc.tuple(fc.nat({ max: good.length }), fc.string({ maxLength: 12 })).map(([at, text]) => encoder.encode(good.slice(0, at) + text + good.slice(at))),
          fc.tuple(fc.nat({ max: good.length }), fc.nat({ max: 30 })).map(([at, cut]) => encoder.encode(good.slice(0, at) + good.slice(at + cut))),
        ),
        async (bytes) => {
          try {
            const report = await engine.runImport({ source: { kind: 'bytes', name: 'fuzz.csv', bytes }, kind: 'ris', commit: false });
            await engine.discardImport(report.importId);
          } catch (error) {
            expect(error).toBeInstanceOf(ImportError);
          }
          expect(Buffer.from(await engine.exportDatabase()).equals(before)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
