/**
 * The import flow: files → preview with a detected mapping → corrections → run (progress, cancel) →
 * a pending report → commit or discard. Also the batch history with undo, and mapping presets.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type {
  ColumnMapping, ImportBatch, ImportPreview, ImportProgress, ImportReport, MappingPreset, SourceRef, UndoResult,
} from '../../shared/contract';
import type { ImportKind, RowIssue } from '../../shared/model';
import { progressCallback } from '../engine/client';
import { errorMessage } from '../errors';
import { formatCount } from '../format';
import { useEngineStore } from './engine';

export type ImportPhase = 'idle' | 'previewing' | 'mapping' | 'running' | 'pending' | 'committing';

export const KIND_NAMES: Record<ImportKind, string> = {
  ris: 'RIS activity extract',
  staff: 'Staff register',
  ledger: 'Finance ledger',
  tariff: 'Outsourcing tariff',
  statement: 'Provider statement',
};


/** The mapping a preview implies: every field, with the column detection chose or null. */
export function mappingFromPreview(preview: ImportPreview): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const field of preview.fields) mapping[field.id] = null;
  for (const column of preview.columns) if (column.field) mapping[column.field] = column.index;
  return mapping;
}

/** How often progress reaches Vue: the engine may report far more often than a screen can show. */
const PROGRESS_INTERVAL_MS = 100;

function newImportId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `import-${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

export const useImportsStore = defineStore('imports', () => {
  const engine = useEngineStore();

  const phase = ref<ImportPhase>('idle');
  // SourceRefs hold File/Blob objects: keep them out of deep reactivity.
  const source = shallowRef<SourceRef | null>(null);
  const queue = shallowRef<SourceRef[]>([]);
  const preview = ref<ImportPreview | null>(null);
  const kind = ref<ImportKind>('ris');
  const sheet = ref<string | null>(null);
  const mapping = ref<ColumnMapping>({});
  const mappingEdited = ref(false);
  const presetName = ref<string | null>(null);
  const importId = ref<string | null>(null);
  const progress = ref<ImportProgress | null>(null);
  const cancelRequested = ref(false);
  const report = ref<ImportReport | null>(null);
  const rejects = shallowRef<RowIssue[]>([]);
  const error = ref<string | null>(null);
  const notice = ref<string | null>(null);
  const batches = ref<ImportBatch[]>([]);
  const presets = ref<MappingPreset[]>([]);

  const busy = computed(() => phase.value === 'previewing' || phase.value === 'running' || phase.value === 'committing');

  /** Column index → field id, the inverse of the mapping, for the per-column selects. */
  const columnFields = computed(() => {
    const out = new Map<number, string>();
    for (const [field, index] of Object.entries(mapping.value)) if (index !== null && index !== undefined) out.set(index, field);
    return out;
  });

  /** Required fields with no column, and alternatives none of which has one (named together, once). */
  const missingRequired = computed(() => {
    const fields = preview.value?.fields ?? [];
    const isMapped = (id: string) => (mapping.value[id] ?? null) !== null;
    const missing = fields.filter((f) => f.required && !isMapped(f.id)).map((f) => f.label);
    const alternatives = new Set(fields.flatMap((f) => (f.oneOf ? [f.oneOf] : [])));
    for (const oneOf of alternatives) if (!fields.some((f) => f.oneOf === oneOf && isMapped(f.id))) missing.push(oneOf);
    return missing;
  });

  const canRun = computed(() => phase.value === 'mapping' && !!preview.value && missingRequired.value.length === 0);

  const progressFraction = computed(() => {
    const p = progress.value;
    if (!p || p.bytesTotal <= 0) return null;
    return Math.min(1, p.bytesRead / p.bytesTotal);
  });

  function reset(): void {
    phase.value = 'idle';
    source.value = null;
    preview.value = null;
    mapping.value = {};
    mappingEdited.value = false;
    presetName.value = null;
    importId.value = null;
    progress.value = null;
    report.value = null;
    rejects.value = [];
    error.value = null;
    sheet.value = null;
  }

  async function loadPreview(options: { kind?: ImportKind | null; sheet?: string | null; presetName?: string | null } = {}): Promise<void> {
    const ref0 = source.value;
    if (!ref0) return;
    phase.value = 'previewing';
    error.value = null;
    try {
      const result = await engine.api().previewImport({
        source: ref0,
        kind: options.kind ?? null,
        sheet: options.sheet ?? null,
        presetName: options.presetName ?? null,
      });
      if (source.value !== ref0) return; // another file was chosen meanwhile
      preview.value = result;
      kind.value = result.kind;
      sheet.value = result.table.sheet;
      mapping.value = mappingFromPreview(result);
      mappingEdited.value = false;
      presetName.value = options.presetName ?? null;
      phase.value = 'mapping';
    } catch (err) {
      if (source.value !== ref0) return;
      error.value = errorMessage(err);
      preview.value = null;
      phase.value = 'idle';
    }
  }

  async function startNext(): Promise<void> {
    const [next, ...rest] = queue.value;
    queue.value = rest;
    reset();
    if (!next) return;
    source.value = next;
    await loadPreview();
  }

  /** Files picked or dropped. While an import is running or waiting for a decision, they queue. */
  async function addFiles(refs: SourceRef[]): Promise<void> {
    if (refs.length === 0) return;
    notice.value = null;
    queue.value = [...queue.value, ...refs];
    if (phase.value === 'idle') await startNext();
  }

  async function skipFile(): Promise<void> {
    if (phase.value === 'running' || phase.value === 'committing') return;
    if (phase.value === 'pending') await discard();
    await startNext();
  }

  async function changeKind(next: ImportKind): Promise<void> {
    if (next === kind.value && preview.value) return;
    await loadPreview({ kind: next, sheet: sheet.value });
  }

  async function changeSheet(next: string): Promise<void> {
    await loadPreview({ kind: kind.value, sheet: next });
  }

  async function applyPreset(name: string): Promise<void> {
    await loadPreview({ kind: kind.value, sheet: sheet.value, presetName: name });
  }

  /** Points one column at a field (or at nothing); a field belongs to at most one column. */
  function setColumnField(columnIndex: number, field: string | null): void {
    const next: ColumnMapping = { ...mapping.value };
    for (const [f, index] of Object.entries(next)) if (index === columnIndex) next[f] = null;
    if (field) next[field] = columnIndex;
    mapping.value = next;
    mappingEdited.value = true;
  }

  async function loadPresets(): Promise<void> {
    presets.value = await engine.api().listPresets();
  }

  async function savePreset(name: string): Promise<boolean> {
    const p = preview.value;
    const trimmed = name.trim();
    if (!p) return false;
    if (!trimmed) {
      error.value = 'Give the preset a name, for example the RIS system and report it comes from.';
      return false;
    }
    // The engine's own normalisation, loaded on demand: its synonym tables need not ship in the main bundle.
    const { normaliseHeader } = await import('../../shared/ingest/fields');
    const headers: Record<string, string> = {};
    for (const column of p.columns) {
      const field = columnFields.value.get(column.index);
      if (field && column.header.trim()) headers[normaliseHeader(column.header)] = field;
    }
    const preset: MappingPreset = { name: trimmed, kind: kind.value, headers, headerRow: p.headerRow, sheet: sheet.value };
    try {
      await engine.api().savePreset(preset);
      await loadPresets();
      presetName.value = trimmed;
      notice.value = `Saved the mapping as “${trimmed}”. It is offered for files with the same headers.`;
      return true;
    } catch (err) {
      error.value = errorMessage(err);
      return false;
    }
  }

  async function deletePreset(name: string): Promise<void> {
    try {
      await engine.api().deletePreset(name);
      await loadPresets();
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  async function run(): Promise<ImportReport | null> {
    const ref0 = source.value;
    if (!ref0 || !canRun.value) return null;
    const id = newImportId();
    importId.value = id;
    cancelRequested.value = false;
    report.value = null;
    rejects.value = [];
    error.value = null;
    notice.value = null;
    progress.value = { importId: id, file: ref0.name, phase: 'reading', bytesRead: 0, bytesTotal: preview.value?.size ?? 0, rowsRead: 0 };
    phase.value = 'running';

    let latest: ImportProgress | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onProgress = (p: ImportProgress) => {
      latest = p;
      if (p.phase !== 'reading') {
        progress.value = p;
        return;
      }
      timer ??= setTimeout(() => {
        timer = null;
        if (latest && phase.value === 'running') progress.value = latest;
      }, PROGRESS_INTERVAL_MS);
    };

    try {
      const result = await engine.api().runImport(
        { source: ref0, kind: kind.value, sheet: sheet.value, mapping: { ...mapping.value }, headerRow: preview.value?.headerRow ?? null, commit: false, importId: id },
        progressCallback(onProgress),
      );
      report.value = result;
      phase.value = 'pending';
      if (result.issueCount > result.issues.length) rejects.value = await engine.api().getRejects(id);
      else rejects.value = result.issues;
      return result;
    } catch (err) {
      phase.value = 'mapping';
      importId.value = null;
      if (cancelRequested.value) notice.value = `Import of ${ref0.name} cancelled. Nothing was saved.`;
      else error.value = errorMessage(err);
      return null;
    } finally {
      if (timer) clearTimeout(timer);
      progress.value = null;
      cancelRequested.value = false;
    }
  }

  async function cancel(): Promise<void> {
    if (phase.value !== 'running' || !importId.value) return;
    cancelRequested.value = true;
    await engine.api().cancelImport(importId.value);
  }

  async function commit(): Promise<ImportReport | null> {
    if (phase.value !== 'pending' || !importId.value) return null;
    phase.value = 'committing';
    error.value = null;
    try {
      const result = await engine.api().commitImport(importId.value);
      await engine.changed();
      await loadBatches();
      const file = result.file;
      const summary = `Imported ${file}: ${formatCount(result.inserted)} new, ${formatCount(result.updated)} updated, ${formatCount(result.rejected)} rejected.`;
      await startNext();
      notice.value = summary;
      return result;
    } catch (err) {
      const message = errorMessage(err);
      // The commit may have happened even if saving afterwards failed: ask the engine where things stand.
      await engine.changed().catch(() => undefined);
      await loadBatches().catch(() => undefined);
      if (engine.info && engine.info.pendingImport === null) await startNext();
      else phase.value = 'pending';
      error.value = message;
      return null;
    }
  }

  async function discard(): Promise<void> {
    if (phase.value !== 'pending' || !importId.value) return;
    try {
      await engine.api().discardImport(importId.value);
      notice.value = `Discarded the import of ${report.value?.file ?? 'the file'}. Nothing was saved.`;
    } catch (err) {
      error.value = errorMessage(err);
    }
    report.value = null;
    rejects.value = [];
    importId.value = null;
    phase.value = 'mapping';
  }

  async function loadBatches(): Promise<void> {
    batches.value = await engine.api().listBatches();
  }

  async function rejectsForBatch(batchId: number): Promise<RowIssue[]> {
    return engine.api().getRejects(batchId);
  }

  async function undo(batchId: number): Promise<UndoResult | null> {
    error.value = null;
    try {
      const result = await engine.task('Undoing the import…', (api) => api.undoBatch(batchId));
      await engine.changed();
      await loadBatches();
      notice.value = `Undid batch ${batchId}: ${formatCount(result.removed)} rows removed, ${formatCount(result.restored)} restored to their earlier values.`;
      return result;
    } catch (err) {
      error.value = errorMessage(err);
      return null;
    }
  }

  async function init(): Promise<void> {
    try {
      await Promise.all([loadBatches(), loadPresets()]);
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  return {
    phase, source, queue, preview, kind, sheet, mapping, mappingEdited, presetName, importId, progress, report, rejects,
    error, notice, batches, presets,
    busy, columnFields, missingRequired, canRun, progressFraction,
    init, addFiles, skipFile, changeKind, changeSheet, applyPreset, setColumnField, savePreset, deletePreset, loadPresets,
    run, cancel, commit, discard, loadBatches, rejectsForBatch, undo, reset,
  };
});
