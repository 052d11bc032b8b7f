/**
 * Finds the header row of a table (below title or blank rows), maps its columns to canonical fields,
 * and tells which kind of import the table is. Also recognises the headerless DID submission layout.
 */
import type { Cell } from '../io/types';
import { IMPORT_KINDS, type ImportKind } from '../model';
import type { ColumnMapping, MappingPreset } from '../contract';
import {
  fieldsFor,
  headerTokens,
  isRequiredField,
  missingRequiredFieldIds,
  normaliseHeader,
  IGNORED_HEADERS,
  WEAK_CONFIDENCE,
  WEAK_SYNONYMS,
} from './fields';
import { cellText, isParseError, parseDate, parseNumber } from './values';

export interface ColumnMatch {
  index: number;
  header: string;
  field: string | null;
  /** 1 for a preset or exact synonym; 0.6–0.9 for a fuzzy match; 0 when unmapped. */
  confidence: number;
}

export interface LayoutDetection {
  kind: ImportKind;
  kindScores: Record<ImportKind, number>;
  /** 0-based index into the rows given; null for a headerless layout. */
  headerRowIndex: number | null;
  layout: string | null;
  columns: ColumnMatch[];
  missingRequired: string[];
}

export interface DetectOptions {
  kind?: ImportKind | null;
  preset?: MappingPreset | null;
}

export const KINDS: readonly ImportKind[] = IMPORT_KINDS;

/** Exponent applied to each kind's mapping score before taking shares (see detectLayout). */
const KIND_SCORE_SHARPNESS = 3;

/** How many rows from the top are searched for the header. */
export const HEADER_SEARCH_ROWS = 60;

export const DID_HEADERLESS_LAYOUT = 'DID (headerless)';
export const DID_LAYOUT = 'DID';
export const SPEND_LAYOUT = 'Spend over £25,000';

/** The DID submission items in file order, with the RIS field each maps to (null: not used). */
export const DID_ITEMS: readonly { name: string; field: string | null }[] = [
  { name: 'NHS NUMBER', field: 'patientId' },
  { name: 'NHS NUMBER STATUS INDICATOR CODE', field: null },
  { name: 'PERSON BIRTH DATE', field: 'birthDate' },
  { name: 'ETHNIC CATEGORY', field: null },
  { name: 'PERSON GENDER CODE CURRENT', field: null },
  { name: 'POSTCODE OF USUAL ADDRESS', field: 'postcode' },
  { name: 'GENERAL MEDICAL PRACTICE CODE (PATIENT REGISTRATION)', field: null },
  { name: 'PATIENT SOURCE SETTING TYPE (DIAGNOSTIC IMAGING)', field: 'patientSource' },
  { name: 'REFERRER CODE', field: null },
  { name: 'REFERRING ORGANISATION CODE', field: null },
  { name: 'DIAGNOSTIC TEST REQUEST DATE', field: 'requestDate' },
  { name: 'DIAGNOSTIC TEST REQUEST RECEIVED DATE', field: null },
  { name: 'DIAGNOSTIC TEST DATE', field: 'examDate' },
  { name: 'IMAGING CODE (NICIP)', field: 'examCode' },
  { name: 'IMAGING CODE (SNOMED CT)', field: null },
  { name: 'SERVICE REPORT ISSUE DATE', field: 'reportDate' },
  { name: 'SITE CODE (OF IMAGING)', field: 'site' },
  { name: 'RADIOLOGICAL ACCESSION NUMBER', field: 'accession' },
];

/** Column of the SNOMED CT imaging code in a headerless DID file, for rows whose NICIP code is empty. */
export const DID_SNOMED_COLUMN = 14;

// --- synonym index -------------------------------------------------------------------------------

/** Words dropped before comparing word sets ("Date of Exam" = "Exam Date"). */
const STOPWORDS = new Set(['of', 'the', 'a', 'an', 'for']);
/** Words that say nothing on their own about which field a header is. */
const GENERIC = new Set([
  'date', 'time', 'datetime', 'timestamp', 'code', 'name', 'number', 'id', 'type', 'description', 'desc', 'value',
  'key', 'details', 'total', 'net', 'and', 'by', 'on', 'to', 'from', 'start', 'end', 'until', 'group', 'role',
  'category', 'class', 'status', 'source', 'setting', 'area', 'department', 'dept', 'grade', 'band', 'unit', 'section',
  'text', 'cd', 'ref', 'nbr', 'full',
]);
/** Words common to many fields of one kind, which cannot pick a field alone. */
const QUALIFIERS = new Set([
  'patient', 'exam', 'examination', 'report', 'reported', 'reporting', 'reporter', 'request', 'requested', 'staff',
  'service', 'diagnostic', 'imaging', 'test', 'transaction', 'event', 'study', 'order', 'verified', 'authorised',
  'authorized', 'signed', 'performed', 'issue', 'issued', 'local', 'procedure', 'hospital',
]);

interface SynEntry {
  field: string;
  fieldIndex: number;
  rank: number;
  tokens: string[];
  /** The words sorted and joined, to compare word sets. */
  sortedKey: string;
  weak: boolean;
  /** Multi-word, or one telling word: may be found inside a longer header. */
  distinctive: boolean;
}

interface KindIndex {
  exact: Map<string, SynEntry[]>;
  /** Word → the non-weak synonyms containing it: only synonyms sharing a word with a header are compared. */
  byToken: Map<string, SynEntry[]>;
  ignored: Set<string>;
  requiredIds: Set<string>;
}

const indexCache = new Map<ImportKind, KindIndex>();

const contentTokens = (text: string): string[] => headerTokens(text).filter((t) => !STOPWORDS.has(t));
const isTelling = (t: string): boolean => !GENERIC.has(t) && !QUALIFIERS.has(t);

function kindIndex(kind: ImportKind): KindIndex {
  const cached = indexCache.get(kind);
  if (cached) return cached;
  const exact = new Map<string, SynEntry[]>();
  const byToken = new Map<string, SynEntry[]>();
  const add = (text: string, entry: Omit<SynEntry, 'tokens' | 'sortedKey' | 'distinctive'>): void => {
    const norm = normaliseHeader(text);
    if (!norm) return;
    const tokens = contentTokens(text);
    const full: SynEntry = {
      ...entry,
      tokens,
      sortedKey: [...tokens].sort().join(' '),
      distinctive: tokens.length >= 2 || tokens.some(isTelling),
    };
    const list = exact.get(norm) ?? [];
    list.push(full);
    exact.set(norm, list);
    if (!entry.weak) {
      for (const t of new Set(tokens)) {
        const l = byToken.get(t) ?? [];
        l.push(full);
        byToken.set(t, l);
      }
    }
  };
  const fields = fieldsFor(kind);
  fields.forEach((f, fieldIndex) => {
    f.synonyms.forEach((s, rank) => add(s, { field: f.id, fieldIndex, rank, weak: false }));
    add(f.id, { field: f.id, fieldIndex, rank: f.synonyms.length, weak: false });
    add(f.label, { field: f.id, fieldIndex, rank: f.synonyms.length + 1, weak: false });
    (WEAK_SYNONYMS[kind][f.id] ?? []).forEach((s, i) => add(s, { field: f.id, fieldIndex, rank: 1000 + i, weak: true }));
  });
  const ignored = new Set(IGNORED_HEADERS[kind].map(normaliseHeader));
  // A header that is some field's exact synonym is never ignored.
  for (const k of exact.keys()) ignored.delete(k);
  const idx: KindIndex = { exact, byToken, ignored, requiredIds: new Set(fields.filter(isRequiredField).map((f) => f.id)) };
  indexCache.set(kind, idx);
  return idx;
}

/** Whether `needle` occurs as a contiguous run of words in `hay`. */
function containsRun(hay: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Confidence that header words `h` name the synonym `s`: same words in any order 0.9; the synonym inside
 * a longer header 0.8 less 0.05 a spare word (at least 0.6); a shorter header inside the synonym 0.65–0.7.
 */
function fuzzyScore(h: string[], hSortedKey: string, s: SynEntry): number {
  const t = s.tokens;
  if (h.length === 0 || t.length === 0) return 0;
  if (h.length === t.length && hSortedKey === s.sortedKey) return 0.9;
  if (t.length < h.length && s.distinctive && containsRun(h, t)) return Math.max(0.6, 0.8 - 0.05 * (h.length - t.length));
  if (h.length < t.length && h.length / t.length >= 0.5 && h.some(isTelling) && containsRun(t, h)) {
    return 0.6 + 0.1 * (h.length / t.length);
  }
  return 0;
}

interface Candidate {
  field: string;
  confidence: number;
  rank: number;
  fieldIndex: number;
  preset: boolean;
}

type PresetMap = Map<string, string>;

function headerCandidates(header: string, kind: ImportKind, preset: PresetMap | null): Candidate[] {
  const norm = normaliseHeader(header);
  if (!norm) return [];
  const fields = fieldsFor(kind);
  const presetField = preset?.get(norm);
  if (presetField) {
    const fi = fields.findIndex((f) => f.id === presetField);
    return [{ field: presetField, confidence: 1, rank: -1, fieldIndex: fi < 0 ? fields.length : fi, preset: true }];
  }
  const idx = kindIndex(kind);
  if (idx.ignored.has(norm)) return [];
  const best = new Map<string, Candidate>();
  const offer = (c: Candidate): void => {
    const prev = best.get(c.field);
    if (!prev || c.confidence > prev.confidence || (c.confidence === prev.confidence && c.rank < prev.rank)) best.set(c.field, c);
  };
  for (const e of idx.exact.get(norm) ?? []) {
    offer({ field: e.field, confidence: e.weak ? WEAK_CONFIDENCE : 1, rank: e.rank, fieldIndex: e.fieldIndex, preset: false });
  }
  const h = contentTokens(header);
  const hKey = [...h].sort().join(' ');
  const seen = new Set<SynEntry>();
  for (const t of new Set(h)) {
    for (const e of idx.byToken.get(t) ?? []) {
      if (seen.has(e)) continue;
      seen.add(e);
      const prev = best.get(e.field);
      if (prev && prev.confidence >= 0.9) continue;
      const c = fuzzyScore(h, hKey, e);
      if (c > 0) offer({ field: e.field, confidence: Math.round(c * 100) / 100, rank: 100 + e.rank, fieldIndex: e.fieldIndex, preset: false });
    }
  }
  return [...best.values()];
}

/** Possible fields for one header, best first: for a mapping editor's suggestions. */
export function suggestFields(header: string, kind: ImportKind, preset?: MappingPreset | null): { field: string; confidence: number }[] {
  const pm = presetMap(preset ?? null, kind);
  return headerCandidates(header, kind, pm)
    .sort((a, b) => b.confidence - a.confidence || a.rank - b.rank)
    .map((c) => ({ field: c.field, confidence: c.confidence }));
}

function presetMap(preset: MappingPreset | null, kind: ImportKind): PresetMap | null {
  if (!preset || preset.kind !== kind) return null;
  const m: PresetMap = new Map();
  for (const [h, f] of Object.entries(preset.headers)) m.set(normaliseHeader(h), f);
  return m;
}

interface Assignment {
  columns: ColumnMatch[];
  score: number;
  mapped: number;
  exactMapped: number;
  viaPreset: number;
}

/**
 * Maps each column to at most one field and each field to at most one column: the highest confidence
 * first; ties go to the earlier synonym, then the leftmost column.
 */
function assign(headers: string[], kind: ImportKind, preset: PresetMap | null, cache: Map<string, Candidate[]>): Assignment {
  const all: (Candidate & { col: number })[] = [];
  headers.forEach((h, col) => {
    if (!h) return;
    const key = `${kind}\u0000${h}`;
    let cands = cache.get(key);
    if (!cands) {
      cands = headerCandidates(h, kind, preset);
      cache.set(key, cands);
    }
    for (const c of cands) all.push({ ...c, col });
  });
  all.sort((a, b) => b.confidence - a.confidence || a.rank - b.rank || a.col - b.col || a.fieldIndex - b.fieldIndex);
  // A column whose best match is (near) exact keeps no weaker guess when that field went elsewhere:
  // a second patient identifier stays unmapped rather than becoming the site.
  const topByCol = new Map<number, number>();
  for (const c of all) if (!topByCol.has(c.col)) topByCol.set(c.col, c.confidence);
  const columns: ColumnMatch[] = headers.map((header, index) => ({ index, header, field: null, confidence: 0 }));
  const usedFields = new Set<string>();
  const required = kindIndex(kind).requiredIds;
  let score = 0;
  let mapped = 0;
  let exactMapped = 0;
  let viaPreset = 0;
  for (const c of all) {
    const col = columns[c.col];
    if (!col || col.field !== null || usedFields.has(c.field)) continue;
    // Weak synonyms (rank ≥ 1000) are curated fallbacks, so they may still take a column that lost its exact match.
    if ((topByCol.get(c.col) ?? 0) >= 0.9 && c.confidence < 0.9 && c.rank < 1000) continue;
    col.field = c.field;
    col.confidence = c.confidence;
    usedFields.add(c.field);
    mapped++;
    if (c.confidence === 1) exactMapped++;
    if (c.preset) viaPreset++;
    score += c.confidence + (required.has(c.field) ? 0.5 : 0);
  }
  return { columns, score, mapped, exactMapped, viaPreset };
}

// --- rows ----------------------------------------------------------------------------------------

function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

function nonEmptyCount(row: Cell[] | undefined): number {
  return row ? row.reduce<number>((n, c) => n + (isBlank(c) ? 0 : 1), 0) : 0;
}

function trimTrailing(row: Cell[]): Cell[] {
  let end = row.length;
  while (end > 0 && isBlank(row[end - 1] ?? null)) end--;
  return row.slice(0, end);
}

function looksLikeValue(cell: Cell): boolean {
  if (typeof cell === 'number' || cell instanceof Date || typeof cell === 'boolean') return true;
  if (typeof cell !== 'string' || cell.trim() === '') return false;
  const n = parseNumber(cell);
  if (n !== null && !isParseError(n)) return true;
  const d = parseDate(cell, 'dmy');
  return d !== null && !isParseError(d);
}

/** At least two filled cells, one of them a number or a date. */
function looksLikeDataRow(row: Cell[] | undefined): boolean {
  return !!row && nonEmptyCount(row) >= 2 && row.some(looksLikeValue);
}

function nextNonEmpty(rows: Cell[][], from: number): Cell[] | undefined {
  for (let i = from; i < rows.length; i++) if (nonEmptyCount(rows[i]) > 0) return rows[i];
  return undefined;
}

const isDate = (c: Cell | undefined): boolean => {
  const p = parseDate(c ?? null, 'dmy');
  return p !== null && !isParseError(p);
};

/** A DID submission record: 18 cells with an examination date and an accession, and NHS-number / code evidence. */
export function looksLikeDidRecord(row: Cell[]): boolean {
  const cells = trimTrailing(row);
  if (cells.length !== DID_ITEMS.length) return false;
  if (!isDate(cells[12]) || cellText(cells[17] ?? null) === '') return false;
  let evidence = 0;
  if (/^\d{10}$/.test(cellText(cells[0] ?? null).replace(/\s+/g, ''))) evidence++;
  if (isDate(cells[10])) evidence++;
  if (/^0?[1-7]$/.test(cellText(cells[7] ?? null))) evidence++;
  if (/^[A-Z][A-Z0-9]{3,7}$/i.test(cellText(cells[13] ?? null)) || /^\d{6,18}$/.test(cellText(cells[14] ?? null))) evidence++;
  const report = cells[15] ?? null;
  if (isBlank(report) || isDate(report)) evidence++;
  return evidence >= 3;
}

// --- detection -----------------------------------------------------------------------------------

function emptyScores(): Record<ImportKind, number> {
  return { ris: 0, staff: 0, ledger: 0, statement: 0, tariff: 0 };
}

function missingRequired(kind: ImportKind, columns: ColumnMatch[]): string[] {
  const mapped = new Set(columns.map((c) => c.field).filter((f): f is string => f !== null));
  return missingRequiredFieldIds(kind, (id) => mapped.has(id));
}

function didHeaderless(): LayoutDetection {
  const columns = DID_ITEMS.map((item, index) => ({ index, header: item.name, field: item.field, confidence: item.field ? 1 : 0 }));
  return {
    kind: 'ris',
    kindScores: { ...emptyScores(), ris: 1 },
    headerRowIndex: null,
    layout: DID_HEADERLESS_LAYOUT,
    columns,
    missingRequired: missingRequired('ris', columns),
  };
}

const DID_NAMES = new Set(DID_ITEMS.map((i) => normaliseHeader(i.name)));

function layoutName(kind: ImportKind, a: Assignment, preset: MappingPreset | null): string | null {
  if (preset && a.viaPreset > 0) return preset.name;
  if (kind === 'ris' && a.columns.filter((c) => DID_NAMES.has(normaliseHeader(c.header))).length >= 6) return DID_LAYOUT;
  if (kind === 'ledger') {
    const f = new Set(a.columns.map((c) => c.field));
    if (f.has('departmentFamily') || (f.has('entity') && f.has('subjectiveName') && f.has('expenseArea'))) return SPEND_LAYOUT;
  }
  return null;
}

/** Enough matches for a row to be the header: two columns, or one exact match in a near-empty row. */
function acceptable(a: Assignment, row: Cell[]): boolean {
  return a.mapped >= 2 || (a.exactMapped === 1 && nonEmptyCount(row) <= 2);
}

/**
 * Detects the header row, the kind and the column mapping from the first rows of a table (title and
 * blank rows included). opts.kind fixes the kind; a preset of that kind maps its headers first and may
 * fix the header row. When no header row is found, a DID record shape is mapped by position; otherwise
 * headerRowIndex is null, columns are named 'Column N' and nothing is mapped.
 */
export function detectLayout(rows: Cell[][], opts: DetectOptions = {}): LayoutDetection {
  const preset = opts.preset ?? null;
  const fixedKind: ImportKind | null = opts.kind ?? preset?.kind ?? null;
  const kinds = fixedKind ? [fixedKind] : KINDS;
  const cache = new Map<string, Candidate[]>();
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  const headersOf = (i: number): string[] => trimTrailing(rows[i] ?? []).map((c) => cellText(c));

  let bestRow: number | null = null;
  let bestKind: ImportKind = fixedKind ?? 'ris';
  let bestScore = -Infinity;

  const presetRow = preset?.headerRow;
  if (presetRow !== undefined && presetRow !== null && presetRow >= 1 && presetRow <= rows.length) {
    bestRow = presetRow - 1;
    if (!fixedKind) {
      const h = headersOf(bestRow);
      for (const k of KINDS) {
        const a = assign(h, k, presetMap(preset, k), cache);
        if (a.score > bestScore) {
          bestScore = a.score;
          bestKind = k;
        }
      }
    }
  } else {
    const first = nextNonEmpty(rows, 0);
    if ((fixedKind === null || fixedKind === 'ris') && first && looksLikeDidRecord(first)) return didHeaderless();
    const search = (searchKinds: readonly ImportKind[]): void => {
      for (let i = 0; i < limit; i++) {
        const row = rows[i] ?? [];
        if (!row.some((c) => typeof c === 'string' && c.trim() !== '')) continue;
        const h = headersOf(i);
        const followedByData = looksLikeDataRow(nextNonEmpty(rows, i + 1));
        for (const k of searchKinds) {
          const a = assign(h, k, presetMap(preset, k), cache);
          if (!acceptable(a, row)) continue;
          const s = a.score + (followedByData ? 0.5 : 0);
          if (s > bestScore) {
            bestScore = s;
            bestRow = i;
            bestKind = k;
          }
        }
      }
    };
    search(kinds);
    // A forced kind that matches no row: still find the header by any kind, so the preview can show
    // the file's columns, what is missing, and that it looks like another kind.
    if (bestRow === null && fixedKind) search(KINDS);
  }

  if (bestRow === null) {
    const width = rows.slice(0, limit).reduce((w, r) => Math.max(w, trimTrailing(r).length), 0);
    const columns = Array.from({ length: width }, (_, index) => ({ index, header: `Column ${index + 1}`, field: null, confidence: 0 }));
    return {
      kind: bestKind,
      kindScores: emptyScores(),
      headerRowIndex: null,
      layout: null,
      columns,
      missingRequired: missingRequired(bestKind, columns),
    };
  }

  const headers = headersOf(bestRow);
  const raw = emptyScores();
  for (const k of KINDS) raw[k] = assign(headers, k, presetMap(preset, k), cache).score;
  // Shares of the cubed scores: kinds share many fields (a statement has an accession and a modality, as a RIS
  // extract does), so plain shares would understate how clearly the best kind leads.
  const total = KINDS.reduce((sum, k) => sum + raw[k] ** KIND_SCORE_SHARPNESS, 0);
  const kindScores = emptyScores();
  if (total > 0) for (const k of KINDS) kindScores[k] = Math.round((raw[k] ** KIND_SCORE_SHARPNESS / total) * 1000) / 1000;

  const kind = fixedKind ?? bestKind;
  const chosen = assign(headers, kind, presetMap(preset, kind), cache);
  return {
    kind,
    kindScores,
    headerRowIndex: bestRow,
    layout: layoutName(kind, chosen, preset),
    columns: chosen.columns,
    missingRequired: missingRequired(kind, chosen.columns),
  };
}

/** Field id → column index for the mapped columns; with `kind`, every field of that kind is present (null when unmapped). */
export function mappingFromColumns(columns: ColumnMatch[], kind?: ImportKind): ColumnMapping {
  const m: ColumnMapping = {};
  if (kind) for (const f of fieldsFor(kind)) m[f.id] = null;
  for (const c of columns) if (c.field) m[c.field] = c.index;
  return m;
}

/** Columns for an explicit mapping (a user's correction): mapped columns get confidence 1. */
export function columnsFromMapping(headers: string[], mapping: ColumnMapping): ColumnMatch[] {
  const byCol = new Map<number, string>();
  for (const [field, col] of Object.entries(mapping)) if (col !== null && col !== undefined) byCol.set(col, field);
  const width = Math.max(headers.length, ...[...byCol.keys()].map((c) => c + 1));
  return Array.from({ length: width }, (_, index) => {
    const field = byCol.get(index) ?? null;
    return { index, header: headers[index] ?? `Column ${index + 1}`, field, confidence: field ? 1 : 0 };
  });
}

/** A preset that reproduces these columns' mapping on files with the same headers, in any column order. */
export function presetFromColumns(name: string, kind: ImportKind, columns: ColumnMatch[], headerRowIndex: number | null): MappingPreset {
  const headers: Record<string, string> = {};
  for (const c of columns) {
    const key = normaliseHeader(c.header);
    if (c.field && key) headers[key] = c.field;
  }
  return { name, kind, headers, headerRow: headerRowIndex === null ? null : headerRowIndex + 1 };
}

/** The mapped cells of one data row, by field id (null for a missing cell). */
export function pickFields(row: Cell[], mapping: ColumnMapping): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const [field, col] of Object.entries(mapping)) {
    if (col === null || col === undefined) continue;
    out[field] = row[col] ?? null;
  }
  return out;
}
