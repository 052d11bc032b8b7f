import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DatabaseKey,
  DEFAULT_KDF,
  ENCRYPTED_MAGIC,
  EncryptionError,
  decryptDatabase,
  encryptDatabase,
  isEncryptedDatabase,
  parseHeader,
  type KdfParams,
} from '../../../electron/node/encryptedDatabase';

/** Cheap settings so the tests run fast; the format is the same. */
const FAST: KdfParams = { logN: 10, r: 8, p: 1 };
const sqliteLike = (n: number) => {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = (i * 31) & 0xff;
  bytes.set(new TextEncoder().encode('SQLite format 3\0').subarray(0, n));
  return bytes;
};

async function refusal(promise: Promise<unknown>): Promise<EncryptionError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EncryptionError);
    return error as EncryptionError;
  }
  throw new Error('expected the file to be refused');
}

describe('encrypted .radbench format', () => {
  it('round-trips database bytes with the passphrase, and the key seals later saves without asking again', async () => {
    const plain = sqliteLike(100_000);
    const key = await DatabaseKey.create('correct horse battery', FAST);
    const sealed = encryptDatabase(plain, key);
    expect(isEncryptedDatabase(sealed)).toBe(true);
    expect(isEncryptedDatabase(plain)).toBe(false);
    // Nothing of the plaintext shows through, not even the SQLite header.
    expect(Buffer.from(sealed).includes(Buffer.from('SQLite format 3'))).toBe(false);

    const opened = await decryptDatabase(sealed, 'correct horse battery');
    expect(Buffer.from(opened.plain).equals(Buffer.from(plain))).toBe(true);
    const again = encryptDatabase(plain, opened.key);
    expect(Buffer.from((await decryptDatabase(again, key)).plain).equals(Buffer.from(plain))).toBe(true);
  });

  it('uses a fresh IV for every save and a fresh salt for every new key', async () => {
    const plain = sqliteLike(64);
    const key = await DatabaseKey.create('a long passphrase', FAST);
    const a = parseHeader(encryptDatabase(plain, key));
    const b = parseHeader(encryptDatabase(plain, key));
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(Buffer.from(a.salt).equals(Buffer.from(b.salt))).toBe(true);
    const other = parseHeader(encryptDatabase(plain, await DatabaseKey.create('a long passphrase', FAST)));
    expect(Buffer.from(other.salt).equals(Buffer.from(a.salt))).toBe(false);
  });

  it('refuses a wrong passphrase with a clear message that does not repeat it', async () => {
    const sealed = encryptDatabase(sqliteLike(1000), await DatabaseKey.create('the right passphrase', FAST));
    const error = await refusal(decryptDatabase(sealed, 'the wrong passphrase'));
    expect(error.code).toBe('wrong-passphrase');
    expect(error.message).toBe('The passphrase is not right for this file.');
    expect(error.message).not.toContain('wrong passphrase');
    expect((await refusal(decryptDatabase(sealed, ''))).code).toBe('wrong-passphrase');
  });

  it('refuses a file with any single byte changed (body, tag or header)', async () => {
    const plain = sqliteLike(300);
    const sealed = encryptDatabase(plain, await DatabaseKey.create('tamper evident', FAST));
    const headerLength = parseHeader(sealed).length;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: sealed.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, flip) => {
        const tampered = Uint8Array.from(sealed);
        tampered[at] = tampered[at]! ^ flip;
        const error = await refusal(decryptDatabase(tampered, 'tamper evident'));
        // A changed body or tag is "damaged"; a changed header cannot be told from a wrong passphrase.
        if (at >= headerLength) expect(error.code).toBe('damaged');
        else expect(['wrong-passphrase', 'damaged', 'unsupported', 'not-encrypted']).toContain(error.code);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a truncated file as damaged', async () => {
    const sealed = encryptDatabase(sqliteLike(5000), await DatabaseKey.create('cut short here', FAST));
    expect((await refusal(decryptDatabase(sealed.subarray(0, sealed.length - 100), 'cut short here'))).code).toBe('damaged');
    expect((await refusal(decryptDatabase(sealed.subarray(0, 20), 'cut short here'))).code).toBe('damaged');
  });

  it('parses the versioned header: magic, version, scrypt settings, salt and IV', async () => {
    const key = await DatabaseKey.create('header check', FAST);
    const sealed = encryptDatabase(sqliteLike(10), key);
    expect([...sealed.subarray(0, 8)]).toEqual([...ENCRYPTED_MAGIC]);
    const header = parseHeader(sealed);
    expect(header.version).toBe(1);
    expect(header.kdf).toEqual(FAST);
    expect(header.salt).toHaveLength(16);
    expect(header.iv).toHaveLength(12);
    expect(header.length).toBe(14 + 16 + 12 + 32);
    expect(sealed.length).toBe(header.length + 10 + 16);

    const newer = Uint8Array.from(sealed);
    newer[8] = 2;
    expect(() => parseHeader(newer)).toThrow(/newer RadBench/);
    const greedy = Uint8Array.from(sealed);
    greedy[10] = 30; // N = 2^30 would need 128 GB
    expect(() => parseHeader(greedy)).toThrow(/out of range/);
    expect(() => parseHeader(sqliteLike(100))).toThrow(EncryptionError);
  });

  it('a key confirms its own passphrase only, and a key for another file is refused', async () => {
    const key = await DatabaseKey.create('confirm me please', FAST);
    expect(await key.matches('confirm me please')).toBe(true);
    expect(await key.matches('confirm me, please')).toBe(false);
    const other = await DatabaseKey.create('confirm me please', FAST);
    const sealed = encryptDatabase(sqliteLike(10), other);
    expect((await refusal(decryptDatabase(sealed, key))).code).toBe('wrong-passphrase');
  });

  it('asks for a passphrase of at least 8 characters, and treats composed and decomposed accents alike', async () => {
    await expect(DatabaseKey.create('short', FAST)).rejects.toThrow(/at least 8 characters/);
    const key = await DatabaseKey.create('caf\u00e9 au lait', FAST);
    const sealed = encryptDatabase(sqliteLike(10), key);
    expect((await decryptDatabase(sealed, 'cafe\u0301 au lait')).plain).toHaveLength(10);
  });

  it('derives with the default (OWASP minimum) scrypt settings', async () => {
    expect(DEFAULT_KDF).toEqual({ logN: 17, r: 8, p: 1 });
    const key = await DatabaseKey.create('default settings work');
    const sealed = encryptDatabase(sqliteLike(10), key);
    expect(parseHeader(sealed).kdf).toEqual(DEFAULT_KDF);
    expect((await decryptDatabase(sealed, 'default settings work')).plain).toHaveLength(10);
  });
});
