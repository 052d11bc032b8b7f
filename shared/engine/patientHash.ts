import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * A salted SHA-256 of a patient identifier, so the same patient links across imports into one database
 * while the identifier itself is never stored. The salt is random per database.
 */
export function hashPatientId(salt: string, id: string): string {
  const normalised = id.replace(/\s+/g, '').toUpperCase();
  return bytesToHex(sha256(utf8ToBytes(`${salt}:${normalised}`))).slice(0, 32);
}
