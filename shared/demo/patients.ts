/**
 * Synthetic patient identities for the demo. A patient is an integer id; from it come
 * - an NHS number in the test range that starts 999 (never issued to a real person), with a valid
 *   modulus-11 check digit so importers that check NHS numbers accept it, and
 * - a fake 64-hex "hash" standing in for the salted SHA-256 an import would store.
 */
import { mix32 } from './random';

/** Distinct patient ids the NHS-number mapping can tell apart (100,000 blocks of ten, nine valid per block). */
export const NHS_NUMBER_CAPACITY = 900_000;
// A multiplier coprime with 900,000 (= 2^5 · 3^2 · 5^5) scrambles ids without collisions.
const SCRAMBLE_MUL = 7919;
const SCRAMBLE_ADD = 123_457;

/**
 * '999' + 6 digits + check digit. Within a block of ten consecutive 9-digit stems the weighted sum
 * steps by 2 (mod 11), so at most one stem per block has the invalid remainder; the id picks among the others.
 */
export function demoNhsNumber(patientId: number): string {
  const id = ((((patientId % NHS_NUMBER_CAPACITY) * SCRAMBLE_MUL + SCRAMBLE_ADD) % NHS_NUMBER_CAPACITY) + NHS_NUMBER_CAPACITY) % NHS_NUMBER_CAPACITY;
  const block = Math.floor(id / 9); // 0..99,999: digits 4 to 8
  let k = id % 9;
  // Weighted sum of the first eight digits (weights 10..3): 9·10 + 9·9 + 9·8 for the 999 prefix.
  let base = 243;
  let b = block;
  for (let weight = 3; weight <= 7; weight++) {
    base += (b % 10) * weight;
    b = Math.floor(b / 10);
  }
  for (let last = 0; last < 10; last++) {
    const rem = (base + last * 2) % 11;
    if (rem === 1) continue; // the check digit would be 10: no valid number with this stem
    if (k > 0) {
      k--;
      continue;
    }
    const check = rem === 0 ? 0 : 11 - rem;
    return String(9_990_000_000 + block * 100 + last * 10 + check);
  }
  throw new Error('unreachable: every block of ten stems has nine valid NHS numbers');
}

/** True when a 10-digit string passes the NHS number modulus-11 check. */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(value[i]) * (10 - i);
  const rem = sum % 11;
  const check = rem === 0 ? 0 : 11 - rem;
  return check !== 10 && check === Number(value[9]);
}

const HEX16: string[] = Array.from({ length: 65536 }, (_, i) => i.toString(16).padStart(4, '0'));
const CHUNKS = 1024;
let chunkSeed: number | null = null;
let chunkTable: string[] = [];

/** 1,024 random 48-hex chunks per seed: the filler that makes a cheap 64-bit value look like a SHA-256. */
function chunksFor(seed: number): string[] {
  if (chunkSeed !== seed) {
    const table: string[] = [];
    let h = mix32(seed ^ 0x5bd1e995);
    for (let i = 0; i < CHUNKS; i++) {
      let chunk = '';
      for (let j = 0; j < 6; j++) {
        h = mix32(h + 0x9e3779b9);
        chunk += (HEX16[h >>> 16] as string) + HEX16[h & 0xffff];
      }
      table.push(chunk);
    }
    chunkSeed = seed;
    chunkTable = table;
  }
  return chunkTable;
}

/**
 * A deterministic 64-hex string per (seed, patient). It looks like a SHA-256 but is only integer mixing:
 * 48 hex of filler picked by the patient's bits, then 16 hex whose first half is a bijection of the id,
 * so distinct patients never share a value. Built from a few table lookups because it runs once per exam.
 */
export function demoPatientHash(patientId: number, seed: number): string {
  const table = chunksFor(seed);
  const w1 = mix32(patientId ^ mix32(seed));
  const w2 = mix32(w1 + 0x9e3779b9);
  return (table[w2 & (CHUNKS - 1)] as string) + HEX16[w1 >>> 16] + HEX16[w1 & 0xffff] + HEX16[w2 >>> 16] + HEX16[w2 & 0xffff];
}
