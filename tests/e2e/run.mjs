/**
 * Browser tests of the built renderer in headless Chromium (npm run build:renderer first).
 * The engine runs in its Web Worker and keeps the database in the origin-private file system, as for a user.
 * Every figure checked on screen is compared with the command line's JSON for the same files.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertClose, goTo, importFile, parseFigure, showYear, tileDetail, tileValue, waitReady } from './app.mjs';
import { financeFlows } from './flows/finance.mjs';
import { RESULTS, ROOT, launchBrowser, newSession, runFlows, screenshot, startServer } from './harness.mjs';
import { benchmarksFlow } from './flows/benchmarks.mjs';
import { pdfFlow } from './flows/pdf.mjs';
import { reconcileFlows } from './flows/reconcile.mjs';
import { scenarioFlows } from './flows/scenarios.mjs';
import { loadFlows } from './flows/load.mjs';

const FY = '2024/25';
const DATA = join(RESULTS, 'e2e-data');

if (!existsSync(join(ROOT, 'dist', 'index.html'))) {
  console.error('dist/ is missing: run `npm run build:renderer` before the browser tests.');
  process.exit(1);
}

function cli(args) {
  return execFileSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'electron', 'cli', 'main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

// --- Test data: the synthetic demo trust as CSV files, and the CLI's analysis of them -------------------
mkdirSync(DATA, { recursive: true });
cli(['demo', '--write-csv', DATA, '--scale', '0.05', '--format', 'json']);
const RIS = join(DATA, 'demo-ris.csv');
const STAFF = join(DATA, 'demo-staff.csv');
const expected = JSON.parse(cli(['analyse', '--staff', STAFF, '--ris', RIS, '--period', FY, '--format', 'json']));

// A small extract whose examination-date header no RIS uses, so its mapping must be corrected by hand.
const lines = readFileSync(RIS, 'utf8').split('\r\n');
const header = lines[0].split(',');
const EXAM_DATE_COLUMN = header.indexOf('Exam Date');
// The reporter columns, set explicitly where a flow depends on reports reaching their staff group.
const REPORTER_MAPPING = { [header.indexOf('Reported By')]: 'reporterCode', [header.indexOf('Reporter Name')]: 'reporterName' };
assert.ok(EXAM_DATE_COLUMN >= 0, 'the demo extract has an Exam Date column');
const SMALL = join(DATA, 'small-ris.csv');
const SMALL_ODD = join(DATA, 'small-ris-odd-header.csv');
const body = lines.slice(1, 1501).join('\r\n') + '\r\n';
writeFileSync(SMALL, `${header.join(',')}\r\n${body}`);
writeFileSync(SMALL_ODD, `${header.map((h, i) => (i === EXAM_DATE_COLUMN ? 'Qx7 Stamp' : h)).join(',')}\r\n${body}`);
const smallExpected = JSON.parse(cli(['analyse', '--staff', STAFF, '--ris', SMALL, '--period', FY, '--format', 'json']));

// --- Server and browser -----------------------------------------------------------------------------
const { server, url } = await startServer();
const browser = await launchBrowser();
const sessions = [];

async function session(options) {
  const s = await newSession(browser, url, options);
  sessions.push(s);
  await s.page.goto(`${url}/`);
  await waitReady(s.page);
  return s;
}

function importSummary(kind) {
  return expected.imports.find((i) => i.kind === kind);
}

async function checkDashboardAgainstCli(page, want) {
  assert.equal(await tileValue(page, 'reports'), want.reports.total, 'reports issued');
  assertClose(await tileValue(page, 'skillMix.plainFilm'), want.skillMix.plainFilmRadiographerShare, 0.0005, 'plain-film skill mix');
  assertClose(await tileValue(page, 'skillMix.ultrasound'), want.skillMix.ultrasoundSonographerShare, 0.0005, 'ultrasound skill mix');
  assertClose(await tileValue(page, 'outsourcing.share'), want.outsourcing.share, 0.0005, 'outsourced share');
  const hoursTolerance = (h) => (h >= 48 ? 1.2 : 0.05);
  assertClose(await tileValue(page, 'turnaround.median'), want.turnaround.overall.medianHours, hoursTolerance(want.turnaround.overall.medianHours), 'median turnaround');
  assertClose(await tileValue(page, 'turnaround.p90'), want.turnaround.overall.p90Hours, hoursTolerance(want.turnaround.overall.p90Hours), 'p90 turnaround');
  assert.equal(await tileValue(page, 'backlog'), want.backlog.total, 'backlog at period end');
  assert.equal(await tileValue(page, 'breaches28d'), want.breaches28d, 'reports over 4 weeks');
  for (const [group, value] of Object.entries(want.reportsPerWte)) {
    const tile = page.locator(`[data-testid="tile-reportsPerWte.${group}"]`);
    if ((await tile.count()) === 0) {
      assert.ok(!want.wte[group] && !want.reports.byGroup[group], `a reports-per-WTE tile for ${group}`);
      continue;
    }
    const shown = await tileValue(page, `reportsPerWte.${group}`);
    if (value === null) assert.equal(shown, null, `reports per WTE, ${group}`);
    else assertClose(shown, value, 0.5, `reports per WTE, ${group}`);
  }
}

const ok = await runFlows([
  [
    'import the demo CSVs through the file input; the dashboard matches the CLI; the data survives a reload',
    async () => {
      const { page } = await session();
      const staff = await importFile(page, STAFF, { kind: 'staff' });
      assert.deepEqual([staff.rowsRead, staff.accepted, staff.rejected], [importSummary('staff').rowsRead, importSummary('staff').accepted, importSummary('staff').rejected]);
      const ris = await importFile(page, RIS, {
        kind: 'ris',
        beforeRun: async () => screenshot(page, 'import-preview'),
        beforeCommit: async (counts) => {
          await screenshot(page, 'import-report');
          // The rejected rows download as CSV, one line per row, with formula-like text neutralised.
          const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-rejects"]')]);
          const csv = readFileSync(await download.path(), 'utf8');
          const rows = csv.replace(/^\uFEFF/, '').trimEnd().split(/\r\n(?=[^,]*,\d+,)/);
          assert.equal(rows[0], 'file,row,column,value,reason,severity');
          assert.equal(rows.length - 1, counts.rejected, 'one CSV line per rejected row');
          assert.ok(rows.slice(1).every((r) => !/,[=+\-@]/.test(r)), 'no cell starts with a formula character');
        },
      });
      assert.deepEqual([ris.rowsRead, ris.accepted, ris.rejected], [importSummary('ris').rowsRead, importSummary('ris').accepted, importSummary('ris').rejected]);
      await screenshot(page, 'import-history');

      await showYear(page, FY);
      await checkDashboardAgainstCli(page, expected);
      await screenshot(page, 'dashboard');

      await page.click('[data-testid="tile-skillMix.plainFilm"]');
      await page.waitForSelector('.side-panel[open] table');
      assert.match((await page.textContent('.side-panel[open]')) ?? '', /reporting radiographers/i);
      await screenshot(page, 'drill-down', { fullPage: false });
      // The rows sort from their headers and filter from the box above; the download button follows the count.
      await page.click('.side-panel[open] th:nth-child(2) button');
      await page.click('.side-panel[open] th:nth-child(2) button');
      assert.equal(await page.getAttribute('.side-panel[open] th:nth-child(2)', 'aria-sort'), 'descending');
      await page.fill('.side-panel[open] [data-testid="vtable-filter"]', 'XR');
      await page.waitForFunction(() => / of /.test(document.querySelector('.side-panel[open] [data-testid="vtable-count"]')?.textContent ?? ''));
      await screenshot(page, 'drill-down-sorted', { fullPage: false });
      await page.keyboard.press('Escape');

      await page.reload();
      await waitReady(page);
      await showYear(page, FY);
      await checkDashboardAgainstCli(page, expected);
      await goTo(page, 'import');
      await page.waitForSelector('[data-testid="batch-table"]');
      assert.equal(await page.locator('[data-testid="batch-table"] tbody tr').count(), 2, 'both batches are still listed after a reload');
    },
  ],
  [
    'correct a column mapping, then import',
    async () => {
      const { page } = await session();
      await importFile(page, STAFF, { kind: 'staff' });
      await goTo(page, 'import');
      await page.setInputFiles('[data-testid="import-file-input"]', SMALL_ODD);
      await page.waitForSelector('[data-testid="import-preview"]');
      const detected = await page.inputValue(`[data-testid="map-col-${EXAM_DATE_COLUMN}"]`);
      assert.notEqual(detected, 'examDate', 'the odd header is not recognised as the examination date');
      assert.ok(await page.isVisible('[data-testid="missing-required"]'), 'the missing required field is called out');
      assert.ok(await page.isDisabled('[data-testid="run-import"]'), 'the import cannot run without it');
      await page.selectOption(`[data-testid="map-col-${EXAM_DATE_COLUMN}"]`, 'examDate');
      assert.ok(!(await page.isVisible('[data-testid="missing-required"]')));
      await page.click('summary:has-text("Save this mapping as a preset")');
      await page.fill('[data-testid="preset-name"]', 'Odd RIS export');
      await page.click('[data-testid="save-preset"]');
      await page.waitForSelector('[data-testid="import-notice"]:has-text("Odd RIS export")');
      await screenshot(page, 'mapping-corrected');
      await page.click('[data-testid="run-import"]');
      await page.waitForSelector('[data-testid="import-report"]', { timeout: 120_000 });
      const accepted = Number((await page.textContent('[data-testid="count-accepted"]'))?.replace(/,/g, ''));
      assert.equal(accepted, smallExpected.imports.find((i) => i.kind === 'ris').accepted, 'accepted rows match the CLI on the original headers');
      await page.click('[data-testid="commit-import"]');
      await page.waitForSelector('[data-testid="import-notice"]:has-text("Imported")');
      await showYear(page, FY);
      assert.equal(await tileValue(page, 'reports'), smallExpected.reports.total, 'reports match the CLI on the original headers');
    },
  ],
  [
    'undo a batch after confirming its row counts',
    async () => {
      const { page } = await session();
      const counts = await importFile(page, SMALL, { kind: 'ris' });
      await page.waitForSelector('[data-testid="batch-table"]');
      await page.click('[data-testid="batch-table"] tbody tr >> nth=0 >> button:has-text("Undo")');
      const dialog = page.locator('dialog.confirm-dialog[open]');
      await dialog.waitFor();
      assert.match((await dialog.textContent()) ?? '', new RegExp(`${counts.inserted.toLocaleString('en-GB')} rows it added will be removed`));
      await screenshot(page, 'undo-confirm', { fullPage: false });
      await dialog.locator('[data-testid="confirm-ok"]').click();
      await page.waitForSelector('[data-testid="import-notice"]:has-text("Undid batch")');
      assert.equal(await page.locator('[data-testid="batch-table"]').count(), 0, 'the batch is gone from the history');
      await goTo(page, 'dashboard');
      await page.waitForSelector('[data-testid="empty-state"]');
    },
  ],
  [
    'edit the staff register and see reports per WTE change',
    async () => {
      const { page } = await session();
      await importFile(page, STAFF, { kind: 'staff' });
      await importFile(page, SMALL, { kind: 'ris', mapping: REPORTER_MAPPING });
      await showYear(page, FY);
      const before = await tileValue(page, 'reportsPerWte.radiologist');
      const beforeWte = Number(/([\d.]+) WTE/.exec(await tileDetail(page, 'reportsPerWte.radiologist'))?.[1]);
      assertClose(beforeWte, smallExpected.wte.radiologist, 0.006, 'radiologist WTE before the edit');
      assert.ok(before > 0, 'radiologists have reports once the reporter code column is mapped');

      await goTo(page, 'staff');
      await page.fill('#staff-search', 'RAD01');
      await page.locator('.vtable button:has-text("Edit")').first().click();
      await page.waitForSelector('dialog.staff-editor[open]');
      assert.equal(await page.inputValue('[data-testid="staff-wte"]'), '1');
      await page.fill('[data-testid="staff-wte"]', '0.5');
      await screenshot(page, 'staff-edit', { fullPage: false });
      await page.click('[data-testid="staff-save"]');
      await page.waitForSelector('[data-testid="staff-notice"]:has-text("Saved RAD01")');
      await page.waitForSelector('dialog.staff-editor[open]', { state: 'detached' });
      await screenshot(page, 'staff');

      await showYear(page, FY);
      const after = await tileValue(page, 'reportsPerWte.radiologist');
      const afterWte = Number(/([\d.]+) WTE/.exec(await tileDetail(page, 'reportsPerWte.radiologist'))?.[1]);
      assertClose(afterWte, beforeWte - 0.5, 0.006, 'radiologist WTE falls by 0.5');
      assert.ok(after > before, `reports per WTE rises when WTE falls (${before} → ${after})`);
      const reports = Number(/^([\d,]+) reports/.exec(await tileDetail(page, 'reportsPerWte.radiologist'))?.[1].replace(/,/g, ''));
      assertClose(after, reports / afterWte, 1, 'reports per WTE = reports / WTE for a whole financial year');
    },
  ],
  [
    'first run shows the synthetic demo, labelled, and can start empty',
    async () => {
      const { page } = await session({ firstRunDone: false });
      await page.waitForSelector('[data-testid="synthetic-badge"]', { timeout: 180_000 });
      await page.waitForSelector('[data-testid="kpi-tiles"]', { timeout: 60_000 });
      assert.ok((await tileValue(page, 'reports')) > 0, 'the demo has reports');
      await screenshot(page, 'first-run-demo');
      await page.click('[data-testid="start-empty"]');
      await page.locator('dialog.confirm-dialog[open] [data-testid="confirm-ok"]').click();
      await page.waitForSelector('[data-testid="empty-state"]');
      assert.equal(await page.locator('[data-testid="synthetic-badge"]').count(), 0, 'no synthetic badge on an empty database');
      await screenshot(page, 'empty');
      await goTo(page, 'about');
      await page.waitForSelector('[data-testid="app-version"]');
      await screenshot(page, 'about');
    },
  ],
  benchmarksFlow({ session, staff: STAFF, ris: SMALL, reporterMapping: REPORTER_MAPPING, fy: FY, dataDir: DATA }),
  pdfFlow({ session, staff: STAFF, ris: SMALL, reporterMapping: REPORTER_MAPPING, fy: FY }),
  ...financeFlows({ session }),
  ...reconcileFlows({ session, cli, staff: STAFF, ris: RIS, reporterMapping: REPORTER_MAPPING, fy: FY, dataDir: DATA }),
  ...scenarioFlows({ session, cli, staff: STAFF, ris: RIS, reporterMapping: REPORTER_MAPPING, fy: FY, dataDir: DATA }),
  ...loadFlows({ session, cli, dataDir: DATA }),
  [
    'no request left 127.0.0.1, and no page or CSP errors',
    async () => {
      const off = sessions.flatMap((s) => s.offOrigin());
      assert.deepEqual(off, [], 'requests to anywhere but the app server');
      assert.ok(sessions.every((s) => s.requests.length > 0), 'requests were recorded');
      const problems = sessions.flatMap((s) => s.problems);
      assert.deepEqual(problems, [], 'errors in the page or worker');
      assert.ok(parseFigure('1,234') === 1234);
    },
  ],
]);

await Promise.all(sessions.map((s) => s.context.close()));
await browser.close();
await new Promise((resolve) => server.httpServer.close(resolve));
process.exit(ok ? 0 : 1);
