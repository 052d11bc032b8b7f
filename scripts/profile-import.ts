/**
 * One RIS import in this process, measured in CPU seconds (user + system) as well as wall seconds, so that
 * changes can be compared on a busy machine. With --digest it also prints a digest of the database's logical
 * contents (every table, sorted) and of the import report, with a fixed salt and clock, so that two versions of
 * the importer can be shown to write the same database.
 *   npx tsx scripts/profile-import.ts FILE [--digest] [--then FILE2] [--one-shot-hash]
 *   node --cpu-prof --import tsx scripts/profile-import.ts FILE          (a V8 profile; see profile-summary.ts)
 * SQLJS_MODULE=/path/to/sql-wasm.js loads a copy of sql.js instead; if that copy counts its in-memory file
 * writes in globalThis.__w (count), __wb (bytes), __wt (ms) and __grow (growths), they are printed too.
 */
import { createHash, hash } from 'node:crypto';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import initSqlJs from 'sql.js';
import { createEngine } from '../shared/engine/engine';
import { openNodeSource } from '../electron/node/nodeEngine';

const file = process.argv[2];
if (!file) throw new Error('usage: profile-import.ts FILE [--digest] [--then FILE2] [--one-shot-hash]');
const digest = process.argv.includes('--digest');

const wasmPath = join(dirname(createRequire(import.meta.url).resolve('sql.js')), 'sql-wasm.wasm');
const loadSqlJs: typeof initSqlJs = process.env['SQLJS_MODULE'] ? createRequire(import.meta.url)(process.env['SQLJS_MODULE']) : initSqlJs;
const engine = createEngine({
  loadSql: () => loadSqlJs({ locateFile: () => wasmPath }),
  openSource: openNodeSource,
  // As the Node host does; --one-shot-hash tries node:crypto's one-shot hash() instead.
  sha256Hex: process.argv.includes('--one-shot-hash')
    ? (text) => hash('sha256', text, 'hex')
    : (text) => createHash('sha256').update(text).digest('hex'),
  // Pinned for --digest: the same salt hashes patients alike, the same clock stamps batches alike.
  randomBytes: (n) => new Uint8Array(n).fill(7),
  now: () => new Date('2025-01-01T12:00:00Z'),
});
await engine.open(null);

const cpu0 = process.cpuUsage();
const wall0 = performance.now();
const report = await engine.runImport({ source: { kind: 'path', name: basename(file), path: file }, kind: 'ris', commit: true });
const wall = (performance.now() - wall0) / 1000;
const cpu = process.cpuUsage(cpu0);
const result: Record<string, unknown> = {
  rows: report.rowsRead,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  userSeconds: cpu.user / 1e6,
  sysSeconds: cpu.system / 1e6,
  wallSeconds: wall,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  minorFaults: process.resourceUsage().minorPageFault,
};
const counters = globalThis as { __w?: number; __wb?: number; __wt?: number; __grow?: number };
if (counters.__w !== undefined) {
  Object.assign(result, {
    fileWrites: counters.__w,
    fileWriteMb: Math.round((counters.__wb ?? 0) / 2 ** 20),
    fileWriteSeconds: (counters.__wt ?? 0) / 1000,
    fileGrowths: counters.__grow ?? 0,
  });
}

// --then FILE2: a second import over the first (replacing rows, so the summaries subtract), included in the digest.
const thenAt = process.argv.indexOf('--then');
if (thenAt !== -1) {
  const second = process.argv[thenAt + 1]!;
  const again = await engine.runImport({ source: { kind: 'path', name: basename(second), path: second }, kind: 'ris', commit: true });
  result['secondReport'] = createHash('sha256').update(JSON.stringify({ ...again, durationMs: 0, importId: '' })).digest('hex').slice(0, 16);
}

if (digest) {
  const bytes = await engine.exportDatabase();
  const SQL = await initSqlJs({ locateFile: () => wasmPath });
  const db = new SQL.Database(bytes);
  const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]!.values.map((r) => String(r[0]));
  const hashes: Record<string, string> = {};
  for (const table of tables) {
    const hash = createHash('sha256');
    const stmt = db.prepare(`SELECT * FROM "${table}"`);
    const width = stmt.getColumnNames().length;
    stmt.free();
    const order = Array.from({ length: width }, (_, i) => i + 1).join(', ');
    const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`);
    let count = 0;
    while (rows.step()) {
      hash.update(JSON.stringify(rows.get()));
      count++;
    }
    rows.free();
    hashes[table] = `${count}:${hash.digest('hex').slice(0, 16)}`;
  }
  const { durationMs: _duration, importId: _id, ...stable } = report;
  result['report'] = createHash('sha256').update(JSON.stringify(stable)).digest('hex').slice(0, 16);
  result['tables'] = hashes;
  result['integrity'] = db.exec('PRAGMA integrity_check')[0]!.values[0]![0];
  db.close();
}
console.log(JSON.stringify(result));
