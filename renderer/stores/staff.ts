/**
 * The staff register: list, add, edit, end-date and delete entries, and classify the reporters that
 * the RIS names but the register does not know.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { PeriodSpec, StaffRow, UnclassifiedReporter } from '../../shared/contract';
import { IN_HOUSE_GROUPS, STAFF_GROUP_NAMES, type StaffRecord } from '../../shared/model';
import { errorMessage } from '../errors';
import { formatCount, formatDate } from '../format';
import { reloadOnChange, useEngineStore } from './engine';

export type RegisterGroup = StaffRecord['group'];
export const REGISTER_GROUPS: readonly RegisterGroup[] = [...IN_HOUSE_GROUPS, 'outsourced', 'insourced'];

/** A row as typed in the form: numbers and optional dates are still text. */
export interface StaffDraft {
  id?: number;
  code: string;
  name: string;
  group: RegisterGroup | '';
  wte: string;
  validFrom: string;
  validTo: string;
  grade: string;
  provider: string;
}

export type StaffField = 'code' | 'group' | 'wte' | 'validFrom' | 'validTo';
export type StaffErrors = Partial<Record<StaffField, string>>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** A sensible WTE for a newly classified reporter: external reporters hold no trust WTE. */
export function defaultWte(group: RegisterGroup): number {
  return group === 'outsourced' || group === 'insourced' ? 0 : 1;
}

export function emptyDraft(validFrom: string): StaffDraft {
  return { code: '', name: '', group: '', wte: '1.0', validFrom, validTo: '', grade: '', provider: '' };
}

export function draftFromRow(row: StaffRow): StaffDraft {
  return {
    id: row.id,
    code: row.code,
    name: row.name ?? '',
    group: row.group,
    wte: String(row.wte),
    validFrom: row.validFrom,
    validTo: row.validTo ?? '',
    grade: row.grade ?? '',
    provider: row.provider ?? '',
  };
}

function overlaps(aFrom: string, aTo: string | null, bFrom: string, bTo: string | null): boolean {
  return aFrom <= (bTo ?? '9999-12-31') && bFrom <= (aTo ?? '9999-12-31');
}

/** Field-by-field messages that say what to fix; the engine checks again when saving. */
export function validateDraft(draft: StaffDraft, existing: StaffRow[]): StaffErrors {
  const errors: StaffErrors = {};
  const code = draft.code.trim();
  if (!code) errors.code = 'Enter the reporter code used in the RIS.';
  if (!draft.group) errors.group = 'Choose a staff group.';
  const wte = Number(draft.wte.trim().replace(',', '.'));
  if (draft.wte.trim() === '' || !Number.isFinite(wte)) errors.wte = 'Enter the WTE as a number, for example 1.0 or 0.6.';
  else if (wte < 0 || wte > 2) errors.wte = 'WTE must be between 0 and 2.';
  if (!validDate(draft.validFrom)) errors.validFrom = 'Enter the date this entry starts, as dd/mm/yyyy, for example 01/04/2023.';
  if (draft.validTo && !validDate(draft.validTo)) errors.validTo = 'Enter the end date as dd/mm/yyyy, or leave it empty while the entry is current.';
  else if (draft.validTo && validDate(draft.validFrom) && draft.validTo < draft.validFrom) errors.validTo = 'The end date is before the start date.';
  if (code && !errors.validFrom && !errors.validTo) {
    const clash = existing.find(
      (r) => r.id !== draft.id && r.code.toUpperCase() === code.toUpperCase() && overlaps(r.validFrom, r.validTo, draft.validFrom, draft.validTo || null),
    );
    if (clash) errors.code = `${clash.code} already has an entry for these dates (from ${formatDate(clash.validFrom)}). End that entry first, or change the dates.`;
  }
  return errors;
}

export function recordFromDraft(draft: StaffDraft): StaffRecord & { id?: number } {
  const record: StaffRecord & { id?: number } = {
    code: draft.code.trim(),
    name: draft.name.trim() || null,
    group: draft.group as RegisterGroup,
    wte: Number(draft.wte.trim().replace(',', '.')),
    validFrom: draft.validFrom,
    validTo: draft.validTo || null,
    grade: draft.grade.trim() || null,
    provider: draft.provider.trim() || null,
  };
  if (draft.id !== undefined) record.id = draft.id;
  return record;
}

export const useStaffStore = defineStore('staff', () => {
  const engine = useEngineStore();

  const rows = ref<StaffRow[]>([]);
  const unclassified = ref<UnclassifiedReporter[]>([]);
  const firstMonth = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const notice = ref<string | null>(null);
  const loaded = ref(false);

  /** New entries start when the data does, so they cover every report already imported. */
  const defaultValidFrom = computed(() => (firstMonth.value ? `${firstMonth.value}-01` : `${new Date().getFullYear()}-04-01`));

  const unclassifiedReports = computed(() => unclassified.value.reduce((sum, r) => sum + r.reports, 0));

  let inflight: Promise<void> | null = null;
  let rerun = false;

  /** Loads the register; a call during a load asks for one more pass, so the result is never older than the call. */
  function load(): Promise<void> {
    if (inflight) {
      rerun = true;
      return inflight;
    }
    inflight = (async () => {
      try {
        do {
          rerun = false;
          await loadOnce();
        } while (rerun);
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  }

  /** After a change the revision watcher has already started a fresh load; wait for it rather than load twice. */
  async function reloadAfterChange(): Promise<void> {
    await engine.changed();
    await (inflight ?? load());
  }

  async function loadOnce(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const api = engine.api();
      const [list, options] = await Promise.all([api.listStaff(), api.filterOptions()]);
      firstMonth.value = options.firstMonth;
      const period: PeriodSpec = options.firstMonth && options.lastMonth ? { fromMonth: options.firstMonth, toMonth: options.lastMonth } : { latest: true };
      rows.value = list;
      unclassified.value = options.firstMonth ? await api.unclassifiedReporters(period) : [];
      loaded.value = true;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  /** Saves a draft; returns the field errors (empty on success) so the form can show them. */
  async function save(draft: StaffDraft): Promise<StaffErrors & { form?: string }> {
    const errors = validateDraft(draft, rows.value);
    if (Object.keys(errors).length > 0) return errors;
    try {
      const saved = await engine.api().saveStaff(recordFromDraft(draft));
      await reloadAfterChange();
      notice.value = `${draft.id === undefined ? 'Added' : 'Saved'} ${saved.code}${saved.name ? ` (${saved.name})` : ''}.`;
      return {};
    } catch (err) {
      return { form: errorMessage(err) };
    }
  }

  async function remove(row: StaffRow): Promise<void> {
    try {
      await engine.api().deleteStaff(row.id);
      await reloadAfterChange();
      notice.value = `Removed ${row.code} from the register.`;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  /** One click: adds an unclassified reporter to the register in a group. */
  async function classify(reporter: UnclassifiedReporter, group: RegisterGroup, wte: number = defaultWte(group)): Promise<boolean> {
    error.value = null;
    try {
      await engine.api().saveStaff({
        code: reporter.code,
        name: reporter.name.trim() || null,
        group,
        wte,
        validFrom: defaultValidFrom.value,
        validTo: null,
        grade: null,
        provider: group === 'outsourced' || group === 'insourced' ? reporter.name.trim() || null : null,
      });
      await reloadAfterChange();
      notice.value = `Classified ${reporter.code} as ${STAFF_GROUP_NAMES[group].toLowerCase()}; ${formatCount(reporter.reports)} reports now count for that group.`;
      return true;
    } catch (err) {
      error.value = `${reporter.code}: ${errorMessage(err)}`;
      return false;
    }
  }

  // Synchronous, so the reload has started before the action that caused the change goes on to await it.
  reloadOnChange(engine, () => loaded.value, load);

  return {
    rows, unclassified, firstMonth, loading, error, notice, loaded, defaultValidFrom, unclassifiedReports,
    load, save, remove, classify,
  };
});
