import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../electron/cli/main';
import { demoOutsourcing } from '../../shared/demo/outsourcingCsv';

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
      'analyse', '--ris', join(dir, 'demo-ris.csv'), '--staff', join(dir, 'demo-staff.csv'), '--ledger', join(dir, 'demo-ledger.csv'),
      '--period', '2025/26', '--format', 'json', '--rejects', rejects,
    );
    expect(imported.code).toBe(0);
    const a = JSON.parse(direct.stdout);
    const b = JSON.parse(imported.stdout);
    // The CSV carries nine deliberately broken rows (blank accession, 31 February, "pending?" report date).
    const ris = b.imports.find((i: { kind: string }) => i.kind === 'ris');
    expect(ris.rejected).toBe(9);
    expect(readFileSync(rejects, 'utf8').trim().split('\n')).toHaveLength(10);
    expect(b.imports.find((i: { kind: string }) => i.kind === 'ledger')).toMatchObject({ rowsRead: 23, accepted: 23, rejected: 0 });
    for (const key of [
      'exams', 'reports', 'wte', 'reportsPerWte', 'skillMix', 'outsourcing', 'insourcing', 'spendByCategory', 'externalSpendPerReport',
      'turnaround', 'backlog', 'breaches28d', 'unclassifiedReporters',
    ]) {
      expect(b[key], key).toEqual(a[key]);
    }
    expect(a.reports.total).toBeGreaterThan(5000);
    // The spend is the demo ledger's invoices for the year, all of them outsourced reporting, per outsourced report.
    const paid = demoOutsourcing({ scale: 0.03 }).ledger.filter((l) => l.month >= '2025-04' && l.month <= '2026-03');
    const paidPence = paid.reduce((sum, l) => sum + l.amountPence, 0);
    expect(paid).toHaveLength(23);
    expect(a.spendByCategory).toEqual({
      outsourced_reporting: paidPence / 100, outsourced_imaging: 0, insourcing: 0, agency_locum: 0, waiting_list_initiative: 0, other: 0,
    });
    expect(a.outsourcing.spend).toBe(paidPence / 100);
    expect(a.outsourcing.costPerReport).toBeCloseTo(paidPence / 100 / a.outsourcing.reports, 2);
    for (const provider of ['Medica', 'Everlight']) {
      const own = paid.filter((l) => l.provider === provider).reduce((sum, l) => sum + l.amountPence, 0);
      expect(a.outsourcing.byProvider.find((p: { provider: string }) => p.provider === provider).spend, provider).toBe(own / 100);
    }
  });

  it('prints a summary labelled synthetic', async () => {
    const r = await cli('demo', '--scale', '0.02');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/SYNTHETIC DEMO DATA/);
    expect(r.stdout).toMatch(/Plain-film skill mix/);
  });
});
