/**
 * Advisory lock beside a database file (`<path>.lock`), so a second window, instance or colleague
 * on a shared drive opens it read-only instead of overwriting the first one's saves.
 */
import { promises as fsp } from 'node:fs';
import { hostname } from 'node:os';

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export interface FileLock {
  readonly path: string;
  release(): Promise<void>;
}

export type LockResult = { ok: true; lock: FileLock } | { ok: false; owner: LockOwner | null; reason: string };

export function lockPath(path: string): string {
  return `${path}.lock`;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.since === 'string') {
      return { pid: value.pid, host: value.host, since: value.since };
    }
  } catch {
    // A torn or foreign lock file: treat as held by someone unknown.
  }
  return null;
}

async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    return parseOwner(await fsp.readFile(file, 'utf8'));
  } catch {
    return null;
  }
}

function makeLock(path: string, owner: LockOwner): FileLock {
  const file = lockPath(path);
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      // Only remove it if it is still ours (someone may have broken a lock they judged stale).
      const current = await readOwner(file);
      if (current && current.pid === owner.pid && current.host === owner.host) await fsp.unlink(file).catch(() => undefined);
    },
  };
}

/**
 * Takes the lock for `path`. A lock left by a dead process on this machine is taken over; one held
 * by a live process, or by another machine (whose processes we cannot see), is refused.
 */
export async function acquireLock(path: string, host: string = hostname()): Promise<LockResult> {
  const file = lockPath(path);
  const owner: LockOwner = { pid: process.pid, host, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fsp.writeFile(file, JSON.stringify(owner), { flag: 'wx', mode: 0o600 });
      return { ok: true, lock: makeLock(path, owner) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        return { ok: false, owner: null, reason: `RadBench cannot write beside ${path} (${code ?? 'error'}), so it cannot save there.` };
      }
    }
    const current = await readOwner(file);
    if (current && current.host === host && current.pid === process.pid) {
      // Ours already (the same process opening the same file again).
      return { ok: true, lock: makeLock(path, current) };
    }
    if (current && current.host === host && !isProcessAlive(current.pid)) {
      await fsp.unlink(file).catch(() => undefined);
      continue;
    }
    const who = current ? `process ${current.pid} on ${current.host} since ${current.since}` : 'another program';
    return {
      ok: false,
      owner: current,
      reason: `${path} is open in ${who}. It was opened read-only; use Save As to keep changes. If no other RadBench has it open, delete ${file}.`,
    };
  }
  return { ok: false, owner: null, reason: `RadBench could not lock ${path}.` };
}
