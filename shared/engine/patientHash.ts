import { createSHA256, type IHasher } from 'hash-wasm';

/**
 * A salted SHA-256 of a patient identifier, so the same patient links across imports into one database
 * while the identifier itself is never stored. The salt is random per database.
 * One WebAssembly hasher is reused for every row: per-row set-up dominated the import profile.
 */
export class PatientHasher {
  private constructor(
    private readonly salt: string,
    private readonly sha256Hex: (text: string) => string,
  ) {}

  /** `sha256Hex` lets a host supply a native SHA-256 (Node's crypto is about 4× faster per row). */
  static async create(salt: string, sha256Hex?: (text: string) => string): Promise<PatientHasher> {
    if (sha256Hex) return new PatientHasher(salt, sha256Hex);
    const hasher: IHasher = await createSHA256();
    return new PatientHasher(salt, (text) => hasher.init().update(text).digest('hex'));
  }

  hash(id: string): string {
    const normalised = isNormalised(id) ? id : id.replace(/\s+/g, '').toUpperCase();
    return this.sha256Hex(`${this.salt}:${normalised}`).slice(0, 32);
  }
}

/** Whether an identifier is printable ASCII without spaces or lower-case letters (an NHS number, most MRNs). */
function isNormalised(id: string): boolean {
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c <= 32 || c >= 127 || (c >= 97 && c <= 122)) return false;
  }
  return true;
}
