/**
 * Matching a provider's statement lines to RIS examinations, as a pure function (statuses: see api.ts).
 * The caller gives every statement line of the provider that shares an accession with the months wanted, in any
 * month, so that a repeat is recognised across statements; and the RIS examinations of those accessions.
 */
import { IN_HOUSE_GROUPS, type InHouseGroup, type StaffGroup } from '../model';
import type { LineStatus } from './api';
import { normaliseExamCode, type TariffBook } from './tariffBook';
import { pounds, signedPounds, ukDay, monthName } from './text';

export interface StatementLineInput {
  id: number;
  batchId: number;
  srcRow: number | null;
  file: string;
  /** Statement month, 'YYYY-MM'. */
  month: string;
  accession: string;
  /** '' when the statement gives none. */
  examCode: string;
  examName: string | null;
  /** Normalised modality, or null when the line gives none that can be derived. */
  modality: string | null;
  priority: string | null;
  /** 'YYYY-MM-DD' */
  reportedOn: string;
  unitPricePence: number;
  amountPence: number;
}

export interface RisExamInput {
  accession: string;
  examCode: string;
  examName: string | null;
  modality: string;
  priority: string | null;
  examAt: string;
  reportedAt: string | null;
  reporterCode: string | null;
  reporterName: string | null;
  /** The report's staff group, resolved as METRICS.md says (register, extract column, provider). */
  group: StaffGroup;
  /** Canonical provider of an outsourced or insourced report; null when the RIS does not say. */
  provider: string | null;
}

export interface MatchInput {
  provider: string;
  /** The provider's statement lines (any order; matched in month, batch, row order). */
  lines: readonly StatementLineInput[];
  /** RIS examinations by accession number. */
  examsByAccession: ReadonlyMap<string, readonly RisExamInput[]>;
  /** RIS examinations the provider reported in the months its statements cover. */
  providerExams: readonly RisExamInput[];
  tariff: TariffBook;
}

export interface MatchedItem {
  key: string;
  source: 'statement' | 'ris';
  status: LineStatus;
  month: string;
  line: StatementLineInput | null;
  exam: RisExamInput | null;
  tariffPence: number | null;
  differencePence: number | null;
  duplicateOf: string | null;
  credit: boolean;
  reason: string;
}

const encode = (part: string): string => encodeURIComponent(part);

/** The key of a statement line: provider, statement month, accession, examination code or modality, occurrence. */
export function statementLineKey(provider: string, month: string, accession: string, examKey: string, occurrence: number): string {
  return ['S', encode(provider), month, encode(accession), encode(examKey), String(occurrence)].join('|');
}

/** The key of a RIS examination not billed: provider, report month, accession, examination code. */
export function risExamKey(provider: string, month: string, accession: string, examCode: string): string {
  return ['R', encode(provider), month, encode(accession), encode(examCode)].join('|');
}

/** The provider and month a key belongs to, or null for a string that is not a reconciliation key. */
export function parseLineKey(key: string): { source: 'statement' | 'ris'; provider: string; month: string } | null {
  const parts = key.split('|');
  const [source, provider, month] = parts;
  if ((source !== 'S' || parts.length !== 6) && (source !== 'R' || parts.length !== 5)) return null;
  if (provider === undefined || month === undefined || !/^\d{4}-\d{2}$/.test(month)) return null;
  try {
    return { source: source === 'S' ? 'statement' : 'ris', provider: decodeURIComponent(provider), month };
  } catch {
    return null;
  }
}

/** What a line says its examination is: its code, else its modality, else nothing. */
export function lineExamKey(line: Pick<StatementLineInput, 'examCode' | 'modality'>): string {
  return normaliseExamCode(line.examCode) ?? line.modality ?? '';
}

const examId = (e: RisExamInput): string => `${e.accession}\u0000${e.examCode}`;
const IN_HOUSE: readonly string[] = IN_HOUSE_GROUPS;
const IN_HOUSE_WHO: Record<InHouseGroup, string> = {
  radiologist: 'a radiologist',
  trainee: 'a trainee (registrar)',
  reporting_radiographer: 'a reporting radiographer',
  sonographer: 'a sonographer',
  other_in_house: 'another in-house reporter',
};

/** When the RIS says the report was issued: reasons name no reporter, since the dispute pack goes to the provider. */
function reportedOn(e: RisExamInput): string {
  return e.reportedAt ? ` on ${ukDay(e.reportedAt)}` : '';
}

/** The tariff price of a RIS examination reported by the provider, or null when none is in force. */
export function examTariff(tariff: TariffBook, provider: string, exam: RisExamInput): number | null {
  if (exam.reportedAt === null) return null;
  const row = tariff.price({
    provider,
    modality: exam.modality,
    priority: exam.priority,
    examCodes: [exam.examCode],
    date: exam.reportedAt.slice(0, 10),
  });
  return row ? row.unitPricePence : null;
}

function lineTariff(tariff: TariffBook, provider: string, line: StatementLineInput, exam: RisExamInput | null): number | null {
  const modality = exam?.modality ?? line.modality;
  if (!modality) return null;
  const row = tariff.price({
    provider,
    modality,
    priority: line.priority ?? exam?.priority ?? null,
    examCodes: exam ? [exam.examCode, line.examCode] : [line.examCode],
    date: line.reportedOn,
  });
  return row ? row.unitPricePence : null;
}

function compareLines(a: StatementLineInput, b: StatementLineInput): number {
  if (a.month !== b.month) return a.month < b.month ? -1 : 1;
  if (a.batchId !== b.batchId) return a.batchId - b.batchId;
  return (a.srcRow ?? 0) - (b.srcRow ?? 0) || a.id - b.id;
}

/**
 * Every line's status, and the provider's RIS examinations that no line bills. Lines come back in month, batch
 * and row order, then the examinations not billed in report order.
 */
export function matchStatement(input: MatchInput): MatchedItem[] {
  const { provider, tariff } = input;
  const lines = [...input.lines].sort(compareLines);
  const claimedBy = new Map<string, string>();
  const unmatchedBy = new Map<string, string>();
  const occurrences = new Map<string, number>();
  const describeLine = new Map<string, StatementLineInput>();
  const out: MatchedItem[] = [];

  for (const line of lines) {
    const ek = lineExamKey(line);
    const occurrenceKey = `${line.month}\u0000${line.accession}\u0000${ek}`;
    const occurrence = (occurrences.get(occurrenceKey) ?? 0) + 1;
    occurrences.set(occurrenceKey, occurrence);
    const key = statementLineKey(provider, line.month, line.accession, ek, occurrence);
    describeLine.set(key, line);
    const credit = line.amountPence < 0;

    const candidates = [...(input.examsByAccession.get(line.accession) ?? [])].sort((a, b) => (a.examCode < b.examCode ? -1 : a.examCode > b.examCode ? 1 : 0));
    const code = normaliseExamCode(line.examCode);
    let pool = code ? candidates.filter((e) => normaliseExamCode(e.examCode) === code) : [];
    // A provider's own code need not be the trust's: the modality decides then, and a line that names no
    // modality is not contradicted by any examination of its accession.
    if (pool.length === 0) pool = line.modality ? candidates.filter((e) => e.modality === line.modality) : candidates;

    const item = (status: LineStatus, exam: RisExamInput | null, reason: string, extra: Partial<MatchedItem> = {}): MatchedItem => {
      const tariffPence = lineTariff(tariff, provider, line, exam);
      return {
        key,
        source: 'statement',
        status,
        month: line.month,
        line,
        exam,
        tariffPence,
        differencePence: tariffPence === null || credit ? null : line.unitPricePence - tariffPence,
        duplicateOf: null,
        credit,
        reason,
        ...extra,
      };
    };
    const notInRis = (): string =>
      candidates.length === 0
        ? `no RIS examination has accession ${line.accession}`
        : `the RIS has accession ${line.accession}, but not for ${ek || 'this examination'} (it holds ${candidates.map((e) => e.examCode || e.modality).join(', ')})`;
    const earlier = (dupKey: string): string => {
      const first = describeLine.get(dupKey);
      return first ? `${first.file}${first.srcRow !== null ? ` row ${first.srcRow}` : ''} (${monthName(first.month)})` : 'an earlier line';
    };

    if (credit) {
      const exam = pool[0] ?? null;
      const billedBefore = claimedBy.get(exam ? examId(exam) : '') ?? unmatchedBy.get(`${line.accession}\u0000${ek}`);
      out.push(
        item(exam || billedBefore ? 'matched' : 'billed_not_in_ris', exam, `a credit of ${pounds(-line.amountPence)}${exam ? '' : billedBefore ? ' against an earlier line' : `; ${notInRis()}`}`, {
          duplicateOf: billedBefore ?? null,
        }),
      );
      continue;
    }

    if (pool.length === 0) {
      const id = `${line.accession}\u0000${ek}`;
      const first = unmatchedBy.get(id);
      if (first) {
        out.push(item('billed_twice', null, `billed before on ${earlier(first)}; ${notInRis()}`, { duplicateOf: first }));
      } else {
        unmatchedBy.set(id, key);
        out.push(item('billed_not_in_ris', null, notInRis()));
      }
      continue;
    }

    const free = pool.find((e) => !claimedBy.has(examId(e)));
    if (!free) {
      const first = claimedBy.get(examId(pool[0]!))!;
      out.push(item('billed_twice', pool[0]!, `the same examination was billed on ${earlier(first)}`, { duplicateOf: first }));
      continue;
    }
    claimedBy.set(examId(free), key);

    if (IN_HOUSE.includes(free.group)) {
      out.push(item('reported_by_other', free, `the RIS shows it reported in-house by ${IN_HOUSE_WHO[free.group as InHouseGroup]}${reportedOn(free)}`));
      continue;
    }
    if (free.provider !== null && free.provider !== provider) {
      out.push(item('reported_by_other', free, `the RIS shows it reported by ${free.provider}${reportedOn(free)}`));
      continue;
    }
    const matched = item('matched', free, '');
    if (matched.tariffPence === null) {
      matched.reason = `matched; no tariff for ${free.modality}${line.priority ? ` (${line.priority})` : ''} on ${ukDay(line.reportedOn)}`;
    } else if (matched.differencePence !== 0) {
      matched.status = 'price_differs';
      matched.reason = `billed ${pounds(line.unitPricePence)}; the tariff on ${ukDay(line.reportedOn)} is ${pounds(matched.tariffPence)} (${signedPounds(matched.differencePence!)})`;
    } else {
      matched.reason = `matched at the tariff (${pounds(matched.tariffPence)})`;
    }
    out.push(matched);
  }

  const unbilled = input.providerExams
    .filter((e) => e.reportedAt !== null && !claimedBy.has(examId(e)))
    .sort((a, b) => (a.reportedAt! < b.reportedAt! ? -1 : a.reportedAt! > b.reportedAt! ? 1 : a.accession < b.accession ? -1 : 1));
  for (const exam of unbilled) {
    const month = exam.reportedAt!.slice(0, 7);
    const tariffPence = examTariff(tariff, provider, exam);
    out.push({
      key: risExamKey(provider, month, exam.accession, exam.examCode),
      source: 'ris',
      status: 'not_billed',
      month,
      line: null,
      exam,
      tariffPence,
      differencePence: null,
      duplicateOf: null,
      credit: false,
      reason: `the RIS shows it reported by ${provider}${reportedOn(exam)}; no statement line bills it${
        tariffPence === null ? '' : ` (tariff ${pounds(tariffPence)})`
      }`,
    });
  }
  return out;
}

export interface ExpectedCost {
  pence: number;
  reports: number;
  unpriced: number;
}

/** The RIS examinations a provider reported, at the tariff: the expected cost. */
export function expectedCost(tariff: TariffBook, provider: string, exams: readonly RisExamInput[]): ExpectedCost {
  let pence = 0;
  let unpriced = 0;
  for (const e of exams) {
    const price = examTariff(tariff, provider, e);
    if (price === null) unpriced++;
    else pence += price;
  }
  return { pence, reports: exams.length, unpriced };
}
