/**
 * The skill-mix business case: the baseline for the dashboard's period, the levers being edited and their live
 * outcome, the saved scenarios (save as, rename, duplicate, delete), up to three chosen for the side-by-side
 * comparison and the pack, the board paper's title page, and the XLSX and PDF exports. Only this store calls the
 * engine's scenario endpoints.
 */
import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef } from 'vue';
import type { PeriodSpec } from '../../shared/contract';
import type { SavedScenario, ScenarioBaseline, ScenarioEvaluation, ScenarioLevers } from '../../shared/scenarios/api';
import { errorMessage } from '../errors';
import { toPeriodSpec, type PeriodSelection } from '../period';
import { host } from '../platform/host';
import { DEFAULT_TITLE, type CaseOption } from '../scenarios/businessCase';
import { XLSX_MIME } from './benchmarks';
import { useDashboardStore } from './dashboard';
import { reloadOnChange, useEngineStore } from './engine';

/** A board paper compares the current position with at most three options. */
export const MAX_COMPARED = 3;
/** Typing in a lever box re-evaluates once the typing pauses. */
export const EVALUATE_DELAY_MS = 250;

/** JSON with object keys sorted: levers read back from the database may list their keys in another order. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

const sameLevers = (a: ScenarioLevers | null | undefined, b: ScenarioLevers | null | undefined): boolean => !!a && !!b && canonical(a) === canonical(b);

/** 'Option A (copy)', then 'Option A (copy 2)', … : a name no saved scenario has. */
export function copyName(name: string, taken: readonly string[]): string {
  const base = name.replace(/ \(copy(?: \d+)?\)$/, '');
  const names = new Set(taken);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!names.has(candidate)) return candidate;
  }
}

/** An option of the pack, with the saved scenario it comes from (null for the form's unsaved levers). */
export type PackOption = CaseOption & { id: number | null };

function fileLabel(spec: PeriodSpec): string {
  return 'spec' in spec ? spec.spec.replace(/[^0-9A-Za-z-]+/g, '-') : 'period';
}

export const useScenariosStore = defineStore('scenarios', () => {
  const engine = useEngineStore();
  const dash = useDashboardStore();

  const baseline = shallowRef<ScenarioBaseline | null>(null);
  /** The levers in the form: a saved scenario's, edited or not, or a new one's. */
  const levers = shallowRef<ScenarioLevers | null>(null);
  const evaluation = shallowRef<ScenarioEvaluation | null>(null);
  const saved = shallowRef<SavedScenario[]>([]);
  const currentId = ref<number | null>(null);
  const compareIds = ref<number[]>([]);
  /** Outcomes of the compared scenarios for the period, by scenario id. */
  const compared = shallowRef<Record<number, ScenarioEvaluation>>({});
  const recommendedId = ref<number | null>(null);
  /** The board paper's title page: not stored in the database, only in this session. */
  const paper = reactive({ title: DEFAULT_TITLE, organisation: '', preparedBy: '' });
  /** Boxes in the form that hold something that is not a valid lever; the outcome shows the last valid levers. */
  const invalidFields = ref<string[]>([]);
  const loading = ref(false);
  const evaluating = ref(false);
  /** Evaluations finished so far: lets a test (or a screen reader cue) tell a fresh outcome from the last one. */
  const evaluations = ref(0);
  const working = ref(false);
  const error = ref<string | null>(null);
  const notice = ref<string | null>(null);

  let baselineSeq = 0;
  let evaluateSeq = 0;
  let compareSeq = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;

  const period = computed<PeriodSpec | null>(() => (dash.selection ? toPeriodSpec(dash.selection) : null));
  const current = computed(() => saved.value.find((s) => s.id === currentId.value) ?? null);
  /** The form differs from the scenario it was opened from (or is a new, unsaved one). */
  const unsaved = computed(() => !current.value || !sameLevers(current.value.levers, levers.value));
  const edited = computed(() => !!baseline.value && !!levers.value && !sameLevers(levers.value, baseline.value.defaults));
  const comparedScenarios = computed(() => compareIds.value.map((id) => saved.value.find((s) => s.id === id)).filter((s): s is SavedScenario => !!s));
  const busy = computed(() => loading.value || evaluating.value);

  /** Saved scenarios in the pack: the chosen ones, else the open one when it is saved as shown. */
  const packIds = computed(() => {
    if (comparedScenarios.value.length) return comparedScenarios.value.map((s) => s.id);
    return current.value && !unsaved.value ? [current.value.id] : [];
  });

  /** The options the printed pack describes; the form's own levers when nothing is chosen or saved yet. */
  const packOptions = computed<PackOption[]>(() => {
    const chosen = comparedScenarios.value
      .map((s) => ({ s, e: compared.value[s.id] }))
      .filter((x): x is { s: SavedScenario; e: ScenarioEvaluation } => !!x.e)
      .map(({ s, e }) => ({ id: s.id, name: s.name, levers: s.levers, outcome: e.outcome }));
    if (chosen.length) return chosen;
    if (!evaluation.value || !levers.value) return [];
    return [{ id: currentId.value, name: current.value && !unsaved.value ? current.value.name : current.value ? `${current.value.name} (unsaved changes)` : 'Proposed option (not saved)', levers: levers.value, outcome: evaluation.value.outcome }];
  });

  const recommendedIndex = computed(() => {
    const i = packOptions.value.findIndex((o) => o.id === recommendedId.value);
    return i >= 0 ? i : 0;
  });

  function fail(err: unknown): void {
    error.value = errorMessage(err);
  }

  async function loadSaved(): Promise<void> {
    saved.value = await engine.api().listScenarios();
    // A scenario deleted elsewhere (another database opened) leaves the form, the comparison and the pack.
    if (currentId.value !== null && !saved.value.some((s) => s.id === currentId.value)) currentId.value = null;
    compareIds.value = compareIds.value.filter((id) => saved.value.some((s) => s.id === id));
  }

  /** The baseline and defaults for the period; the form keeps the user's levers, or takes the new defaults if untouched. */
  async function loadBaseline(): Promise<void> {
    const spec = period.value;
    if (!spec) return;
    const mine = ++baselineSeq;
    loading.value = true;
    error.value = null;
    try {
      const untouched = !levers.value || (!current.value && !edited.value);
      const next = await engine.api().scenarioBaseline({ period: spec });
      if (mine !== baselineSeq) return;
      baseline.value = next;
      if (untouched) levers.value = structuredClone(next.defaults);
      await Promise.all([evaluateNow(), refreshComparison()]);
    } catch (err) {
      if (mine === baselineSeq) fail(err);
    } finally {
      if (mine === baselineSeq) loading.value = false;
    }
  }

  async function init(): Promise<void> {
    await dash.init();
    try {
      await loadSaved();
    } catch (err) {
      fail(err);
    }
    await loadBaseline();
  }

  async function setSelection(next: Partial<PeriodSelection>): Promise<void> {
    // Busy from the first moment: the figures on screen belong to the old period until the new baseline lands.
    loading.value = true;
    try {
      await dash.setSelection(next);
    } finally {
      loading.value = false;
    }
    await loadBaseline();
  }

  /** Evaluates the form's levers now (dropping any pending delay); a newer evaluation wins. */
  async function evaluateNow(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const spec = period.value;
    const lv = levers.value;
    if (!spec || !lv) {
      evaluating.value = false;
      return;
    }
    const mine = ++evaluateSeq;
    evaluating.value = true;
    const run = (async () => {
      try {
        const result = await engine.api().evaluateScenario({ period: spec, levers: lv });
        if (mine !== evaluateSeq) return;
        evaluation.value = result;
        baseline.value = result.baseline;
        evaluations.value++;
      } catch (err) {
        if (mine === evaluateSeq) fail(err);
      } finally {
        if (mine === evaluateSeq) evaluating.value = false;
      }
    })();
    inFlight = run;
    await run;
  }

  /** New levers from the form; evaluated after a short pause so typing does not queue a run per key. */
  function setLevers(next: ScenarioLevers): void {
    levers.value = next;
    error.value = null;
    evaluating.value = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void evaluateNow(), EVALUATE_DELAY_MS);
  }

  /** Waits for the outcome of the levers as they stand (tests, and before saving or printing). */
  async function settle(): Promise<void> {
    if (timer) await evaluateNow();
    while (inFlight) {
      const waiting = inFlight;
      await waiting;
      if (inFlight === waiting) inFlight = null;
    }
  }

  function setInvalidFields(paths: string[]): void {
    invalidFields.value = paths;
  }

  function resetLevers(): void {
    if (!baseline.value) return;
    setLevers(structuredClone(baseline.value.defaults));
    notice.value = 'Every lever is back at its default.';
  }

  /** Starts a new, unsaved scenario from the defaults. */
  async function startNew(): Promise<void> {
    if (!baseline.value) return;
    currentId.value = null;
    levers.value = structuredClone(baseline.value.defaults);
    notice.value = null;
    await evaluateNow();
  }

  async function open(id: number): Promise<void> {
    const s = saved.value.find((x) => x.id === id);
    if (!s) return;
    currentId.value = id;
    levers.value = structuredClone(s.levers);
    notice.value = `Opened "${s.name}".`;
    error.value = null;
    await evaluateNow();
  }

  /** Runs a change to the saved scenarios with one busy flag and one message. */
  async function change(fn: () => Promise<string>): Promise<boolean> {
    working.value = true;
    error.value = null;
    notice.value = null;
    try {
      notice.value = await fn();
      return true;
    } catch (err) {
      fail(err);
      return false;
    } finally {
      working.value = false;
    }
  }

  function checkName(name: string, exceptId: number | null): string | null {
    if (!name) return 'Give the scenario a name.';
    if (name.length > 80) return 'Keep the name to 80 characters or fewer.';
    if (saved.value.some((s) => s.name === name && s.id !== exceptId)) return `There is already a scenario called "${name}". Choose another name.`;
    return null;
  }

  function refuseWhileInvalid(): boolean {
    if (invalidFields.value.length === 0) return false;
    error.value = `Correct the ${invalidFields.value.length === 1 ? 'lever marked' : `${invalidFields.value.length} levers marked`} in red before saving.`;
    return true;
  }

  async function saveAs(rawName: string): Promise<boolean> {
    const name = rawName.trim();
    const problem = checkName(name, null);
    if (problem) {
      error.value = problem;
      return false;
    }
    if (refuseWhileInvalid() || !levers.value) return false;
    const lv = levers.value;
    return change(async () => {
      const row = await engine.api().saveScenario({ name, levers: lv });
      await loadSaved();
      currentId.value = row.id;
      return `Saved "${row.name}".`;
    });
  }

  /** Saves the form over the scenario it was opened from. */
  async function save(): Promise<boolean> {
    const s = current.value;
    if (!s || !levers.value) return false;
    if (refuseWhileInvalid()) return false;
    const lv = levers.value;
    return change(async () => {
      await engine.api().saveScenario({ id: s.id, name: s.name, levers: lv });
      await loadSaved();
      if (compareIds.value.includes(s.id)) await refreshComparison();
      return `Saved the changes to "${s.name}".`;
    });
  }

  async function rename(id: number, rawName: string): Promise<boolean> {
    const s = saved.value.find((x) => x.id === id);
    const name = rawName.trim();
    if (!s) return false;
    if (name === s.name) return true;
    const problem = checkName(name, id);
    if (problem) {
      error.value = problem;
      return false;
    }
    return change(async () => {
      await engine.api().saveScenario({ id, name, levers: s.levers });
      await loadSaved();
      return `Renamed "${s.name}" to "${name}".`;
    });
  }

  /** Copies a scenario under a free name and opens the copy, ready to be changed. */
  async function duplicate(id: number): Promise<boolean> {
    const s = saved.value.find((x) => x.id === id);
    if (!s) return false;
    return change(async () => {
      const copy = await engine.api().duplicateScenario(id, copyName(s.name, saved.value.map((x) => x.name)));
      await loadSaved();
      currentId.value = copy.id;
      levers.value = structuredClone(copy.levers);
      await evaluateNow();
      return `Duplicated "${s.name}" as "${copy.name}", now open.`;
    });
  }

  async function remove(id: number): Promise<boolean> {
    const s = saved.value.find((x) => x.id === id);
    if (!s) return false;
    return change(async () => {
      await engine.api().deleteScenario(id);
      // The form keeps the deleted scenario's levers, now unsaved, so nothing on screen is lost by accident.
      if (currentId.value === id) currentId.value = null;
      compareIds.value = compareIds.value.filter((x) => x !== id);
      await loadSaved();
      return `Deleted "${s.name}".`;
    });
  }

  /** Adds or removes a scenario from the comparison (and the pack); at most three. */
  async function setCompared(id: number, on: boolean): Promise<boolean> {
    if (on && !compareIds.value.includes(id)) {
      if (compareIds.value.length >= MAX_COMPARED) {
        error.value = `Compare up to ${MAX_COMPARED} scenarios at a time: clear one first.`;
        return false;
      }
      compareIds.value = [...compareIds.value, id];
    } else if (!on) {
      compareIds.value = compareIds.value.filter((x) => x !== id);
    }
    error.value = null;
    await refreshComparison();
    return true;
  }

  /** Evaluates the compared scenarios for the period (side by side, and the options in the pack). */
  async function refreshComparison(): Promise<void> {
    const spec = period.value;
    const chosen = comparedScenarios.value;
    const mine = ++compareSeq;
    if (!spec || chosen.length === 0) {
      compared.value = {};
      return;
    }
    try {
      const results = await Promise.all(chosen.map((s) => engine.api().evaluateScenario({ period: spec, levers: s.levers })));
      if (mine !== compareSeq) return;
      compared.value = Object.fromEntries(chosen.map((s, i) => [s.id, results[i]!]));
    } catch (err) {
      if (mine === compareSeq) fail(err);
    }
  }

  /** The pack as XLSX (the engine writes it) for the saved scenarios in the pack, saved through the host. */
  async function exportWorkbook(): Promise<boolean> {
    const spec = period.value;
    const ids = packIds.value;
    if (!spec) return false;
    if (ids.length === 0) {
      error.value = 'Save the scenario (or choose saved ones to compare) before exporting the workbook: the workbook is built from saved scenarios.';
      return false;
    }
    working.value = true;
    error.value = null;
    try {
      const bytes = await engine.api().exportBusinessCase({ period: spec, scenarioIds: ids });
      return await host().saveFile(`radbench-business-case-${fileLabel(spec)}.xlsx`, bytes, XLSX_MIME);
    } catch (err) {
      fail(err);
      return false;
    } finally {
      working.value = false;
    }
  }

  /** The board paper as PDF: print.css shows only the paper; desktop saves a PDF, a browser opens its print dialog. */
  async function printPack(): Promise<boolean> {
    const spec = period.value;
    if (!spec) return false;
    try {
      await settle();
      return await host().printReport(`radbench-business-case-${fileLabel(spec)}.pdf`);
    } catch (err) {
      fail(err);
      return false;
    }
  }

  function dismiss(): void {
    error.value = null;
    notice.value = null;
  }

  // Another database, an import or a staff edit changes the baseline and may replace the saved scenarios.
  // The dashboard store re-reads the periods on the same signal (synchronously); init waits for that before the baseline.
  reloadOnChange(engine, () => baseline.value !== null, init, 'pre');

  return {
    baseline, levers, evaluation, saved, currentId, compareIds, compared, recommendedId, paper, invalidFields,
    loading, evaluating, evaluations, working, error, notice,
    period, current, unsaved, edited, comparedScenarios, busy, packIds, packOptions, recommendedIndex,
    init, loadBaseline, setSelection, evaluateNow, setLevers, settle, setInvalidFields, resetLevers, startNew, open,
    saveAs, save, rename, duplicate, remove, setCompared, refreshComparison, exportWorkbook, printPack, dismiss,
  };
});
