/**
 * en-GB wording of figures inside sentences (warnings, notes, the business case's prose). Cells of the pack are
 * typed numbers with formats; these are for text only. Negative amounts use a true minus sign, which also keeps
 * a sentence from ever starting with a spreadsheet formula trigger.
 */

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDp = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const upToOneDp = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const twoDp = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const MINUS = '\u2212';
const sign = (x: number): string => (x < 0 ? MINUS : '');

/** 12345.6 → '12,346'. */
export const countText = (n: number): string => whole.format(Math.round(n) === 0 ? 0 : Math.round(n));

/** 208.33 → '208.3'; 50 → '50'. */
export const decimalText = (n: number): string => upToOneDp.format(n);

/** Pence → whole pounds: 6663800 → '£66,638'; −350000 → '−£3,500'. */
export function poundsText(pence: number): string {
  const pounds = Math.round(pence / 100);
  return `${sign(pounds)}£${whole.format(Math.abs(pounds))}`;
}

/** Pence → pounds and pence: 3270 → '£32.70'. */
export function penceText(pence: number): string {
  return `${sign(pence)}£${twoDp.format(Math.abs(pence) / 100)}`;
}

/** 0.15 → '15.0%'; null → 'not available'. */
export function percentText(share: number | null): string {
  return share === null ? 'not available' : `${oneDp.format(share * 100)}%`;
}

/** 10.68 → '10.7 months'; 1 → '1 month'. */
export function monthsText(months: number): string {
  return `${upToOneDp.format(months)} ${months === 1 ? 'month' : 'months'}`;
}

/** '2025-03-31' → '31/03/2025'. */
export const ukDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** ['XR', 'CT', 'MR'] → 'XR, CT and MR'. */
export function listText(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** 'Reporting WTE per radiographer' → 'reporting WTE per radiographer', leaving acronyms ('XR price') alone. */
export function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
