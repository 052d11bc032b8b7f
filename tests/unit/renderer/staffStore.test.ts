// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import type { StaffRow } from '../../../shared/contract';
import { useEngineStore } from '../../../renderer/stores/engine';
import { defaultWte, emptyDraft, recordFromDraft, useStaffStore, validateDraft } from '../../../renderer/stores/staff';
import { createFakeEngine } from './fakeEngine';

async function setup() {
  setActivePinia(createPinia());
  const fake = createFakeEngine();
  await useEngineStore().attach(fake);
  const staff = useStaffStore();
  await staff.load();
  return { fake, staff };
}

const existing: StaffRow = { id: 1, code: 'R1', name: 'Dr A', group: 'radiologist', wte: 1, validFrom: '2022-04-01', validTo: '2023-03-31', grade: null, provider: null };

describe('staff draft validation', () => {
  it('names each field that needs fixing', () => {
    const errors = validateDraft({ ...emptyDraft('2023-04-01'), wte: 'lots', validFrom: '2023-02-30' }, []);
    expect(Object.keys(errors).sort()).toEqual(['code', 'group', 'validFrom', 'wte']);
    expect(validateDraft({ ...emptyDraft('2023-04-01'), code: 'R2', group: 'sonographer', wte: '2.5' }, []).wte).toMatch(/between 0 and 2/);
    expect(validateDraft({ ...emptyDraft('2023-04-01'), code: 'R2', group: 'sonographer', validTo: '2023-01-01' }, []).validTo).toMatch(/before the start/);
  });

  it('refuses a second entry for the same code over the same dates, but allows a later one', () => {
    const clash = validateDraft({ ...emptyDraft('2023-01-01'), code: 'r1', group: 'radiologist' }, [existing]);
    expect(clash.code).toMatch(/already has an entry/);
    expect(validateDraft({ ...emptyDraft('2023-04-01'), code: 'R1', group: 'radiologist', wte: '0.8' }, [existing])).toEqual({});
    // Editing the row itself is not a clash.
    expect(validateDraft({ ...emptyDraft('2022-04-01'), id: 1, code: 'R1', group: 'radiologist' }, [existing])).toEqual({});
  });

  it('turns a draft into a record, with empty optional text as null and a comma decimal accepted', () => {
    expect(recordFromDraft({ ...emptyDraft('2023-04-01'), code: ' R9 ', group: 'trainee', wte: '0,6' })).toEqual({
      code: 'R9', name: null, group: 'trainee', wte: 0.6, validFrom: '2023-04-01', validTo: null, grade: null, provider: null,
    });
  });

  it('gives external reporters no trust WTE by default', () => {
    expect(defaultWte('outsourced')).toBe(0);
    expect(defaultWte('insourced')).toBe(0);
    expect(defaultWte('radiologist')).toBe(1);
  });
});

describe('staff store', () => {
  it('loads the register and the unclassified reporters over all the data', async () => {
    const { fake, staff } = await setup();
    expect(staff.unclassified.map((u) => u.code)).toEqual(['ZZ9']);
    expect(staff.unclassifiedReports).toBe(200);
    const call = fake.calls.find((c) => c.method === 'unclassifiedReporters')!;
    expect(call.args[0]).toEqual({ fromMonth: '2022-04', toMonth: '2024-03' });
    expect(staff.defaultValidFrom).toBe('2022-04-01');
  });

  it('classifies a reporter in one call: adds them to the register from the start of the data', async () => {
    const { fake, staff } = await setup();
    const engine = useEngineStore();
    const before = engine.revision;
    const ok = await staff.classify(staff.unclassified[0]!, 'sonographer');
    expect(ok).toBe(true);
    const saved = fake.calls.find((c) => c.method === 'saveStaff')!.args[0];
    expect(saved).toEqual({ code: 'ZZ9', name: 'Dr Unknown', group: 'sonographer', wte: 1, validFrom: '2022-04-01', validTo: null, grade: null, provider: null });
    expect(staff.rows.map((r) => r.code)).toEqual(['ZZ9']);
    expect(staff.unclassified).toEqual([]);
    expect(engine.revision).toBeGreaterThan(before);
    expect(staff.notice).toContain('ZZ9');
  });

  it('records the provider for an outsourced reporter and uses the chosen WTE', async () => {
    const { fake, staff } = await setup();
    await staff.classify(staff.unclassified[0]!, 'outsourced', 0);
    expect(fake.calls.find((c) => c.method === 'saveStaff')!.args[0]).toMatchObject({ group: 'outsourced', wte: 0, provider: 'Dr Unknown' });
  });

  it('saves a valid draft and returns field errors for an invalid one without calling the engine', async () => {
    const { fake, staff } = await setup();
    const bad = await staff.save({ ...emptyDraft('2023-04-01'), code: '' });
    expect(bad.code).toBeDefined();
    expect(fake.calls.some((c) => c.method === 'saveStaff')).toBe(false);

    const ok = await staff.save({ ...emptyDraft('2023-04-01'), code: 'R5', name: 'Dr E', group: 'radiologist', wte: '0.8' });
    expect(ok).toEqual({});
    expect(staff.rows).toHaveLength(1);
    expect(staff.rows[0]).toMatchObject({ code: 'R5', wte: 0.8 });
  });

  it('shows the engine’s message when it refuses a save', async () => {
    const { fake, staff } = await setup();
    fake.saveStaff = async () => {
      throw new Error('WTE must be a number from 0 to 2; 3 is not.');
    };
    const result = await staff.save({ ...emptyDraft('2023-04-01'), code: 'R5', group: 'radiologist', wte: '1' });
    expect(result.form).toContain('WTE must be');
  });
});
