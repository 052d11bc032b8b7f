import { createSHA256, type IHasher } from 'hash-wasm';

/**
 * A salted SHA-256 of a patient identifier, so the same patient links across imports into one database
 * while the identifier itself is never stored. The salt is random per database.
 * One WebAssembly hasher is reused for every row: per-row set-up dominated the import profile.
 */
export class PatientHasher {
  private constructor(
    private readonly salt: string,
    private readonly hasher: IHasher,
  ) {}

  static async create(salt: string): Promise<PatientHasher> {
    return new PatientHasher(salt, await createSHA256());
  }

  hash(id: string): string {
    const normalised = id.replace(/\s+/g, '').toUpperCase();
    return this.hasher.init().update(`${this.salt}:${normalised}`).digest('hex').slice(0, 32);
  }
}
