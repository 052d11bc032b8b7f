/**
 * One measured import in a fresh process (so peak RSS belongs to this run alone).
 *   tsx scripts/bench/importRun.ts FILE
 * Prints one JSON line: rows, import seconds (wall and CPU), peak RSS, database bytes, open/analyse/filter times.
 */
import { basename } from 'node:path';
import { createNodeEngine } from '../../electron/node/nodeEngine';

const file = process.argv[2]!;
const engine = createNodeEngine();
await engine.open(null);
const started = performance.now();
const cpuBefore = process.cpuUsage();
const report = await engine.runImport({ source: { kind: 'path', name: basename(file), path: file }, kind: 'ris', commit: true });
const importSeconds = (performance.now() - started) / 1000;
// CPU time (user + system, all threads) is the steadier figure on a machine that other work shares.
const cpu = process.cpuUsage(cpuBefore);
const importCpuSeconds = (cpu.user + cpu.system) / 1e6;
const bytes = await engine.exportDatabase();

const reopened = createNodeEngine();
await reopened.open(null); // wasm initialisation is not part of opening a file
const openStart = performance.now();
await reopened.open(bytes);
const openMs = performance.now() - openStart;

const options = await reopened.filterOptions();
const year = options.financialYears[0]!;
const analyseStart = performance.now();
await reopened.analyse({ period: { spec: year } });
const analyseMs = performance.now() - analyseStart;
// What the dashboard does on a filter change: the analysis plus its monthly series, filtered.
await reopened.dashboard({ period: { spec: year } });
const filterStart = performance.now();
await reopened.dashboard({ period: { spec: year }, filters: { modalities: ['XR', 'CT'], sites: options.sites.slice(0, 2) } });
const filterMs = performance.now() - filterStart;

console.log(
  JSON.stringify({
    rows: report.rowsRead,
    accepted: report.accepted,
    importSeconds,
    importCpuSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    dbMb: bytes.byteLength / 1024 / 1024,
    openMs,
    analyseMs,
    filterMs,
    year,
  }),
);
