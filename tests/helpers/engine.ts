import { createNodeEngine } from '../../electron/node/nodeEngine';
import type { Engine } from '../../shared/engine/engine';

export const encoder = new TextEncoder();

/** A fresh in-memory engine with a pinned clock. */
export async function freshEngine(): Promise<Engine> {
  const engine = createNodeEngine({ now: () => new Date('2026-11-29T12:00:00Z') });
  await engine.open(null);
  return engine;
}

export function csvBytes(lines: string[]): Uint8Array {
  return encoder.encode(lines.join('\r\n') + '\r\n');
}

export async function importCsv(engine: Engine, name: string, kind: 'ris' | 'staff', lines: string[]) {
  return engine.runImport({ source: { kind: 'bytes', name, bytes: csvBytes(lines) }, kind, commit: true });
}
