/**
 * Browser persistence of the whole database in the origin-private file system (OPFS).
 * The bytes go to a temporary file first and are then moved over the real one, so a crash mid-write
 * leaves the previous database intact. Where a browser cannot move files, the real file is rewritten in
 * place only after a marker records that the temporary copy is complete: a stop at any point leaves one
 * whole database, the old or the new, for load() to find.
 */

export const DB_FILE = 'radbench.radbench';
export const TMP_FILE = 'radbench.radbench.tmp';
/** Written once TMP_FILE is complete (its byte length), removed once DB_FILE holds the same bytes. */
export const TMP_DONE_FILE = 'radbench.radbench.tmp.done';

export interface DatabaseStore {
  /** The saved database, or null when nothing has been saved yet. */
  load(): Promise<Uint8Array | null>;
  save(bytes: Uint8Array): Promise<void>;
  /** Keeps bytes under another name (an unreadable database is set aside, never overwritten). */
  keepCopy(name: string, bytes: Uint8Array): Promise<void>;
}

/** The parts of the OPFS handles we use; move() and createSyncAccessHandle() are not in every lib.dom. */
interface SyncAccessHandle {
  truncate(size: number): void;
  write(buffer: Uint8Array, options?: { at?: number }): number;
  flush(): void;
  close(): void;
}
interface FileHandle {
  getFile(): Promise<Blob>;
  createWritable?: () => Promise<{ write(data: Uint8Array<ArrayBuffer>): Promise<void>; close(): Promise<void> }>;
  createSyncAccessHandle?: () => Promise<SyncAccessHandle>;
  move?: (parent: DirectoryHandle, name: string) => Promise<void>;
}
export interface DirectoryHandle {
  getFileHandle(name: string, options?: { create?: boolean }): Promise<FileHandle>;
  removeEntry(name: string): Promise<void>;
}

export function opfsSupported(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
}

function isNotFound(err: unknown): boolean {
  return err instanceof Error && (err.name === 'NotFoundError' || err.name === 'TypeMismatchError');
}

async function writeWhole(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  if (handle.createWritable) {
    const stream = await handle.createWritable();
    // The stream API takes only ArrayBuffer-backed views; copy in the (unexpected) shared-memory case.
    await stream.write(bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes));
    await stream.close();
    return;
  }
  if (handle.createSyncAccessHandle) {
    const access = await handle.createSyncAccessHandle();
    try {
      access.truncate(0);
      let at = 0;
      while (at < bytes.length) at += access.write(bytes.subarray(at), { at });
      access.flush();
    } finally {
      access.close();
    }
    return;
  }
  throw new Error('This browser cannot write to its private storage.');
}

async function readFile(root: DirectoryHandle, name: string): Promise<Uint8Array | null> {
  try {
    const handle = await root.getFileHandle(name);
    const file = await handle.getFile();
    if (file.size === 0) return null;
    return new Uint8Array(await file.arrayBuffer());
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

function describeSaveError(err: unknown): Error {
  const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  const full = err instanceof Error && err.name === 'QuotaExceededError';
  return new Error(
    full
      ? `The change was made, but this browser has no room left to keep the database (${reason}). Download a .radbench copy from the About page to keep your data.`
      : `The change was made, but it could not be saved in this browser's storage (${reason}). Download a .radbench copy from the About page to keep your data.`,
  );
}

export function createOpfsStore(getRoot: () => Promise<DirectoryHandle> = () => navigator.storage.getDirectory()): DatabaseStore {
  // Saves run one at a time: two overlapping writes to the temporary file would corrupt it.
  let queue: Promise<unknown> = Promise.resolve();

  async function exists(root: DirectoryHandle, name: string): Promise<boolean> {
    try {
      await root.getFileHandle(name);
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /**
   * Finishes a save a stop interrupted, before the temporary file is written again: the temporary file may
   * then be the only whole copy, and must not be overwritten while it is.
   */
  async function settleInterrupted(root: DirectoryHandle): Promise<void> {
    const pending = await completeTemporary(root);
    if (pending) {
      await writeWhole(await root.getFileHandle(DB_FILE, { create: true }), pending);
      await root.removeEntry(TMP_DONE_FILE).catch(() => undefined);
      return;
    }
    await root.removeEntry(TMP_DONE_FILE).catch(() => undefined);
    if (!(await exists(root, DB_FILE)) && (await readFile(root, TMP_FILE))) {
      const tmp = await root.getFileHandle(TMP_FILE);
      if (tmp.move) await tmp.move(root, DB_FILE);
      else await writeWhole(await root.getFileHandle(DB_FILE, { create: true }), (await readFile(root, TMP_FILE))!);
    }
  }

  async function saveNow(bytes: Uint8Array): Promise<void> {
    const root = await getRoot();
    await settleInterrupted(root);
    const tmp = await root.getFileHandle(TMP_FILE, { create: true });
    await writeWhole(tmp, bytes);
    if (tmp.move) {
      try {
        await tmp.move(root, DB_FILE);
      } catch {
        // Older engines refuse to move over an existing file. load() falls back to the temporary file
        // if we stop between these two steps.
        await root.removeEntry(DB_FILE).catch(() => undefined);
        await tmp.move(root, DB_FILE);
      }
      return;
    }
    // No move: mark the temporary copy complete, then rewrite the real file in place.
    await writeWhole(await root.getFileHandle(TMP_DONE_FILE, { create: true }), new TextEncoder().encode(String(bytes.byteLength)));
    const main = await root.getFileHandle(DB_FILE, { create: true });
    await writeWhole(main, bytes);
    await root.removeEntry(TMP_DONE_FILE).catch(() => undefined);
    await root.removeEntry(TMP_FILE).catch(() => undefined);
  }

  /** The temporary copy, if a marker says it was written whole (the real file may be half rewritten). */
  async function completeTemporary(root: DirectoryHandle): Promise<Uint8Array | null> {
    const marker = await readFile(root, TMP_DONE_FILE).catch(() => null);
    if (!marker) return null;
    const length = Number(new TextDecoder().decode(marker));
    const tmp = await readFile(root, TMP_FILE);
    return tmp && Number.isInteger(length) && length > 0 && tmp.byteLength === length ? tmp : null;
  }

  return {
    async load() {
      const root = await getRoot();
      return (await completeTemporary(root)) ?? (await readFile(root, DB_FILE)) ?? (await readFile(root, TMP_FILE));
    },
    save(bytes) {
      const next = queue.then(() => saveNow(bytes)).catch((err: unknown) => {
        throw describeSaveError(err);
      });
      queue = next.catch(() => undefined);
      return next;
    },
    async keepCopy(name, bytes) {
      const root = await getRoot();
      await writeWhole(await root.getFileHandle(name, { create: true }), bytes);
    },
  };
}
