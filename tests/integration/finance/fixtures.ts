/** Reads the real spend files in ../shared/fixtures/public-spend through the app's own readers and converter. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTable } from '../../../shared/io/openTable';
import { bytesSource } from '../../../shared/io/sources';
import type { Cell } from '../../../shared/io/types';
import { detectLayout, mappingFromColumns, type LayoutDetection } from '../../../shared/ingest/headerDetect';
import type { ColumnMapping } from '../../../shared/contract';
import type { RowIssue } from '../../../shared/model';
import { DEFAULT_RULES } from '../../../shared/finance/defaults';
import { LedgerRowConverter, type LedgerRecord } from '../../../shared/finance/ledgerRows';
import { seedAliases } from '../../../shared/finance/providers';
import { compileRules, type ClassificationRule } from '../../../shared/finance/rules';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures/public-spend');
export const FIXTURES = ['CHWE 07 - October.csv', 'LEGR 08 - November.csv', 'NMID 09 - December.xlsx'] as const;

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURE_DIR, name)));
}

export interface ConvertedFile {
  detection: LayoutDetection;
  mapping: ColumnMapping;
  records: { row: number; record: LedgerRecord }[];
  rejected: number;
  issues: RowIssue[];
  dataRows: number;
}

const isBlank = (row: Cell[]) => row.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

/** Reads a fixture as the importer does: the first 60 rows decide the layout, then every data row is converted. */
export async function convertFixture(name: string, rules: readonly ClassificationRule[] = DEFAULT_RULES): Promise<ConvertedFile> {
  const reader = await openTable(bytesSource(name, fixtureBytes(name)));
  const rows: { row: number; cells: Cell[] }[] = [];
  for await (const batch of reader.batches()) batch.rows.forEach((cells, i) => rows.push({ row: batch.firstRowNumber + i, cells }));
  const detection = detectLayout(
    rows.slice(0, 60).map((r) => r.cells),
    { kind: 'ledger' },
  );
  const mapping = mappingFromColumns(detection.columns, 'ledger');
  const start = (detection.headerRowIndex ?? -1) + 1;
  const data = rows.slice(start).filter((r) => !isBlank(r.cells));
  const converter = new LedgerRowConverter(
    name,
    mapping,
    detection.columns.map((c) => c.header),
    data.slice(0, 2000).map((r) => r.cells),
    compileRules(rules),
    seedAliases,
  );
  const out: ConvertedFile = { detection, mapping, records: [], rejected: 0, issues: [], dataRows: data.length };
  for (const { row, cells } of data) {
    const outcome = converter.convert(cells, row);
    out.issues.push(...outcome.issues);
    if (outcome.record) out.records.push({ row, record: outcome.record });
    else out.rejected++;
  }
  return out;
}

/**
 * Pence from a money text such as "27,913.51", "-39,806.52 " or "40,182.00" by plain string surgery, kept
 * deliberately separate from parseMoneyPence so the two can check each other.
 */
export function simplePence(text: string): number {
  const m = /^\s*(-?)([\d,]+)\.(\d\d)\s*$/.exec(text);
  if (!m) throw new Error(`unexpected amount text ${JSON.stringify(text)}`);
  const pence = Number(m[2]!.split(',').join('')) * 100 + Number(m[3]);
  return m[1] === '-' ? -pence : pence;
}
