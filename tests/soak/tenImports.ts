/**
 * Ten imports in a row into one in-process engine, measuring memory after each (run with --expose-gc).
 *   node --expose-gc --import tsx tests/soak/tenImports.ts FILE...
 * Prints one JSON line per import: rows, seconds, RSS, JS heap after GC, the engine's database size, and
 * RSS less the database (what the import machinery holds on to).
 */
import { basename } from 'node:path';
import { createNodeEngine } from '../../electron/node/nodeEngine';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc.');
const files = process.argv.slice(2);
const engine = createNodeEngine();
await engine.open(null);
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
for (const [i, file] of files.entries()) {
  const started = performance.now();
  const report = await engine.runImport({ source: { kind: 'path', name: basename(file), path: file }, kind: 'ris', commit: true });
  const seconds = (performance.now() - started) / 1000;
  gc();
  await new Promise((done) => setTimeout(done, 50));
  gc();
  const memory = process.memoryUsage();
  // The database lives in sql.js's WebAssembly memory, which never shrinks: count the pages in use.
  const db = (await engine.exportDatabase()).byteLength;
  gc();
  console.log(
    JSON.stringify({
      import: i + 1,
      rows: report.rowsRead,
      accepted: report.accepted,
      seconds: Math.round(seconds * 10) / 10,
      rssMb: mb(memory.rss),
      heapUsedMb: mb(memory.heapUsed),
      externalMb: mb(memory.external + memory.arrayBuffers),
      dbMb: mb(db),
    }),
  );
}
