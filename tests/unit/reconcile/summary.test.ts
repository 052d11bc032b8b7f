import { describe, expect, it } from 'vitest';
import type { LineDecision, LineStatus } from '../../../shared/reconcile/api';
import type { MatchedItem, StatementLineInput } from '../../../shared/reconcile/match';
import { summariseMonth, TRAFFIC_LIGHT_RULES, type MonthInput } from '../../../shared/reconcile/summary';

let n = 0;
function item(status: LineStatus, p: { amount?: number; difference?: number | null; credit?: boolean; batch?: number } = {}): MatchedItem {
  const id = ++n;
  const line: StatementLineInput | null =
    status === 'not_billed'
      ? null
      : {
          id,
          batchId: p.batch ?? 1,
          srcRow: id + 1,
          file: `statement-${p.batch ?? 1}.csv`,
          month: '2025-10',
          accession: `A${id}`,
          examCode: 'CHEAD',
          examName: 'CT Head',
          modality: 'CT',
          priority: null,
          reportedOn: '2025-10-02',
          unitPricePence: p.amount ?? 1000,
          amountPence: p.amount ?? 1000,
        };
  return {
    key: `k${id}`,
    source: line ? 'statement' : 'ris',
    status,
    month: '2025-10',
    line,
    exam: null,
    tariffPence: 1000,
    differencePence: p.difference ?? (status === 'price_differs' ? 100 : 0),
    duplicateOf: null,
    credit: p.credit ?? false,
    reason: '',
  };
}

function month(items: MatchedItem[], extra: Partial<MonthInput> = {}): ReturnType<typeof summariseMonth> {
  const statementTotal = items.reduce((s, i) => s + (i.line?.amountPence ?? 0), 0);
  return summariseMonth({
    provider: 'Medica',
    month: '2025-10',
    items,
    expected: { pence: statementTotal, reports: items.length, unpriced: 0 },
    ledgerSpendPence: statementTotal,
    hasLedger: true,
    decisions: new Map(),
    ...extra,
  });
}

describe('the month counts (CLI.md)', () => {
  it('counts a repeat once in matched (its first billing) and once in billedTwice', () => {
    const r = month([item('matched'), item('billed_twice')]);
    expect(r).toMatchObject({ statementLines: 2, matched: 1, billedTwice: 1 });
  });

  it('counts a price variance in matched as well as in priceVariance, with the net difference', () => {
    const r = month([item('matched'), item('price_differs', { difference: 250 }), item('price_differs', { difference: -100 })]);
    expect(r).toMatchObject({ statementLines: 3, matched: 3, priceVariance: 2, priceDifferencePence: 150 });
  });

  it('counts a line reported in-house in reportedByOther, not in matched', () => {
    const r = month([item('matched'), item('reported_by_other')]);
    expect(r).toMatchObject({ statementLines: 2, matched: 1, reportedByOther: 1 });
  });

  it('counts examinations not billed apart from the statement lines', () => {
    const r = month([item('matched'), item('not_billed'), item('not_billed'), item('billed_not_in_ris')]);
    expect(r).toMatchObject({ statementLines: 2, matched: 1, notBilled: 2, billedNotInRis: 1 });
  });

  it('sums the line amounts into the statement total and lists the statements behind it', () => {
    const r = month([item('matched', { amount: 1234, batch: 4 }), item('matched', { amount: -234, credit: true, batch: 7 }), item('matched', { batch: 4 })], {
      expected: { pence: 1900, reports: 3, unpriced: 1 },
      ledgerSpendPence: 2100,
    });
    expect(r.statementTotalPence).toBe(2000);
    expect(r.statementVariancePence).toBe(100);
    expect(r.ledgerVariancePence).toBe(100);
    expect(r.statements).toEqual([
      { batchId: 4, file: 'statement-4.csv', lines: 2 },
      { batchId: 7, file: 'statement-7.csv', lines: 1 },
    ]);
  });
});

describe('the traffic light', () => {
  it('is green when every line matches and the three figures agree', () => {
    const r = month([item('matched'), item('matched')]);
    expect(r).toMatchObject({ status: 'green', reasons: [], openIssues: 0 });
  });

  it.each(['billed_twice', 'billed_not_in_ris', 'reported_by_other'] as const)('is red for an open line %s', (status) => {
    const r = month([item('matched'), item(status)]);
    expect(r.status).toBe('red');
    expect(r.reasons[0]).toMatch(/^not yet accepted or resolved: 1 line /);
  });

  it('is red for a price above the tariff, amber for one below', () => {
    expect(month([item('price_differs', { difference: 100 })]).status).toBe('red');
    const below = month([item('price_differs', { difference: -100 })]);
    expect(below.status).toBe('amber');
    expect(below.reasons).toEqual(['not yet accepted or resolved: 1 line below the tariff']);
  });

  it('is amber for an examination not billed', () => {
    const items = [item('matched'), item('not_billed')];
    const r = month(items, { expected: { pence: 1000, reports: 2, unpriced: 0 } });
    expect(r.status).toBe('amber');
  });

  it('turns green again once the discrepancies are accepted or resolved, and counts them as settled', () => {
    const items = [item('matched'), item('billed_twice'), item('not_billed')];
    const decisions = new Map<string, LineDecision>([
      [items[1]!.key, 'resolved'],
      [items[2]!.key, 'accepted'],
    ]);
    const r = month(items, { decisions, expected: { pence: 2000, reports: 2, unpriced: 0 }, ledgerSpendPence: 2000 });
    expect(r).toMatchObject({ status: 'green', openIssues: 0, settled: 2, disputed: 0 });
  });

  it('keeps a disputed line open', () => {
    const items = [item('matched'), item('billed_twice')];
    const r = month(items, { decisions: new Map([[items[1]!.key, 'disputed']]) });
    expect(r).toMatchObject({ status: 'red', openIssues: 1, disputed: 1 });
  });

  it('grades the ledger against the statement: within 1% green, to 5% amber, beyond red', () => {
    const items = [item('matched', { amount: 100_000 })];
    expect(month(items, { ledgerSpendPence: 100_900 }).status).toBe('green');
    const amber = month(items, { ledgerSpendPence: 103_000 });
    expect(amber.status).toBe('amber');
    expect(amber.reasons).toEqual(['the ledger spend (£1,030.00) is £30.00 above the statement total (3.0%)']);
    expect(month(items, { ledgerSpendPence: 94_000 }).status).toBe('red');
  });

  it('is amber when the ledger holds nothing for the month, or examinations have no tariff', () => {
    const items = [item('matched')];
    const noLedger = month(items, { hasLedger: false, ledgerSpendPence: 0 });
    expect(noLedger).toMatchObject({ status: 'amber', ledgerVariancePence: null });
    expect(noLedger.reasons).toEqual(['the ledger holds nothing for October 2025']);
    const unpriced = month(items, { expected: { pence: 1000, reports: 2, unpriced: 1 } });
    expect(unpriced.reasons).toEqual(['1 RIS examination has no tariff price']);
  });

  it('is amber when the statement and the expected cost differ by more than 1%', () => {
    const r = month([item('matched', { amount: 10_000 })], { expected: { pence: 9_800, reports: 1, unpriced: 0 } });
    expect(r.status).toBe('amber');
    expect(r.reasons).toEqual(['the statement total is £2.00 above the expected cost (2.0%)']);
  });

  it('states its rules for each light', () => {
    expect(TRAFFIC_LIGHT_RULES.map((r) => r.split(':')[0])).toEqual(['Red', 'Amber', 'Green']);
  });
});
