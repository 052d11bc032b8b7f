/**
 * `radbench reconcile` output: the stable JSON of CLI.md (money in pounds, exactly its keys), and a table for a
 * terminal.
 */
import type { ReconciliationRow } from '../../shared/reconcile/api';

/** One row of CLI.md's reconciliation JSON. */
export interface ReconciliationJsonRow {
  provider: string;
  month: string;
  statementLines: number;
  matched: number;
  billedNotInRis: number;
  notBilled: number;
  billedTwice: number;
  priceVariance: number;
  reportedByOther: number;
  expectedCost: number;
  statementTotal: number;
  ledgerSpend: number;
}

/** Integer pence → pounds with at most 2 decimal places. */
const pounds = (pence: number): number => pence / 100;

export function reconciliationJson(rows: readonly ReconciliationRow[]): { reconciliations: ReconciliationJsonRow[] } {
  return {
    reconciliations: rows.map((r) => ({
      provider: r.provider,
      month: r.month,
      statementLines: r.statementLines,
      matched: r.matched,
      billedNotInRis: r.billedNotInRis,
      notBilled: r.notBilled,
      billedTwice: r.billedTwice,
      priceVariance: r.priceVariance,
      reportedByOther: r.reportedByOther,
      expectedCost: pounds(r.expectedCostPence),
      statementTotal: pounds(r.statementTotalPence),
      ledgerSpend: pounds(r.ledgerSpendPence),
    })),
  };
}

const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const count = new Intl.NumberFormat('en-GB');
const LIGHTS = { green: 'GREEN', amber: 'AMBER', red: 'RED' } as const;

/** A terminal table of the reconciliation, with each month's status and why. */
export function formatReconciliationText(rows: readonly ReconciliationRow[], options: { synthetic: boolean; statusRules: readonly string[] }): string {
  const out: string[] = [];
  if (options.synthetic) out.push('*** SYNTHETIC DEMO DATA — not a real trust ***');
  out.push('RadBench — outsourcing reconciliation', '');
  if (rows.length === 0) {
    out.push('No provider statement covers the months asked for.');
    return out.join('\n') + '\n';
  }
  const header = ['Provider', 'Month', 'Status', 'Lines', 'Matched', 'Price≠', 'Twice', 'Not in RIS', 'Other', 'Not billed', 'Expected', 'Statement', 'Ledger'];
  const body = rows.map((r) => [
    r.provider,
    r.month,
    LIGHTS[r.status],
    count.format(r.statementLines),
    count.format(r.matched),
    count.format(r.priceVariance),
    count.format(r.billedTwice),
    count.format(r.billedNotInRis),
    count.format(r.reportedByOther),
    count.format(r.notBilled),
    gbp.format(r.expectedCostPence / 100),
    gbp.format(r.statementTotalPence / 100),
    r.hasLedger ? gbp.format(r.ledgerSpendPence / 100) : '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  out.push(format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(format), '');
  for (const r of rows) {
    if (r.reasons.length === 0) continue;
    out.push(`${r.provider} ${r.month} (${LIGHTS[r.status]}):`);
    for (const reason of r.reasons) out.push(`  - ${reason}`);
  }
  out.push('', ...options.statusRules);
  return out.join('\n') + '\n';
}
