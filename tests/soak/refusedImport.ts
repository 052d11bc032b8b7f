/**
 * One import that must be refused, in a fresh process (so peak memory is this run's alone).
 *   tsx tests/soak/refusedImport.ts FILE
 * The database first holds one committed row; prints one JSON line: the error, the time to refuse, peak RSS,
 * and whether the database is byte for byte as before.
 */
import { basename } from 'node:path';
import { createNodeEngine } from '../../electron/node/nodeEngine';
import { ImportError } from '../../shared/io/types';

const file = process.argv[2]!;
const engine = createNodeEngine();
await engine.open(null);
const base = 'Accession Number,Exam Code,Modality,Exam Date,Date Reported,Reported By,Site\nB1,XCHES,DX,01/05/2023 10:00,,,Main\n';
await engine.runImport({ source: { kind: 'bytes', name: 'base.csv', bytes: new TextEncoder().encode(base) }, kind: 'ris', commit: true });
const before = Buffer.from(await engine.exportDatabase());
const started = performance.now();
let error: unknown = null;
try {
  await engine.runImport({ source: { kind: 'path', name: basename(file), path: file }, kind: 'ris', commit: true });
} catch (e) {
  error = e;
}
const seconds = (performance.now() - started) / 1000;
const unchanged = Buffer.from(await engine.exportDatabase()).equals(before);
console.log(
  JSON.stringify({
    refused: error instanceof ImportError,
    code: error instanceof ImportError ? error.code : null,
    message: error instanceof Error ? error.message : String(error),
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    unchanged,
  }),
);
