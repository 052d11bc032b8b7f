/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by source file, and the
 * inclusive time of a few functions named on the command line (name, or name@part-of-file-path).
 *   npx tsx scripts/profile-summary.ts PROFILE.cpuprofile [--top 40] [--inclusive add@summaries,write@importer] [--within flush@summaries]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const path = process.argv[2];
if (!path) throw new Error('usage: profile-summary.ts PROFILE.cpuprofile [--top N] [--inclusive a,b]');
const arg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};
const top = Number(arg('--top') ?? 40);
const inclusiveNames = (arg('--inclusive') ?? '').split(',').filter(Boolean);

const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfTime = new Map<number, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  selfTime.set(id, (selfTime.get(id) ?? 0) + dt);
  total += dt;
});

const shortUrl = (url: string) => url.replace(/^.*\/(node_modules\/[^/]+|shared|electron|scripts)\//, '$1/');
const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const [id, t] of selfTime) {
  const n = byId.get(id)!;
  byFunction.set(label(n), (byFunction.get(label(n)) ?? 0) + t);
  const file = shortUrl(n.callFrame.url) || `(${n.callFrame.functionName})`;
  byFile.set(file, (byFile.get(file) ?? 0) + t);
}

const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)}%  ${(t / 1e6).toFixed(2).padStart(6)} s`;
console.log(`total sampled ${(total / 1e6).toFixed(2)} s\n\nself time by function:`);
for (const [name, t] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${name}`);
console.log('\nself time by file:');
for (const [name, t] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(t)}  ${name}`);

if (inclusiveNames.length) {
  console.log('\ninclusive time (a sample counts once however deep the name recurs):');
  for (const name of inclusiveNames) {
    const [fn, where] = name.split('@') as [string, string | undefined];
    let t = 0;
    profile.samples.forEach((id, i) => {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = byId.get(at)!.callFrame;
        if (frame.functionName === fn && (where === undefined || frame.url.includes(where))) {
          t += profile.timeDeltas[i] ?? 0;
          break;
        }
      }
    });
    console.log(`${pct(t)}  ${name}`);
  }
}

// --within name[@file]: self time of whatever runs inside that function, by function.
const within = arg('--within');
if (within) {
  const [fn, where] = within.split('@') as [string, string | undefined];
  const inside = new Map<string, number>();
  let t = 0;
  profile.samples.forEach((id, i) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.functionName === fn && (where === undefined || frame.url.includes(where))) {
        const dt = profile.timeDeltas[i] ?? 0;
        const name = label(byId.get(id)!);
        inside.set(name, (inside.get(name) ?? 0) + dt);
        t += dt;
        break;
      }
    }
  });
  console.log(`\ninside ${within} (${(t / 1e6).toFixed(2)} s), self time by function:`);
  for (const [name, dt] of [...inside].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(dt)}  ${name}`);
}
