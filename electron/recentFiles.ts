/** The Open Recent list: newest first, no duplicates, at most 10, kept in userData/recent.json. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite } from './atomicSave';

export const MAX_RECENT = 10;

function samePath(a: string, b: string, caseInsensitive: boolean): boolean {
  return caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** Puts `path` first, dropping an earlier entry for it (case-insensitively where the file system is). */
export function addRecent(list: readonly string[], path: string, caseInsensitive = false, max = MAX_RECENT): string[] {
  return [path, ...list.filter((p) => !samePath(p, path, caseInsensitive))].slice(0, max);
}

export function removeRecent(list: readonly string[], path: string, caseInsensitive = false): string[] {
  return list.filter((p) => !samePath(p, path, caseInsensitive));
}

/** Reads the stored list defensively: anything but an array of non-empty strings counts as empty. */
export function parseRecent(text: string, max = MAX_RECENT): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value) {
    if (typeof item === 'string' && item.length > 0 && !out.includes(item)) out.push(item);
  }
  return out.slice(0, max);
}

export class RecentFiles {
  private list: string[] = [];
  private readonly file: string;

  constructor(
    userDataDir: string,
    private readonly caseInsensitive = process.platform === 'win32' || process.platform === 'darwin',
  ) {
    this.file = join(userDataDir, 'recent.json');
  }

  get items(): string[] {
    return [...this.list];
  }

  has(path: string): boolean {
    return this.list.some((p) => samePath(p, path, this.caseInsensitive));
  }

  async load(): Promise<string[]> {
    try {
      this.list = parseRecent(await readFile(this.file, 'utf8'));
    } catch {
      this.list = [];
    }
    return this.items;
  }

  async add(path: string): Promise<string[]> {
    this.list = addRecent(this.list, path, this.caseInsensitive);
    await this.persist();
    return this.items;
  }

  async remove(path: string): Promise<string[]> {
    this.list = removeRecent(this.list, path, this.caseInsensitive);
    await this.persist();
    return this.items;
  }

  async clear(): Promise<string[]> {
    this.list = [];
    await this.persist();
    return this.items;
  }

  private async persist(): Promise<void> {
    await atomicWrite(this.file, new TextEncoder().encode(JSON.stringify(this.list, null, 2)), { backup: false });
  }
}
