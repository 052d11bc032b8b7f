import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, lockPath } from '../../../electron/fileLock';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'radbench-lock-'));
  path = join(dir, 'dept.radbench');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const writeOwner = (pid: number, host = hostname()) =>
  writeFileSync(lockPath(path), JSON.stringify({ pid, host, since: '2025-01-01T00:00:00.000Z' }));

describe('acquireLock', () => {
  it('creates the lock with our pid and host, and release removes it', async () => {
    const result = await acquireLock(path);
    expect(result.ok).toBe(true);
    const owner = JSON.parse(readFileSync(lockPath(path), 'utf8')) as { pid: number; host: string };
    expect(owner).toMatchObject({ pid: process.pid, host: hostname() });
    if (result.ok) await result.lock.release();
    expect(existsSync(lockPath(path))).toBe(false);
  });

  it('refuses while another live process on this machine holds it', async () => {
    writeOwner(process.ppid);
    const result = await acquireLock(path);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.owner?.pid).toBe(process.ppid);
      expect(result.reason).toContain('read-only');
    }
  });

  it('takes over a lock whose process is gone', async () => {
    writeOwner(999_999_999);
    const result = await acquireLock(path);
    expect(result.ok).toBe(true);
    expect(JSON.parse(readFileSync(lockPath(path), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('refuses a lock from another machine, whose processes it cannot check', async () => {
    writeOwner(999_999_999, 'someone-elses-laptop');
    const result = await acquireLock(path);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('someone-elses-laptop');
  });

  it('treats its own lock as its own (reopening the same file)', async () => {
    const first = await acquireLock(path);
    const second = await acquireLock(path);
    expect(first.ok && second.ok).toBe(true);
  });

  it('does not remove a lock someone else has taken since', async () => {
    const result = await acquireLock(path);
    writeOwner(process.ppid);
    if (result.ok) await result.lock.release();
    expect(existsSync(lockPath(path))).toBe(true);
  });

  it('says so when the folder cannot be written', async () => {
    const result = await acquireLock(join(dir, 'no-such-folder', 'x.radbench'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('cannot write');
  });
});
