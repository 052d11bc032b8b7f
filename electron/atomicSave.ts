/**
 * Crash-safe replacement of a file: at every instant the path holds either the old or the new
 * complete content, and the previous version is kept as `<path>.bak`.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  link: typeof fsp.link;
  copyFile: typeof fsp.copyFile;
  unlink: typeof fsp.unlink;
  stat: typeof fsp.stat;
  readdir: (path: string) => Promise<string[]>;
}

export interface AtomicWriteOptions {
  /** Replace fs operations (tests inject failures). */
  fs?: Partial<AtomicFs>;
  /** Writes the bytes into the open temporary file (tests inject failures). */
  writeBytes?: (handle: FileHandle, bytes: Uint8Array) => Promise<void>;
  /** Keep the replaced file as `<path>.bak` (default true). */
  backup?: boolean;
  platform?: NodeJS.Platform;
}

const defaultFs: AtomicFs = {
  open: fsp.open,
  rename: fsp.rename,
  link: fsp.link,
  copyFile: fsp.copyFile,
  unlink: fsp.unlink,
  stat: fsp.stat,
  readdir: (path) => fsp.readdir(path),
};

const TMP_INFIX = '.tmp-';

function tempName(path: string): string {
  return `${path}${TMP_INFIX}${process.pid}-${randomBytes(4).toString('hex')}`;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
}

async function statOrNull(fs: AtomicFs, path: string): Promise<Stats | null> {
  try {
    return await fs.stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** Removes temporaries (of the file or of its .bak) a killed save of this path left behind (their process is gone). */
async function removeStaleTemps(fs: AtomicFs, path: string): Promise<void> {
  const prefixes = [basename(path) + TMP_INFIX, `${basename(path)}.bak${TMP_INFIX}`];
  let names: string[];
  try {
    names = await fs.readdir(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const prefix = prefixes.find((p) => name.startsWith(p));
    if (!prefix) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isProcessAlive(pid)) continue;
    await fs.unlink(join(dirname(path), name)).catch(() => undefined);
  }
}

async function writeAndSync(fs: AtomicFs, tmp: string, bytes: Uint8Array, mode: number, options: AtomicWriteOptions) {
  const handle = await fs.open(tmp, 'wx', mode);
  try {
    if (options.writeBytes) await options.writeBytes(handle, bytes);
    else await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** `<path>.bak` becomes the current file: a hard link when possible (no copy), else a synced copy. */
async function keepBackup(fs: AtomicFs, path: string): Promise<void> {
  const bak = `${path}.bak`;
  const bakTmp = tempName(bak);
  try {
    try {
      await fs.link(path, bakTmp);
    } catch {
      // FAT, exFAT and some network shares have no hard links.
      await fs.copyFile(path, bakTmp);
      const handle = await fs.open(bakTmp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    await fs.rename(bakTmp, bak);
    // rename() is a successful no-op when both names already link the same file (a save killed
    // after keeping its backup leaves the file and .bak as one inode), so the temporary can remain.
    await fs.unlink(bakTmp).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
  } catch (error) {
    await fs.unlink(bakTmp).catch(() => undefined);
    throw error;
  }
}

const RETRYABLE_RENAME = new Set(['EPERM', 'EACCES', 'EBUSY']);

/** On Windows a virus scanner or indexer briefly holding the target makes rename fail; retry a little. */
async function renameWithRetry(fs: AtomicFs, from: string, to: string, platform: NodeJS.Platform): Promise<void> {
  const attempts = platform === 'win32' ? 10 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      if (attempt >= attempts || !RETRYABLE_RENAME.has(errorCode(error) ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

/** Makes the renames durable. Windows cannot open a directory for fsync; some file systems refuse it. */
async function syncDirectory(fs: AtomicFs, dir: string, platform: NodeJS.Platform): Promise<void> {
  if (platform === 'win32') return;
  let handle: FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: the data itself was already fsynced.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Writes `bytes` to `path` atomically: temporary file `path.tmp-<pid>-<rand>`, fsync, keep the
 * current file as `path.bak`, rename over `path`, fsync the directory.
 * If anything fails before the rename, `path` is untouched and the temporary file is removed.
 */
export async function atomicWrite(path: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const fs: AtomicFs = { ...defaultFs, ...options.fs };
  const platform = options.platform ?? process.platform;
  await removeStaleTemps(fs, path);
  const previous = await statOrNull(fs, path);
  if (previous && !previous.isFile()) throw new Error(`${path} is not a file.`);
  const tmp = tempName(path);
  try {
    // Keep the permissions of the file being replaced; new files are private to the user.
    await writeAndSync(fs, tmp, bytes, previous ? previous.mode & 0o777 : 0o600, options);
    if (previous && options.backup !== false) await keepBackup(fs, path);
    await renameWithRetry(fs, tmp, path, platform);
  } catch (error) {
    await fs.unlink(tmp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(fs, dirname(path), platform);
}
