/**
 * The demo trust's statements reconcile to exactly the discrepancies planted in them, whether the demo is loaded
 * directly or imported from its own CSV files.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../shared/engine/engine';
import type { ImportKind } from '../../shared/model';
import type { ReconcileLine, ReconciliationRow } from '../../shared/reconcile/api';
import { demoRisCsvLines, demoStaffCsvLines } from '../../shared/demo/csv';
import { demoOutsourcing, demoOutsourcingFiles } from '../../shared/demo/outsourcingCsv';
import type { DemoOutsourcing } from '../../shared/demo/outsourcing';
import { encoder, freshEngine } from '../helpers/engine';

const SCALE = 0.02;
let direct: Engine;
let imported: Engine;
let data: DemoOutsourcing;

async function importText(engine: Engine, name: string, kind: ImportKind, text: string) {
  return engine.runImport({ source: { kind: 'bytes', name, bytes: encoder.encode(text) }, kind, commit: true });
}

async function everyLine(engine: Engine, rows: ReconciliationRow[]): Promise<ReconcileLine[]> {
  const out: ReconcileLine[] = [];
  for (const r of rows) out.push(...(await engine.reconcileLines({ provider: r.provider, month: r.month, limit: 50_000 })).lines);
  return out;
}

beforeAll(async () => {
  direct = await freshEngine();
  await direct.loadDemo({ scale: SCALE });
  data = demoOutsourcing({ scale: SCALE });
  imported = await freshEngine();
  await importText(imported, 'demo-staff.csv', 'staff', demoStaffCsvLines({ scale: SCALE }).join(''));
  await importText(imported, 'demo-ris.csv', 'ris', [...demoRisCsvLines({ scale: SCALE, errors: true })].join(''));
  const files = demoOutsourcingFiles(data);
  for (const [name, text] of Object.entries(files)) {
    const kind: ImportKind = name.includes('tariff') ? 'tariff' : name.includes('ledger') ? 'ledger' : 'statement';
    const report = await importText(imported, name, kind, text);
    expect(report.rejected, name).toBe(0);
  }
}, 120_000);

describe('the demo reconciliation', () => {
  it('finds every planted discrepancy and nothing else', async () => {
    const { rows } = await direct.reconciliation({});
    expect(rows).toHaveLength(24);
    const found = (await everyLine(direct, rows))
      .filter((l) => l.status !== 'matched')
      .map((l) => `${l.provider} ${l.month} ${l.accession} ${l.status}`)
      .sort();
    const planted = data.planted
      .filter((p) => p.kind !== 'ledger_variance')
      .map((p) => `${p.provider} ${p.month} ${p.accession} ${p.kind}`)
      .sort();
    expect(found).toEqual(planted);
    // The loaded ledger pays every month as billed, so the months with nothing planted are green and the others are not.
    const plantedMonths = new Set(data.planted.map((p) => `${p.provider} ${p.month}`));
    const quiet = rows.filter((r) => !plantedMonths.has(`${r.provider} ${r.month}`));
    expect(quiet.length).toBeGreaterThan(10);
    for (const r of quiet) {
      expect(r, `${r.provider} ${r.month}`).toMatchObject({ status: 'green', reasons: [], hasLedger: true, ledgerVariancePence: 0 });
      expect(r.ledgerSpendPence, `${r.provider} ${r.month}`).toBe(r.statementTotalPence);
    }
    for (const m of plantedMonths) expect(rows.find((r) => `${r.provider} ${r.month}` === m)!.status, m).not.toBe('green');
  });

  it('stores the ledger exactly as importing demo-ledger.csv does', async () => {
    const period = { spec: '2025/26' };
    const lines = async (engine: Engine) => (await engine.ledgerLines(period, { limit: 1000 })).rows.map((l) => ({ ...l, id: null, batchId: null }));
    const loaded = await lines(direct);
    expect(loaded).toHaveLength(data.ledger.length);
    expect(loaded).toEqual(await lines(imported));
    expect(new Set(loaded.map((l) => `${l.category} ${l.radiology}`))).toEqual(new Set(['outsourced_reporting true']));
    expect(loaded.every((l) => l.ruleId !== null && l.srcRow !== null)).toBe(true);
    // Its own demo batch, read with the mapping an import of the file detects.
    const batches = async (engine: Engine) => (await engine.listBatches()).filter((b) => b.kind === 'ledger');
    const own = await batches(direct);
    expect(own).toHaveLength(1);
    const n = data.ledger.length;
    expect(own[0]).toMatchObject({ file: expect.stringMatching(/^Synthetic demo trust .*\(demo-ledger\.csv\)$/), rowsRead: n, accepted: n, inserted: n, liveRows: n });
    expect(own[0]!.mapping).toEqual((await batches(imported))[0]!.mapping);
  });

  it('gives the same lines, figures and statuses imported from the demo CSV files, ledger included', async () => {
    const a = (await direct.reconciliation({})).rows;
    const b = (await imported.reconciliation({})).rows;
    const figures = (r: ReconciliationRow) => ({ ...r, statements: r.statements.map((s) => s.lines) });
    expect(b.map(figures)).toEqual(a.map(figures));
    const line = (l: ReconcileLine) => ({ ...l, file: null, batchId: null, reason: l.reason.replace(/Synthetic demo trust.*?\.csv\)|demo-statement-\w+\.csv/g, 'FILE') });
    expect((await everyLine(imported, b)).map(line)).toEqual((await everyLine(direct, a)).map(line));

    // The ledger: every month paid as billed, but for the two planted variances.
    const ledgerOff = b.filter((r) => r.ledgerVariancePence !== 0).map((r) => [r.provider, r.month, r.ledgerVariancePence]);
    expect(ledgerOff).toEqual([
      ['Everlight', '2026-02', -b.find((r) => r.provider === 'Everlight' && r.month === '2026-02')!.statementTotalPence],
      ['Medica', '2026-01', 25_000],
    ]);
    const green = b.filter((r) => r.status === 'green').map((r) => `${r.provider} ${r.month}`);
    const plantedMonths = new Set(data.planted.map((p) => `${p.provider} ${p.month}`));
    expect(green.length).toBeGreaterThan(10);
    expect(green.filter((m) => plantedMonths.has(m))).toEqual([]);
    for (const m of plantedMonths) expect(b.find((r) => `${r.provider} ${r.month}` === m)!.status, m).not.toBe('green');
  });
});
