import type { Database } from 'sql.js';
import type { BenchmarkSet } from '../benchmarks/types';
import { defaultBenchmarkSet, DEFAULT_BENCHMARK_SET_NAME } from '../benchmarks/defaults';
import { mergeBenchmarkSets } from '../benchmarks/merge';
import { benchmarkOrgs, benchmarkedMetrics } from '../benchmarks/compare';
import { queryRows, queryValue } from '../db/connection';

export interface BenchmarkSetInfo {
  /** 0 is the shipped set of published figures. */
  id: number;
  name: string;
  file: string | null;
  importedAt: string | null;
  rows: number;
  metrics: string[];
  orgs: string[];
  builtIn: boolean;
  active: boolean;
}

export interface PeerGroup {
  name: string;
  orgs: string[];
  /** The user's own organisation code, if it appears in the imported distributions. */
  ownOrg: string | null;
}

const ACTIVE_KEY = 'benchmarks.active';
const PEER_KEY = 'benchmarks.peerGroup';

function meta(db: Database, key: string): string | null {
  const v = queryValue(db, 'SELECT value FROM meta WHERE key = ?', [key]);
  return v === null ? null : String(v);
}

function setMeta(db: Database, key: string, value: string | null): void {
  if (value === null) db.run('DELETE FROM meta WHERE key = ?', [key]);
  else db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value', [key, value]);
}

function storedSet(db: Database, id: number): BenchmarkSet | null {
  const body = queryValue(db, 'SELECT body FROM benchmark_set WHERE id = ?', [id]);
  return body === null ? null : (JSON.parse(String(body)) as BenchmarkSet);
}

export function saveBenchmarkSet(db: Database, set: BenchmarkSet, file: string, importedAt: string): number {
  db.run('INSERT INTO benchmark_set (name, file, imported_at, body) VALUES (?, ?, ?, ?)', [set.name, file, importedAt, JSON.stringify(set)]);
  return Number(queryValue(db, 'SELECT last_insert_rowid()'));
}

export function activeSetId(db: Database): number {
  const id = Number(meta(db, ACTIVE_KEY) ?? 0);
  return id > 0 && storedSet(db, id) ? id : 0;
}

/** The set the views use: the chosen imported set laid over the published defaults (a row replaces its twin). */
export function activeBenchmarkSet(db: Database): BenchmarkSet {
  const id = activeSetId(db);
  const chosen = id ? storedSet(db, id) : null;
  return chosen ? mergeBenchmarkSets(chosen.name, [defaultBenchmarkSet(), chosen]) : defaultBenchmarkSet();
}

export function chooseBenchmarkSet(db: Database, id: number | null): void {
  if (id && !storedSet(db, id)) throw new Error(`There is no benchmark set ${id}.`);
  setMeta(db, ACTIVE_KEY, id ? String(id) : null);
}

export function deleteBenchmarkSet(db: Database, id: number): void {
  if (activeSetId(db) === id) setMeta(db, ACTIVE_KEY, null);
  db.run('DELETE FROM benchmark_set WHERE id = ?', [id]);
}

function info(set: BenchmarkSet, extra: Pick<BenchmarkSetInfo, 'id' | 'file' | 'importedAt' | 'builtIn' | 'active'>): BenchmarkSetInfo {
  return { ...extra, name: set.name, rows: set.rows.length, metrics: benchmarkedMetrics(set), orgs: benchmarkOrgs(set) };
}

export function listBenchmarkSets(db: Database): BenchmarkSetInfo[] {
  const active = activeSetId(db);
  const builtIn = info({ ...defaultBenchmarkSet(), name: DEFAULT_BENCHMARK_SET_NAME }, {
    id: 0,
    file: null,
    importedAt: null,
    builtIn: true,
    active: active === 0,
  });
  const stored = queryRows<{ id: number; file: string; imported_at: string; body: string }>(
    db,
    'SELECT id, file, imported_at, body FROM benchmark_set ORDER BY id',
  ).map((r) => info(JSON.parse(r.body) as BenchmarkSet, { id: r.id, file: r.file, importedAt: r.imported_at, builtIn: false, active: r.id === active }));
  return [builtIn, ...stored];
}

export function peerGroup(db: Database): PeerGroup | null {
  const text = meta(db, PEER_KEY);
  return text ? (JSON.parse(text) as PeerGroup) : null;
}

export function definePeerGroup(db: Database, group: PeerGroup | null): void {
  if (group) {
    if (!group.name.trim()) throw new Error('Give the peer group a name.');
    if (group.orgs.length === 0) throw new Error('Choose at least one organisation for the peer group.');
  }
  setMeta(db, PEER_KEY, group ? JSON.stringify({ ...group, name: group.name.trim() }) : null);
}
