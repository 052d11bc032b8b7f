/** Money, dates and months as reconciliation messages show them (en-GB). The engine has no DOM, so no Intl here. */

/** Integer pence as "£1,234.56" ("-£5.00" for a credit). */
export function pounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(Math.round(pence));
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}£${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** A signed difference: "+£3.00", "-£1.50". */
export function signedPounds(pence: number): string {
  return pence > 0 ? `+${pounds(pence)}` : pounds(pence);
}

/** 'YYYY-MM-DD…' as dd/mm/yyyy. */
export function ukDay(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 'YYYY-MM' as "October 2025". */
export function monthName(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month.slice(5, 7)} ${month.slice(0, 4)}`;
}

/** A share as "4.2%". */
export function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}
