/** Page helpers for RadBench's own screens: what a user does, in the words of the UI's test ids. */
import assert from 'node:assert/strict';

export async function waitReady(page) {
  await page.waitForSelector('[data-testid="nav-dashboard"]');
  await page.waitForSelector('main .page:not(.starting)', { timeout: 120_000 });
}

export async function goTo(page, name) {
  await page.click(`[data-testid="nav-${name}"]`);
}

/** Figures as shown: '12,486' → 12486, '16.7%' → 0.167, '24.0 h' → 24, '7.3 days' → 175.2 (hours). */
export function parseFigure(text) {
  const t = text.trim();
  if (t === '—') return null;
  const n = Number(t.replace(/[^0-9.-]/g, ''));
  if (t.endsWith('%')) return n / 100;
  if (t.endsWith('days')) return n * 24;
  return n;
}

export async function tileValue(page, id) {
  const text = await page.textContent(`[data-testid="tile-${id}"] [data-testid="tile-value"]`);
  return parseFigure(text ?? '');
}

export async function tileDetail(page, id) {
  return (await page.textContent(`[data-testid="tile-${id}"] .tile-detail`)) ?? '';
}

/** Waits until the dashboard shows the given financial year, loaded. */
export async function showYear(page, fy) {
  await goTo(page, 'dashboard');
  await page.waitForSelector('[data-testid="period-fy"]');
  await page.selectOption('[data-testid="period-fy"]', fy);
  await waitDashboard(page, fy);
}

export async function waitDashboard(page, fy) {
  await page.waitForFunction(
    (want) => {
      const d = document.querySelector('[data-testid="dashboard"]');
      return d && d.getAttribute('aria-busy') === 'false' && d.getAttribute('data-period')?.includes(want) && document.querySelector('[data-testid="kpi-tiles"]');
    },
    fy,
    { timeout: 60_000 },
  );
}

async function countOf(page, name) {
  return Number(((await page.textContent(`[data-testid="count-${name}"]`)) ?? '').replace(/,/g, ''));
}

/**
 * Imports one file through the file input: preview, optional kind and column corrections, run, commit.
 * Returns the report's counts.
 */
export async function importFile(page, path, { kind, mapping, beforeRun, beforeCommit } = {}) {
  await goTo(page, 'import');
  await page.setInputFiles('[data-testid="import-file-input"]', path);
  await page.waitForSelector('[data-testid="import-preview"]');
  if (kind) {
    const radio = page.locator(`[data-testid="kind-${kind}"]`);
    if (!(await radio.isChecked())) {
      await radio.check();
      await page.waitForFunction((k) => document.querySelector(`[data-testid="kind-${k}"]`)?.checked, kind);
    }
  }
  for (const [column, field] of Object.entries(mapping ?? {})) {
    await page.selectOption(`[data-testid="map-col-${column}"]`, field);
  }
  if (beforeRun) await beforeRun();
  await page.click('[data-testid="run-import"]');
  await page.waitForSelector('[data-testid="import-report"]', { timeout: 180_000 });
  const counts = {
    rowsRead: await countOf(page, 'read'),
    accepted: await countOf(page, 'accepted'),
    inserted: await countOf(page, 'inserted'),
    updated: await countOf(page, 'updated'),
    rejected: await countOf(page, 'rejected'),
  };
  if (beforeCommit) await beforeCommit(counts);
  await page.click('[data-testid="commit-import"]');
  await page.waitForSelector('[data-testid="import-notice"]:has-text("Imported")', { timeout: 120_000 });
  return counts;
}

export function assertClose(actual, expected, tolerance, what) {
  assert.ok(actual !== null && expected !== null, `${what}: expected ${expected}, got ${actual}`);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: expected ${expected} (±${tolerance}), got ${actual}`);
}
