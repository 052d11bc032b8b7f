// @vitest-environment happy-dom
/**
 * The browser's database store stopped at any point of a save (tab closed, browser killed, power cut)
 * still gives back a whole database at the next start: the previous one or the new one, never a mix,
 * whatever the browser supports (move or not, writable streams or sync access handles).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOpfsStore, type DirectoryHandle } from '../../../renderer/engine/opfsStore';

class Crash extends Error {
  constructor() {
    super('the browser stopped here');
  }
}

type MoveSupport = 'overwrite' | 'refuse-existing' | 'none';
type Writer = 'writable' | 'sync';

/**
 * An OPFS directory kept across "restarts" (`files`), whose operations stop for good at operation number
 * `crashAt`. A writable stream commits only on close (as browsers do, through a swap file); a sync access
 * handle writes in place, so a stop mid-write leaves a torn file.
 */
function crashingDirectory(files: Map<string, Uint8Array>, move: MoveSupport, writer: Writer, crashAt: number) {
  let ops = 0;
  const step = () => {
    ops++;
    if (ops >= crashAt) throw new Crash();
  };
  const notFound = () => Object.assign(new Error('not found'), { name: 'NotFoundError' });
  const dir: DirectoryHandle = {
    async getFileHandle(name, options) {
      if (!files.has(name)) {
        if (!options?.create) throw notFound();
        step();
        files.set(name, new Uint8Array());
      }
      let current = name;
      const handle = {
        getFile: async () => new Blob([files.get(current)! as Uint8Array<ArrayBuffer>]),
        ...(writer === 'writable'
          ? {
              createWritable: async () => {
                let staged = new Uint8Array();
                return {
                  write: async (data: Uint8Array) => {
                    step();
                    staged = data.slice();
                  },
                  close: async () => {
                    step();
                    files.set(current, staged);
                  },
                };
              },
            }
          : {
              createSyncAccessHandle: async () => ({
                truncate: (n: number) => {
                  step();
                  files.set(current, files.get(current)!.slice(0, n));
                },
                write: (data: Uint8Array, o?: { at?: number }) => {
                  const at = o?.at ?? 0;
                  const put = (part: Uint8Array) => {
                    const buf = files.get(current)!;
                    const next = new Uint8Array(Math.max(buf.length, at + part.length));
                    next.set(buf);
                    next.set(part, at);
                    files.set(current, next);
                  };
                  try {
                    step();
                  } catch (crash) {
                    put(data.subarray(0, Math.floor(data.length / 2)));
                    throw crash;
                  }
                  put(data);
                  return data.length;
                },
                flush: () => step(),
                close: () => undefined,
              }),
            }),
        ...(move === 'none'
          ? {}
          : {
              move: async (_parent: DirectoryHandle, to: string) => {
                if (move === 'refuse-existing' && files.has(to)) throw Object.assign(new Error('exists'), { name: 'InvalidModificationError' });
                step();
                files.set(to, files.get(current)!);
                files.delete(current);
                current = to;
              },
            }),
      };
      return handle;
    },
    async removeEntry(name) {
      if (!files.has(name)) throw notFound();
      step();
      files.delete(name);
    },
  };
  return dir;
}

const text = (b: Uint8Array | null) => (b ? new TextDecoder().decode(b) : null);
const version = (n: number) => new TextEncoder().encode(`database version ${n} `.repeat(1 + (n % 4)));

describe('OPFS store: a save stopped at any point', () => {
  it('leaves the previous or the new database, and the next start and save carry on', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<MoveSupport>('overwrite', 'refuse-existing', 'none'),
        fc.constantFrom<Writer>('writable', 'sync'),
        fc.array(fc.integer({ min: 1, max: 14 }), { minLength: 1, maxLength: 4 }),
        async (move, writer, crashes) => {
          const files = new Map<string, Uint8Array>();
          // A first clean save: there is always a previous database.
          await createOpfsStore(async () => crashingDirectory(files, move, writer, Infinity)).save(version(0));
          let committed = 0;
          let n = 0;
          for (const crashAt of crashes) {
            n++;
            const store = createOpfsStore(async () => crashingDirectory(files, move, writer, crashAt));
            let finished = false;
            try {
              await store.save(version(n));
              finished = true;
            } catch (error) {
              // Only our simulated stop, reported the way the store reports a failed save.
              expect(String(error)).toMatch(/could not be saved|no room left/);
            }
            // The next start: a fresh store that never crashes.
            const loaded = text(await createOpfsStore(async () => crashingDirectory(files, move, writer, Infinity)).load());
            if (finished) {
              expect(loaded).toBe(text(version(n)));
              committed = n;
            } else {
              expect([text(version(committed)), text(version(n))]).toContain(loaded);
              if (loaded === text(version(n))) committed = n;
            }
          }
          // After any sequence of stops, a clean save and load give the newest.
          const final = createOpfsStore(async () => crashingDirectory(files, move, writer, Infinity));
          await final.save(version(99));
          expect(text(await final.load())).toBe(text(version(99)));
          expect(committed).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
