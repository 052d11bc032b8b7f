// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { DB_FILE, TMP_FILE, createOpfsStore, type DatabaseStore, type DirectoryHandle } from '../../../renderer/engine/opfsStore';
import { withPersistence } from '../../../renderer/engine/persistingEngine';
import { createFakeEngine } from './fakeEngine';

/** An in-memory stand-in for an OPFS directory, with or without move() support. */
function memoryDirectory(options: { move?: 'overwrite' | 'refuse-existing' | 'none'; writer?: 'writable' | 'sync' } = {}) {
  const files = new Map<string, Uint8Array>();
  const notFound = () => Object.assign(new Error('not found'), { name: 'NotFoundError' });
  const dir: DirectoryHandle = {
    async getFileHandle(name, opts) {
      if (!files.has(name)) {
        if (!opts?.create) throw notFound();
        files.set(name, new Uint8Array());
      }
      let current = name;
      return {
        getFile: async () => new Blob([files.get(current)! as Uint8Array<ArrayBuffer>]),
        ...(options.writer === 'sync'
          ? {
              createSyncAccessHandle: async () => {
                let buf = files.get(current)!;
                return {
                  truncate: (n: number) => void (buf = buf.slice(0, n)),
                  write: (data: Uint8Array, o?: { at?: number }) => {
                    const at = o?.at ?? 0;
                    const next = new Uint8Array(Math.max(buf.length, at + data.length));
                    next.set(buf);
                    next.set(data, at);
                    buf = next;
                    return data.length;
                  },
                  flush: () => void files.set(current, buf),
                  close: () => undefined,
                };
              },
            }
          : {
              createWritable: async () => {
                let staged = new Uint8Array();
                return {
                  write: async (data: Uint8Array) => void (staged = data.slice()),
                  close: async () => void files.set(current, staged),
                };
              },
            }),
        ...(options.move === 'none'
          ? {}
          : {
              move: async (_parent: DirectoryHandle, to: string) => {
                if (options.move === 'refuse-existing' && files.has(to)) throw Object.assign(new Error('exists'), { name: 'InvalidModificationError' });
                files.set(to, files.get(current)!);
                files.delete(current);
                current = to;
              },
            }),
      };
    },
    async removeEntry(name) {
      if (!files.delete(name)) throw notFound();
    },
  };
  return { dir, files };
}

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => (b ? new TextDecoder().decode(b) : null);

describe('OPFS database store', () => {
  for (const variant of [
    { move: 'overwrite', writer: 'writable' },
    { move: 'refuse-existing', writer: 'writable' },
    { move: 'none', writer: 'sync' },
  ] as const) {
    it(`saves through a temporary file and loads the latest save (move: ${variant.move}, writer: ${variant.writer})`, async () => {
      const { dir, files } = memoryDirectory(variant);
      const store = createOpfsStore(async () => dir);
      expect(await store.load()).toBeNull();
      await store.save(bytes('first'));
      await store.save(bytes('second, longer'));
      await store.save(bytes('third'));
      expect(text(await store.load())).toBe('third');
      expect(text(files.get(DB_FILE))).toBe('third');
      expect(files.has(TMP_FILE)).toBe(false);
    });
  }

  it('recovers from a stop between removing the old file and moving the new one', async () => {
    const { dir, files } = memoryDirectory();
    files.set(TMP_FILE, bytes('complete new copy'));
    expect(text(await createOpfsStore(async () => dir).load())).toBe('complete new copy');
  });

  it('runs saves one at a time, in order', async () => {
    const { dir, files } = memoryDirectory();
    const store = createOpfsStore(async () => dir);
    await Promise.all(['a', 'b', 'c', 'd'].map((s) => store.save(bytes(s))));
    expect(text(files.get(DB_FILE))).toBe('d');
  });

  it('turns a storage failure into a message that says the change was made and what to do', async () => {
    const store = createOpfsStore(async () => {
      throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    });
    await expect(store.save(bytes('x'))).rejects.toThrow(/no room left.*Download a \.radbench copy/);
    // A failed save does not block the next one.
    await expect(store.save(bytes('y'))).rejects.toThrow(/no room left/);
  });
});

describe('browser engine host persistence', () => {
  function recordingStore(): DatabaseStore & { saves: number } {
    const s = {
      saves: 0,
      load: async () => null,
      save: async () => void s.saves++,
      keepCopy: async () => undefined,
    };
    return s;
  }

  it('saves after committed changes only, never after reads or a pending import', async () => {
    const fake = createFakeEngine();
    const store = recordingStore();
    const api = withPersistence(fake, store, Promise.resolve());

    await api.info();
    await api.listStaff();
    await api.dashboard({ period: { latest: true } });
    expect(store.saves).toBe(0);

    const report = await api.runImport({ source: { kind: 'bytes', name: 'r.csv', bytes: new Uint8Array() }, kind: 'ris', commit: false, importId: 'i1' });
    expect(report.status).toBe('pending');
    expect(store.saves).toBe(0);
    await api.discardImport('i1');
    expect(store.saves).toBe(0);

    await api.runImport({ source: { kind: 'bytes', name: 'r.csv', bytes: new Uint8Array() }, kind: 'ris', commit: false, importId: 'i2' });
    await api.commitImport('i2');
    expect(store.saves).toBe(1);
    await api.saveStaff({ code: 'R1', name: null, group: 'radiologist', wte: 1, validFrom: '2023-04-01', validTo: null, grade: null, provider: null });
    expect(store.saves).toBe(2);
    await api.undoBatch(1);
    expect(store.saves).toBe(3);
    await api.loadDemo();
    expect(store.saves).toBe(4);
    await api.open(null);
    expect(store.saves).toBe(5);
  });

  it('holds every call until the saved database is open', async () => {
    const fake = createFakeEngine();
    let open!: () => void;
    const ready = new Promise<void>((r) => (open = r));
    const api = withPersistence(fake, recordingStore(), ready);
    let answered = false;
    const info = api.info().then(() => (answered = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(answered).toBe(false);
    open();
    await info;
    expect(answered).toBe(true);
  });

  it('releases a cross-thread progress callback when the import ends', async () => {
    const fake = createFakeEngine();
    const api = withPersistence(fake, recordingStore(), Promise.resolve());
    const { releaseProxy } = await import('comlink');
    let released = 0;
    const progress = Object.assign(() => undefined, { [releaseProxy]: () => void released++ });
    await api.runImport({ source: { kind: 'bytes', name: 'r.csv', bytes: new Uint8Array() }, kind: 'ris', commit: false }, progress);
    expect(released).toBe(1);
  });
});
