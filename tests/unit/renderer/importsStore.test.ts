// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SourceRef } from '../../../shared/contract';
import { useEngineStore } from '../../../renderer/stores/engine';
import { mappingFromPreview, useImportsStore } from '../../../renderer/stores/imports';
import { createFakeEngine, deferred, previewStatementWithAlternatives, type FakeEngine } from './fakeEngine';

function file(name: string): SourceRef {
  return { kind: 'blob', name, blob: new Blob(['Acc No,Exam Date\nA1,01/04/2023\n']) };
}

async function setup(): Promise<{ fake: FakeEngine; imports: ReturnType<typeof useImportsStore> }> {
  setActivePinia(createPinia());
  const fake = createFakeEngine();
  await useEngineStore().attach(fake);
  const imports = useImportsStore();
  await imports.init();
  return { fake, imports };
}

describe('imports store', () => {
  beforeEach(() => vi.useRealTimers());

  it('previews a file and takes the detected mapping, every field present', async () => {
    const { fake, imports } = await setup();
    await imports.addFiles([file('ris.csv')]);
    expect(imports.phase).toBe('mapping');
    expect(imports.preview?.file).toBe('ris.csv');
    expect(imports.kind).toBe('ris');
    expect(imports.mapping).toEqual({ accession: 0, examCode: null, examAt: 1, reportedAt: null, reporterCode: 3 });
    expect(imports.missingRequired).toEqual([]);
    expect(imports.canRun).toBe(true);
    expect(mappingFromPreview(fake.previewFor({ source: file('x.csv') }))).toEqual(imports.mapping);
  });

  it('lets the user correct a column, keeping each field on one column, and blocks a run while a required field is unmapped', async () => {
    const { imports } = await setup();
    await imports.addFiles([file('ris.csv')]);

    imports.setColumnField(2, 'reportedAt');
    expect(imports.mapping.reportedAt).toBe(2);
    expect(imports.mappingEdited).toBe(true);

    // Moving the exam date onto column 2 frees column 1 and replaces column 2's previous field.
    imports.setColumnField(2, 'examAt');
    expect(imports.mapping.examAt).toBe(2);
    expect(imports.mapping.reportedAt).toBeNull();
    expect(imports.columnFields.get(1)).toBeUndefined();

    imports.setColumnField(0, null);
    expect(imports.missingRequired).toEqual(['Accession number']);
    expect(imports.canRun).toBe(false);
    expect(await imports.run()).toBeNull();
  });

  it('asks for one of a set of alternatives, named together, until one of them has a column', async () => {
    const { fake, imports } = await setup();
    previewStatementWithAlternatives(fake);
    await imports.addFiles([file('statement.csv')]);
    expect(imports.missingRequired).toEqual(['Line amount or unit price']);
    expect(imports.canRun).toBe(false);
    imports.setColumnField(2, 'unitPrice');
    expect(imports.missingRequired).toEqual([]);
    expect(imports.canRun).toBe(true);
    imports.setColumnField(0, null);
    expect(imports.missingRequired).toEqual(['Accession number']);
  });

  it('runs with the corrected mapping, shows progress, then commits and records the batch', async () => {
    const { fake, imports } = await setup();
    await imports.addFiles([file('ris.csv')]);
    imports.setColumnField(2, 'reportedAt');

    fake.holdImport = deferred<void>();
    const running = imports.run();
    await vi.waitFor(() => expect(imports.progress?.rowsRead).toBe(500));
    expect(imports.phase).toBe('running');
    expect(imports.progressFraction).toBe(0.5);
    fake.holdImport.resolve();
    const report = await running;

    const call = fake.calls.find((c) => c.method === 'runImport')!;
    const req = call.args[0] as { mapping: Record<string, number | null>; commit: boolean; kind: string; importId: string };
    expect(req.mapping.reportedAt).toBe(2);
    expect(req.commit).toBe(false);
    expect(req.kind).toBe('ris');
    expect(report?.status).toBe('pending');
    expect(imports.phase).toBe('pending');
    expect(imports.rejects).toHaveLength(1);
    expect(imports.progress).toBeNull();

    const engine = useEngineStore();
    const revisionBefore = engine.revision;
    await imports.commit();
    expect(fake.calls.some((c) => c.method === 'commitImport' && c.args[0] === req.importId)).toBe(true);
    expect(imports.batches).toHaveLength(1);
    expect(imports.batches[0]?.file).toBe('ris.csv');
    expect(imports.phase).toBe('idle');
    expect(imports.notice).toContain('990 new');
    expect(engine.revision).toBeGreaterThan(revisionBefore);
  });

  it('cancels a running import and says nothing was saved', async () => {
    const { fake, imports } = await setup();
    await imports.addFiles([file('big.csv')]);
    fake.holdImport = deferred<void>();
    const running = imports.run();
    await vi.waitFor(() => expect(imports.phase).toBe('running'));
    await imports.cancel();
    expect(await running).toBeNull();
    expect(fake.calls.some((c) => c.method === 'cancelImport')).toBe(true);
    expect(imports.phase).toBe('mapping');
    expect(imports.error).toBeNull();
    expect(imports.notice).toContain('cancelled');
    expect(imports.report).toBeNull();
  });

  it('discards a pending import and goes back to the mapping', async () => {
    const { fake, imports } = await setup();
    await imports.addFiles([file('ris.csv')]);
    await imports.run();
    await imports.discard();
    expect(fake.calls.some((c) => c.method === 'discardImport')).toBe(true);
    expect(imports.phase).toBe('mapping');
    expect(imports.report).toBeNull();
  });

  it('queues further files and moves on to the next after a commit', async () => {
    const { imports } = await setup();
    await imports.addFiles([file('a.csv'), file('b.csv')]);
    expect(imports.preview?.file).toBe('a.csv');
    expect(imports.queue.map((q) => q.name)).toEqual(['b.csv']);
    await imports.run();
    await imports.commit();
    expect(imports.preview?.file).toBe('b.csv');
    expect(imports.queue).toEqual([]);
  });

  it('re-previews when the kind changes', async () => {
    const { fake, imports } = await setup();
    await imports.addFiles([file('staff.csv')]);
    await imports.changeKind('staff');
    const last = fake.calls.filter((c) => c.method === 'previewImport').pop()!;
    expect((last.args[0] as { kind: string }).kind).toBe('staff');
    expect(imports.kind).toBe('staff');
  });

  it('saves the mapping as a preset keyed by normalised header', async () => {
    const { fake, imports } = await setup();
    await imports.addFiles([file('ris.csv')]);
    imports.setColumnField(2, 'reportedAt');
    expect(await imports.savePreset('  ')).toBe(false);
    expect(await imports.savePreset('CRIS monthly')).toBe(true);
    expect(fake.presets).toHaveLength(1);
    expect(fake.presets[0]).toMatchObject({ name: 'CRIS monthly', kind: 'ris', headerRow: 1 });
    expect(fake.presets[0]?.headers).toEqual({ accnumber: 'accession', examdate: 'examAt', repdate: 'reportedAt', reporter: 'reporterCode' });
    expect(imports.presets.map((p) => p.name)).toEqual(['CRIS monthly']);
  });

  it('undoes a batch and reports what was removed and restored', async () => {
    const { imports } = await setup();
    await imports.addFiles([file('ris.csv')]);
    await imports.run();
    await imports.commit();
    const batch = imports.batches[0]!;
    const result = await imports.undo(batch.id);
    expect(result).toEqual({ batchId: batch.id, removed: 990, restored: 9 });
    expect(imports.batches).toEqual([]);
    expect(imports.notice).toContain('990 rows removed');
  });

  it('shows the engine’s message when a preview fails', async () => {
    const { fake, imports } = await setup();
    fake.previewImport = async () => {
      throw new Error('empty.csv is empty: there is nothing to import. Check that you exported the right report.');
    };
    await imports.addFiles([file('empty.csv')]);
    expect(imports.phase).toBe('idle');
    expect(imports.error).toContain('empty.csv');
  });
});
