import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../electron/cli/main';

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('the demo trust', () => {
  it('gives the same figures loaded directly as imported from its own CSV files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radbench-demo-'));
    const direct = await cli('demo', '--scale', '0.03', '--format', 'json', '--write-csv', dir, '--period', '2025/26');
    expect(direct.code).toBe(0);
    const rejects = join(dir, 'rejects.csv');
    const imported = await cli(
      'analyse', '--ris', join(dir, 'demo-ris.csv'), '--staff', join(dir, 'demo-staff.csv'), '--period', '2025/26',
      '--format', 'json', '--rejects', rejects,
    );
    expect(imported.code).toBe(0);
    const a = JSON.parse(direct.stdout);
    const b = JSON.parse(imported.stdout);
    // The CSV carries nine deliberately broken rows (blank accession, 31 February, "pending?" report date).
    const ris = b.imports.find((i: { kind: string }) => i.kind === 'ris');
    expect(ris.rejected).toBe(9);
    expect(readFileSync(rejects, 'utf8').trim().split('\n')).toHaveLength(10);
    for (const key of ['exams', 'reports', 'wte', 'reportsPerWte', 'skillMix', 'outsourcing', 'turnaround', 'backlog', 'breaches28d', 'unclassifiedReporters']) {
      expect(b[key], key).toEqual(a[key]);
    }
    expect(a.reports.total).toBeGreaterThan(5000);
  });

  it('prints a summary labelled synthetic', async () => {
    const r = await cli('demo', '--scale', '0.02');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/SYNTHETIC DEMO DATA/);
    expect(r.stdout).toMatch(/Plain-film skill mix/);
  });
});
