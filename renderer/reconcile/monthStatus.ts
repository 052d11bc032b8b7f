/**
 * How the Reconcile view shows a provider-month's traffic light and its figures. The engine sets the light and
 * says why (ReconciliationRow.status, reasons; the rules in ReconciliationSummary.statusRules); this only words it.
 */
import type { ReconciliationRow, TrafficLight } from '../../shared/reconcile/api';
import { formatPence } from '../format';

export type Light = TrafficLight;

export const LIGHT_NAMES: Record<Light, string> = { green: 'Agrees', amber: 'Check', red: 'Investigate' };

/** What each light asks of the finance officer, in a phrase. */
export const LIGHT_ACTIONS: Record<Light, string> = {
  green: 'nothing to do',
  amber: 'something to look at',
  red: 'money at stake',
};

/** '+£12.50', '−£3.00', '£0.00': a difference, with its direction. */
export function formatSignedPence(pence: number): string {
  if (pence === 0) return formatPence(0);
  return `${pence > 0 ? '+' : '−'}${formatPence(Math.abs(pence))}`;
}

/** The engine's reasons are clauses ("the ledger spend …"); shown alone, each starts as a sentence. */
export function asSentence(reason: string): string {
  return reason ? reason.charAt(0).toUpperCase() + reason.slice(1) : reason;
}

/** A rule as the engine states it ("Red: …"), split into its light and the rest, for the legend. */
export function splitRule(rule: string): { light: Light | null; text: string } {
  const m = /^(Red|Amber|Green):\s*(.*)$/s.exec(rule.trim());
  return m ? { light: m[1]!.toLowerCase() as Light, text: m[2]! } : { light: null, text: rule };
}

/** Statement lines and not-billed examinations whose status is anything but matched. */
export function discrepancyCount(row: Pick<ReconciliationRow, 'billedNotInRis' | 'notBilled' | 'billedTwice' | 'priceVariance' | 'reportedByOther'>): number {
  return row.billedNotInRis + row.notBilled + row.billedTwice + row.priceVariance + row.reportedByOther;
}
