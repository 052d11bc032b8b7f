/**
 * A small harness for the browser tests: serves the built renderer with Vite's preview server (the same
 * CSP headers as production), drives headless Chromium with playwright-core, records every request so a
 * test can prove nothing left 127.0.0.1, and runs flows one after another with a readable report.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const RESULTS = join(ROOT, 'test-results');
mkdirSync(RESULTS, { recursive: true });

export async function startServer() {
  const server = await preview({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 4300 + Math.floor(Math.random() * 500), strictPort: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The preview server did not report its URL.');
  return { server, url: url.replace(/\/$/, '') };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A fresh browser context (its own origin-private storage) that logs every request and every page error.
 * `firstRunDone` skips the first-run demo, which a test of the import flow does not want.
 */
export async function newSession(browser, origin, { firstRunDone = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London', acceptDownloads: true });
  if (firstRunDone) {
    await context.addInitScript(() => {
      if (!localStorage.getItem('radbench.firstRunDone')) localStorage.setItem('radbench.firstRunDone', 'e2e');
    });
  }
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && problems.push(`worker error: ${m.text()}`)));
  page.setDefaultTimeout(60_000);
  return {
    context,
    page,
    requests,
    problems,
    /** Requests that went anywhere but the app's own server (data: and blob: URLs never touch the network). */
    offOrigin: () => requests.filter((u) => !u.startsWith(`${origin}/`) && u !== origin && !u.startsWith('data:') && !u.startsWith('blob:')),
  };
}

/** Whole pages by default; a modal (dialog, side panel) is captured as the window shows it. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  const path = join(RESULTS, `e2e-${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Runs the flows in order; E2E_ONLY=<text> runs only those whose title contains it (to iterate on one flow). */
export async function runFlows(flows) {
  const results = [];
  const only = process.env.E2E_ONLY;
  for (const [name, fn] of flows) {
    if (only && !name.includes(only)) continue;
    const started = Date.now();
    process.stdout.write(`• ${name} … `);
    try {
      await fn();
      const s = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`ok (${s} s)\n`);
      results.push({ name, ok: true });
    } catch (err) {
      process.stdout.write('FAILED\n');
      console.error(err);
      results.push({ name, ok: false });
    }
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`\n${results.length - failed.length} of ${results.length} browser flows passed. Screenshots: ${RESULTS}`);
  return failed.length === 0;
}
