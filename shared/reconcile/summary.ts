/**
 * One provider-month of a reconciliation: the counts CLI.md defines, the three money figures and their
 * variances, and the traffic light. Pure: the caller supplies the matched items, the expected cost, the ledger
 * figures and the decisions.
 */
import { LOCKING_DECISIONS, type LineDecision, type ReconciliationRow, type TrafficLight } from './api';
import type { ExpectedCost, MatchedItem } from './match';
import { monthName, percent, pounds } from './text';

/** A variance under this share of its base is agreement. */
export const AMBER_SHARE = 0.01;
/** A ledger variance over this share of the statement total is red. */
export const RED_SHARE = 0.05;
/** Shares are taken of at least £1, so pennies on a tiny base are not a variance. */
const MIN_BASE_PENCE = 100;

export const TRAFFIC_LIGHT_RULES: string[] = [
  'Red: a line billed twice, billed but not in the RIS, reported by someone else, or billed above the tariff, and not yet ' +
    `accepted or resolved; or the ledger spend differs from the statement total by more than ${percent(RED_SHARE)}.`,
  'Amber: any other line not yet accepted or resolved (an examination not billed, a price below the tariff); RIS ' +
    `examinations no tariff prices; the statement total differs from the expected cost by more than ${percent(AMBER_SHARE)}; ` +
    `the ledger spend differs from the statement total by more than ${percent(AMBER_SHARE)}; or the ledger holds nothing for the month.`,
  'Green: every line matched, accepted or resolved, and the expected cost, statement total and ledger spend agree within ' +
    `${percent(AMBER_SHARE)}.`,
];

export interface MonthInput {
  provider: string;
  month: string;
  /** The month's statement lines and not-billed examinations. */
  items: readonly MatchedItem[];
  expected: ExpectedCost;
  ledgerSpendPence: number;
  hasLedger: boolean;
  decisions: ReadonlyMap<string, LineDecision>;
}

const share = (diff: number, base: number): number => Math.abs(diff) / Math.max(Math.abs(base), MIN_BASE_PENCE);

/** How an open item reads in a reason, and whether it bills the trust more than it should. */
function openKind(item: MatchedItem): { label: string; over: boolean } {
  switch (item.status) {
    case 'billed_twice':
      return { label: 'billed twice', over: !item.credit };
    case 'billed_not_in_ris':
      return { label: 'billed but not in the RIS', over: !item.credit };
    case 'reported_by_other':
      return { label: 'reported by someone else', over: !item.credit };
    case 'price_differs':
      return (item.differencePence ?? 0) > 0 ? { label: 'above the tariff', over: true } : { label: 'below the tariff', over: false };
    default:
      return { label: 'in the RIS but not billed', over: false };
  }
}

const OPEN_ORDER = ['billed twice', 'billed but not in the RIS', 'reported by someone else', 'above the tariff', 'below the tariff', 'in the RIS but not billed'];

/** "3 lines billed twice, 1 billed but not in the RIS", always in the same order. */
function describeOpen(counts: Map<string, number>): string {
  return [...counts]
    .sort((a, b) => OPEN_ORDER.indexOf(a[0]) - OPEN_ORDER.indexOf(b[0]))
    .map(([label, n], i) => (i === 0 ? `${n} line${n === 1 ? '' : 's'} ${label}` : `${n} ${label}`))
    .join(', ');
}

export function summariseMonth(input: MonthInput): ReconciliationRow {
  const { provider, month, items, expected, decisions } = input;
  const counts = { statementLines: 0, matched: 0, billedNotInRis: 0, notBilled: 0, billedTwice: 0, priceVariance: 0, reportedByOther: 0 };
  let statementTotalPence = 0;
  let priceDifferencePence = 0;
  let openIssues = 0;
  const openOver = new Map<string, number>();
  const openUnder = new Map<string, number>();
  let disputed = 0;
  let settled = 0;
  const statements = new Map<number, { batchId: number; file: string; lines: number }>();
  for (const item of items) {
    if (item.line) {
      counts.statementLines++;
      statementTotalPence += item.line.amountPence;
      const s = statements.get(item.line.batchId) ?? { batchId: item.line.batchId, file: item.line.file, lines: 0 };
      s.lines++;
      statements.set(item.line.batchId, s);
    }
    switch (item.status) {
      case 'matched':
        counts.matched++;
        break;
      case 'price_differs':
        counts.matched++;
        counts.priceVariance++;
        priceDifferencePence += item.differencePence ?? 0;
        break;
      case 'billed_twice':
        counts.billedTwice++;
        break;
      case 'billed_not_in_ris':
        counts.billedNotInRis++;
        break;
      case 'reported_by_other':
        counts.reportedByOther++;
        break;
      case 'not_billed':
        counts.notBilled++;
        break;
    }
    const decision = decisions.get(item.key) ?? 'open';
    if (decision === 'disputed') disputed++;
    if (LOCKING_DECISIONS.includes(decision)) {
      settled++;
      continue;
    }
    if (item.status === 'matched') continue;
    openIssues++;
    const { label, over } = openKind(item);
    const tally = over ? openOver : openUnder;
    tally.set(label, (tally.get(label) ?? 0) + 1);
  }

  const statementVariancePence = statementTotalPence - expected.pence;
  const ledgerVariancePence = input.hasLedger ? input.ledgerSpendPence - statementTotalPence : null;
  const red: string[] = [];
  const amber: string[] = [];
  if (openOver.size > 0) red.push(`not yet accepted or resolved: ${describeOpen(openOver)}`);
  if (ledgerVariancePence !== null && ledgerVariancePence !== 0) {
    const s = share(ledgerVariancePence, statementTotalPence);
    const text = `the ledger spend (${pounds(input.ledgerSpendPence)}) is ${pounds(Math.abs(ledgerVariancePence))} ${ledgerVariancePence > 0 ? 'above' : 'below'} the statement total (${percent(s)})`;
    if (s > RED_SHARE) red.push(text);
    else if (s > AMBER_SHARE) amber.push(text);
  }
  if (openUnder.size > 0) amber.push(`not yet accepted or resolved: ${describeOpen(openUnder)}`);
  if (expected.unpriced > 0) amber.push(`${expected.unpriced} RIS examination${expected.unpriced === 1 ? ' has' : 's have'} no tariff price`);
  if (statementVariancePence !== 0 && share(statementVariancePence, expected.pence) > AMBER_SHARE) {
    amber.push(
      `the statement total is ${pounds(Math.abs(statementVariancePence))} ${statementVariancePence > 0 ? 'above' : 'below'} the expected cost (${percent(share(statementVariancePence, expected.pence))})`,
    );
  }
  if (!input.hasLedger && statementTotalPence !== 0) amber.push(`the ledger holds nothing for ${monthName(month)}`);
  const status: TrafficLight = red.length > 0 ? 'red' : amber.length > 0 ? 'amber' : 'green';

  return {
    provider,
    month,
    ...counts,
    expectedCostPence: expected.pence,
    statementTotalPence,
    ledgerSpendPence: input.ledgerSpendPence,
    expectedReports: expected.reports,
    unpricedReports: expected.unpriced,
    statementVariancePence,
    ledgerVariancePence,
    hasLedger: input.hasLedger,
    priceDifferencePence,
    openIssues,
    disputed,
    settled,
    status,
    reasons: [...red, ...amber],
    statements: [...statements.values()].sort((a, b) => a.batchId - b.batchId),
  };
}
