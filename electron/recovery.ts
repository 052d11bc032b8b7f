/**
 * Recovery copies of unsaved work, kept in the app's own folder (userData/recovery) while a database has
 * changes not yet in its file: `<id>.radbench` (the database, sealed like its file when it has a
 * passphrase) and `<id>.json` (where it belongs and when it was written). A clean save or close removes
 * them; copies still there at the next start were left by a crash, and the user is offered them.
 * The engine host writes them; main lists, restores and discards them.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { atomicWrite } from './atomicSave';

export interface RecoveryMeta {
  format: 1;
  id: string;
  /** The engine-host session that wrote it: copies of the running session are not offered back to it. */
  session: string;
  /** The file the work belongs to, or null for an untitled database. */
  originalPath: string | null;
  /** ISO time of the write. */
  savedAt: string;
  /** Sealed with the document's passphrase (see node/encryptedDatabase.ts). */
  encrypted: boolean;
  bytes: number;
}

export interface RecoveryFs {
  mkdir: (path: string) => Promise<unknown>;
  readdir: (path: string) => Promise<string[]>;
  readFile: (path: string) => Promise<Uint8Array>;
  unlink: (path: string) => Promise<void>;
  /** Atomic replace (temporary file, fsync, rename). */
  write: (path: string, bytes: Uint8Array) => Promise<void>;
}

const nodeFs: RecoveryFs = {
  mkdir: (path) => fsp.mkdir(path, { recursive: true, mode: 0o700 }),
  readdir: (path) => fsp.readdir(path),
  readFile: async (path) => {
    const buffer = await fsp.readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  },
  unlink: (path) => fsp.unlink(path),
  write: (path, bytes) => atomicWrite(path, bytes, { backup: false }),
};

/** Ids are ours (time and random hex), checked wherever one comes back from the page. */
const ID_PATTERN = /^[0-9]{13}-[0-9a-f]{12}$/;

export function isRecoveryId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

function isMeta(value: unknown): value is RecoveryMeta {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    m.format === 1 &&
    isRecoveryId(m.id) &&
    typeof m.session === 'string' &&
    (m.originalPath === null || typeof m.originalPath === 'string') &&
    typeof m.savedAt === 'string' &&
    !Number.isNaN(Date.parse(m.savedAt)) &&
    typeof m.encrypted === 'boolean' &&
    typeof m.bytes === 'number'
  );
}

export class RecoveryStore {
  readonly dir: string;
  private readonly fs: RecoveryFs;
  private readonly now: () => Date;

  constructor(dir: string, options: { fs?: Partial<RecoveryFs>; now?: () => Date } = {}) {
    this.dir = dir;
    this.fs = { ...nodeFs, ...options.fs };
    this.now = options.now ?? (() => new Date());
  }

  newId(): string {
    return `${String(this.now().getTime()).padStart(13, '0')}-${randomBytes(6).toString('hex')}`;
  }

  private dataPath(id: string): string {
    if (!isRecoveryId(id)) throw new Error('Not a recovery copy id.');
    return join(this.dir, `${id}.radbench`);
  }

  private metaPath(id: string): string {
    if (!isRecoveryId(id)) throw new Error('Not a recovery copy id.');
    return join(this.dir, `${id}.json`);
  }

  /** Writes the copy, then its description; each replace is atomic, so a crash leaves the last whole pair. */
  async save(id: string, bytes: Uint8Array, meta: { session: string; originalPath: string | null; encrypted: boolean }): Promise<RecoveryMeta> {
    await this.fs.mkdir(this.dir);
    const full: RecoveryMeta = { format: 1, id, ...meta, savedAt: this.now().toISOString(), bytes: bytes.byteLength };
    await this.fs.write(this.dataPath(id), bytes);
    await this.fs.write(this.metaPath(id), new TextEncoder().encode(JSON.stringify(full, null, 2)));
    return full;
  }

  /** Marks a copy as the running session's own (after restoring it), so it is not offered again. */
  async claim(id: string, session: string): Promise<void> {
    const meta = await this.meta(id);
    if (!meta) throw new Error('That recovery copy is no longer there.');
    await this.fs.write(this.metaPath(id), new TextEncoder().encode(JSON.stringify({ ...meta, session }, null, 2)));
  }

  async remove(id: string): Promise<void> {
    // The description goes first: a copy without one is never offered.
    await this.fs.unlink(this.metaPath(id)).catch(() => undefined);
    await this.fs.unlink(this.dataPath(id)).catch(() => undefined);
  }

  async meta(id: string): Promise<RecoveryMeta | null> {
    try {
      const value: unknown = JSON.parse(new TextDecoder().decode(await this.fs.readFile(this.metaPath(id))));
      return isMeta(value) && value.id === id ? value : null;
    } catch {
      return null;
    }
  }

  async read(id: string): Promise<{ meta: RecoveryMeta; bytes: Uint8Array }> {
    const meta = await this.meta(id);
    if (!meta) throw new Error('That recovery copy is no longer there.');
    return { meta, bytes: await this.fs.readFile(this.dataPath(id)) };
  }

  /** Whole copies (description and database) other than `exceptSession`'s, newest first. */
  async list(exceptSession?: string): Promise<RecoveryMeta[]> {
    let names: string[];
    try {
      names = await this.fs.readdir(this.dir);
    } catch {
      return [];
    }
    const present = new Set(names);
    const found: RecoveryMeta[] = [];
    for (const name of names) {
      const id = name.endsWith('.json') ? name.slice(0, -5) : null;
      if (!id || !isRecoveryId(id) || !present.has(`${id}.radbench`)) continue;
      const meta = await this.meta(id);
      if (meta && meta.session !== exceptSession) found.push(meta);
    }
    return found.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }
}
