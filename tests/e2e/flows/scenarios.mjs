/**
 * The skill-mix business case in the browser: the demo trust's staff register, RIS extract, tariff and ledger are
 * imported; the Scenarios baseline is checked against the command line's analysis of the same files (skill mix,
 * WTE, outsourcing); levers are changed and two scenarios saved, one duplicated, renamed and changed, three
 * compared side by side; after a reload they are all still there with their levers; the pack is exported as XLSX
 * (read back with SheetJS) and the board paper printed to an A4 PDF (read back with pdftotext), each holding the
 * figures the screen shows. Screenshots of each stage land in test-results/.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { assertClose, goTo, importFile, parseFigure, waitReady } from '../app.mjs';
import { RESULTS, screenshot } from '../harness.mjs';

const GROUP_NAMES = {
  radiologist: 'Radiologist',
  trainee: 'Trainee (registrar)',
  reporting_radiographer: 'Reporting radiographer',
  sonographer: 'Sonographer',
  other_in_house: 'Other in-house',
};
const A = 'Option A: two trainees';
const B = 'Option B: one trainee';
const C = 'Option C: backlog';
const TITLE = 'Reporting radiographers for plain film: Demo Trust business case';

/** Text as shown on screen and as pdftotext gives it: one space for any run of white space. */
const squash = (text) => (text ?? '').replace(/\s+/g, ' ').trim();
/** '+£12,345' → 12345, '−£3,250' → −3250 (the true minus sign the app prints). */
const money = (text) => parseFigure(squash(text).replace('\u2212', '-'));

function poppler(tool, args) {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    if (err.code === 'ENOENT') throw new Error(`${tool} is not installed: the PDF test reads the PDF with poppler. Install it with \`apt-get install -y poppler-utils\`.`);
    throw err;
  }
}

const view = '[data-testid="scenarios"]';
const outputs = '[data-testid="scenario-outputs"]';

async function waitScenarios(page) {
  await page.waitForFunction(
    ([v, o]) => {
      const root = document.querySelector(v);
      const out = document.querySelector(o);
      return root && root.getAttribute('aria-busy') === 'false' && out && out.getAttribute('aria-busy') === 'false' && document.querySelector('[data-testid="outcome-net"]');
    },
    [view, outputs],
    { timeout: 60_000 },
  );
}

async function openScenarios(page, fy) {
  await goTo(page, 'scenarios');
  await page.waitForSelector(view);
  await waitScenarios(page);
  if ((await page.inputValue(`${view} [data-testid="period-fy"]`)) !== fy) {
    await page.selectOption(`${view} [data-testid="period-fy"]`, fy);
    await page.waitForFunction(([v, want]) => document.querySelector(v)?.getAttribute('data-period')?.includes(want), [view, fy]);
    await waitScenarios(page);
  }
}

async function evaluations(page) {
  return Number(await page.getAttribute(outputs, 'data-evaluations'));
}

/** Waits for an evaluation newer than `before` to land. */
async function waitEvaluated(page, before) {
  await page.waitForFunction(
    ([o, n]) => {
      const out = document.querySelector(o);
      return out && Number(out.getAttribute('data-evaluations')) > n && out.getAttribute('aria-busy') === 'false';
    },
    [outputs, before],
  );
}

/** Types a lever as a user does and waits for the outputs to be worked out again. */
async function setLever(page, path, text) {
  const before = await evaluations(page);
  await page.fill(`[data-testid="lever-${path}"]`, text);
  await waitEvaluated(page, before);
}

async function figure(page, id) {
  return squash(await page.textContent(`[data-testid="outcome-${id}"] [data-testid="figure-value"]`));
}

async function outcome(page) {
  return { net: await figure(page, 'net'), hours: await figure(page, 'hours'), spend: await figure(page, 'spendAvoided'), added: await figure(page, 'addedCost'), mix: await figure(page, 'skillMix') };
}

/** The cells of a table's row whose heading is (or starts with) the given text. */
async function rowCells(page, table, heading) {
  const rows = await page.$$eval(`[data-testid="${table}"] tbody tr`, (trs) => trs.map((tr) => [tr.querySelector('th')?.textContent?.trim() ?? '', ...[...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')]));
  const row = rows.find((r) => r[0] === heading) ?? rows.find((r) => r[0].startsWith(heading));
  assert.ok(row, `${table} has a row "${heading}" (rows: ${rows.map((r) => r[0]).join(' | ')})`);
  return row.slice(1);
}

function scenarioRow(page, name) {
  return page.locator(`[data-testid="scenario-table"] tbody tr:has([data-testid="scenario-name"]:text-is("${name}"))`);
}

async function saveAs(page, name) {
  await page.click('[data-testid="save-as"]');
  await page.fill('[data-testid="save-as-name"]', name);
  await page.click('[data-testid="save-as-confirm"]');
  await page.waitForSelector(`[data-testid="scenario-notice"]:has-text('Saved "${name}"')`);
  assert.equal(squash(await page.textContent('[data-testid="current-scenario"]')), name);
}

async function compare(page, names) {
  for (const name of names) {
    const box = scenarioRow(page, name).locator('input[type="checkbox"]');
    if (!(await box.isChecked())) await box.check();
  }
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="comparison-table"] thead th').length === n + 2, names.length);
  await waitScenarios(page);
}

export function scenarioFlows({ session, cli, staff, ris, reporterMapping, fy: flowsYear, dataDir }) {
  const tariff = join(dataDir, 'demo-tariff.csv');
  const ledger = join(dataDir, 'demo-ledger.csv');
  return [
    [
      'scenario: the business case baseline matches the CLI; save, duplicate, compare, reload; the XLSX pack and the A4 board paper hold the figures',
      async () => {
        for (const f of [tariff, ledger]) assert.ok(existsSync(f), `demo --write-csv wrote ${f}`);
        const { page } = await session();
        try {
          await businessCase(page);
        } catch (err) {
          // What the page showed when it failed, for the person reading the report.
          await screenshot(page, 'scenarios-failure').catch(() => undefined);
          throw err;
        }
      },
    ],
  ];

  async function businessCase(page) {
        // The year the demo ledger covers, so the case has outsourcing spend to quote (the flows' year otherwise).
        const fy = /(\d{4}\/\d{2}) M\d{2}/.exec(readFileSync(ledger, 'utf8'))?.[1] ?? flowsYear;
        const expected = JSON.parse(cli(['analyse', '--staff', staff, '--ris', ris, '--ledger', ledger, '--period', fy, '--format', 'json']));
        assert.ok(expected.reports.byModality.XR > 0, `the demo has plain film in ${fy}`);
        await importFile(page, staff, { kind: 'staff' });
        await importFile(page, ris, { kind: 'ris', mapping: reporterMapping });
        await importFile(page, tariff, { kind: 'tariff' });
        await importFile(page, ledger, { kind: 'ledger' });

        // --- The baseline: the same figures as the CLI's analysis of the same files -----------------------
        await openScenarios(page, fy);
        const plain = await rowCells(page, 'baseline-skill-mix', 'Plain-film skill mix');
        assertClose(parseFigure(plain[0]), expected.skillMix.plainFilmRadiographerShare, 0.0005, 'plain-film skill mix');
        assert.equal(plain[1], '15.0%', 'the Shelford Group median');
        assert.match(plain[2], /Shelford Group, 2016\/17/, 'the benchmark names its cohort and year');
        assert.match(plain[3], /NHS Improvement/, 'the benchmark names its source');
        const us = await rowCells(page, 'baseline-skill-mix', 'Ultrasound skill mix');
        assertClose(parseFigure(us[0]), expected.skillMix.ultrasoundSonographerShare, 0.0005, 'ultrasound skill mix');
        for (const [group, name] of Object.entries(GROUP_NAMES)) {
          if (!expected.wte[group]) continue;
          assertClose(parseFigure((await rowCells(page, 'baseline-wte', name))[0]), expected.wte[group], 0.006, `${name} WTE`);
        }
        const xr = await rowCells(page, 'baseline-reports', 'Plain radiography (XR)');
        assert.equal(parseFigure(xr.at(-1)), expected.reports.byModality.XR, 'XR reports in the period');
        assert.equal(parseFigure(await page.textContent('[data-testid="baseline-outsourced-reports"]')), expected.outsourcing.reports, 'outsourced reports');
        assert.ok(expected.outsourcing.spend > 0, `the ledger has outsourcing spend in ${fy}`);
        assertClose(money(await page.textContent('[data-testid="baseline-outsourced-spend"]')), expected.outsourcing.spend, 1, 'outsourcing spend');
        assertClose(money(await page.textContent('[data-testid="baseline-cost-per-report"]')), expected.outsourcing.costPerReport, 0.006, 'cost per outsourced report');
        const ct = await rowCells(page, 'baseline-outsourcing', 'Computed tomography (CT)');
        assert.equal(ct[2], 'Tariff (Reconcile)', 'the CT price comes from the imported tariff');
        const ctPrice = await page.inputValue('[data-testid="lever-outsourcingUnitPricePence.CT"]');
        assert.equal(`£${ctPrice}`, ct[1], 'the CT price lever defaults to the tariff price');
        await screenshot(page, 'scenarios-baseline');

        // --- Levers: the outputs move, a bad value is caught --------------------------------------------
        const defaults = await outcome(page);
        await setLever(page, 'targetPlainFilmShare', '25');
        await setLever(page, 'radiographersToAdd', '2');
        await setLever(page, 'reportingWtePerRadiographer', '0.1');
        const a = await outcome(page);
        assert.notEqual(a.hours, defaults.hours, 'a higher target releases more radiologist time');
        assert.equal(a.mix, '25.0%', 'two radiographers at 0.1 WTE reach the 25% target in this small demo department');
        await page.fill('[data-testid="lever-monthsToCompetence"]', '6.5');
        await page.waitForSelector('[data-testid="lever-error-monthsToCompetence"]');
        assert.match(await page.textContent('[data-testid="lever-errors"]'), /whole number of months/);
        await screenshot(page, 'scenarios-lever-error', { fullPage: false });
        await setLever(page, 'monthsToCompetence', '9');
        assert.equal(await page.locator('[data-testid="lever-errors"]').count(), 0, 'the error clears once corrected');
        await saveAs(page, A);
        const aOut = await outcome(page);
        await screenshot(page, 'scenarios-levers');

        await setLever(page, 'radiographersToAdd', '1');
        await setLever(page, 'annualCostPerWtePence.reporting_radiographer', '£58,000');
        await saveAs(page, B);
        assert.equal(await page.inputValue('[data-testid="lever-annualCostPerWtePence.reporting_radiographer"]'), '58,000.00', 'pounds typed with £ and a comma read back to the penny');
        const bOut = await outcome(page);

        // --- Duplicate A, rename the copy, send its released time to the backlog ---------------------------
        await scenarioRow(page, A).locator('button[data-testid^="duplicate-"]').click();
        await page.waitForSelector(`[data-testid="scenario-notice"]:has-text("Duplicated")`);
        assert.equal(squash(await page.textContent('[data-testid="current-scenario"]')), `${A} (copy)`);
        await waitScenarios(page);
        await scenarioRow(page, `${A} (copy)`).locator('button[data-testid^="rename-"]').click();
        await page.fill('[data-testid="rename-input"]', C);
        await page.click('[data-testid="rename-save"]');
        await page.waitForSelector(`[data-testid="scenario-notice"]:has-text('to "${C}"')`);
        const before = await evaluations(page);
        await page.check('[data-testid="lever-use-backlog"]');
        await waitEvaluated(page, before);
        assert.ok(await page.isVisible('[data-testid="outcome-backlogCleared"]'), 'backlog cleared is shown');
        await page.click('[data-testid="save-scenario"]');
        await page.waitForSelector(`[data-testid="scenario-notice"]:has-text('Saved the changes to "${C}"')`);
        const cOut = await outcome(page);

        // --- Side by side ---------------------------------------------------------------------------------
        await compare(page, [A, B, C]);
        const heads = await page.$$eval('[data-testid="comparison-table"] thead th', (ths) => ths.map((th) => th.textContent?.trim()));
        assert.deepEqual(heads, ['', 'Current position', A, B, C]);
        assert.deepEqual(await rowCells(page, 'comparison-table', 'Net annual effect'), ['£0', aOut.net, bOut.net, cOut.net], 'the comparison shows each scenario\'s net effect as it was worked out when open');
        assert.deepEqual((await rowCells(page, 'comparison-table', 'Added staff cost a year')).slice(1), [aOut.added, bOut.added, cOut.added]);
        await screenshot(page, 'scenarios-compare');

        // --- Reload: the scenarios and their levers are in the database --------------------------------------
        await page.reload();
        await waitReady(page);
        await openScenarios(page, fy);
        const names = await page.$$eval('[data-testid="scenario-table"] [data-testid="scenario-name"]', (els) => els.map((e) => e.textContent?.trim()));
        assert.deepEqual(names, [A, B, C], 'the three scenarios survive a reload');
        const opened = await evaluations(page);
        await scenarioRow(page, A).locator('button[data-testid^="open-"]').click();
        await waitEvaluated(page, opened);
        assert.equal(await page.inputValue('[data-testid="lever-targetPlainFilmShare"]'), '25');
        assert.equal(await page.inputValue('[data-testid="lever-radiographersToAdd"]'), '2');
        assert.equal(await page.inputValue('[data-testid="lever-reportingWtePerRadiographer"]'), '0.1');
        assert.equal(await page.inputValue('[data-testid="lever-monthsToCompetence"]'), '9');
        assert.deepEqual(await outcome(page), aOut, 'scenario A gives the same outputs after the reload');
        await compare(page, [A, B, C]);

        // --- The pack as XLSX ------------------------------------------------------------------------------
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-pack-xlsx"]')]);
        assert.match(download.suggestedFilename(), /^radbench-business-case-.*\.xlsx$/);
        const book = XLSX.read(readFileSync(await download.path()), { type: 'buffer' });
        assert.ok(book.SheetNames.length >= 4, `the pack has its sheets (${book.SheetNames.join(', ')})`);
        const summary = XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]], { header: 1, raw: true, defval: null });
        const netRow = summary.find((r) => typeof r[0] === 'string' && r[0].startsWith('Net annual effect'));
        assert.ok(netRow, 'the summary sheet has the net annual effect of each option');
        [aOut, bOut, cOut].forEach((o, i) => assertClose(netRow[2 + i], money(o.net), 1, `net annual effect of option ${i + 1} in the workbook`));
        const allText = book.SheetNames.map((n) => XLSX.utils.sheet_to_csv(book.Sheets[n])).join('\n');
        for (const name of [A, B, C]) assert.ok(allText.includes(name), `the workbook names ${name}`);

        // --- The board paper as an A4 PDF ---------------------------------------------------------------------
        await page.fill('[data-testid="pack-title"]', TITLE);
        await page.fill('[data-testid="pack-organisation"]', 'Demo Trust');
        await page.fill('[data-testid="pack-prepared-by"]', 'Clinical lead, imaging');
        await page.click('[data-testid="preview-pack"]');
        await page.waitForSelector('[data-testid="business-case"]', { state: 'visible' });
        const summaryText = squash(await page.textContent('[data-testid="bc-section-summary"]'));
        assert.ok(summaryText.includes(`The board is asked to approve “${A}”`), 'the paper recommends the first option chosen');
        await screenshot(page, 'scenarios-board-paper');
        await page.emulateMedia({ media: 'print' });
        assert.ok(!(await page.isVisible('.scenario-workspace')), 'the workspace is left off the printout');
        assert.ok(!(await page.isVisible('.app-nav')), 'the navigation is left off the printout');
        await screenshot(page, 'scenarios-print');
        // Back to no emulation: page.pdf() prints with print media unless screen media has been forced.
        await page.emulateMedia({ media: null });

        const bytes = await page.pdf({ format: 'A4', printBackground: true });
        const pdfPath = join(RESULTS, 'business-case.pdf');
        writeFileSync(pdfPath, bytes);
        const info = poppler('pdfinfo', [pdfPath]);
        const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
        assert.ok(size && Math.abs(Number(size[1]) - 595) < 2 && Math.abs(Number(size[2]) - 842) < 2, `A4 portrait pages:\n${info}`);
        const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
        assert.ok(pages >= 3, `a paper of several pages (${pages})`);
        const text = squash(poppler('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '-']));
        assert.ok(text.includes(TITLE), 'the PDF carries the title');
        assert.ok(text.includes('Demo Trust'), 'and the organisation');
        assert.match(text, new RegExp(`Page 1 of ${pages}\\b`), 'the pages are numbered in the margin');
        for (const heading of ['Summary and recommendation', 'The problem', 'Where the department is now', 'The options compared', 'The financial case', 'Risks', 'Sensitivity', 'Methods and sources']) {
          assert.ok(text.includes(heading), `the PDF has the section "${heading}"`);
        }
        assert.ok(text.includes(`The board is asked to approve “${A}”`), 'the recommendation is in the PDF');
        assert.ok(text.includes(squash(plain[0])) && text.includes('Shelford Group median 15.0%'), 'the skill mix against the benchmark');
        for (const o of [aOut, bOut, cOut]) assert.ok(text.includes(o.net), `the PDF holds the net annual effect ${o.net}`);
        assert.ok(text.includes(aOut.added) && text.includes(aOut.spend), 'and option A\'s added cost and spend avoided');
        assert.ok(text.includes('Likelihood') && text.includes('Mitigation'), 'the risks table');
        assert.ok(/20% lower/.test(text) && /20% higher/.test(text), 'the sensitivity');
        assert.ok(text.includes('Net annual effect') && text.includes('NE = SA − SC'), 'the methods with their formulas');
        assert.ok(!text.includes('Export the pack') && !text.includes('Save as new scenario'), 'no controls in the PDF');
        for (const p of [1, 2]) {
          poppler('pdftoppm', ['-png', '-r', '60', '-f', String(p), '-l', String(p), '-singlefile', pdfPath, join(RESULTS, `business-case-page-${p}`)]);
        }
        assert.deepEqual([...readFileSync(join(RESULTS, 'business-case-page-1.png')).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'page 1 renders to PNG');

        // --- Delete after confirming ---------------------------------------------------------------------------
        await scenarioRow(page, B).locator('button[data-testid^="delete-"]').click();
        const dialog = page.locator('dialog.confirm-dialog[open]');
        await dialog.waitFor();
        assert.ok((await dialog.textContent()).includes(`Delete “${B}”?`));
        await screenshot(page, 'scenarios-delete-confirm', { fullPage: false });
        await dialog.locator('[data-testid="confirm-ok"]').click();
        await page.waitForSelector(`[data-testid="scenario-notice"]:has-text('Deleted "${B}"')`);
        assert.deepEqual(await page.$$eval('[data-testid="scenario-name"]', (els) => els.map((e) => e.textContent?.trim())), [A, C]);
  }
}
