/**
 * The passphrase-protected form of a `.radbench` file: the SQLite bytes sealed with AES-256-GCM under a
 * key derived from the passphrase with scrypt. Node only (node:crypto); used by the engine host and can
 * be used by the CLI. Nothing here stores or logs a passphrase.
 *
 * Layout (integers big-endian):
 *
 *   0   8   magic "RBENC\0\r\n" (the CR LF catches a file mangled by a text-mode transfer)
 *   8   1   format version (1)
 *   9   1   key derivation: 1 = scrypt
 *   10  1   scrypt log2(N)
 *   11  1   scrypt r
 *   12  1   scrypt p
 *   13  1   salt length S (16–64)
 *   14  S   salt, random per file
 *   +   12  IV, random per save (96 bits, as GCM wants)
 *   +   32  HMAC-SHA-256 of everything above, under a second derived key: tells a wrong passphrase
 *           (or an altered header) from a damaged body without decrypting the whole file
 *   +   n   ciphertext
 *   end 16  GCM tag; the whole header is the additional authenticated data
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export const ENCRYPTED_MAGIC = Uint8Array.from([0x52, 0x42, 0x45, 0x4e, 0x43, 0x00, 0x0d, 0x0a]);
export const FORMAT_VERSION = 1;
const KDF_SCRYPT = 1;
const IV_BYTES = 12;
const MAC_BYTES = 32;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

export interface KdfParams {
  /** log2 of scrypt's cost N. */
  logN: number;
  r: number;
  p: number;
}

/** About 128 MB and a third of a second per derivation on a modest machine: OWASP's scrypt minimum is N=2^17, r=8, p=1. */
export const DEFAULT_KDF: KdfParams = { logN: 17, r: 8, p: 1 };

/** Bounds accepted from a file, so a crafted header cannot make RadBench spend gigabytes deriving a key. */
const KDF_LIMITS = { logN: [10, 20], r: [1, 16], p: [1, 4] } as const;

export const MIN_PASSPHRASE_LENGTH = 8;
export const MAX_PASSPHRASE_LENGTH = 1024;

export type EncryptionErrorCode = 'wrong-passphrase' | 'damaged' | 'unsupported' | 'not-encrypted';

/** Why an encrypted file could not be opened. The message is written for the user; it never contains the passphrase. */
export class EncryptionError extends Error {
  readonly code: EncryptionErrorCode;
  constructor(code: EncryptionErrorCode, message: string) {
    super(message);
    this.name = 'EncryptionError';
    this.code = code;
  }
}

export interface EncryptedHeader {
  version: number;
  kdf: KdfParams;
  salt: Uint8Array;
  iv: Uint8Array;
  mac: Uint8Array;
  /** Bytes covered by the MAC (everything before it). */
  macInput: Uint8Array;
  /** Length of the whole header, MAC included: the ciphertext starts here. */
  length: number;
}

export function isEncryptedDatabase(bytes: Uint8Array): boolean {
  if (bytes.length < ENCRYPTED_MAGIC.length) return false;
  return ENCRYPTED_MAGIC.every((b, i) => bytes[i] === b);
}

/** Reads and checks the header; throws EncryptionError for anything this version cannot read. */
export function parseHeader(bytes: Uint8Array): EncryptedHeader {
  if (!isEncryptedDatabase(bytes)) throw new EncryptionError('not-encrypted', 'This file is not protected with a passphrase.');
  const damaged = () => new EncryptionError('damaged', 'The file is damaged: its passphrase header is incomplete.');
  if (bytes.length < 14) throw damaged();
  const version = bytes[8]!;
  if (version !== FORMAT_VERSION) {
    throw new EncryptionError('unsupported', `The file was protected by a newer RadBench (encryption format ${version}). Open it with that version.`);
  }
  if (bytes[9] !== KDF_SCRYPT) throw new EncryptionError('unsupported', `The file uses a key derivation this RadBench does not know (${bytes[9]}).`);
  const kdf: KdfParams = { logN: bytes[10]!, r: bytes[11]!, p: bytes[12]! };
  const within = (value: number, [lo, hi]: readonly [number, number]) => value >= lo && value <= hi;
  if (!within(kdf.logN, KDF_LIMITS.logN) || !within(kdf.r, KDF_LIMITS.r) || !within(kdf.p, KDF_LIMITS.p)) {
    throw new EncryptionError('damaged', 'The file is damaged: its key-derivation settings are out of range.');
  }
  const saltLength = bytes[13]!;
  if (saltLength < 16 || saltLength > 64) throw damaged();
  const ivAt = 14 + saltLength;
  const macAt = ivAt + IV_BYTES;
  const length = macAt + MAC_BYTES;
  if (bytes.length < length + TAG_BYTES) throw damaged();
  return {
    version,
    kdf,
    salt: bytes.slice(14, ivAt),
    iv: bytes.slice(ivAt, macAt),
    mac: bytes.slice(macAt, length),
    macInput: bytes.subarray(0, macAt),
    length,
  };
}

function checkPassphrase(passphrase: string): string {
  if (typeof passphrase !== 'string' || passphrase.length === 0) throw new EncryptionError('wrong-passphrase', 'Enter the passphrase.');
  if (passphrase.length > MAX_PASSPHRASE_LENGTH) throw new EncryptionError('wrong-passphrase', `A passphrase has at most ${MAX_PASSPHRASE_LENGTH} characters.`);
  // The same passphrase typed on another system (composed or decomposed accents) must give the same key.
  return passphrase.normalize('NFC');
}

function deriveBytes(passphrase: string, salt: Uint8Array, kdf: KdfParams): Promise<Buffer> {
  const N = 2 ** kdf.logN;
  return new Promise((resolve, reject) => {
    scrypt(
      checkPassphrase(passphrase),
      salt,
      KEY_BYTES * 2,
      { N, r: kdf.r, p: kdf.p, maxmem: 128 * N * kdf.r * kdf.p + 32 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** A key derived from a passphrase, kept in memory while a protected database is open. The passphrase is not kept. */
export class DatabaseKey {
  readonly salt: Uint8Array;
  readonly kdf: KdfParams;
  readonly #encKey: Buffer;
  readonly #macKey: Buffer;

  private constructor(salt: Uint8Array, kdf: KdfParams, derived: Buffer) {
    this.salt = Uint8Array.from(salt);
    this.kdf = { ...kdf };
    this.#encKey = derived.subarray(0, KEY_BYTES);
    this.#macKey = derived.subarray(KEY_BYTES);
  }

  /** A new key for protecting a file: fresh random salt. */
  static async create(passphrase: string, kdf: KdfParams = DEFAULT_KDF): Promise<DatabaseKey> {
    if (checkPassphrase(passphrase).length < MIN_PASSPHRASE_LENGTH) {
      throw new EncryptionError('wrong-passphrase', `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`);
    }
    const salt = randomBytes(SALT_BYTES);
    return new DatabaseKey(salt, kdf, await deriveBytes(passphrase, salt, kdf));
  }

  /** The key a file's header asks for. */
  static async forHeader(passphrase: string, header: Pick<EncryptedHeader, 'salt' | 'kdf'>): Promise<DatabaseKey> {
    return new DatabaseKey(header.salt, header.kdf, await deriveBytes(passphrase, header.salt, header.kdf));
  }

  /** True when `passphrase` derives this very key (used to confirm before removing protection). */
  async matches(passphrase: string): Promise<boolean> {
    const other = await deriveBytes(passphrase, this.salt, this.kdf);
    return timingSafeEqual(other.subarray(0, KEY_BYTES), this.#encKey);
  }

  /** True when this key was derived for a file with this header's salt and settings. */
  fits(header: Pick<EncryptedHeader, 'salt' | 'kdf'>): boolean {
    const k = header.kdf;
    return (
      k.logN === this.kdf.logN &&
      k.r === this.kdf.r &&
      k.p === this.kdf.p &&
      header.salt.length === this.salt.length &&
      timingSafeEqual(header.salt, this.salt)
    );
  }

  mac(data: Uint8Array): Buffer {
    return createHmac('sha256', this.#macKey).update(data).digest();
  }

  cipher(iv: Uint8Array) {
    return createCipheriv('aes-256-gcm', this.#encKey, iv, { authTagLength: TAG_BYTES });
  }

  decipher(iv: Uint8Array) {
    return createDecipheriv('aes-256-gcm', this.#encKey, iv, { authTagLength: TAG_BYTES });
  }
}

/** Seals database bytes under `key`, with a fresh random IV. */
export function encryptDatabase(plain: Uint8Array, key: DatabaseKey): Uint8Array {
  const saltLength = key.salt.length;
  const headerLength = 14 + saltLength + IV_BYTES + MAC_BYTES;
  const out = new Uint8Array(headerLength + plain.length + TAG_BYTES);
  out.set(ENCRYPTED_MAGIC, 0);
  out[8] = FORMAT_VERSION;
  out[9] = KDF_SCRYPT;
  out[10] = key.kdf.logN;
  out[11] = key.kdf.r;
  out[12] = key.kdf.p;
  out[13] = saltLength;
  out.set(key.salt, 14);
  const ivAt = 14 + saltLength;
  const iv = randomBytes(IV_BYTES);
  out.set(iv, ivAt);
  const macAt = ivAt + IV_BYTES;
  out.set(key.mac(out.subarray(0, macAt)), macAt);

  const cipher = key.cipher(iv);
  cipher.setAAD(out.subarray(0, headerLength));
  let at = headerLength;
  // In slices, so a large database is not copied into one more buffer of its own size.
  for (let from = 0; from < plain.length; from += 16 << 20) {
    const part = cipher.update(plain.subarray(from, Math.min(plain.length, from + (16 << 20))));
    out.set(part, at);
    at += part.length;
  }
  const last = cipher.final();
  out.set(last, at);
  at += last.length;
  out.set(cipher.getAuthTag(), at);
  return out;
}

export interface Decrypted {
  plain: Uint8Array;
  /** The key, to seal later saves of the same document without asking again. */
  key: DatabaseKey;
}

/**
 * Opens a protected file. `secret` is the passphrase, or a key already derived for this file (an autosave
 * or recovery copy of an open document). Throws EncryptionError: 'wrong-passphrase' when the passphrase does
 * not fit, 'damaged' when the body was altered or cut short, 'unsupported' for a newer format.
 */
export async function decryptDatabase(bytes: Uint8Array, secret: string | DatabaseKey): Promise<Decrypted> {
  const header = parseHeader(bytes);
  let key: DatabaseKey;
  if (typeof secret === 'string') key = await DatabaseKey.forHeader(secret, header);
  else if (secret.fits(header)) key = secret;
  else throw new EncryptionError('wrong-passphrase', 'This copy was protected with another passphrase.');

  const expected = key.mac(header.macInput);
  if (!timingSafeEqual(expected, header.mac)) {
    throw new EncryptionError('wrong-passphrase', 'The passphrase is not right for this file.');
  }
  const tagAt = bytes.length - TAG_BYTES;
  const decipher = key.decipher(header.iv);
  decipher.setAAD(bytes.subarray(0, header.length));
  decipher.setAuthTag(bytes.subarray(tagAt));
  const plain = new Uint8Array(tagAt - header.length);
  let at = 0;
  try {
    for (let from = header.length; from < tagAt; from += 16 << 20) {
      const part = decipher.update(bytes.subarray(from, Math.min(tagAt, from + (16 << 20))));
      plain.set(part, at);
      at += part.length;
    }
    const last = decipher.final();
    plain.set(last, at);
  } catch {
    // The header (and so the passphrase) checked out: the body itself was changed or cut short.
    plain.fill(0);
    throw new EncryptionError('damaged', 'The file is damaged or has been altered since it was saved, so it cannot be decrypted.');
  }
  return { plain, key };
}
