import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEngineStore } from '../../../renderer/stores/engine';
import { LINES_PAGE, useReconcileStore } from '../../../renderer/stores/reconcile';
import { createFakeEngine, type FakeEngine } from './fakeEngine';
import type { RisExamInput } from '../../../shared/reconcile/match';
import { reconcileStateOf, type FakeReconcileState, type FakeStatementLine } from './fakeReconcile';

let fake: FakeEngine;
let state: FakeReconcileState;

beforeEach(async () => {
  setActivePinia(createPinia());
  fake = createFakeEngine();
  state = reconcileStateOf(fake);
  await useEngineStore().attach(fake);
});

describe('the reconcile store', () => {
  it('starts on the newest year with statements, and knows the providers from statements and tariff', async () => {
    state.tariffs.push({ id: 99, provider: 'Hexarad', modality: 'CT', priority: null, examCode: null, unitPricePence: 3000, effectiveFrom: '2023-04-01', effectiveTo: null });
    const store = useReconcileStore();
    await store.load();
    expect(store.fy).toBe('2023/24');
    expect(store.financialYears).toEqual(['2023/24', '2022/23']);
    expect(store.providers).toEqual(['Everlight', 'Hexarad', 'Medica']);
    expect(store.providerYears.map((p) => [p.provider, p.months.map((m) => `${m.month}:${m.status}`)])).toEqual([
      ['Everlight', ['2023-10:amber']],
      ['Medica', ['2023-10:red', '2023-11:green']],
    ]);
    expect(store.providerYears[1]!.totals).toMatchObject({ statementLines: 16, expectedCostPence: 43_000, statementTotalPence: 52_000, ledgerSpendPence: 47_000, ledgerVariancePence: -5_000, openIssues: 6 });
    expect(store.statusRules).toHaveLength(3);
    expect(store.hasLedger).toBe(true);
  });

  it('reads a whole month of lines, page by page, so the status counts are exact', async () => {
    for (let i = 0; i < LINES_PAGE + 7; i++) {
      const accession = `BIG${String(i).padStart(6, '0')}`;
      const pence = i % 1000 === 0 ? 900 : 800;
      const line: FakeStatementLine = {
        id: 10_000 + i, batchId: 20, srcRow: i + 2, file: 'medica-2024-01.csv', month: '2024-01', accession, examCode: '', examName: null, modality: 'XR',
        priority: 'Routine', reportedOn: '2024-01-10', unitPricePence: pence, amountPence: pence, provider: 'Medica',
      };
      const exam: RisExamInput = {
        accession, examCode: 'XCHES', examName: null, modality: 'XR', priority: 'Routine', examAt: '2024-01-09T09:00', reportedAt: '2024-01-10T09:00',
        reporterCode: 'MED-R1', reporterName: null, group: 'outsourced', provider: 'Medica',
      };
      state.lines.push(line);
      state.exams.push(exam);
    }
    const store = useReconcileStore();
    await store.load();
    await store.openMonth('Medica', '2024-01');
    expect(store.lines).toHaveLength(LINES_PAGE + 7);
    expect(state.calls.filter((c) => c.method === 'reconcileLines')).toHaveLength(2);
    expect(store.statusCounts.price_differs).toBe(6);
    expect(store.statusFilter).toBe('discrepancies');
    expect(store.filteredLines).toHaveLength(6);
  });

  it('never ticks a locked line, and says how many the engine kept as they were', async () => {
    const store = useReconcileStore();
    await store.load();
    await store.openMonth('Everlight', '2023-10', 'all');
    const locked = store.lines.find((l) => l.locked)!;
    store.toggleLine(locked.key, true);
    expect(store.selected.size).toBe(0);
    store.selectLines(store.lines);
    expect(store.selected.size).toBe(11);

    // Another window resolved a line meanwhile: the engine refuses it, and the store says so.
    const other = store.lines.find((l) => l.accession === 'EVE202310001')!;
    state.decisions.set(other.key, { decision: 'resolved', note: null, status: other.status, decidedAt: '2024-05-01T09:00:00' });
    const outcome = await store.decide('accepted', null);
    expect(outcome).toEqual({ ok: true, changed: 10, locked: 1 });
    expect(store.notice).toBe('Marked accepted: 10 lines in Everlight, October 2023. 1 line is locked and stayed as it was.');
    // Accepted lines lock too.
    expect(store.lines.every((l) => l.locked)).toBe(true);
    expect(store.selected.size).toBe(0);
  });

  it('keeps a dispute from reaching the engine without a note, and reports what the engine refuses', async () => {
    const store = useReconcileStore();
    await store.load();
    await store.openMonth('Medica', '2023-10');
    expect(await store.decide('disputed', 'x')).toEqual({ ok: false, reason: 'Tick the lines to decide on first.' });
    store.selectLines(store.filteredLines.slice(0, 1));
    expect(await store.decide('disputed', '   ')).toMatchObject({ ok: false });
    expect(state.calls.some((c) => c.method === 'decideLines')).toBe(false);
    fake.decideLines = async () => {
      throw new Error('An import is waiting to be committed or discarded.');
    };
    expect(await store.decide('accepted', null)).toEqual({ ok: false, reason: 'An import is waiting to be committed or discarded.' });
  });

  it('reloads after an import elsewhere, and closes a month whose statement has gone', async () => {
    const store = useReconcileStore();
    await store.load();
    await store.openMonth('Medica', '2023-11');
    expect(store.lines).toHaveLength(5);

    // Another statement line arrives (an import), then the November statement is undone.
    const first = state.lines.find((l) => l.month === '2023-11')!;
    state.lines.push({ ...first, id: 999, srcRow: 7, accession: 'MED202311006' });
    await useEngineStore().changed();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await store.loadLines();
    expect(store.lines).toHaveLength(6);

    state.lines = state.lines.filter((l) => l.month !== '2023-11');
    await useEngineStore().changed();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.focus).toBeNull();
    expect(store.providerYears.find((p) => p.provider === 'Medica')!.months.map((m) => m.month)).toEqual(['2023-10']);
  });

  it('keeps the year valid when the statements of the chosen year go', async () => {
    const store = useReconcileStore();
    await store.load();
    store.setYear('2022/23');
    await store.openMonth('Medica', '2022-04');
    store.setYear('2023/24');
    expect(store.focus).toBeNull();
    state.lines = state.lines.filter((l) => !l.month.startsWith('2023'));
    await store.load();
    expect(store.fy).toBe('2022/23');
  });
});
