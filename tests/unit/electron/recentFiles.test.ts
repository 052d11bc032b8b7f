import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addRecent, MAX_RECENT, parseRecent, RecentFiles, removeRecent } from '../../../electron/recentFiles';

describe('recent list logic', () => {
  it('puts the newest first without duplicates', () => {
    let list: string[] = [];
    list = addRecent(list, '/a.radbench');
    list = addRecent(list, '/b.radbench');
    list = addRecent(list, '/a.radbench');
    expect(list).toEqual(['/a.radbench', '/b.radbench']);
  });

  it('keeps at most ten', () => {
    let list: string[] = [];
    for (let i = 0; i < 15; i++) list = addRecent(list, `/f${i}.radbench`);
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toBe('/f14.radbench');
    expect(list.at(-1)).toBe('/f5.radbench');
  });

  it('matches case-insensitively where the file system does', () => {
    expect(addRecent(['C:\\Data\\A.radbench'], 'c:\\data\\a.radbench', true)).toEqual(['c:\\data\\a.radbench']);
    expect(addRecent(['/data/A.radbench'], '/data/a.radbench', false)).toHaveLength(2);
    expect(removeRecent(['C:\\X.radbench', 'C:\\Y.radbench'], 'c:\\x.radbench', true)).toEqual(['C:\\Y.radbench']);
  });

  it('reads a damaged or foreign file as an empty list', () => {
    expect(parseRecent('not json')).toEqual([]);
    expect(parseRecent('{"a":1}')).toEqual([]);
    expect(parseRecent('["/a", 3, "", null, "/a", "/b"]')).toEqual(['/a', '/b']);
  });
});

describe('RecentFiles store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'radbench-recent-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('persists to recent.json and loads it back', async () => {
    const store = new RecentFiles(dir, false);
    expect(await store.load()).toEqual([]);
    await store.add('/one.radbench');
    await store.add('/two.radbench');
    expect(JSON.parse(readFileSync(join(dir, 'recent.json'), 'utf8'))).toEqual(['/two.radbench', '/one.radbench']);
    const again = new RecentFiles(dir, false);
    expect(await again.load()).toEqual(['/two.radbench', '/one.radbench']);
    expect(again.has('/one.radbench')).toBe(true);
    await again.remove('/one.radbench');
    expect(again.items).toEqual(['/two.radbench']);
    await again.clear();
    expect(await new RecentFiles(dir, false).load()).toEqual([]);
  });

  it('survives a corrupt recent.json', async () => {
    writeFileSync(join(dir, 'recent.json'), '{oops');
    const store = new RecentFiles(dir, false);
    expect(await store.load()).toEqual([]);
    await store.add('/x.radbench');
    expect(store.items).toEqual(['/x.radbench']);
  });
});
