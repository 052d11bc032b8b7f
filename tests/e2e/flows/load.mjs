/**
 * Load in the browser host: a large RIS extract imported through the page while it keeps painting frames
 * and answering clicks (the engine works in its Web Worker), then a re-import cancelled midway leaves the
 * database byte for byte as it was. Prints the figures. LOAD_ROWS sets the size (CI: 200,000; the soak run
 * passes 1,000,000).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { goTo } from '../app.mjs';
import { screenshot } from '../harness.mjs';

/** Rows per unit of the demo generator's --scale (two financial years of a trust of about 250,000 examinations a year). */
const ROWS_PER_SCALE = 505_000;
/** A click must be answered (the next frame painted after its handler) within this. */
const CLICK_BUDGET_MS = 200;

/** Starts recording frame times and click timings in the page. */
async function startRecording(page) {
  await page.evaluate(() => {
    const rec = { frames: [], clicks: [], longTasks: [], running: true };
    window.__radbenchLoad = rec;
    // Tasks that held the page's main thread for 50 ms or more (what delays frames and clicks).
    new PerformanceObserver((list) => {
      for (const task of list.getEntries()) rec.longTasks.push({ start: task.startTime, duration: task.duration });
    }).observe({ type: 'longtask' });
    const tick = (t) => {
      rec.frames.push(t);
      if (rec.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    // The view each navigation click should bring up.
    const shows = {
      'nav-about': '[data-testid="storage-location"]',
      'nav-import': '[data-testid="import-progress"], [data-testid="import-report"]',
    };
    // For each click: when the input happened, when its handler ran, the next frame after it, and the frame
    // in which the view it asked for was on screen.
    document.addEventListener(
      'click',
      (event) => {
        const handled = performance.now();
        const target = event.target?.closest?.('[data-testid]')?.dataset.testid ?? null;
        const entry = { input: event.timeStamp, handled, painted: null, shown: null, target };
        rec.clicks.push(entry);
        requestAnimationFrame((t) => (entry.painted = t));
        const selector = shows[target];
        if (!selector) return;
        const watch = (t) => {
          if (document.querySelector(selector)) entry.shown = t;
          else if (t - handled < 10_000) requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
      },
      { capture: true },
    );
  });
}

async function stopRecording(page) {
  return page.evaluate(() => {
    const rec = window.__radbenchLoad;
    rec.running = false;
    return { frames: rec.frames, clicks: rec.clicks, longTasks: rec.longTasks };
  });
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** The database as the engine holds it, through the page's own "Download a copy". */
async function databaseHash(page) {
  await goTo(page, 'about');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-db"]')]);
  const bytes = readFileSync(await download.path());
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

async function progressPercent(page) {
  const value = await page.getAttribute('[data-testid="import-progress"] [role="progressbar"]', 'aria-valuenow').catch(() => null);
  return value === null ? null : Number(value);
}

export function loadFlows({ session, cli, dataDir }) {
  const rows = Number(process.env.LOAD_ROWS ?? 200_000);
  const title = `load: import ${rows.toLocaleString('en-GB')} RIS rows in the browser; frames keep coming and clicks are answered within ${CLICK_BUDGET_MS} ms; a cancelled re-import changes nothing`;
  return [
    [
      title,
      async () => {
        const dir = join(dataDir, `load-${rows}`);
        const ris = join(dir, 'demo-ris.csv');
        if (!existsSync(ris)) {
          mkdirSync(dir, { recursive: true });
          cli(['demo', '--write-csv', dir, '--scale', String(rows / ROWS_PER_SCALE), '--format', 'json']);
        }
        const sizeMb = statSync(ris).size / 1e6;

        const { page } = await session();
        // Load the About view's code once, so a click measures the page and not a first fetch.
        await goTo(page, 'about');
        await page.waitForSelector('[data-testid="storage-location"]');
        await goTo(page, 'import');
        await page.setInputFiles('[data-testid="import-file-input"]', ris);
        await page.waitForSelector('[data-testid="import-preview"]', { timeout: 120_000 });
        await page.check('[data-testid="kind-ris"]');

        await startRecording(page);
        const started = Date.now();
        await page.click('[data-testid="run-import"]');
        await page.waitForSelector('[data-testid="import-progress"]');

        // First the import alone: the frames in this window show what the import costs the page.
        const quietUntil = await page.evaluate(() => performance.now() + 3000);
        await page.waitForTimeout(3000);
        // Then go to About and back, as a user would, while it goes on.
        let navigations = 0;
        while ((await page.locator('[data-testid="import-report"]').count()) === 0 && navigations < 12) {
          await page.click('[data-testid="nav-about"]');
          await page.waitForSelector('[data-testid="storage-location"]');
          await page.click('[data-testid="nav-import"]');
          await page.waitForSelector('[data-testid="import-progress"], [data-testid="import-report"]');
          navigations += 2;
          await page.waitForTimeout(700);
        }
        await page.waitForSelector('[data-testid="import-report"]', { timeout: 600_000 });
        const importSeconds = (Date.now() - started) / 1000;
        const { frames, clicks, longTasks } = await stopRecording(page);
        await screenshot(page, 'load-report');

        const gaps = frames.slice(1).map((t, i) => t - frames[i]);
        const quiet = frames.filter((t) => t <= quietUntil);
        const quietGaps = quiet.slice(1).map((t, i) => t - quiet[i]);
        const answered = clicks.filter((c) => c.painted !== null).map((c) => c.painted - c.input);
        const shown = clicks.filter((c) => c.shown !== null).map((c) => c.shown - c.input);
        const figures = {
          rows,
          fileMb: Number(sizeMb.toFixed(1)),
          importSeconds: Number(importSeconds.toFixed(1)),
          frames: frames.length,
          framesPerSecond: Number((frames.length / ((frames.at(-1) - frames[0]) / 1000)).toFixed(1)),
          framesPerSecondImportOnly: Number((quiet.length / ((quiet.at(-1) - quiet[0]) / 1000)).toFixed(1)),
          frameGapMsImportOnly: { median: Math.round(percentile(quietGaps, 50)), p95: Math.round(percentile(quietGaps, 95)), max: Math.round(Math.max(...quietGaps)) },
          frameGapMsWithNavigation: { median: Math.round(percentile(gaps, 50)), p95: Math.round(percentile(gaps, 95)), p99: Math.round(percentile(gaps, 99)), max: Math.round(Math.max(...gaps)) },
          longTasksImportOnly: longTasks.filter((t) => t.start <= quietUntil).length,
          longestTaskMsImportOnly: Math.round(Math.max(0, ...longTasks.filter((t) => t.start <= quietUntil).map((t) => t.duration))),
          longestTaskMs: Math.round(Math.max(0, ...longTasks.map((t) => t.duration))),
          clicks: answered.length,
          clickToNextFrameMs: { median: Math.round(percentile(answered, 50)), max: Math.round(Math.max(...answered)) },
          clickToViewShownMs: { median: Math.round(percentile(shown, 50)), max: Math.round(Math.max(...shown)) },
        };
        console.log(`\n  load figures: ${JSON.stringify(figures)}`);

        assert.ok(answered.length >= 4, `clicks were made while the import ran (${answered.length})`);
        assert.ok(figures.clickToNextFrameMs.max <= CLICK_BUDGET_MS, `every click answered within ${CLICK_BUDGET_MS} ms (slowest ${figures.clickToNextFrameMs.max} ms)`);
        assert.ok(quiet.length >= 60, `frames keep coming while importing (${quiet.length} in 3 s)`);
        assert.ok(figures.frameGapMsImportOnly.p95 <= 100, `frames keep coming while importing (95th percentile gap ${figures.frameGapMsImportOnly.p95} ms)`);
        // The longest frame gap is not asserted: a busy machine's compositor can skip frames (Chromium then
        // clamps to one a second) with the page idle. What the page itself holds up shows as long tasks.
        assert.ok(figures.longestTaskMsImportOnly <= 500, `the import never holds the page's main thread for half a second (longest task ${figures.longestTaskMsImportOnly} ms)`);
        assert.ok(shown.length >= 4 && figures.clickToViewShownMs.max <= 1500, `each view appears promptly (slowest ${figures.clickToViewShownMs.max} ms)`);

        const accepted = Number(((await page.textContent('[data-testid="count-accepted"]')) ?? '').replace(/,/g, ''));
        assert.ok(accepted > rows * 0.9, `most rows accepted (${accepted})`);
        await page.click('[data-testid="commit-import"]');
        await page.waitForSelector('[data-testid="import-notice"]:has-text("Imported")', { timeout: 300_000 });

        // A second import of the same file, cancelled midway: the database must be exactly as before.
        const before = await databaseHash(page);
        await goTo(page, 'import');
        await page.setInputFiles('[data-testid="import-file-input"]', ris);
        await page.waitForSelector('[data-testid="import-preview"]', { timeout: 120_000 });
        await page.check('[data-testid="kind-ris"]');
        await page.click('[data-testid="run-import"]');
        await page.waitForSelector('[data-testid="import-progress"]');
        let percent = null;
        for (let i = 0; i < 600 && !(percent >= 25); i++) {
          await page.waitForTimeout(100);
          percent = await progressPercent(page);
          if ((await page.locator('[data-testid="import-report"]').count()) > 0) break;
        }
        assert.ok(percent !== null && percent >= 25 && percent < 100, `the re-import was caught midway (${percent}%)`);
        await page.click('[data-testid="cancel-import"]');
        await page.waitForSelector('[data-testid="import-notice"]:has-text("cancelled")', { timeout: 120_000 });
        await screenshot(page, 'load-cancelled');
        const after = await databaseHash(page);
        console.log(`  cancelled at ${percent}%: database ${before.bytes.toLocaleString('en-GB')} bytes, ${before.sha256 === after.sha256 ? 'unchanged' : 'CHANGED'}`);
        assert.equal(after.sha256, before.sha256, 'a cancelled import leaves the database byte for byte as it was');
        await goTo(page, 'import');
        await page.waitForSelector('[data-testid="batch-table"]');
        assert.equal(await page.locator('[data-testid="batch-table"] tbody tr').count(), 1, 'only the committed batch is listed');
      },
    ],
  ];
}
