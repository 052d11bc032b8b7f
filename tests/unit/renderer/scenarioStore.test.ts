import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScenarioLevers } from '../../../shared/scenarios/api';
import { browserHost, setHost } from '../../../renderer/platform/host';
import { XLSX_MIME } from '../../../renderer/stores/benchmarks';
import { useEngineStore } from '../../../renderer/stores/engine';
import { copyName, MAX_COMPARED, useScenariosStore } from '../../../renderer/stores/scenarios';
import { createFakeEngine, type FakeEngine } from './fakeEngine';
import { fakeLevers } from './fakeScenarios';

let fake: FakeEngine;
const saved: { name: string; bytes: Uint8Array; mime: string }[] = [];
const printed: string[] = [];

/** Records every call to the scenario endpoints, as the fake engine does for the others. */
function spy<K extends 'evaluateScenario' | 'scenarioBaseline' | 'exportBusinessCase' | 'duplicateScenario'>(method: K): void {
  const original = fake[method] as (...args: unknown[]) => Promise<unknown>;
  (fake as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
    fake.calls.push({ method, args });
    return original(...args);
  };
}

async function ready() {
  const store = useScenariosStore();
  await store.init();
  return store;
}

beforeEach(async () => {
  setActivePinia(createPinia());
  saved.length = 0;
  printed.length = 0;
  setHost({ ...browserHost(), saveFile: async (name, bytes, mime) => (saved.push({ name, bytes, mime }), true), printReport: async (name) => (printed.push(name), true) });
  fake = createFakeEngine();
  for (const m of ['evaluateScenario', 'scenarioBaseline', 'exportBusinessCase', 'duplicateScenario'] as const) spy(m);
  await useEngineStore().attach(fake);
});
afterEach(() => setHost(null));

describe('scenarios store', () => {
  it('starts from the baseline of the dashboard period, with the default levers evaluated', async () => {
    const store = await ready();
    expect(fake.calls.find((c) => c.method === 'scenarioBaseline')?.args[0]).toEqual({ period: { spec: '2023/24' } });
    expect(store.levers).toEqual(fakeLevers());
    expect(store.levers).not.toBe(store.baseline?.defaults);
    expect(store.evaluation?.outcome.netAnnualEffectPence).toBe(2_700_000);
    expect(store.edited).toBe(false);
    expect(store.unsaved).toBe(true);
    expect(store.current).toBeNull();
  });

  it('re-evaluates after typing pauses, once, with the latest levers', async () => {
    const store = await ready();
    const before = fake.calls.filter((c) => c.method === 'evaluateScenario').length;
    store.setLevers({ ...fakeLevers(), radiographersToAdd: 3 });
    store.setLevers({ ...fakeLevers(), radiographersToAdd: 2 });
    expect(store.evaluating).toBe(true);
    await store.settle();
    const runs = fake.calls.filter((c) => c.method === 'evaluateScenario').slice(before);
    expect(runs).toHaveLength(1);
    expect((runs[0]!.args[0] as { levers: ScenarioLevers }).levers.radiographersToAdd).toBe(2);
    expect(store.evaluation?.outcome.addedStaffCostPence).toBe(5_400_000);
    expect(store.evaluating).toBe(false);
    expect(store.edited).toBe(true);
  });

  it('keeps edited levers when the period changes, and takes the new defaults when untouched', async () => {
    const store = await ready();
    store.setLevers({ ...fakeLevers(), monthsToCompetence: 18 });
    await store.settle();
    await store.setSelection({ mode: 'quarter', quarter: 2 });
    expect(fake.calls.filter((c) => c.method === 'scenarioBaseline').at(-1)?.args[0]).toEqual({ period: { spec: '2023/24-Q2' } });
    expect(store.levers?.monthsToCompetence).toBe(18);
    store.resetLevers();
    await store.settle();
    expect(store.levers).toEqual(fakeLevers());
    expect(store.notice).toBe('Every lever is back at its default.');
  });

  it('round-trips a saved scenario: saved, listed, reopened with exactly its levers, and there after a restart', async () => {
    const store = await ready();
    const levers = { ...fakeLevers(), targetPlainFilmShare: 0.2, outsourcingUnitPricePence: { XR: 800, CT: 5000, MR: 5500 }, releasedTimeUse: 'backlog' as const };
    store.setLevers(levers);
    expect(await store.saveAs('  Option A  ')).toBe(true);
    expect(store.notice).toBe('Saved "Option A".');
    expect(store.saved.map((s) => s.name)).toEqual(['Option A']);
    expect(store.current?.name).toBe('Option A');
    expect(store.unsaved).toBe(false);

    await store.startNew();
    expect(store.levers).toEqual(fakeLevers());
    await store.open(store.saved[0]!.id);
    expect(store.levers).toEqual(levers);

    // A new session on the same engine (the database) lists it and opens the same levers.
    setActivePinia(createPinia());
    await useEngineStore().attach(fake);
    const again = await ready();
    expect(again.saved.map((s) => s.name)).toEqual(['Option A']);
    await again.open(again.saved[0]!.id);
    expect(again.levers).toEqual(levers);
    expect(again.evaluation?.outcome.backlogReportsCleared).toBeGreaterThan(0);
  });

  it('treats levers read back with their keys in another order as unchanged', async () => {
    const store = await ready();
    const listed = fake.listScenarios;
    // As a database might return them: the same levers, keys reversed at every level.
    const reversed = <T,>(o: T): T => (o && typeof o === 'object' ? (Object.fromEntries(Object.entries(o).reverse().map(([k, v]) => [k, reversed(v)])) as T) : o);
    fake.listScenarios = async () => (await listed()).map((s) => ({ ...s, levers: reversed(s.levers) }));
    await store.saveAs('Option A');
    expect(Object.keys(store.current!.levers)[0]).toBe('releasedTimeUse');
    expect(store.unsaved).toBe(false);
    expect(store.packIds).toEqual([store.current!.id]);
  });

  it('saves changes over the open scenario, and refuses duplicate or empty names and invalid levers', async () => {
    const store = await ready();
    await store.saveAs('Option A');
    store.setLevers({ ...fakeLevers(), radiographersToAdd: 6 });
    expect(store.unsaved).toBe(true);
    expect(await store.save()).toBe(true);
    expect((await fake.listScenarios())[0]?.levers.radiographersToAdd).toBe(6);
    expect(store.unsaved).toBe(false);

    expect(await store.saveAs('Option A')).toBe(false);
    expect(store.error).toBe('There is already a scenario called "Option A". Choose another name.');
    expect(await store.saveAs('   ')).toBe(false);
    expect(store.error).toBe('Give the scenario a name.');
    store.setInvalidFields(['radiographersToAdd', 'monthsToCompetence']);
    expect(await store.saveAs('Option B')).toBe(false);
    expect(store.error).toBe('Correct the 2 levers marked in red before saving.');
    expect((await fake.listScenarios()).map((s) => s.name)).toEqual(['Option A']);
  });

  it('renames, duplicates under a free name (opening the copy) and deletes', async () => {
    const store = await ready();
    await store.saveAs('Option A');
    const id = store.current!.id;
    expect(await store.rename(id, 'Four trainees')).toBe(true);
    expect(store.notice).toBe('Renamed "Option A" to "Four trainees".');

    expect(await store.duplicate(id)).toBe(true);
    expect(fake.calls.find((c) => c.method === 'duplicateScenario')?.args).toEqual([id, 'Four trainees (copy)']);
    expect(store.current?.name).toBe('Four trainees (copy)');
    expect(store.notice).toBe('Duplicated "Four trainees" as "Four trainees (copy)", now open.');
    await store.duplicate(id);
    expect(store.saved.map((s) => s.name)).toEqual(['Four trainees', 'Four trainees (copy)', 'Four trainees (copy 2)']);

    await store.setCompared(id, true);
    expect(await store.remove(id)).toBe(true);
    expect(store.saved.map((s) => s.name)).toEqual(['Four trainees (copy)', 'Four trainees (copy 2)']);
    expect(store.compareIds).toEqual([]);
    expect(store.notice).toBe('Deleted "Four trainees".');
  });

  it('forgets the open scenario when it is deleted, but keeps its levers on screen', async () => {
    const store = await ready();
    store.setLevers({ ...fakeLevers(), radiographersToAdd: 5 });
    await store.saveAs('Option A');
    await store.remove(store.current!.id);
    expect(store.current).toBeNull();
    expect(store.levers?.radiographersToAdd).toBe(5);
    expect(store.unsaved).toBe(true);
  });

  it('compares up to three saved scenarios with the current position, each evaluated for the period', async () => {
    const store = await ready();
    for (const [name, n] of [['A', 4], ['B', 2], ['C', 1], ['D', 8]] as const) {
      store.setLevers({ ...fakeLevers(), radiographersToAdd: n });
      await store.saveAs(name);
    }
    const [a, b, c, d] = store.saved.map((s) => s.id);
    expect(await store.setCompared(a!, true)).toBe(true);
    await store.setCompared(b!, true);
    await store.setCompared(c!, true);
    expect(await store.setCompared(d!, true)).toBe(false);
    expect(store.error).toBe(`Compare up to ${MAX_COMPARED} scenarios at a time: clear one first.`);
    expect(store.compareIds).toEqual([a, b, c]);
    expect(store.packOptions.map((o) => o.name)).toEqual(['A', 'B', 'C']);
    expect(store.packOptions.map((o) => o.outcome.addedStaffCostPence)).toEqual([10_800_000, 5_400_000, 2_700_000]);
    expect(store.packIds).toEqual([a, b, c]);
    await store.setCompared(b!, false);
    expect(store.packOptions.map((o) => o.name)).toEqual(['A', 'C']);
    store.recommendedId = c!;
    expect(store.recommendedIndex).toBe(1);
  });

  it('puts the open scenario in the pack when none is chosen, and the unsaved form only in the PDF', async () => {
    const store = await ready();
    expect(store.packIds).toEqual([]);
    expect(store.packOptions.map((o) => o.name)).toEqual(['Proposed option (not saved)']);
    expect(await store.exportWorkbook()).toBe(false);
    expect(store.error).toMatch(/^Save the scenario/);
    await store.saveAs('Option A');
    expect(store.packIds).toEqual([store.current!.id]);
    store.setLevers({ ...fakeLevers(), radiographersToAdd: 1 });
    expect(store.packIds).toEqual([]);
    expect(store.packOptions[0]?.name).toBe('Option A (unsaved changes)');
  });

  it('saves the pack workbook through the host, for the period and the chosen scenarios', async () => {
    const store = await ready();
    await store.saveAs('Option A');
    expect(await store.exportWorkbook()).toBe(true);
    expect(fake.calls.find((c) => c.method === 'exportBusinessCase')?.args[0]).toEqual({ period: { spec: '2023/24' }, scenarioIds: [store.current!.id] });
    expect(saved).toEqual([{ name: 'radbench-business-case-2023-24.xlsx', bytes: new Uint8Array([80, 75, 3, 4]), mime: XLSX_MIME }]);
  });

  it('prints the board paper through the host with a file name for the period', async () => {
    const store = await ready();
    expect(await store.printPack()).toBe(true);
    expect(printed).toEqual(['radbench-business-case-2023-24.pdf']);
  });

  it('shows an engine error instead of throwing', async () => {
    fake.saveScenario = async () => {
      throw new Error('The database is read-only.');
    };
    const store = await ready();
    expect(await store.saveAs('Option A')).toBe(false);
    expect(store.error).toBe('The database is read-only.');
    expect(store.working).toBe(false);
  });

  it('names copies so they never clash', () => {
    expect(copyName('A', ['A'])).toBe('A (copy)');
    expect(copyName('A (copy)', ['A', 'A (copy)'])).toBe('A (copy 2)');
    expect(copyName('A', ['A', 'A (copy)', 'A (copy 2)'])).toBe('A (copy 3)');
  });
});
