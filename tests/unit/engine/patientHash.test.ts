import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { PatientHasher } from '../../../shared/engine/patientHash';

describe('PatientHasher', () => {
  it('is SHA-256 of the salt and the identifier without spaces, truncated to 128 bits', async () => {
    const hasher = await PatientHasher.create('s4lt');
    const expected = createHash('sha256').update('s4lt:9990000018').digest('hex').slice(0, 32);
    expect(hasher.hash('999 000 0018')).toBe(expected);
    expect(hasher.hash('9990000018')).toBe(expected);
  });

  it('differs between databases (salts) and never contains the identifier', async () => {
    const a = await PatientHasher.create('one');
    const b = await PatientHasher.create('two');
    expect(a.hash('9990000018')).not.toBe(b.hash('9990000018'));
    expect(a.hash('9990000018')).not.toContain('9990000018');
  });
});

describe('PatientHasher with a host SHA-256', () => {
  it('gives the same hash as the WebAssembly one, so databases move between hosts', async () => {
    const wasm = await PatientHasher.create('salt');
    const native = await PatientHasher.create('salt', (text) => createHash('sha256').update(text).digest('hex'));
    for (const id of ['9990000018', '943 476 5919', 'MRN-001é']) expect(native.hash(id)).toBe(wasm.hash(id));
  });
});
