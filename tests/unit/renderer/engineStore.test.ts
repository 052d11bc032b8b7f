// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { FIRST_RUN_KEY, useEngineStore } from '../../../renderer/stores/engine';
import { setHost, browserHost } from '../../../renderer/platform/host';
import { createFakeEngine } from './fakeEngine';

describe('engine store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    localStorage.clear();
    setHost(browserHost());
  });

  it('connects through the given connector and reads the database info', async () => {
    const fake = createFakeEngine();
    const engine = useEngineStore();
    await engine.connect(async () => fake);
    expect(engine.status).toBe('ready');
    expect(engine.info?.schemaVersion).toBe(1);
  });

  it('reports a connection failure with its message', async () => {
    const engine = useEngineStore();
    await engine.connect(async () => {
      throw new Error('The RadBench engine could not start in this browser.');
    });
    expect(engine.status).toBe('failed');
    expect(engine.fatal).toContain('could not start');
  });

  it('loads the synthetic demo on the very first run only', async () => {
    const fake = createFakeEngine();
    const engine = useEngineStore();
    await engine.attach(fake);
    expect(engine.firstRunPending).toBe(true);
    await engine.firstRun();
    expect(fake.calls.filter((c) => c.method === 'loadDemo')).toHaveLength(1);
    expect(engine.synthetic).toBe(true);
    expect(localStorage.getItem(FIRST_RUN_KEY)).not.toBeNull();

    // Starting empty afterwards must not bring the demo back.
    await engine.startEmpty();
    expect(engine.isEmpty).toBe(true);
    expect(engine.firstRunPending).toBe(false);
    await engine.firstRun();
    expect(fake.calls.filter((c) => c.method === 'loadDemo')).toHaveLength(1);
  });

  it('does not load the demo over a database that already holds data', async () => {
    const fake = createFakeEngine();
    fake.info_ = { ...fake.info_, exams: 10 };
    const engine = useEngineStore();
    await engine.attach(fake);
    await engine.firstRun();
    expect(fake.calls.some((c) => c.method === 'loadDemo')).toBe(false);
  });

  it('refuses a file that is not a SQLite database, naming it', async () => {
    const fake = createFakeEngine();
    const engine = useEngineStore();
    await engine.attach(fake);
    await engine.openDatabaseFile(new File(['name,wte\n'], 'staff.csv'));
    expect(engine.error).toBe('staff.csv is not a RadBench database. Choose a .radbench file saved from RadBench.');
    expect(fake.calls.some((c) => c.method === 'open')).toBe(false);

    await engine.openDatabaseFile(new File([new TextEncoder().encode('SQLite format 3\0rest')], 'mine.radbench'));
    expect(fake.calls.some((c) => c.method === 'open')).toBe(true);
    expect(engine.notice).toBe('Opened mine.radbench.');
  });
});
