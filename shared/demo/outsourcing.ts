/**
 * The SYNTHETIC demo trust's outsourcing paperwork, for reconciliation: a tariff for its two teleradiology
 * providers, their monthly activity statements for the latest financial year, and the trust's ledger of what it
 * paid them. The statements bill exactly what the RIS shows each provider reported, at the tariff, apart from a
 * few planted discrepancies of every kind, listed in `planted` so tests (and the curious) can check that
 * reconciliation finds those and nothing else. Prices are made up, like everything here.
 */
import type { ExamRecord, Modality } from '../model';
import type { TariffRow } from '../reconcile/api';
import { TariffBook } from '../reconcile/tariffBook';
import { priorityKey } from '../reconcile/priority';
import { resolveDemoOptions, type DemoOptions } from './generator';
import { TELERADIOLOGY } from './trust';

export type DemoProvider = 'Medica' | 'Everlight';

/** The tariff, in pence, from the start of the demo's first financial year (dates filled in by demoTariff). */
interface TariffDef {
  provider: DemoProvider;
  modality: Modality;
  priority?: string;
  examCode?: string;
  /** Price in the first financial year, then (when different) from the second. */
  pence: readonly [number, number?];
  /** A price change part-way through the second year (open-ended prices: the later replaces the earlier). */
  from2Oct?: number;
}

const TARIFF_DEFS: readonly TariffDef[] = [
  // Medica's prices rise each April: each year's price has an explicit end.
  { provider: 'Medica', modality: 'XR', pence: [900, 930] },
  { provider: 'Medica', modality: 'CT', pence: [3800, 3950] },
  { provider: 'Medica', modality: 'CT', priority: 'Urgent', pence: [5500, 5700] },
  { provider: 'Medica', modality: 'CT', examCode: 'CCOLV', pence: [6500] },
  { provider: 'Medica', modality: 'MR', pence: [4400, 4550] },
  { provider: 'Medica', modality: 'MR', priority: 'Urgent', pence: [6000, 6200] },
  { provider: 'Medica', modality: 'PET', pence: [9000, 9300] },
  // Everlight's prices are open-ended; MR is re-priced from October of the second year.
  { provider: 'Everlight', modality: 'XR', pence: [850] },
  { provider: 'Everlight', modality: 'CT', pence: [3600] },
  { provider: 'Everlight', modality: 'MR', pence: [4200], from2Oct: 4350 },
  { provider: 'Everlight', modality: 'PET', pence: [9500] },
];

/** The demo's tariff rows (ids from 1). */
export function demoTariff(opts: DemoOptions = {}): TariffRow[] {
  const { firstFinancialYear: y } = resolveDemoOptions(opts);
  const rows: TariffRow[] = [];
  const add = (d: TariffDef, pence: number, from: string, to: string | null) =>
    rows.push({
      id: rows.length + 1,
      provider: d.provider,
      modality: d.modality,
      priority: d.priority ?? null,
      examCode: d.examCode ?? null,
      unitPricePence: pence,
      effectiveFrom: from,
      effectiveTo: to,
    });
  for (const d of TARIFF_DEFS) {
    const [first, second] = d.pence;
    if (second !== undefined) {
      add(d, first, `${y}-04-01`, `${y + 1}-03-31`);
      add(d, second, `${y + 1}-04-01`, null);
    } else {
      add(d, first, `${y}-04-01`, null);
    }
    if (d.from2Oct !== undefined) add(d, d.from2Oct, `${y + 1}-10-01`, null);
  }
  return rows;
}

/** One line of a demo statement. */
export interface DemoStatementLine {
  provider: DemoProvider;
  /** Statement month 'YYYY-MM'. */
  month: string;
  accession: string;
  examCode: string;
  examName: string;
  modality: Modality;
  priority: string | null;
  /** 'YYYY-MM-DD' */
  reportedOn: string;
  unitPricePence: number;
  amountPence: number;
}

export type PlantedKind = 'billed_twice' | 'billed_not_in_ris' | 'not_billed' | 'price_differs' | 'reported_by_other' | 'ledger_variance';

/** A discrepancy put into the demo on purpose. */
export interface PlantedDiscrepancy {
  kind: PlantedKind;
  provider: DemoProvider;
  month: string;
  /** The accession concerned (null for a ledger variance). */
  accession: string | null;
  description: string;
}

export interface DemoLedgerLine {
  provider: DemoProvider;
  supplier: string;
  month: string;
  amountPence: number;
  reference: string;
}

export interface DemoOutsourcing {
  tariff: TariffRow[];
  /** Every statement line, by provider then month, in statement order. */
  statements: DemoStatementLine[];
  /** The trust's ledger: one invoice a provider and month. */
  ledger: DemoLedgerLine[];
  planted: PlantedDiscrepancy[];
  /** The statement months, 'YYYY-MM', in order (the demo's latest financial year). */
  months: string[];
}

export const DEMO_SUPPLIERS: Record<DemoProvider, string> = {
  Medica: 'Medica Reporting Ltd',
  Everlight: 'Everlight Radiology Ltd',
};

/** What is planted where, by provider and month index (0 = April of the latest financial year). */
type Plant = 'twice_same' | 'twice_previous' | 'not_in_ris' | 'not_billed' | 'price_above' | 'price_below' | 'other_reporter' | 'ledger_extra' | 'ledger_missing';
const PLAN: Record<DemoProvider, readonly (readonly [number, Plant])[]> = {
  Medica: [
    [1, 'twice_same'],
    [3, 'not_in_ris'],
    [5, 'not_billed'],
    [6, 'twice_previous'],
    [8, 'other_reporter'],
    [9, 'ledger_extra'],
    [11, 'price_above'],
  ],
  Everlight: [
    [2, 'not_billed'],
    [4, 'price_below'],
    [7, 'twice_same'],
    [9, 'other_reporter'],
    [10, 'not_in_ris'],
    [10, 'ledger_missing'],
  ],
};

const PROVIDERS: readonly DemoProvider[] = TELERADIOLOGY.map((t) => t.provider as DemoProvider);
const LEDGER_EXTRA_PENCE = 25_000;

function statementMonths(firstFinancialYear: number, years: number): string[] {
  const y = firstFinancialYear + years - 1;
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((i + 3) % 12) + 1;
    return `${m >= 4 ? y : y + 1}-${String(m).padStart(2, '0')}`;
  });
}

/** Collects what the statements need from the examination stream, then builds them. */
export class DemoOutsourcingBuilder {
  private readonly months: string[];
  private readonly monthSet: Set<string>;
  private readonly billed = new Map<string, ExamRecord[]>();
  /** Per month, the first CT examination reported in-house by a consultant radiologist. */
  private readonly inHouse = new Map<string, ExamRecord>();
  private readonly tariffRows: TariffRow[];
  private readonly tariff: TariffBook;

  constructor(opts: DemoOptions = {}) {
    const o = resolveDemoOptions(opts);
    this.months = statementMonths(o.firstFinancialYear, o.years);
    this.monthSet = new Set(this.months);
    this.tariffRows = demoTariff(opts);
    this.tariff = new TariffBook(this.tariffRows);
  }

  add(exam: ExamRecord): void {
    if (exam.reportedAt === null) return;
    const month = exam.reportedAt.slice(0, 7);
    if (!this.monthSet.has(month)) return;
    if (exam.provider === 'Medica' || exam.provider === 'Everlight') {
      const key = `${exam.provider}|${month}`;
      const list = this.billed.get(key);
      if (list) list.push(exam);
      else this.billed.set(key, [exam]);
    } else if (exam.modality === 'CT' && /^RAD\d+$/.test(exam.reporterCode ?? '')) {
      const held = this.inHouse.get(month);
      if (!held || exam.reportedAt < held.reportedAt! || (exam.reportedAt === held.reportedAt && exam.accession < held.accession)) this.inHouse.set(month, exam);
    }
  }

  private price(provider: DemoProvider, exam: Pick<ExamRecord, 'modality' | 'priority' | 'examCode'>, day: string): number {
    const row = this.tariff.price({ provider, modality: exam.modality, priority: exam.priority, examCodes: [exam.examCode], date: day });
    if (!row) throw new Error(`The demo tariff has no price for ${provider} ${exam.modality} on ${day}.`);
    return row.unitPricePence;
  }

  private line(provider: DemoProvider, month: string, exam: ExamRecord): DemoStatementLine {
    const day = exam.reportedAt!.slice(0, 10);
    const pence = this.price(provider, exam, day);
    return {
      provider,
      month,
      accession: exam.accession,
      examCode: exam.examCode,
      examName: exam.examName ?? exam.examCode,
      modality: exam.modality,
      priority: exam.priority,
      reportedOn: day,
      unitPricePence: pence,
      amountPence: pence,
    };
  }

  build(): DemoOutsourcing {
    const statements: DemoStatementLine[] = [];
    const ledger: DemoLedgerLine[] = [];
    const planted: PlantedDiscrepancy[] = [];
    const byReport = (a: ExamRecord, b: ExamRecord) =>
      a.reportedAt! < b.reportedAt! ? -1 : a.reportedAt! > b.reportedAt! ? 1 : a.accession < b.accession ? -1 : a.accession > b.accession ? 1 : a.examCode < b.examCode ? -1 : 1;
    for (const provider of PROVIDERS) {
      const plans = PLAN[provider];
      let previous: DemoStatementLine[] = [];
      this.months.forEach((month, index) => {
        const plan = new Set(plans.filter(([i]) => i === index).map(([, p]) => p));
        const exams = [...(this.billed.get(`${provider}|${month}`) ?? [])].sort(byReport);
        const plant = (kind: PlantedKind, accession: string | null, description: string) => planted.push({ kind, provider, month, accession, description });
        if (plan.has('not_billed') && exams.length > 3) {
          const [left] = exams.splice(3, 1);
          plant('not_billed', left!.accession, `${left!.examName ?? left!.examCode} reported by ${provider}, left off the statement`);
        }
        const lines = exams.map((e) => this.line(provider, month, e));
        if (plan.has('twice_same') && lines.length > 2) {
          const again = { ...lines[2]! };
          lines.splice(3, 0, again);
          plant('billed_twice', again.accession, `${again.examName} billed on two lines of the same statement`);
        }
        if (plan.has('twice_previous') && previous.length > 1) {
          const again = { ...previous[1]!, month };
          lines.push(again);
          plant('billed_twice', again.accession, `${again.examName} of the previous month's statement billed again`);
        }
        if (plan.has('price_above')) {
          let n = 0;
          for (const l of lines) {
            if (n === 2) break;
            if (l.modality !== 'CT' || l.examCode === 'CCOLV' || priorityKey(l.priority) === 'urgent') continue;
            const urgent = this.price(provider, { modality: 'CT', priority: 'Urgent', examCode: l.examCode }, l.reportedOn);
            l.unitPricePence = l.amountPence = urgent;
            plant('price_differs', l.accession, `${l.examName} (${l.priority ?? 'no priority'}) billed at the urgent rate`);
            n++;
          }
        }
        if (plan.has('price_below')) {
          const l = lines.find((x) => x.modality === 'MR') ?? lines[0];
          if (l) {
            l.unitPricePence = l.amountPence = l.unitPricePence - 100;
            plant('price_differs', l.accession, `${l.examName} billed £1.00 below the tariff`);
          }
        }
        if (plan.has('other_reporter')) {
          const exam = this.inHouse.get(month);
          if (exam) {
            lines.push(this.line(provider, month, exam));
            plant('reported_by_other', exam.accession, `${exam.examName} billed, but the RIS shows it reported in-house`);
          }
        }
        if (plan.has('not_in_ris')) {
          const template = lines.find((l) => l.modality === 'CT') ?? lines[0];
          if (template) {
            const accession = `SYN9${provider === 'Medica' ? '1' : '2'}${month.replace('-', '')}`;
            lines.push({ ...template, accession });
            plant('billed_not_in_ris', accession, `${template.examName} billed under an accession number the RIS does not hold`);
          }
        }
        statements.push(...lines);
        previous = lines;

        const total = lines.reduce((sum, l) => sum + l.amountPence, 0);
        const reference = `${provider.slice(0, 3).toUpperCase()}-${month.replace('-', '')}`;
        if (plan.has('ledger_missing')) {
          plant('ledger_variance', null, `the ${provider} invoice for the month is not in the ledger`);
        } else if (plan.has('ledger_extra')) {
          ledger.push({ provider, supplier: DEMO_SUPPLIERS[provider], month, amountPence: total + LEDGER_EXTRA_PENCE, reference });
          plant('ledger_variance', null, `the ledger holds £250.00 more than the ${provider} statement`);
        } else if (total !== 0) {
          ledger.push({ provider, supplier: DEMO_SUPPLIERS[provider], month, amountPence: total, reference });
        }
      });
    }
    return { tariff: this.tariffRows, statements, ledger, planted, months: this.months };
  }
}
