import { describe, expect, it } from 'vitest';
import { priorityKey, samePriority } from '../../../shared/reconcile/priority';

describe('priority keys', () => {
  it('reads the common spellings of each urgency as one key', () => {
    for (const p of ['Urgent', 'URGENT', 'u', 'Urgent report', ' urgent ']) expect(priorityKey(p), p).toBe('urgent');
    for (const p of ['Routine', 'R', 'normal', 'Elective']) expect(priorityKey(p), p).toBe('routine');
    for (const p of ['Emergency', 'STAT', 'A&E', 'Immediate']) expect(priorityKey(p), p).toBe('emergency');
    for (const p of ['2WW/Cancer', '2WW', 'Two week wait', 'Suspected cancer', '2WW/CANCER']) expect(priorityKey(p), p).toBe('cancer');
    expect(priorityKey('Inpatient')).toBe('inpatient');
  });

  it('keeps any other priority as its own letters and digits, and empty as null', () => {
    expect(priorityKey('Out of Hours')).toBe('outofhours');
    expect(priorityKey('OUT-OF-HOURS')).toBe('outofhours');
    expect(priorityKey('')).toBeNull();
    expect(priorityKey('  ')).toBeNull();
    expect(priorityKey(null)).toBeNull();
  });

  it('compares priorities by key, never matching an empty one', () => {
    expect(samePriority('Urgent', 'U')).toBe(true);
    expect(samePriority('Urgent', 'Routine')).toBe(false);
    expect(samePriority(null, null)).toBe(false);
  });
});
