import { join } from 'node:path';

/**
 * Where sql.js's wasm sits: copied next to the bundle by scripts/build-electron.mjs. In a packaged
 * app the bundle is inside app.asar and the wasm is unpacked beside it (asarUnpack), so that it is a
 * plain file for any reader.
 */
export function wasmPath(bundleDir: string): string {
  return join(bundleDir.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked'), 'sql-wasm.wasm');
}
