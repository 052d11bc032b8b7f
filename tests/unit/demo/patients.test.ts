import { describe, expect, it } from 'vitest';
import { NHS_NUMBER_CAPACITY, demoNhsNumber, demoPatientHash, isValidNhsNumber } from '../../../shared/demo/patients';

describe('synthetic patients', () => {
  it('gives every patient a distinct, check-digit-valid NHS number in the 999 test range', () => {
    const seen = new Set<string>();
    let bad = 0;
    for (let id = 0; id < 120_000; id++) {
      const n = demoNhsNumber(id);
      if (!n.startsWith('999') || !isValidNhsNumber(n)) bad++;
      seen.add(n);
    }
    expect(bad).toBe(0);
    expect(seen.size).toBe(120_000);
    expect(demoNhsNumber(17)).toBe(demoNhsNumber(17));
    expect(demoNhsNumber(NHS_NUMBER_CAPACITY + 17)).toBe(demoNhsNumber(17));
  });

  it('checks NHS numbers by modulus 11', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true); // the NHS's published example
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('94347659')).toBe(false);
  });

  it('gives a deterministic 64-hex hash per patient, distinct across patients and seeds', () => {
    const h = demoPatientHash(1234, 1);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(demoPatientHash(1234, 1)).toBe(h);
    expect(demoPatientHash(1234, 2)).not.toBe(h);
    const seen = new Set<string>();
    for (let id = 0; id < 50_000; id++) seen.add(demoPatientHash(id, 1));
    expect(seen.size).toBe(50_000);
  });
});
