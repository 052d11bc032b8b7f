import { beforeAll, describe, expect, it } from 'vitest';
import { demoExamCursor, demoExams, demoKeyDates, demoStaff, type DemoOptions } from '../../../shared/demo/generator';
import { DEMO_SITES, EXAM_CODES, PRIORITIES, TELERADIOLOGY, UNKNOWN_EXAM_CODES } from '../../../shared/demo/trust';
import { MODALITIES, PATIENT_SOURCES, type ExamRecord, type StaffRecord } from '../../../shared/model';
import { financialYear, groupResolver, median, turnaroundHours } from './helpers';

const OPTS: DemoOptions = { seed: 7, scale: 0.02 };
const ISO_MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

function take<T>(it: Iterator<T>, n: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    const r = it.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

function isRealMinute(iso: string): boolean {
  const t = Date.parse(`${iso}:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 16) === iso;
}

let exams: ExamRecord[];
let staff: StaffRecord[];
let groupOf: (e: ExamRecord) => ReturnType<ReturnType<typeof groupResolver>>;

beforeAll(() => {
  exams = [...demoExams(OPTS)];
  staff = demoStaff(OPTS);
  groupOf = groupResolver(staff);
});

describe('determinism', () => {
  it('gives identical records for the same seed, to the last one', () => {
    expect([...demoExams(OPTS)]).toEqual(exams);
    const full = demoExams({ seed: 3 });
    const again = demoExams({ seed: 3 });
    expect(take(full, 1000)).toEqual(take(again, 1000));
  });

  it('differs for a different seed', () => {
    const other = [...demoExams({ ...OPTS, seed: 8 })];
    expect(take(other[Symbol.iterator](), 1000)).not.toEqual(exams.slice(0, 1000));
    const reported = (xs: ExamRecord[]) => xs.filter((e) => e.reportedAt).length;
    expect([other.length, reported(other)]).not.toEqual([exams.length, reported(exams)]);
  });

  it('validates its options when called', () => {
    expect(() => demoExams({ scale: 0 })).toThrow(RangeError);
    expect(() => demoExams({ years: 0 })).toThrow(RangeError);
    expect(() => demoExams({ seed: 1.5 })).toThrow(RangeError);
  });
});

describe('volumes and order', () => {
  it('gives about 5,000 examinations a year at scale 0.02, over FY 2024/25 and 2025/26', () => {
    const perYear = new Map<number, number>();
    for (const e of exams) perYear.set(financialYear(e.examAt), (perYear.get(financialYear(e.examAt)) ?? 0) + 1);
    expect([...perYear.keys()].sort()).toEqual([2024, 2025]);
    for (const n of perYear.values()) {
      expect(n).toBeGreaterThan(4500);
      expect(n).toBeLessThan(5500);
    }
    // Activity grows a little in the second year.
    expect(perYear.get(2025)).toBeGreaterThan(perYear.get(2024) ?? Infinity);
  });

  it('streams in examination-date order within the two financial years', () => {
    let unordered = 0;
    for (let i = 1; i < exams.length; i++) if ((exams[i] as ExamRecord).examAt < (exams[i - 1] as ExamRecord).examAt) unordered++;
    expect(unordered).toBe(0);
    expect((exams[0] as ExamRecord).examAt >= '2024-04-01T00:00').toBe(true);
    expect((exams.at(-1) as ExamRecord).examAt < '2026-04-01T00:00').toBe(true);
  });

  it('has weekends lighter than weekdays, with A&E running round the clock', () => {
    const byDow = new Array<number>(7).fill(0);
    let edNight = 0;
    let gpNight = 0;
    for (const e of exams) {
      const dow = new Date(`${e.examAt}:00Z`).getUTCDay();
      byDow[dow] = (byDow[dow] ?? 0) + 1;
      const hour = Number(e.examAt.slice(11, 13));
      if (hour < 7) {
        if (e.patientSource === 'emergency') edNight++;
        if (e.patientSource === 'gp') gpNight++;
      }
    }
    const [sun = 0, mon = 0, , , , , sat = 0] = byDow;
    expect(sun).toBeLessThan(mon * 0.6);
    expect(sat).toBeLessThan(mon * 0.6);
    expect(edNight).toBeGreaterThan(20);
    expect(gpNight).toBe(0);
  });

  it('keys each examination uniquely by (accession, exam code), with a few two-code accessions', () => {
    const keys = new Set(exams.map((e) => `${e.accession}|${e.examCode}`));
    expect(keys.size).toBe(exams.length);
    const accessions = new Set(exams.map((e) => e.accession));
    const multi = exams.length - accessions.size;
    expect(multi).toBeGreaterThan(0);
    expect(multi / exams.length).toBeLessThan(0.02);
  });
});

describe('record fields', () => {
  it('fills every field validly', () => {
    const codes = new Map(EXAM_CODES.map((c) => [c.code, c]));
    const unknownCodes = new Set(UNKNOWN_EXAM_CODES.map((c) => c.code));
    const sites = new Set(DEMO_SITES.map((s) => s.code));
    const providers = new Set(TELERADIOLOGY.map((p) => p.provider));
    const problems: string[] = [];
    for (const e of exams) {
      const bad = (why: string) => problems.push(`${e.accession} ${e.examCode}: ${why}`);
      if (!/^SYN\d{8}$/.test(e.accession)) bad('accession');
      if (!(MODALITIES as readonly string[]).includes(e.modality)) bad('modality');
      if (e.modalityUnknown !== (e.modality === 'OT')) bad('modalityUnknown');
      if (e.modality === 'OT') {
        if (!unknownCodes.has(e.examCode)) bad('OT code');
      } else if (codes.get(e.examCode)?.modality !== e.modality || codes.get(e.examCode)?.name !== e.examName) bad('exam code');
      if (!e.site || !sites.has(e.site)) bad('site');
      if (!e.patientSource || !(PATIENT_SOURCES as readonly string[]).includes(e.patientSource)) bad('source');
      if (!e.priority || !(PRIORITIES as readonly string[]).includes(e.priority)) bad('priority');
      if (!ISO_MINUTE.test(e.examAt) || !isRealMinute(e.examAt)) bad('examAt');
      if (e.reportedAt !== null && (!ISO_MINUTE.test(e.reportedAt) || !isRealMinute(e.reportedAt))) bad('reportedAt');
      if ((e.reportedAt === null) !== (e.reporterCode === null)) bad('reporter without report');
      if (e.provider !== null && !providers.has(e.provider)) bad('provider');
      if (e.requestedAt !== null || e.extractGroup !== null) bad('unexpected field');
      if (!e.patientHash || !/^[0-9a-f]{64}$/.test(e.patientHash)) bad('patient hash');
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('repeats patients across examinations, and the cursor gives one id per hash', () => {
    expect(new Set(exams.map((e) => e.patientHash)).size).toBeLessThan(exams.length * 0.9);
    const cursor = demoExamCursor(OPTS);
    const idOfHash = new Map<string, number>();
    let conflicts = 0;
    for (const e of take(cursor.exams, 3000)) {
      const id = cursor.patientId();
      const known = idOfHash.get(e.patientHash ?? '');
      if (known !== undefined && known !== id) conflicts++;
      idOfHash.set(e.patientHash ?? '', id);
    }
    expect(conflicts).toBe(0);
  });
});

describe('staff register', () => {
  it('has about thirty consultant radiologists, mostly 1.0 or 0.8 WTE, and the other groups', () => {
    const count = (g: string) => staff.filter((s) => s.group === g).length;
    const rads = staff.filter((s) => s.group === 'radiologist');
    expect(rads.length).toBeGreaterThanOrEqual(28);
    expect(rads.length).toBeLessThanOrEqual(32);
    expect(rads.every((s) => s.wte >= 0.5 && s.wte <= 1)).toBe(true);
    expect(rads.filter((s) => s.wte === 1 || s.wte === 0.8).length / rads.length).toBeGreaterThan(0.7);
    expect(count('trainee')).toBe(8);
    expect(count('reporting_radiographer')).toBe(6);
    expect(count('sonographer')).toBe(10);
    expect(count('other_in_house')).toBe(2);
    const ins = staff.filter((s) => s.group === 'insourced');
    expect(ins.length).toBeGreaterThan(0);
    expect(ins.every((s) => s.provider === '4Ways Healthcare' && s.code.startsWith('INS-'))).toBe(true);
    expect(new Set(staff.map((s) => s.code)).size).toBe(staff.length);
    expect(staff.every((s) => /^\d{4}-\d{2}-\d{2}$/.test(s.validFrom))).toBe(true);
  });

  it('has one leaver in the middle of year one and one joiner in the middle of year two', () => {
    const rads = staff.filter((s) => s.group === 'radiologist');
    const leavers = rads.filter((s) => s.validTo !== null);
    const joiners = rads.filter((s) => s.validFrom >= '2024-04-01');
    expect(leavers.map((s) => s.validTo)).toEqual(['2024-10-18']);
    expect((leavers[0] as StaffRecord).validFrom < '2024-04-01').toBe(true);
    expect(joiners.map((s) => [s.validFrom, s.validTo])).toEqual([['2025-10-06', null]]);
    expect(demoKeyDates(2023)).toMatchObject({ leaverLastDay: '2023-10-20', joinerFirstDay: '2024-10-07' });
  });

  it('only has staff report while they are valid', () => {
    const byCode = new Map(staff.map((s) => [s.code, s]));
    let outside = 0;
    for (const e of exams) {
      const s = e.reporterCode ? byCode.get(e.reporterCode) : undefined;
      if (!s || !e.reportedAt) continue;
      const day = e.reportedAt.slice(0, 10);
      // A report keyed before its examination is a data error: judge validity by the examination date then.
      const when = day < e.examAt.slice(0, 10) ? e.examAt.slice(0, 10) : day;
      if (when < s.validFrom || (s.validTo !== null && when > s.validTo)) outside++;
    }
    expect(outside).toBe(0);
  });
});

describe('reporting patterns', () => {
  const share = (xs: ExamRecord[], pred: (e: ExamRecord) => boolean) => xs.filter(pred).length / xs.length;
  const reportsIn = (fy: number) => exams.filter((e) => e.reportedAt && financialYear(e.reportedAt) === fy);

  it("raises the reporting radiographers' share of plain film from year one to year two", () => {
    const rr = (fy: number) => share(reportsIn(fy).filter((e) => e.modality === 'XR'), (e) => groupOf(e) === 'reporting_radiographer');
    const y1 = rr(2024);
    const y2 = rr(2025);
    expect(y1).toBeGreaterThan(0.09);
    expect(y2).toBeLessThan(0.22);
    expect(y2 - y1).toBeGreaterThan(0.02);
  });

  it('has sonographers report most ultrasound', () => {
    const us = exams.filter((e) => e.reportedAt && e.modality === 'US');
    expect(share(us, (e) => groupOf(e) === 'sonographer')).toBeGreaterThan(0.7);
  });

  it('outsources about a tenth, mostly CT and MR, and insources about three per cent', () => {
    const reports = exams.filter((e) => e.reportedAt);
    const out = reports.filter((e) => groupOf(e) === 'outsourced');
    expect(out.length / reports.length).toBeGreaterThan(0.06);
    expect(out.length / reports.length).toBeLessThan(0.12);
    expect(share(out, (e) => e.modality === 'CT' || e.modality === 'MR')).toBeGreaterThan(0.5);
    expect(share(out, (e) => e.modality === 'XR')).toBeGreaterThan(0.1);
    expect(new Set(out.map((e) => e.provider))).toEqual(new Set(['Medica', 'Everlight']));
    expect(out.every((e) => /^(MED|EVL)-\d{3}$/.test(e.reporterCode ?? ''))).toBe(true);
    const ins = share(reports, (e) => groupOf(e) === 'insourced');
    expect(ins).toBeGreaterThan(0.015);
    expect(ins).toBeLessThan(0.045);
  });

  it('has plausible turnaround: A&E plain film in hours, outpatient MR in days, some over four weeks', () => {
    const hours = (pred: (e: ExamRecord) => boolean) => exams.filter((e) => e.reportedAt && pred(e)).map((e) => turnaroundHours(e) as number);
    expect(median(hours((e) => e.modality === 'XR' && e.patientSource === 'emergency'))).toBeLessThan(36);
    expect(median(hours((e) => e.modality === 'CT' && e.patientSource === 'emergency'))).toBeLessThan(4);
    expect(median(hours((e) => e.modality === 'MR' && e.patientSource === 'outpatient'))).toBeGreaterThan(72);
    expect(median(hours((e) => e.modality === 'US'))).toBeLessThan(2);
    const all = hours(() => true);
    const breaches = all.filter((h) => h > 28 * 24).length;
    expect(breaches).toBeGreaterThan(0);
    expect(breaches / all.length).toBeLessThan(0.04);
  });
});

describe('data problems a real extract has', () => {
  it('has a few reports dated before their examination', () => {
    const reports = exams.filter((e) => e.reportedAt);
    const negative = reports.filter((e) => (turnaroundHours(e) as number) < 0).length;
    expect(negative).toBeGreaterThanOrEqual(3);
    expect(negative / reports.length).toBeLessThan(0.002);
  });

  it('has a few examinations of unknown modality with unresolvable codes', () => {
    const ot = exams.filter((e) => e.modality === 'OT');
    expect(ot.length).toBeGreaterThanOrEqual(3);
    expect(ot.length / exams.length).toBeLessThan(0.002);
    expect(ot.every((e) => e.modalityUnknown && !EXAM_CODES.some((c) => c.code === e.examCode))).toBe(true);
  });

  it('has reporter codes missing from the staff register', () => {
    const unclassified = new Map<string, number>();
    for (const e of exams) if (e.reportedAt && groupOf(e) === 'unclassified') unclassified.set(e.reporterCode ?? '', (unclassified.get(e.reporterCode ?? '') ?? 0) + 1);
    expect([...unclassified.keys()].sort()).toEqual(['LOC99', 'XR-TEMP']);
    expect(exams.find((e) => e.reporterCode === 'XR-TEMP')?.reporterName).toBeNull();
  });

  it('leaves a backlog of unreported examinations at the end of March 2026, mostly recent', () => {
    const end = Date.parse('2026-04-01T00:00:00Z');
    const backlog = exams.filter((e) => e.reportedAt === null);
    expect(backlog.length).toBeGreaterThan(10);
    const ages = backlog.map((e) => (end - Date.parse(`${e.examAt}:00Z`)) / 86_400_000);
    expect(ages.filter((a) => a <= 28).length / ages.length).toBeGreaterThan(0.8);
  });
});
