/**
 * Bundles the Electron shell with esbuild into dist-electron/:
 *   main.cjs (main process), preload.cjs (sandboxed preload), engineHost.cjs (engine utility process),
 *   risStageWorker.cjs (the engine's RIS conversion worker thread),
 * and copies sql.js's wasm (read by the engine host) and the window icon beside them.
 * The renderer (dist/) is built separately by Vite.
 */
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist-electron');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

/** Electron 45: Node 22 and Chromium 140. */
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  external: ['electron'],
  tsconfig: join(root, 'tsconfig.electron.json'),
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  define: { __RADBENCH_VERSION__: JSON.stringify(pkg.version) },
};

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: join(outdir, 'main.cjs'),
    platform: 'node',
    target: NODE_TARGET,
  }),
  build({
    ...common,
    entryPoints: ['electron/engineHost.ts'],
    outfile: join(outdir, 'engineHost.cjs'),
    platform: 'node',
    target: NODE_TARGET,
    // Shared Node code may use import.meta.url; give it a real value in this CommonJS bundle.
    define: { ...common.define, 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  build({
    ...common,
    entryPoints: ['electron/node/risStageWorker.ts'],
    outfile: join(outdir, 'risStageWorker.cjs'),
    platform: 'node',
    target: NODE_TARGET,
  }),
  build({
    ...common,
    entryPoints: ['electron/preload.cts'],
    outfile: join(outdir, 'preload.cjs'),
    platform: 'browser',
    target: CHROME_TARGET,
  }),
]);

// A sandboxed preload can require nothing but 'electron': fail the build rather than the app.
const preload = await readFile(join(outdir, 'preload.cjs'), 'utf8');
const requires = [...preload.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
const foreign = requires.filter((name) => name !== 'electron');
if (foreign.length > 0) throw new Error(`preload.cjs requires ${foreign.join(', ')}; a sandboxed preload may only require 'electron'.`);

await copyFile(join(root, 'node_modules', 'sql.js', 'dist', 'sql-wasm.wasm'), join(outdir, 'sql-wasm.wasm'));
await copyFile(join(root, 'resources', 'icons', '256x256.png'), join(outdir, 'icon.png'));

console.log('dist-electron: main.cjs, preload.cjs, engineHost.cjs, risStageWorker.cjs, sql-wasm.wasm, icon.png');
