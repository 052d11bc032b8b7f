/**
 * The reconciliation part of the fake engine used by renderer and host tests: an in-memory reconciliation with
 * no database. It holds statement lines, RIS examinations, the tariff, ledger spend and decisions as plain data,
 * and runs the engine's own pure matching and month summary (shared/reconcile/match.ts, summary.ts) over them on
 * every call, so statuses, traffic lights and the effect of a tariff edit or a decision are the engine's.
 */
import type { PeriodSpec } from '../../../shared/contract';
import { buildDisputePack } from '../../../shared/export/disputePack';
import { parsePeriod, periodFromMonths } from '../../../shared/metrics/calendar';
import type { StaffGroup } from '../../../shared/model';
import {
  LOCKING_DECISIONS, type LineDecision, type LineStatus, type ReconcileApi, type ReconcileLine, type ReconcileRequest, type ReconciliationRow,
  type TariffInput, type TariffRow,
} from '../../../shared/reconcile/api';
import { expectedCost, matchStatement, statementLineKey, type MatchedItem, type RisExamInput, type StatementLineInput } from '../../../shared/reconcile/match';
import { summariseMonth, TRAFFIC_LIGHT_RULES } from '../../../shared/reconcile/summary';
import { TariffBook, tariffConflict } from '../../../shared/reconcile/tariffBook';

export interface FakeStatementLine extends StatementLineInput {
  provider: string;
}

export interface FakeDecision {
  decision: LineDecision;
  note: string | null;
  /** The line's status when decided. */
  status: LineStatus;
  decidedAt: string;
}

export interface FakeReconcileState {
  tariffs: TariffRow[];
  lines: FakeStatementLine[];
  exams: RisExamInput[];
  /** `${provider}|${month}` → outsourced-reporting ledger spend in pence; a month with any key has a ledger. */
  ledger: Map<string, number>;
  decisions: Map<string, FakeDecision>;
  /** Requests, oldest first, for tests that check what the UI asked for. */
  calls: { method: keyof ReconcileApi; args: unknown[] }[];
  now: () => string;
}

const EXAM_CODES: Record<string, string> = { CT: 'CCHES', MR: 'MBRAI', XR: 'XCHES' };

interface Reporter {
  group: StaffGroup;
  provider: string | null;
  code: string;
}

function risExam(accession: string, modality: string, priority: string, reportedAt: string, reporter: Reporter): RisExamInput {
  return {
    accession, examCode: EXAM_CODES[modality] ?? '', examName: null, modality, priority, examAt: `${reportedAt.slice(0, 10)}T08:00`, reportedAt,
    reporterCode: reporter.code, reporterName: null, group: reporter.group, provider: reporter.provider,
  };
}

let nextLineId = 1;
function statementLine(provider: string, file: string, month: string, srcRow: number, accession: string, modality: string, priority: string, reportedOn: string, pence: number): FakeStatementLine {
  return {
    id: nextLineId++, batchId: provider === 'Medica' ? 11 : 12, srcRow, file, month, accession, examCode: EXAM_CODES[modality] ?? '', examName: null,
    modality, priority, reportedOn, unitPricePence: pence, amountPence: pence, provider,
  };
}

const tariff = (id: number, provider: string, modality: string, priority: string | null, pence: number, from = '2023-04-01', to: string | null = null): TariffRow => ({
  id, provider, modality, priority, examCode: null, unitPricePence: pence, effectiveFrom: from, effectiveTo: to, batchId: null,
});

/**
 * Medica, October 2023: every kind of discrepancy (billed £90 over the expected £309; ledger £50 under the
 * statement): red. Medica, November 2023: five lines matched, ledger equal: green. Everlight, October 2023: a
 * line £4 under the tariff (amber) and one £1 over it, resolved and so locked. Medica, April 2022: an older year.
 */
export function seedReconcileState(): FakeReconcileState {
  const medica: Reporter = { group: 'outsourced', provider: 'Medica', code: 'MED-R1' };
  const everlight: Reporter = { group: 'outsourced', provider: 'Everlight', code: 'EVL-R1' };
  const inHouse: Reporter = { group: 'radiologist', provider: null, code: 'RAD01' };
  const acc = (p: string, month: string, n: number) => `${p}${month.replace('-', '')}${String(n).padStart(3, '0')}`;
  const day = (month: string, n: number) => `${month}-${String(n + 1).padStart(2, '0')}`;
  const exams: RisExamInput[] = [];
  const lines: FakeStatementLine[] = [];

  // Medica, October 2023.
  const oct = '2023-10';
  const octFile = 'medica-2023-10.csv';
  const octSpec: [number, string, string, number | null, Reporter | null][] = [
    [1, 'CT', 'Routine', 3500, medica], [2, 'CT', 'Routine', 3500, medica], [3, 'CT', 'Urgent', 4500, medica], [4, 'MR', 'Routine', 5000, medica],
    [5, 'MR', 'Routine', 5000, medica], [6, 'XR', 'Routine', 800, medica], [7, 'XR', 'Urgent', 800, medica], [8, 'CT', 'Routine', 3800, medica],
    [10, 'MR', 'Routine', 5000, null], [11, 'CT', 'Urgent', 4500, inHouse], [12, 'CT', 'Routine', null, medica], [13, 'XR', 'Routine', null, medica],
  ];
  let row = 2;
  for (const [n, modality, priority, pence, reporter] of octSpec) {
    const accession = acc('MED', oct, n);
    if (reporter) exams.push(risExam(accession, modality, priority, `${day(oct, n)}T10:00`, reporter));
    if (pence !== null) lines.push(statementLine('Medica', octFile, oct, row++, accession, modality, priority, day(oct, n), pence));
  }
  // The first examination billed again.
  lines.push(statementLine('Medica', octFile, oct, row++, acc('MED', oct, 1), 'CT', 'Routine', day(oct, 9), 3500));

  // Medica, November 2023: all matched.
  for (const n of [1, 2, 3, 4, 5]) {
    const modality = n % 2 ? 'CT' : 'XR';
    const accession = acc('MED', '2023-11', n);
    exams.push(risExam(accession, modality, 'Routine', `${day('2023-11', n)}T10:00`, medica));
    lines.push(statementLine('Medica', 'medica-2023-11.csv', '2023-11', n + 1, accession, modality, 'Routine', day('2023-11', n), n % 2 ? 3500 : 800));
  }

  // Everlight, October 2023.
  for (let n = 1; n <= 12; n++) {
    const [modality, priority, pence] = n <= 10 ? ['CT', 'Routine', 3600] : n === 11 ? ['MR', 'Routine', 5100] : ['MR', 'Urgent', 5600];
    const accession = acc('EVE', oct, n);
    exams.push(risExam(accession, modality, priority, `${day(oct, n)}T11:00`, everlight));
    lines.push(statementLine('Everlight', 'everlight-2023-10.xlsx', oct, n + 1, accession, modality, priority, day(oct, n), pence));
  }

  // Medica, April 2022.
  exams.push(risExam('MED202204001', 'CT', 'Routine', '2022-04-05T10:00', medica));
  lines.push(statementLine('Medica', 'medica-2022-04.csv', '2022-04', 2, 'MED202204001', 'CT', 'Routine', '2022-04-05', 3300));

  const resolvedKey = statementLineKey('Everlight', oct, acc('EVE', oct, 12), 'MBRAI', 1);
  return {
    tariffs: [
      tariff(1, 'Medica', 'CT', 'Routine', 3500),
      tariff(2, 'Medica', 'CT', 'Urgent', 4500),
      tariff(3, 'Medica', 'MR', null, 5000),
      tariff(4, 'Medica', 'XR', null, 800),
      tariff(5, 'Everlight', 'CT', null, 3600),
      tariff(6, 'Everlight', 'MR', null, 5500),
      tariff(7, 'Medica', 'CT', null, 3300, '2022-04-01', '2023-03-31'),
    ],
    lines,
    exams,
    ledger: new Map([
      ['Medica|2023-10', 34_900],
      ['Medica|2023-11', 12_100],
      ['Everlight|2023-10', 46_700],
      ['Medica|2022-04', 3_300],
    ]),
    decisions: new Map([[resolvedKey, { decision: 'resolved', note: 'Credit note CN-118 received', status: 'price_differs', decidedAt: '2023-11-20T09:30:00' }]]),
    calls: [],
    now: () => '2024-05-01T10:00:00',
  };
}

function monthsOf(spec: PeriodSpec | null | undefined): [string, string] | null {
  if (!spec) return null;
  const period = 'spec' in spec ? parsePeriod(spec.spec) : 'fromMonth' in spec ? periodFromMonths(spec.fromMonth, spec.toMonth) : null;
  return period ? [period.from.slice(0, 7), period.to.slice(0, 7)] : null;
}

interface ProviderRun {
  provider: string;
  items: MatchedItem[];
  rows: ReconciliationRow[];
}

/** What the engine works out for one provider: every item, and a row per month its statements cover. */
function runProvider(state: FakeReconcileState, provider: string): ProviderRun {
  const book = new TariffBook(state.tariffs);
  const lines = state.lines.filter((l) => l.provider === provider);
  const months = [...new Set(lines.map((l) => l.month))].sort();
  const examsByAccession = new Map<string, RisExamInput[]>();
  for (const e of state.exams) examsByAccession.set(e.accession, [...(examsByAccession.get(e.accession) ?? []), e]);
  const providerExams = state.exams.filter((e) => e.provider === provider && e.reportedAt !== null && months.includes(e.reportedAt.slice(0, 7)));
  const items = matchStatement({ provider, lines, examsByAccession, providerExams, tariff: book });
  const decisions = new Map([...state.decisions].map(([k, d]) => [k, d.decision]));
  const ledgerMonths = new Set([...state.ledger.keys()].map((k) => k.split('|')[1]));
  const rows = months.map((month) =>
    summariseMonth({
      provider, month,
      items: items.filter((i) => i.month === month),
      expected: expectedCost(book, provider, providerExams.filter((e) => e.reportedAt!.startsWith(month))),
      ledgerSpendPence: state.ledger.get(`${provider}|${month}`) ?? 0,
      hasLedger: ledgerMonths.has(month),
      decisions,
    }),
  );
  return { provider, items, rows };
}

function providersOf(state: FakeReconcileState): string[] {
  return [...new Set(state.lines.map((l) => l.provider))].sort();
}

function toLine(state: FakeReconcileState, provider: string, item: MatchedItem): ReconcileLine {
  const d = state.decisions.get(item.key);
  const decision = d?.decision ?? 'open';
  const exam = item.exam;
  return {
    key: item.key, status: item.status, accession: item.line?.accession ?? exam?.accession ?? '', examCode: item.line?.examCode || exam?.examCode || null,
    modality: item.line?.modality ?? exam?.modality ?? null, priority: item.line?.priority ?? exam?.priority ?? null,
    reportedAt: item.line?.reportedOn ?? exam?.reportedAt ?? null, unitPricePence: item.line?.unitPricePence ?? null, amountPence: item.line?.amountPence ?? null,
    tariffPence: item.tariffPence, differencePence: item.differencePence, reporter: exam?.reporterCode ?? null, decision, note: d?.note ?? null,
    locked: LOCKING_DECISIONS.includes(decision), provider, month: item.month, source: item.source, examName: item.line?.examName ?? exam?.examName ?? null,
    reason: item.reason, file: item.line?.file ?? null, row: item.line?.srcRow ?? null, batchId: item.line?.batchId ?? null, risExamAt: exam?.examAt ?? null,
    risReportedAt: exam?.reportedAt ?? null, risGroup: exam?.group ?? null, risProvider: exam?.provider ?? null, duplicateOf: item.duplicateOf, credit: item.credit,
    decidedStatus: d && d.status !== item.status ? d.status : null, statusChanged: !!d && d.status !== item.status, decidedAt: d?.decidedAt ?? null,
  };
}

function summarise(state: FakeReconcileState, req: ReconcileRequest): ReconciliationRow[] {
  const range = monthsOf(req.period);
  return providersOf(state)
    .filter((p) => !req.provider || p === req.provider)
    .flatMap((p) => runProvider(state, p).rows)
    .filter((r) => !range || (r.month >= range[0] && r.month <= range[1]));
}

/** The engine's own dispute pack, over the fake's rows and every line of them. */
function disputePack(state: FakeReconcileState, req: ReconcileRequest): Uint8Array {
  const rows = summarise(state, req);
  const covered = new Set(rows.map((r) => `${r.provider}|${r.month}`));
  const lines = providersOf(state)
    .flatMap((p) => runProvider(state, p).items.map((i) => toLine(state, p, i)))
    .filter((l) => covered.has(`${l.provider}|${l.month}`));
  return buildDisputePack({ rows, lines, statusRules: TRAFFIC_LIGHT_RULES, generatedAt: new Date(`${state.now()}Z`), synthetic: false });
}

export type FakeReconcileApi = ReconcileApi & { reconcileState: FakeReconcileState };

export function fakeReconcileApi(state: FakeReconcileState = seedReconcileState()): FakeReconcileApi {
  let nextTariff = Math.max(0, ...state.tariffs.map((t) => t.id)) + 1;
  const log = (method: keyof ReconcileApi, args: unknown[]) => state.calls.push({ method, args: structuredClone(args) });
  const itemsOf = (provider: string, month: string) => runProvider(state, provider).items.filter((i) => i.month === month);
  return {
    reconcileState: state,
    async listTariffs() {
      return state.tariffs.map((t) => ({ ...t })).sort((a, b) => a.provider.localeCompare(b.provider) || a.modality.localeCompare(b.modality) || a.effectiveFrom.localeCompare(b.effectiveFrom));
    },
    async saveTariff(row: TariffInput) {
      log('saveTariff', [row]);
      if (!Number.isSafeInteger(row.unitPricePence) || row.unitPricePence < 0) throw new Error('A unit price is a whole number of pence, not negative.');
      if (row.id !== undefined && !state.tariffs.some((t) => t.id === row.id)) throw new Error(`There is no tariff row ${row.id}.`);
      const conflict = tariffConflict(row, state.tariffs);
      if (conflict) throw new Error(`That price clashes with the ${conflict.row.provider} ${conflict.row.modality} price from ${conflict.row.effectiveFrom}.`);
      const saved: TariffRow = { ...row, id: row.id ?? nextTariff++, batchId: null };
      state.tariffs = [...state.tariffs.filter((t) => t.id !== saved.id), saved];
      return { ...saved };
    },
    async deleteTariff(id: number) {
      log('deleteTariff', [id]);
      if (!state.tariffs.some((t) => t.id === id)) throw new Error(`There is no tariff row ${id}.`);
      state.tariffs = state.tariffs.filter((t) => t.id !== id);
    },
    async reconciliation(req) {
      log('reconciliation', [req]);
      return { rows: summarise(state, req), statusRules: [...TRAFFIC_LIGHT_RULES] };
    },
    async reconcileLines(req) {
      log('reconcileLines', [req]);
      const lines = itemsOf(req.provider, req.month)
        .map((i) => toLine(state, req.provider, i))
        .filter((l) => (!req.status || l.status === req.status) && (!req.decision || l.decision === req.decision));
      const offset = req.offset ?? 0;
      return { lines: lines.slice(offset, offset + (req.limit ?? 1000)), total: lines.length };
    },
    async decideLines(req) {
      log('decideLines', [req]);
      const note = req.note?.trim() || null;
      if (req.decision === 'disputed' && !note) throw new Error('A dispute needs a note saying why.');
      const byKey = new Map<string, ReconcileLine>();
      for (const p of providersOf(state)) for (const i of runProvider(state, p).items) byKey.set(i.key, toLine(state, p, i));
      let changed = 0;
      let locked = 0;
      for (const key of req.keys) {
        const line = byKey.get(key);
        if (!line) throw new Error(`There is no reconciliation line ${key}.`);
        if (line.locked && req.decision !== 'open') {
          locked++;
          continue;
        }
        state.decisions.set(key, { decision: req.decision, note: req.note === undefined ? line.note : note, status: line.status, decidedAt: state.now() });
        changed++;
      }
      return { changed, locked };
    },
    async exportDisputePack(req) {
      log('exportDisputePack', [req]);
      return disputePack(state, req);
    },
  };
}

/** The fake reconciliation's state inside a fake engine (fakeEngine.ts spreads fakeReconcileApi()). */
export function reconcileStateOf(engine: object): FakeReconcileState {
  const state = (engine as Partial<FakeReconcileApi>).reconcileState;
  if (!state) throw new Error('This engine has no fake reconciliation.');
  return state;
}

