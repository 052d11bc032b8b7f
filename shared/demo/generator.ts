/**
 * Deterministic generator of the SYNTHETIC demo department's RIS activity and staff register.
 * Exams stream out in examination-date order, one day at a time, so a full two-year extract
 * (about half a million rows) never sits in memory. Times are integer minutes since 1970-01-01
 * (local wall clock), formatted once per record from cached day and time strings.
 */
import type { ExamRecord, Modality, PatientSource, StaffGroup, StaffRecord } from '../model';
import { MODALITIES } from '../model';
import {
  MINUTES_PER_DAY,
  civilFromDays,
  daysFromCivil,
  englandBankHolidays,
  hhmm,
  isoDay,
  nthWeekdayOfMonth,
  weekday,
} from './calendar';
import { demoPatientHash } from './patients';
import { Rng, WeightedTable, lognormalFromMedianP90 } from './random';
import {
  ANNUAL_GROWTH,
  CORE_HOURS,
  DEMO_MODALITIES,
  EXAM_CODES,
  FIRST_YEAR_EXAMS,
  HOURLY_PATTERN,
  INSOURCED,
  INSOURCING_PROVIDER,
  MODALITY_MIX,
  MONTH_PATTERN,
  NEVER_REPORTED,
  OTHER_IN_HOUSE,
  PRIORITY_MIX,
  PRIORITY_SPEED,
  RADIOGRAPHER_XR_SHARE,
  RADIOLOGISTS,
  REPORTING_MIX,
  REPORTING_RADIOGRAPHERS,
  SONOGRAPHERS,
  SONOGRAPHER_US_SHARE,
  SOURCE_MIX,
  SPECIALTY_AFFINITY,
  SURNAMES,
  INITIALS,
  TELERADIOLOGY,
  TRAINEES,
  TURNAROUND_HOURS,
  UNKNOWN_EXAM_CODES,
  UNREGISTERED_REPORTERS,
  WEEKDAY_PATTERN,
  siteMix,
  type DemoModality,
  type DemoPriority,
  type ExamCodeDef,
  type StaffDef,
} from './trust';

export interface DemoOptions {
  seed?: number;
  /** Calendar year in which the first financial year starts: 2024 gives FY 2024/25 (and 2025/26 when years = 2). */
  firstFinancialYear?: number;
  years?: number;
  /**
   * 1 gives about 250,000 examinations a year; 0.01 suits tests. Synthetic NHS numbers repeat beyond
   * 900,000 patients (about 1.2 million examinations), so keep scale × years within about 4.
   */
  scale?: number;
}

export interface ResolvedDemoOptions {
  seed: number;
  firstFinancialYear: number;
  years: number;
  scale: number;
  /** Day numbers (days since 1970-01-01): first day of the first year, and the day after the last. */
  startDay: number;
  endDay: number;
}

/** The exam stream plus the synthetic patient id of the record last yielded (the CSV writer turns it into an NHS number). */
export interface DemoExamCursor {
  exams: Generator<ExamRecord>;
  patientId(): number;
}

export const DEMO_DEFAULTS = { seed: 1, firstFinancialYear: 2024, years: 2, scale: 1 } as const;

export function resolveDemoOptions(opts: DemoOptions = {}): ResolvedDemoOptions {
  const seed = opts.seed ?? DEMO_DEFAULTS.seed;
  const firstFinancialYear = opts.firstFinancialYear ?? DEMO_DEFAULTS.firstFinancialYear;
  const years = opts.years ?? DEMO_DEFAULTS.years;
  const scale = opts.scale ?? DEMO_DEFAULTS.scale;
  if (!Number.isInteger(seed)) throw new RangeError(`demo seed must be an integer, got ${seed}`);
  if (!Number.isInteger(firstFinancialYear) || firstFinancialYear < 1990 || firstFinancialYear > 2200) {
    throw new RangeError(`demo firstFinancialYear must be a year, got ${firstFinancialYear}`);
  }
  if (!Number.isInteger(years) || years < 1 || years > 10) throw new RangeError(`demo years must be 1–10, got ${years}`);
  if (!(scale > 0 && scale <= 10)) throw new RangeError(`demo scale must be in (0, 10], got ${scale}`);
  return {
    seed,
    firstFinancialYear,
    years,
    scale,
    startDay: daysFromCivil(firstFinancialYear, 4, 1),
    endDay: daysFromCivil(firstFinancialYear + years, 4, 1),
  };
}

// ---------------------------------------------------------------------------------------------
// Staff register

/** The special validity dates, relative to the first financial year. */
export function demoKeyDates(firstFinancialYear: number): { leaverLastDay: string; joinerFirstDay: string; radiographerQualifies: string } {
  return {
    // Third Friday of October in year one; first Monday of October in year two; first Monday of January in year one.
    leaverLastDay: isoDay(nthWeekdayOfMonth(firstFinancialYear, 10, 4, 3)),
    joinerFirstDay: isoDay(nthWeekdayOfMonth(firstFinancialYear + 1, 10, 0, 1)),
    radiographerQualifies: isoDay(nthWeekdayOfMonth(firstFinancialYear + 1, 1, 0, 1)),
  };
}

function staffValidity(def: StaffDef, fy1: number): { validFrom: string; validTo: string | null } {
  const key = demoKeyDates(fy1);
  if (def.role === 'joiner') return { validFrom: key.joinerFirstDay, validTo: null };
  if (def.role === 'qualifies') return { validFrom: key.radiographerQualifies, validTo: null };
  // Everyone else started before the first 1 April: `since` whole years before the preceding calendar year.
  const validFrom = isoDay(nthWeekdayOfMonth(fy1 - 1 - (def.since ?? 0), def.month ?? 9, 0, 1));
  return { validFrom, validTo: def.role === 'leaver' ? key.leaverLastDay : null };
}

const GROUP_LISTS: readonly (readonly [StaffRecord['group'], readonly StaffDef[], string | null])[] = [
  ['radiologist', RADIOLOGISTS, null],
  ['trainee', TRAINEES, null],
  ['reporting_radiographer', REPORTING_RADIOGRAPHERS, null],
  ['sonographer', SONOGRAPHERS, null],
  ['other_in_house', OTHER_IN_HOUSE, null],
  ['insourced', INSOURCED, INSOURCING_PROVIDER],
];

/** The demo trust's staff register (teleradiology reporters are not registered, as at most trusts). */
export function demoStaff(opts: DemoOptions = {}): StaffRecord[] {
  const { firstFinancialYear } = resolveDemoOptions(opts);
  const out: StaffRecord[] = [];
  for (const [group, defs, provider] of GROUP_LISTS) {
    for (const def of defs) {
      const { validFrom, validTo } = staffValidity(def, firstFinancialYear);
      out.push({ code: def.code, name: def.name, group, wte: def.wte, validFrom, validTo, grade: def.grade, provider });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reporters and pools

interface Reporter {
  code: string;
  name: string | null;
  provider: string | null;
  group: StaffGroup;
  weightBase: number;
  specialty: StaffDef['specialty'];
  reports: readonly Modality[] | null;
  fromDay: number;
  toDay: number; // inclusive
}

const G = {
  radiologist: 0,
  trainee: 1,
  reporting_radiographer: 2,
  sonographer: 3,
  other_in_house: 4,
  outsourced: 5,
  insourced: 6,
} as const;
type GroupIndex = (typeof G)[keyof typeof G];
const POOLED_GROUPS: readonly StaffGroup[] = ['radiologist', 'trainee', 'reporting_radiographer', 'sonographer', 'other_in_house', 'outsourced', 'insourced'];
const MOD_INDEX = new Map<Modality, number>(MODALITIES.map((m, i) => [m, i]));

function dayOf(iso: string): number {
  return daysFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

function registeredReporters(fy1: number): Reporter[] {
  const out: Reporter[] = [];
  for (const [group, defs, provider] of GROUP_LISTS) {
    for (const def of defs) {
      const { validFrom, validTo } = staffValidity(def, fy1);
      out.push({
        code: def.code,
        name: def.name,
        provider: null, // insourced reporters work on the trust's own RIS: the extract carries no provider
        group: group as StaffGroup,
        // Insourced reporters hold no trust WTE; weight them evenly.
        weightBase: (provider ? 1 : def.wte) * (def.pace ?? 1),
        specialty: def.specialty,
        reports: 'reports' in def ? (def as { reports: readonly Modality[] }).reports : null,
        fromDay: dayOf(validFrom),
        toDay: validTo ? dayOf(validTo) : Number.POSITIVE_INFINITY,
      });
    }
  }
  return out;
}

function affinity(r: Reporter, m: Modality): number {
  switch (r.group) {
    case 'radiologist':
      return SPECIALTY_AFFINITY[r.specialty ?? 'general'][m] ?? 0;
    case 'other_in_house':
      return r.reports?.includes(m) ? 1 : 0;
    default:
      return 1;
  }
}

/** Weighted reporter tables for one era (a span of days with a fixed set of valid staff): [group][modality]. */
function buildEraPools(reporters: readonly Reporter[], day: number): WeightedTable<Reporter>[][] {
  const active = reporters.filter((r) => r.fromDay <= day && day <= r.toDay);
  const generalRadiologists = new WeightedTable(active.filter((r) => r.group === 'radiologist').map((r) => [r, r.weightBase] as const));
  return POOLED_GROUPS.map((group) =>
    MODALITIES.map((m) => {
      const table = new WeightedTable(active.filter((r) => r.group === group).map((r) => [r, r.weightBase * affinity(r, m)] as const));
      // A modality nobody in the group covers falls back to the radiologists at large.
      return table.size > 0 ? table : generalRadiologists;
    }),
  );
}

function teleradiologyReporters(): { ooh: WeightedTable<Reporter[]>; routine: WeightedTable<Reporter[]> } {
  const lists: [Reporter[], number, number][] = [];
  let n = 0;
  for (const p of TELERADIOLOGY) {
    const list: Reporter[] = [];
    for (let i = 1; i <= p.reporters; i++, n++) {
      const surname = SURNAMES[(n * 7 + 3) % SURNAMES.length] as string;
      const initial = INITIALS[(n * 5 + 1) % INITIALS.length] as string;
      list.push({
        code: `${p.prefix}${String(i).padStart(3, '0')}`,
        name: `${surname}, ${initial}`,
        provider: p.provider,
        group: 'outsourced',
        weightBase: 1,
        specialty: undefined,
        reports: null,
        fromDay: Number.NEGATIVE_INFINITY,
        toDay: Number.POSITIVE_INFINITY,
      });
    }
    lists.push([list, p.ooh, p.routine]);
  }
  return {
    ooh: new WeightedTable(lists.map(([l, w]) => [l, w] as const)),
    routine: new WeightedTable(lists.map(([l, , w]) => [l, w] as const)),
  };
}

function unregistered(code: string, name: string | null): Reporter {
  return {
    code,
    name,
    provider: null,
    group: 'unclassified',
    weightBase: 0,
    specialty: undefined,
    reports: null,
    fromDay: Number.NEGATIVE_INFINITY,
    toDay: Number.POSITIVE_INFINITY,
  };
}

// ---------------------------------------------------------------------------------------------
// Streams: one per (modality, patient source), with daily means and time-of-day tables

interface Stream {
  modality: DemoModality;
  source: PatientSource;
  acute: boolean;
  dailyMean: Float64Array; // indexed by day - startDay
  hours: [WeightedTable<number>, WeightedTable<number>, WeightedTable<number>]; // weekday, Saturday, Sunday/holiday
  codes: WeightedTable<ExamCodeDef>;
  sites: WeightedTable<string>;
  priorities: WeightedTable<DemoPriority>;
  turnaround: { mu: number; sigma: number };
}

function hourTable(weights: readonly number[]): WeightedTable<number> {
  return new WeightedTable(weights.map((w, h) => [h, w] as const));
}

function dayKindOf(day: number, holidays: ReadonlySet<number>): 0 | 1 | 2 {
  if (holidays.has(day)) return 2;
  const wd = weekday(day);
  return wd === 6 ? 2 : wd === 5 ? 1 : 0;
}

function buildStreams(o: ResolvedDemoOptions, holidays: ReadonlySet<number>): Stream[] {
  const days = o.endDay - o.startDay;
  const fy1End = daysFromCivil(o.firstFinancialYear + 1, 4, 1);
  const streams: Stream[] = [];
  for (const m of DEMO_MODALITIES) {
    const scan = m === 'CT' || m === 'MR';
    for (const [source, srcShare] of Object.entries(SOURCE_MIX[m]) as [PatientSource, number][]) {
      const acute = source === 'emergency' || source === 'inpatient';
      const weekKey = source === 'outpatient' && scan ? 'outpatientScan' : source;
      const pattern = WEEKDAY_PATTERN[weekKey];
      const months = MONTH_PATTERN[acute ? 'acute' : 'planned'];
      const growth = 1 + ANNUAL_GROWTH[m];
      const weight = new Float64Array(days);
      let fy1Sum = 0;
      for (let i = 0; i < days; i++) {
        const day = o.startDay + i;
        const wdIndex = holidays.has(day) ? 6 : weekday(day);
        const month = civilFromDays(day)[1];
        const w = (pattern[wdIndex] ?? 0) * (months[month - 1] ?? 1) * growth ** (i / 365.25);
        weight[i] = w;
        if (day < fy1End) fy1Sum += w;
      }
      const k = (FIRST_YEAR_EXAMS * o.scale * MODALITY_MIX[m] * srcShare) / fy1Sum;
      for (let i = 0; i < days; i++) weight[i] = (weight[i] ?? 0) * k;

      let weekdayHours: readonly number[];
      let saturdayHours: readonly number[];
      let sundayHours: readonly number[];
      if (source === 'emergency') weekdayHours = saturdayHours = sundayHours = HOURLY_PATTERN.emergency;
      else if (source === 'inpatient') weekdayHours = saturdayHours = sundayHours = HOURLY_PATTERN.inpatient;
      else if (source === 'gp') {
        weekdayHours = HOURLY_PATTERN.planned;
        saturdayHours = sundayHours = HOURLY_PATTERN.saturdayGp;
      } else {
        weekdayHours = source === 'outpatient' && scan ? HOURLY_PATTERN.plannedScan : HOURLY_PATTERN.planned;
        saturdayHours = sundayHours = HOURLY_PATTERN.weekendList;
      }
      const [median, p90] = TURNAROUND_HOURS[m][source];
      streams.push({
        modality: m,
        source,
        acute,
        dailyMean: weight,
        hours: [hourTable(weekdayHours), hourTable(saturdayHours), hourTable(sundayHours)],
        codes: new WeightedTable(EXAM_CODES.filter((c) => c.modality === m).map((c) => [c, c.weight * (c.bySource?.[source] ?? 1)] as const)),
        sites: new WeightedTable(siteMix(m, source)),
        priorities: new WeightedTable(PRIORITY_MIX[source]),
        turnaround: lognormalFromMedianP90(median, p90),
      });
    }
  }
  return streams;
}

/** Fraction of plain-film examinations within the reporting radiographers' scope (chest and MSK, not inpatients). */
function radiographerEligibleShare(streams: readonly Stream[]): number {
  let all = 0;
  let eligible = 0;
  for (const s of streams) {
    if (s.modality !== 'XR') continue;
    const volume = SOURCE_MIX.XR[s.source] ?? 0;
    let rr = 0;
    for (let i = 0; i < s.codes.size; i++) {
      const c = s.codes.items[i] as ExamCodeDef;
      if (c.radiographer) rr += c.weight * (c.bySource?.[s.source] ?? 1);
    }
    all += volume;
    if (s.source !== 'inpatient') eligible += (volume * rr) / s.codes.total;
  }
  return eligible / all;
}

// ---------------------------------------------------------------------------------------------
// The exam stream

const HHMM: string[] = Array.from({ length: MINUTES_PER_DAY }, (_, m) => hhmm(m));
const BY_CODE = new Map(EXAM_CODES.map((c) => [c.code, c]));

/** Evenly spaced deterministic injections: `count` of them over `expected` records. */
function injector(expected: number, count: number): { every: number; phase: number } {
  const every = Math.max(1, Math.floor(expected / count));
  return { every, phase: Math.floor(every / 2) };
}

/** Every generated examination, in examination-date order. Options are checked at call time. */
export function demoExams(opts: DemoOptions = {}): Generator<ExamRecord> {
  return generate(resolveDemoOptions(opts), { patientId: -1 });
}

/** demoExams with access to each record's synthetic patient id. */
export function demoExamCursor(opts: DemoOptions = {}): DemoExamCursor {
  const state = { patientId: -1 };
  const exams = generate(resolveDemoOptions(opts), state);
  return { exams, patientId: () => state.patientId };
}

function* generate(o: ResolvedDemoOptions, current: { patientId: number }): Generator<ExamRecord> {
  const { startDay, endDay, seed } = o;
  const cutoff = endDay * MINUTES_PER_DAY; // the extract is taken at midnight after the final 31 March
  const span = endDay - startDay;

  const holidays = new Set<number>();
  for (let y = o.firstFinancialYear - 1; y <= o.firstFinancialYear + o.years + 1; y++) for (const d of englandBankHolidays(y)) holidays.add(d);

  // Calendar caches, a little either side of the span (reports run later, data errors run earlier).
  const cacheFrom = startDay - 7;
  const cacheTo = endDay + 400;
  const dayKind = new Uint8Array(cacheTo - cacheFrom);
  const dayIso: string[] = [];
  for (let d = cacheFrom; d < cacheTo; d++) {
    dayKind[d - cacheFrom] = dayKindOf(d, holidays);
    dayIso.push(isoDay(d));
  }
  const kindOf = (d: number): number => (d >= cacheFrom && d < cacheTo ? (dayKind[d - cacheFrom] as number) : dayKindOf(d, holidays));
  const isoOf = (d: number): string => (d >= cacheFrom && d < cacheTo ? (dayIso[d - cacheFrom] as string) : isoDay(d));
  const stamp = (minute: number): string => {
    const d = Math.floor(minute / MINUTES_PER_DAY);
    return `${isoOf(d)}T${HHMM[minute - d * MINUTES_PER_DAY]}`;
  };
  const isCoreTime = (minute: number): boolean => {
    const d = Math.floor(minute / MINUTES_PER_DAY);
    const m = minute - d * MINUTES_PER_DAY;
    return kindOf(d) === 0 && m >= CORE_HOURS.startMinute && m < CORE_HOURS.endMinute;
  };

  const rng = new Rng(seed);
  const streams = buildStreams(o, holidays);
  const rrEligible = radiographerEligibleShare(streams);

  // Reporter pools by era: the register changes on a few days (leaver, joiner, newly qualified radiographer).
  const reporters = registeredReporters(o.firstFinancialYear);
  const boundaries = new Set<number>([startDay]);
  for (const r of reporters) {
    if (r.fromDay > startDay && r.fromDay < endDay) boundaries.add(r.fromDay);
    if (r.toDay + 1 > startDay && r.toDay + 1 < endDay) boundaries.add(r.toDay + 1);
  }
  const eraStarts = [...boundaries].sort((a, b) => a - b);
  const eraPools = eraStarts.map((d) => buildEraPools(reporters, d));
  const poolsFor = (day: number): WeightedTable<Reporter>[][] => {
    let e = 0;
    while (e + 1 < eraStarts.length && (eraStarts[e + 1] as number) <= day) e++;
    return eraPools[e] as WeightedTable<Reporter>[][];
  };
  const tele = teleradiologyReporters();
  const locum = unregistered(UNREGISTERED_REPORTERS.locum.code, UNREGISTERED_REPORTERS.locum.name);
  const temp = unregistered(UNREGISTERED_REPORTERS.temp.code, UNREGISTERED_REPORTERS.temp.name);
  // The locum covers the leaver's sessions for twelve weeks, without ever being registered.
  const leaver = reporters.find((r) => RADIOLOGISTS.some((d) => d.role === 'leaver' && d.code === r.code));
  const locumFrom = (leaver ? leaver.toDay : startDay + 200) + 15;
  const locumTo = locumFrom + 84;

  // Deliberate data errors, spread evenly so that even a small demo has a few of each.
  let expected = 0;
  for (const s of streams) for (const v of s.dailyMean) expected += v;
  const negative = injector(expected, Math.max(5, Math.round(expected * 1e-4)));
  const unknown = injector(expected, Math.max(4, Math.round(expected * 6e-5)));
  const tempLogin = injector(expected, Math.max(3, Math.round(expected * 4e-5)));
  let pendingNegative = 0;
  let pendingUnknown = 0;
  let pendingTemp = 0;

  // Patients: a share of examinations belong to someone scanned recently (inpatients, follow-ups).
  const recent = new Int32Array(4096);
  let recentFilled = 0;
  let recentPos = 0;
  let nextPatient = 0;

  let accessionSeq = 0;
  let primarySeq = 0;
  // Sort keys for one day: (minute of day << 6) | stream index, grown as needed.
  let keys = new Int32Array(4096);

  const shiftToCore = (minute: number): number => {
    let d = Math.floor(minute / MINUTES_PER_DAY);
    const m = minute - d * MINUTES_PER_DAY;
    if (!(kindOf(d) === 0 && m < CORE_HOURS.startMinute)) {
      d++;
      while (kindOf(d) !== 0) d++;
    }
    return d * MINUTES_PER_DAY + CORE_HOURS.startMinute + rng.int(0, CORE_HOURS.endMinute - CORE_HOURS.startMinute - 60);
  };

  for (let day = startDay; day < endDay; day++) {
    const kind = kindOf(day);
    const i = day - startDay;
    let count = 0;
    for (let s = 0; s < streams.length; s++) {
      const stream = streams[s] as Stream;
      const n = rng.poisson(stream.dailyMean[i] ?? 0);
      const hours = stream.hours[kind as 0 | 1 | 2];
      if (count + n > keys.length) {
        const grown = new Int32Array(Math.max(keys.length * 2, count + n));
        grown.set(keys);
        keys = grown;
      }
      for (let k = 0; k < n; k++) keys[count++] = (hours.pick(rng) * 60 + rng.int(0, 59)) * 64 + s;
    }
    const dayKeys = keys.subarray(0, count).sort(); // typed arrays sort numerically
    const t = i / span;

    for (let j = 0; j < count; j++) {
      const key = dayKeys[j] as number;
      const stream = streams[key & 63] as Stream;
      const examMinute = day * MINUTES_PER_DAY + (key >>> 6);
      const source = stream.source;

      if (primarySeq % unknown.every === unknown.phase) pendingUnknown++;
      if (primarySeq % negative.every === negative.phase) pendingNegative++;
      if (primarySeq % tempLogin.every === tempLogin.phase) pendingTemp++;
      primarySeq++;

      let modality: Modality = stream.modality;
      let code: string;
      let name: string;
      let def: ExamCodeDef | null = null;
      let site: string;
      let turnaround = stream.turnaround;
      if (pendingUnknown > 0) {
        pendingUnknown--;
        const u = UNKNOWN_EXAM_CODES[rng.int(0, UNKNOWN_EXAM_CODES.length - 1)] as { code: string; name: string };
        modality = 'OT';
        code = u.code;
        name = u.name;
        site = 'RXX01';
        const [median, p90] = TURNAROUND_HOURS.OT[source];
        turnaround = lognormalFromMedianP90(median, p90);
      } else {
        def = stream.codes.pick(rng);
        code = def.code;
        name = def.name;
        site = stream.sites.pick(rng);
      }
      const priority = stream.priorities.pick(rng);

      let patientId: number;
      if (recentFilled >= 256 && rng.chance(stream.acute ? 0.4 : 0.2)) patientId = recent[rng.int(0, recentFilled - 1)] as number;
      else {
        patientId = nextPatient++;
        recent[recentPos] = patientId;
        recentPos = (recentPos + 1) % recent.length;
        if (recentFilled < recent.length) recentFilled++;
      }
      const hash = demoPatientHash(patientId, seed);

      // Report: turnaround first, then who would report at that time, then when they actually work.
      let reportMinute: number | null = null;
      let reporter: Reporter | null = null;
      if (!rng.chance(NEVER_REPORTED)) {
        const hours = rng.lognormal(turnaround.mu, turnaround.sigma) * (stream.acute ? 1 : PRIORITY_SPEED[priority]);
        reportMinute = examMinute + Math.max(3, Math.round(hours * 60));
        const ooh = !isCoreTime(reportMinute);
        const group = chooseGroup(modality, def, stream, ooh, !isCoreTime(examMinute), t, rrEligible, rng);
        if (group === G.outsourced) {
          reporter = pickFromList((ooh && stream.acute ? tele.ooh : tele.routine).pick(rng), rng);
        } else {
          if (needsShift(group, modality, stream.acute, reportMinute, ooh, rng)) reportMinute = shiftToCore(reportMinute);
          else if (group === G.insourced && !ooh) {
            // Insourcing sessions run in the evening after the trust's own lists.
            reportMinute = Math.floor(reportMinute / MINUTES_PER_DAY) * MINUTES_PER_DAY + CORE_HOURS.endMinute + rng.int(0, 240);
          }
          const reportDay = Math.floor(reportMinute / MINUTES_PER_DAY);
          const pools = poolsFor(reportDay)[group] as WeightedTable<Reporter>[];
          reporter = (pools[MOD_INDEX.get(modality) as number] as WeightedTable<Reporter>).pick(rng);
          if (group === G.radiologist) {
            if (reportDay >= locumFrom && reportDay < locumTo && rng.chance(0.05)) reporter = locum;
            else if (pendingTemp > 0 && modality === 'XR') {
              pendingTemp--;
              reporter = temp;
            }
          }
        }
        if (reportMinute >= cutoff) {
          reportMinute = null; // issued after the extract was taken: still in the backlog
          reporter = null;
        } else if (pendingNegative > 0) {
          pendingNegative--;
          reportMinute = examMinute - rng.int(30, 2000); // keyed against the wrong date
        }
      }

      const accession = `SYN${String(++accessionSeq).padStart(8, '0')}`;
      const examAt = stamp(examMinute);
      const reportedAt = reportMinute === null ? null : stamp(reportMinute);
      current.patientId = patientId;
      const exam: ExamRecord = {
        accession,
        examCode: code,
        examName: name,
        modality,
        modalityUnknown: modality === 'OT',
        site,
        patientSource: source,
        priority,
        requestedAt: null,
        examAt,
        reportedAt,
        reporterCode: reporter ? reporter.code : null,
        reporterName: reporter ? reporter.name : null,
        extractGroup: null,
        provider: reporter ? reporter.provider : null,
        patientHash: hash,
      };
      yield exam;

      // A second code on the same accession, examined and reported together.
      if (def?.pair && rng.chance(def.pair.p)) {
        const other = BY_CODE.get(def.pair.code);
        if (other && other.code !== code) {
          yield { ...exam, examCode: other.code, examName: other.name, modalityUnknown: false };
        }
      }
    }
  }
}

function pickFromList(list: readonly Reporter[], rng: Rng): Reporter {
  return list[rng.int(0, list.length - 1)] as Reporter;
}

function lerp(range: { start: number; end: number }, t: number): number {
  return range.start + (range.end - range.start) * t;
}

/** Which staff group reports an examination, given when the report would be issued. */
function chooseGroup(
  modality: Modality,
  def: ExamCodeDef | null,
  stream: Stream,
  ooh: boolean,
  examOoh: boolean,
  t: number,
  rrEligible: number,
  rng: Rng,
): GroupIndex {
  const mix = REPORTING_MIX;
  const outTrend = 1 + mix.outsourcingTrend * t;
  let u = rng.next();
  switch (modality) {
    case 'XR': {
      if (def?.radiographer && stream.source !== 'inpatient') {
        const p = Math.min(0.95, lerp(RADIOGRAPHER_XR_SHARE, t) / rrEligible);
        if (u < p) return G.reporting_radiographer;
        u = (u - p) / (1 - p);
      }
      let edge = mix.xr.outsourced[stream.source] * outTrend;
      if (u < edge) return G.outsourced;
      edge += mix.xr.insourced;
      if (u < edge) return G.insourced;
      edge += mix.xr.trainee;
      return u < edge ? G.trainee : G.radiologist;
    }
    case 'CT':
    case 'MR': {
      if (def?.cardiac) return u < mix.ctmr.cardiacByCardiologist ? G.other_in_house : G.radiologist;
      if (stream.acute) {
        const p = ooh ? mix.ctmr.acuteOutOfHours : mix.ctmr.acuteInHours;
        if (u < p.outsourced) return G.outsourced;
        return u < p.outsourced + p.trainee ? G.trainee : G.radiologist;
      }
      let edge = (mix.ctmr.routine.outsourced[modality] ?? 0) * outTrend;
      if (u < edge) return G.outsourced;
      edge += mix.ctmr.routine.insourced;
      if (u < edge) return G.insourced;
      edge += mix.ctmr.routine.trainee;
      return u < edge ? G.trainee : G.radiologist;
    }
    case 'US': {
      if (examOoh) return u < mix.usOutOfHours.trainee ? G.trainee : G.radiologist;
      const p = lerp(SONOGRAPHER_US_SHARE, t);
      if (u < p) return G.sonographer;
      return u < p + mix.usTrainee ? G.trainee : G.radiologist;
    }
    case 'NM':
      return u < mix.nm.otherInHouse ? G.other_in_house : G.radiologist;
    case 'PET':
      if (u < mix.pet.outsourced) return G.outsourced;
      return u < mix.pet.outsourced + mix.pet.otherInHouse ? G.other_in_house : G.radiologist;
    case 'FL':
      return u < mix.fl.trainee ? G.trainee : G.radiologist;
    case 'IR':
      return u < mix.ir.trainee ? G.trainee : G.radiologist;
    default:
      return G.radiologist;
  }
}

/** Whether a report that would fall out of hours waits for the group's next working session. */
function needsShift(group: GroupIndex, modality: Modality, acute: boolean, reportMinute: number, ooh: boolean, rng: Rng): boolean {
  if (!ooh) return false;
  // The on-call team reports acute cross-sectional work and scans at night; other work mostly waits.
  const onCall = acute && (modality === 'CT' || modality === 'MR' || modality === 'US' || modality === 'IR');
  switch (group) {
    case G.radiologist: {
      if (onCall) return false;
      const hour = Math.floor(reportMinute / 60) % 24;
      return !(hour >= 18 && hour < 23 && rng.chance(REPORTING_MIX.radiologistEveningShare)); // evening catch-up
    }
    case G.trainee:
      return !onCall;
    case G.reporting_radiographer:
    case G.other_in_house:
      return true;
    default:
      return false; // sonographers report as they scan; external reporters work any hour
  }
}
