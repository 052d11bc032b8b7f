/** Small reference calculations the demo tests use to judge the generated data (per METRICS.md). */
import type { ExamRecord, StaffGroup, StaffRecord } from '../../../shared/model';

/** Staff group of a report: register first, then a non-empty provider column, else unclassified. */
export function groupResolver(staff: readonly StaffRecord[]): (e: ExamRecord) => StaffGroup {
  const byCode = new Map(staff.map((s) => [s.code, s.group as StaffGroup]));
  return (e) => byCode.get(e.reporterCode ?? '') ?? (e.provider ? 'outsourced' : 'unclassified');
}

const DAY_MS = 86_400_000;

/** Mean over the financial year's months of a group's summed monthly WTE (WTE × days valid / days in month). */
export function averageWte(staff: readonly StaffRecord[], group: StaffGroup, fy: number): number {
  let total = 0;
  for (let i = 0; i < 12; i++) {
    const year = fy + (i >= 9 ? 1 : 0);
    const month = (3 + i) % 12; // 0-based: April = 3
    const start = Date.UTC(year, month, 1);
    const end = Date.UTC(year, month + 1, 1);
    const days = (end - start) / DAY_MS;
    for (const s of staff) {
      if (s.group !== group) continue;
      const from = Math.max(start, Date.parse(s.validFrom));
      const to = Math.min(end, s.validTo ? Date.parse(s.validTo) + DAY_MS : end);
      if (to > from) total += (s.wte * (to - from)) / DAY_MS / days;
    }
  }
  return total / 12;
}

/** Hours from examination to report (local ISO strings, no zone). */
export function turnaroundHours(e: ExamRecord): number | null {
  if (!e.reportedAt) return null;
  return (Date.parse(`${e.reportedAt}:00Z`) - Date.parse(`${e.examAt}:00Z`)) / 3_600_000;
}

export function financialYear(iso: string): number {
  const y = Number(iso.slice(0, 4));
  return Number(iso.slice(5, 7)) >= 4 ? y : y - 1;
}

export function median(values: number[]): number {
  const a = [...values].sort((x, y) => x - y);
  const mid = (a.length - 1) / 2;
  return ((a[Math.floor(mid)] ?? Number.NaN) + (a[Math.ceil(mid)] ?? Number.NaN)) / 2;
}
