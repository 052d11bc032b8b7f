import { IN_HOUSE_GROUPS, type InHouseGroup, type StaffRecord } from '../model';
import { dayNumber, daysInMonth, monthEnd } from './calendar';

/**
 * A reporter's WTE in a month = WTE × (days valid in that month / days in the month) (METRICS.md).
 * valid_to is inclusive; a null valid_to means still in post.
 */
export function monthlyWte(staff: Pick<StaffRecord, 'wte' | 'validFrom' | 'validTo'>, month: string): number {
  const first = dayNumber(`${month}-01`);
  const last = dayNumber(monthEnd(month));
  const from = Math.max(first, dayNumber(staff.validFrom));
  const to = Math.min(last, staff.validTo ? dayNumber(staff.validTo) : last);
  if (to < from) return 0;
  return (staff.wte * (to - from + 1)) / daysInMonth(month);
}

/** A group's average WTE over the months = mean over months of the group's summed monthly WTE. */
export function averageWteByGroup(
  staff: readonly Pick<StaffRecord, 'group' | 'wte' | 'validFrom' | 'validTo'>[],
  months: readonly string[],
): Record<InHouseGroup, number> {
  const totals = Object.fromEntries(IN_HOUSE_GROUPS.map((g) => [g, 0])) as Record<InHouseGroup, number>;
  if (months.length === 0) return totals;
  for (const member of staff) {
    if (!(IN_HOUSE_GROUPS as readonly string[]).includes(member.group)) continue;
    let sum = 0;
    for (const month of months) sum += monthlyWte(member, month);
    totals[member.group as InHouseGroup] += sum / months.length;
  }
  return totals;
}
