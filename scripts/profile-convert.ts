/**
 * The JavaScript half of a RIS import without SQLite: read the CSV, convert every row and add it to the
 * summaries, timing each stage in CPU seconds. Steadier than a whole import on a busy machine, for work on the
 * parser, converter or accumulator.
 *   npx tsx scripts/profile-convert.ts FILE [--stage read|convert|summarise] [--one-shot-hash | --no-hash]
 * Stages are cumulative (convert includes reading); the default runs all three.
 */
import { createHash, hash } from 'node:crypto';
import { basename } from 'node:path';
import { openTable } from '../shared/io/openTable';
import { detectLayout } from '../shared/ingest/headerDetect';
import { mappingOf } from '../shared/engine/importer';
import { RisRowConverter, inferDateOrders } from '../shared/engine/risRows';
import { PatientHasher } from '../shared/engine/patientHash';
import { SummaryAccumulator } from '../shared/engine/summaries';
import { fileSource } from '../electron/node/fileSource';
import type { Cell } from '../shared/io/types';

const file = process.argv[2];
if (!file) throw new Error('usage: profile-convert.ts FILE [--stage read|convert|summarise]');
const stageAt = process.argv.indexOf('--stage');
const stages = stageAt === -1 ? ['read', 'convert', 'summarise'] : [process.argv[stageAt + 1]!];

async function run(stage: string): Promise<void> {
  const reader = await openTable(fileSource(file!, basename(file!)));
  const cpu0 = process.cpuUsage();
  let converter: RisRowConverter | null = null;
  const accumulator = new SummaryAccumulator();
  // --one-shot-hash: node:crypto's hash() (what the Node host could use); --no-hash: leaves hashing out of the figures.
  const sha256Hex = process.argv.includes('--no-hash')
    ? (text: string) => text
    : process.argv.includes('--one-shot-hash')
      ? (text: string) => hash('sha256', text, 'hex')
      : (text: string) => createHash('sha256').update(text).digest('hex');
  const hasher = await PatientHasher.create('salt', sha256Hex);
  let rows = 0;
  let accepted = 0;
  for await (const batch of reader.batches()) {
    let start = 0;
    if (!converter) {
      const detection = detectLayout(batch.rows.slice(0, 60), { kind: 'ris', preset: null });
      const mapping = mappingOf({ ...detection, kind: 'ris' });
      start = (detection.headerRowIndex ?? -1) + 1;
      const sample: Cell[][] = batch.rows.slice(start, start + 2000);
      converter = new RisRowConverter(basename(file!), mapping, detection.columns.map((c) => c.header), inferDateOrders(mapping, sample), (id) =>
        hasher.hash(id),
      );
    }
    if (stage === 'read') {
      rows += batch.rows.length - start;
      continue;
    }
    for (let i = start; i < batch.rows.length; i++) {
      rows++;
      const outcome = converter.convert(batch.rows[i]!, batch.firstRowNumber + i);
      if (!outcome.record) continue;
      accepted++;
      if (stage === 'summarise') accumulator.add(outcome.record, 1);
    }
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ stage, rows, accepted, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
}

for (const stage of stages) await run(stage);
