import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoExams, type DemoOptions } from '../../../shared/demo/generator';
import { demoTariff, type DemoOutsourcing, type PlantedKind } from '../../../shared/demo/outsourcing';
import {
  EVERLIGHT_HEADER,
  MEDICA_HEADER,
  MEDICA_TITLE,
  TARIFF_CSV_HEADER,
  demoOutsourcing,
  demoOutsourcingFiles,
} from '../../../shared/demo/outsourcingCsv';
import { TariffBook, tariffConflict } from '../../../shared/reconcile/tariffBook';

const OPTS: DemoOptions = { scale: 0.02 };
let data: DemoOutsourcing;

beforeAll(() => {
  data = demoOutsourcing(OPTS);
});

const parse = (text: string): string[][] => {
  const result = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
};

describe('the demo tariff', () => {
  it('prices both teleradiology providers from the first financial year, without overlapping periods', () => {
    const tariff = demoTariff(OPTS);
    expect(new Set(tariff.map((t) => t.provider))).toEqual(new Set(['Medica', 'Everlight']));
    expect(tariff.every((t) => t.effectiveFrom >= '2024-04-01' && t.unitPricePence > 0)).toBe(true);
    for (const t of tariff) expect(tariffConflict(t, tariff), `${t.provider} ${t.modality} ${t.effectiveFrom}`).toBeNull();
    // Medica's April price rise, and Everlight's open-ended MR price replaced in October.
    const book = new TariffBook(tariff);
    const ct = (date: string) => book.price({ provider: 'Medica', modality: 'CT', priority: 'Routine', examCodes: ['CHEAD'], date })?.unitPricePence;
    expect([ct('2025-03-31'), ct('2025-04-01')]).toEqual([3800, 3950]);
    const mr = (date: string) => book.price({ provider: 'Everlight', modality: 'MR', priority: null, examCodes: [], date })?.unitPricePence;
    expect([mr('2025-09-30'), mr('2025-10-01')]).toEqual([4200, 4350]);
  });
});

describe('the demo statements', () => {
  it('cover every month of the latest financial year for both providers', () => {
    expect(data.months).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    for (const provider of ['Medica', 'Everlight']) {
      expect(new Set(data.statements.filter((l) => l.provider === provider).map((l) => l.month))).toEqual(new Set(data.months));
    }
  });

  it('bill exactly what the RIS shows each provider reported, at the tariff, apart from what was planted', () => {
    const planted = new Set(data.planted.map((p) => `${p.provider}|${p.month}|${p.accession}`));
    const book = new TariffBook(data.tariff);
    const reported = new Map<string, number>();
    for (const e of demoExams(OPTS)) {
      if ((e.provider === 'Medica' || e.provider === 'Everlight') && e.reportedAt && data.months.includes(e.reportedAt.slice(0, 7))) {
        const key = `${e.provider}|${e.reportedAt.slice(0, 7)}|${e.accession}|${e.examCode}`;
        reported.set(key, (reported.get(key) ?? 0) + 1);
      }
    }
    const billed = new Map<string, number>();
    for (const l of data.statements) {
      const key = `${l.provider}|${l.month}|${l.accession}|${l.examCode}`;
      billed.set(key, (billed.get(key) ?? 0) + 1);
      if (planted.has(`${l.provider}|${l.month}|${l.accession}`)) continue;
      const price = book.price({ provider: l.provider, modality: l.modality, priority: l.priority, examCodes: [l.examCode], date: l.reportedOn });
      expect(l.unitPricePence, `${l.provider} ${l.accession}`).toBe(price?.unitPricePence);
      expect(l.amountPence).toBe(l.unitPricePence);
    }
    const unplanted = (key: string) => !planted.has(key.split('|').slice(0, 3).join('|'));
    expect([...reported.keys()].filter((k) => unplanted(k) && billed.get(k) !== 1)).toEqual([]);
    expect([...billed.keys()].filter((k) => unplanted(k) && reported.get(k) !== 1)).toEqual([]);
  });

  it('plant a few of every kind of discrepancy, the same on every run', () => {
    const kinds = new Map<PlantedKind, number>();
    for (const p of data.planted) kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
    expect(Object.fromEntries(kinds)).toEqual({ billed_twice: 3, billed_not_in_ris: 2, not_billed: 2, price_differs: 3, reported_by_other: 2, ledger_variance: 2 });
    expect(demoOutsourcing(OPTS)).toEqual(data);
  });

  it('leave one invoice a provider and month in the ledger, apart from the planted variances', () => {
    const total = (provider: string, month: string) => data.statements.filter((l) => l.provider === provider && l.month === month).reduce((s, l) => s + l.amountPence, 0);
    const variances = data.ledger.filter((l) => l.amountPence !== total(l.provider, l.month)).map((l) => [l.provider, l.month, l.amountPence - total(l.provider, l.month)]);
    expect(variances).toEqual([['Medica', '2026-01', 25_000]]);
    expect(data.ledger).toHaveLength(23);
    expect(data.ledger.some((l) => l.provider === 'Everlight' && l.month === '2026-02')).toBe(false);
  });
});

describe('the demo outsourcing files', () => {
  it('write each provider in its own layout, the tariff and the ledger', () => {
    const files = demoOutsourcingFiles(data);
    expect(Object.keys(files)).toEqual(['demo-tariff.csv', 'demo-statement-medica.csv', 'demo-statement-everlight.csv', 'demo-ledger.csv']);
    const tariff = parse(files['demo-tariff.csv']!);
    expect(tariff[0]).toEqual([...TARIFF_CSV_HEADER]);
    expect(tariff).toHaveLength(data.tariff.length + 1);

    const medica = parse(files['demo-statement-medica.csv']!);
    expect(medica[0]).toEqual([MEDICA_TITLE]);
    expect(medica[1]).toEqual([...MEDICA_HEADER]);
    expect(medica[2]).toEqual([expect.stringMatching(/^Apr-25$/), expect.stringMatching(/^SYN\d{8}$/), expect.any(String), expect.any(String), expect.any(String), expect.any(String), expect.stringMatching(/^\d\d\/\d\d\/2025$/), expect.stringMatching(/^£\d+\.\d\d$/), expect.stringMatching(/^£\d+\.\d\d$/)]);
    expect(medica.at(-1)![0]).toBe('Total');
    expect(medica).toHaveLength(data.statements.filter((l) => l.provider === 'Medica').length + 3);

    const everlight = parse(files['demo-statement-everlight.csv']!);
    expect(everlight[0]).toEqual([...EVERLIGHT_HEADER]);
    expect(everlight[1]).toEqual(['Everlight Radiology', 'April 2025', expect.stringMatching(/^SYN/), expect.any(String), expect.any(String), expect.stringMatching(/^[A-Z0-9/]+$/), expect.stringMatching(/^\d\d-Apr-2025$/), expect.stringMatching(/^\d+\.\d\d$/), expect.stringMatching(/^\d+\.\d\d$/)]);

    const ledger = parse(files['demo-ledger.csv']!);
    expect(ledger[1]).toEqual(['RAD100 Radiology', '52150', 'Outsourced reporting services', 'Medica Reporting Ltd', 'Teleradiology reporting Apr-25', '2025/26 M01', '30/04/2025', expect.stringMatching(/^\d+\.\d\d$/), 'MED-202504']);
  });
});
