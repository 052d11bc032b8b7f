import { spawn } from 'node:child_process';
import { linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, type PathLike } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWrite } from '../../../electron/atomicSave';

let dir: string;
const bytes = (text: string) => new TextEncoder().encode(text);
const read = (path: string) => readFileSync(path, 'utf8');
const leftovers = () => readdirSync(dir).filter((name) => name.includes('.tmp-'));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'radbench-atomic-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('atomicWrite', () => {
  it('writes a new file, private to the user, with no backup and no temporary left', async () => {
    const path = join(dir, 'new.radbench');
    await atomicWrite(path, bytes('first'));
    expect(read(path)).toBe('first');
    expect(readdirSync(dir)).toEqual(['new.radbench']);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('keeps the previous version as .bak and replaces the file', async () => {
    const path = join(dir, 'db.radbench');
    await atomicWrite(path, bytes('v1'));
    await atomicWrite(path, bytes('v2'));
    expect(read(path)).toBe('v2');
    expect(read(`${path}.bak`)).toBe('v1');
    await atomicWrite(path, bytes('v3'));
    expect(read(path)).toBe('v3');
    expect(read(`${path}.bak`)).toBe('v2');
    expect(leftovers()).toEqual([]);
  });

  it('keeps the mode of the file it replaces', async () => {
    if (process.platform === 'win32') return;
    const path = join(dir, 'shared.radbench');
    writeFileSync(path, 'old', { mode: 0o640 });
    await atomicWrite(path, bytes('new'));
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });

  it('leaves no temporary when the file and its .bak are already one file (a save killed after keeping its backup)', async () => {
    const path = join(dir, 'db.radbench');
    writeFileSync(path, 'v1');
    linkSync(path, `${path}.bak`);
    await atomicWrite(path, bytes('v2'));
    expect(read(path)).toBe('v2');
    expect(read(`${path}.bak`)).toBe('v1');
    expect(leftovers()).toEqual([]);
  });

  it('makes the backup by copying where hard links are not available', async () => {
    const path = join(dir, 'fat.radbench');
    writeFileSync(path, 'before');
    const noLink = async () => {
      throw Object.assign(new Error('cross-device link'), { code: 'EXDEV' });
    };
    await atomicWrite(path, bytes('after'), { fs: { link: noLink } });
    expect(read(path)).toBe('after');
    expect(read(`${path}.bak`)).toBe('before');
    expect(leftovers()).toEqual([]);
  });

  it('leaves the original intact and removes the temporary when writing fails', async () => {
    const path = join(dir, 'db.radbench');
    writeFileSync(path, 'precious');
    const failingWrite = async () => {
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    };
    await expect(atomicWrite(path, bytes('lost'), { writeBytes: failingWrite })).rejects.toThrow('no space');
    expect(read(path)).toBe('precious');
    expect(readdirSync(dir)).toEqual(['db.radbench']);
  });

  it('leaves the original intact when a partial write then fails', async () => {
    const path = join(dir, 'db.radbench');
    writeFileSync(path, 'precious');
    await expect(
      atomicWrite(path, bytes('0123456789'), {
        writeBytes: async (handle, data) => {
          await handle.write(data.subarray(0, 4));
          throw new Error('I/O error');
        },
      }),
    ).rejects.toThrow('I/O error');
    expect(read(path)).toBe('precious');
    expect(leftovers()).toEqual([]);
  });

  it('leaves the original intact when the final rename fails', async () => {
    const path = join(dir, 'db.radbench');
    writeFileSync(path, 'precious');
    const failingRename = async (from: PathLike, to: PathLike) => {
      if (to === path) throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
      const { rename } = await import('node:fs/promises');
      await rename(from, to);
    };
    await expect(atomicWrite(path, bytes('new'), { fs: { rename: failingRename } })).rejects.toThrow('read-only');
    expect(read(path)).toBe('precious');
    expect(leftovers()).toEqual([]);
  });

  it('fails without touching anything when the folder cannot be written', async () => {
    const path = join(dir, 'missing-folder', 'db.radbench');
    await expect(atomicWrite(path, bytes('x'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to replace a directory', async () => {
    const path = join(dir, 'folder.radbench');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path);
    await expect(atomicWrite(path, bytes('x'))).rejects.toThrow('is not a file');
  });

  it('removes temporaries left by a process that died, but not those of a live one', async () => {
    const path = join(dir, 'db.radbench');
    writeFileSync(path, 'v1');
    const dead = join(dir, 'db.radbench.tmp-999999999-deadbeef');
    const live = join(dir, `db.radbench.tmp-${process.ppid}-cafef00d`);
    writeFileSync(dead, 'half');
    writeFileSync(live, 'in progress');
    await atomicWrite(path, bytes('v2'));
    expect(leftovers()).toEqual([`db.radbench.tmp-${process.ppid}-cafef00d`]);
  });
});

describe('atomicWrite under SIGKILL', () => {
  const SIZE = 4 * 1024 * 1024;

  /** Every complete version is SIZE bytes of one value; a torn write shows as mixed bytes or a wrong size. */
  function assertWholeVersion(path: string): number {
    const content = readFileSync(path);
    expect(content.length).toBe(SIZE);
    const first = content[0] as number;
    expect(content.every((b) => b === first)).toBe(true);
    return first;
  }

  it('always leaves a complete file (and .bak) when the saving process is killed at random points', async () => {
    const script = join(dir, 'saver.cjs');
    await build({
      stdin: {
        contents: `
          const { atomicWrite } = require(${JSON.stringify(resolve('electron/atomicSave.ts'))});
          const [path, size] = [process.argv[2], Number(process.argv[3])];
          (async () => {
            for (let v = 1; ; v++) {
              await atomicWrite(path, new Uint8Array(size).fill((v % 250) + 1));
              process.stdout.write('saved ' + v + '\\n');
            }
          })();`,
        resolveDir: resolve('.'),
        loader: 'js',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: script,
      logLevel: 'silent',
    });

    const path = join(dir, 'db.radbench');
    writeFileSync(path, new Uint8Array(SIZE).fill(0xff));
    let savesSeen = 0;
    for (let round = 0; round < 8; round++) {
      const child = spawn(process.execPath, [script, path, String(SIZE)], { stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout.on('data', (chunk: Buffer) => {
        savesSeen += chunk.toString().split('\n').filter((l) => l.startsWith('saved')).length;
      });
      await new Promise((done) => setTimeout(done, 60 + Math.random() * 400));
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGKILL');
      await exited;
      assertWholeVersion(path);
      try {
        assertWholeVersion(`${path}.bak`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    expect(savesSeen).toBeGreaterThan(0);

    // The next save clears what the killed processes left behind.
    await atomicWrite(path, new Uint8Array(SIZE).fill(7));
    expect(assertWholeVersion(path)).toBe(7);
    expect(leftovers()).toEqual([]);
  }, 60_000);
});
