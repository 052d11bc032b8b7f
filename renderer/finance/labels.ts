/** What the Finance view calls each ledger category (METRICS.md), in the order the engine lists them. */
import { LEDGER_CATEGORIES, type LedgerCategory } from '../../shared/model';

export const CATEGORY_NAMES: Record<LedgerCategory, string> = {
  outsourced_reporting: 'Outsourced reporting (teleradiology)',
  outsourced_imaging: 'Outsourced imaging (independent-sector scanning)',
  insourcing: 'Insourcing',
  agency_locum: 'Agency and locum',
  waiting_list_initiative: 'Waiting list initiative',
  other: 'Other',
};

/** Short forms for table cells and chart legends. */
export const CATEGORY_SHORT: Record<LedgerCategory, string> = {
  outsourced_reporting: 'Outsourced reporting',
  outsourced_imaging: 'Outsourced imaging',
  insourcing: 'Insourcing',
  agency_locum: 'Agency and locum',
  waiting_list_initiative: 'Waiting list initiative',
  other: 'Other',
};

export const CATEGORIES: readonly LedgerCategory[] = LEDGER_CATEGORIES;

/** The categories that make up external spend per report (METRICS.md). */
export const EXTERNAL_CATEGORIES: readonly LedgerCategory[] = ['outsourced_reporting', 'insourcing', 'outsourced_imaging'];

export function isCategory(value: string): value is LedgerCategory {
  return (LEDGER_CATEGORIES as readonly string[]).includes(value);
}
