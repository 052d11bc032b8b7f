/**
 * Outsourcing reconciliation in the browser: the demo trust's RIS extract, tariff, provider statements and ledger
 * (written by `demo --write-csv`) are imported through the Import page; every month on screen is checked against
 * the command line's `reconcile --format json` for the same files; a line is disputed with a note, and the
 * decision survives a reload and a re-import of its statement; the dispute pack is exported and read back; a
 * tariff price edited in the app moves the expected cost exactly as the same price in a tariff file does.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as XLSX from 'xlsx';
import { goTo, importFile, parseFigure, waitReady } from '../app.mjs';
import { RESULTS, screenshot } from '../harness.mjs';

const STATEMENTS = ['demo-statement-medica.csv', 'demo-statement-everlight.csv'];
/** The status sheets of the dispute pack, after its Summary (shared/export/disputePack.ts). */
const PACK_SHEETS = ['Summary', 'Price differs from tariff', 'Billed twice', 'Billed, not in RIS', 'Reported by someone else', 'In RIS, not billed', 'Matched'];
/** The statuses to dispute, most telling first: the first the chosen month has is used. */
const DISPUTABLE = ['billed_not_in_ris', 'billed_twice', 'price_differs', 'reported_by_other'];
const COUNT_KEY = { billed_not_in_ris: 'billedNotInRis', billed_twice: 'billedTwice', price_differs: 'priceVariance', reported_by_other: 'reportedByOther' };

/** The NHS financial year of a month: '2025-04' → '2025/26', '2026-01' → '2025/26'. */
function fyOf(month) {
  const [y, m] = month.split('-').map(Number);
  const start = m >= 4 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

const pounds = (text) => parseFigure((text ?? '').replace(/\s+/g, ''));

async function waitReconcile(page) {
  await page.waitForFunction(() => {
    const view = document.querySelector('[data-testid="reconcile"]');
    return view && view.getAttribute('aria-busy') === 'false' && (document.querySelector('[data-testid="reconcile-empty"]') || document.querySelector('[data-testid^="month-"]'));
  });
}

async function openReconcile(page, fy) {
  await goTo(page, 'reconcile');
  await page.waitForSelector('[data-testid="reconcile"]');
  await waitReconcile(page);
  if (fy && (await page.inputValue('[data-testid="reconcile-fy"]')) !== fy) {
    await page.selectOption('[data-testid="reconcile-fy"]', fy);
    await page.waitForFunction((want) => document.querySelector('[data-testid="reconcile"]')?.getAttribute('data-fy') === want, fy);
  }
}

async function cell(page, row, name) {
  return page.textContent(`[data-testid="month-${row.provider}-${row.month}"] [data-testid="cell-${name}"]`);
}

/** Every month of the CLI's summary, as the monthly view shows it. */
async function checkMonthsAgainstCli(page, rows, what) {
  for (const fy of [...new Set(rows.map((r) => fyOf(r.month)))]) {
    await openReconcile(page, fy);
    for (const row of rows.filter((r) => fyOf(r.month) === fy)) {
      const where = `${what}: ${row.provider} ${row.month}`;
      assert.equal(pounds(await cell(page, row, 'statementLines')), row.statementLines, `${where}, statement lines`);
      assert.equal(pounds(await cell(page, row, 'expectedCost')), row.expectedCost, `${where}, expected cost`);
      assert.equal(pounds(await cell(page, row, 'statementTotal')), row.statementTotal, `${where}, statement total`);
      assert.equal(pounds(await cell(page, row, 'ledgerSpend')), row.ledgerSpend, `${where}, ledger spend`);
    }
    const shown = await page.locator('[data-testid^="month-"][data-month]').count();
    assert.equal(shown, rows.filter((r) => fyOf(r.month) === fy).length, `${what}: one row per provider-month in ${fy}`);
  }
}

/** Opens a month's lines from the keyboard: its row header is a button. */
async function openMonth(page, row) {
  await page.focus(`[data-testid="open-month-${row.provider}-${row.month}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="lines-section"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="lines-panel"]')?.getAttribute('aria-busy') === 'false');
  // Focus moves to the lines' heading, so keyboard users land on what they opened.
  await page.waitForFunction(() => document.activeElement?.id === 'lines-title');
}

const count = async (page, filter) => Number(((await page.textContent(`[data-testid="status-count-${filter}"]`)) ?? '').replace(/,/g, ''));

/** The disputed line's row, shown with the decision filter on Disputed. */
async function disputedRow(page, accession) {
  await page.check('[data-testid="status-filter-all"]');
  await page.selectOption('[data-testid="decision-filter"]', 'disputed');
  const row = page.locator('[data-testid="lines-panel"] tbody tr', { has: page.locator(`[data-testid="decision-${accession}"]`) });
  await row.waitFor();
  return row;
}

export function reconcileFlows({ session, cli, staff, ris, reporterMapping, dataDir }) {
  const tariff = join(dataDir, 'demo-tariff.csv');
  const ledger = join(dataDir, 'demo-ledger.csv');
  const statements = STATEMENTS.map((f) => join(dataDir, f));
  const reconcileJson = (tariffFile) =>
    JSON.parse(cli(['reconcile', '--staff', staff, '--ris', ris, '--tariff', tariffFile, ...statements.flatMap((s) => ['--statement', s]), '--ledger', ledger, '--format', 'json'])).reconciliations;

  return [
    [
      'reconcile: import a tariff and statements, the months match the CLI; dispute a line, reload and re-import; export the dispute pack; edit a price',
      async () => {
        for (const f of [tariff, ledger, ...statements]) assert.ok(existsSync(f), `demo --write-csv wrote ${basename(f)}`);
        const expected = reconcileJson(tariff);
        assert.ok(expected.length > 0, 'the CLI reconciles some months');

        const { page } = await session();
        await openReconcile(page, null);
        await page.waitForSelector('[data-testid="reconcile-empty"]');
        await screenshot(page, 'reconcile-empty');

        await importFile(page, staff, { kind: 'staff' });
        await importFile(page, ris, { kind: 'ris', mapping: reporterMapping });
        await importFile(page, tariff, { kind: 'tariff' });
        for (const [i, s] of statements.entries()) {
          // The statement's own layout (a title row, £ amounts, a totals row) mapped like any import.
          await importFile(page, s, { kind: 'statement', beforeRun: i === 0 ? () => screenshot(page, 'reconcile-statement-preview') : undefined });
        }
        await importFile(page, ledger, { kind: 'ledger' });

        // --- the monthly view equals the CLI's reconciliation --------------------------------------------
        await checkMonthsAgainstCli(page, expected, 'after import');
        await page.locator('[data-testid^="reconcile-provider-"]').first().screenshot({ path: join(RESULTS, 'e2e-reconcile-provider-months.png') });

        // The month with the most lines to dispute: its status counts, as the lines show them, equal the CLI's.
        const month = [...expected].sort((a, b) => DISPUTABLE.reduce((s, k) => s + b[COUNT_KEY[k]] - a[COUNT_KEY[k]], 0))[0];
        const status = DISPUTABLE.find((s) => month[COUNT_KEY[s]] > 0);
        assert.ok(status, 'the demo plants discrepancies');
        await openReconcile(page, fyOf(month.month));
        await screenshot(page, 'reconcile-months');
        await openMonth(page, month);
        const where = `${month.provider} ${month.month}`;
        assert.equal(await count(page, 'all'), month.statementLines + month.notBilled, `${where}: every line and not-billed examination`);
        assert.equal(await count(page, 'matched'), month.matched - month.priceVariance, `${where}: matched at the tariff`);
        assert.equal(await count(page, 'price_differs'), month.priceVariance, `${where}: price differs`);
        assert.equal(await count(page, 'billed_twice'), month.billedTwice, `${where}: billed twice`);
        assert.equal(await count(page, 'billed_not_in_ris'), month.billedNotInRis, `${where}: billed, not in RIS`);
        assert.equal(await count(page, 'reported_by_other'), month.reportedByOther, `${where}: reported by someone else`);
        assert.equal(await count(page, 'not_billed'), month.notBilled, `${where}: in RIS, not billed`);
        assert.equal(pounds(await page.textContent('[data-testid="lines-expected"]')), month.expectedCost, `${where}: expected cost above the lines`);

        // --- dispute one line, with a note ---------------------------------------------------------------
        await page.check(`[data-testid="status-filter-${status}"]`);
        const firstTick = page.locator('[data-testid="lines-panel"] tbody input.tick').first();
        const accession = ((await firstTick.getAttribute('data-testid')) ?? '').replace(/^tick-/, '');
        assert.ok(accession, 'a line to dispute');
        await screenshot(page, 'reconcile-lines');
        // Ticked from the keyboard, like the month was opened.
        await firstTick.focus();
        await page.keyboard.press('Space');
        await page.locator('[data-testid="lines-section"]').screenshot({ path: join(RESULTS, 'e2e-reconcile-lines-detail.png') });
        await page.waitForSelector('[data-testid="ticked-count"]:has-text("1 line ticked")');
        await page.click('[data-testid="decide-disputed"]');
        const dialog = page.locator('dialog[data-testid="decision-dialog"][open]');
        await dialog.waitFor();
        // A dispute is refused without a note.
        await dialog.locator('[data-testid="decision-confirm"]').click();
        await dialog.locator('[data-testid="decision-problem"]').waitFor();
        const note = `Not ours to pay: ${accession} (E2E)`;
        await dialog.locator('[data-testid="decision-note"]').fill(note);
        await screenshot(page, 'reconcile-dispute', { fullPage: false });
        await dialog.locator('[data-testid="decision-confirm"]').click();
        await page.waitForSelector('[data-testid="reconcile-notice"]:has-text("Marked disputed: 1 line")');
        await dialog.waitFor({ state: 'hidden' });
        let row = await disputedRow(page, accession);
        assert.match((await row.textContent()) ?? '', new RegExp(note.replace(/[()]/g, '\\$&')), 'the note is shown with the line');

        // --- it survives a reload --------------------------------------------------------------------------
        await page.reload();
        await waitReady(page);
        await openReconcile(page, fyOf(month.month));
        await openMonth(page, month);
        row = await disputedRow(page, accession);
        assert.match((await row.textContent()) ?? '', /Disputed/);
        assert.ok(((await row.textContent()) ?? '').includes(note), 'the note survives a reload');

        // --- and a re-import of its statement (undo the batch, import the file again) --------------------
        const statementFile = statements.find((s) => basename(s).includes(month.provider.toLowerCase()));
        assert.ok(statementFile, `a statement file for ${month.provider}`);
        await goTo(page, 'import');
        await page.waitForSelector('[data-testid="batch-table"]');
        await page.locator('[data-testid="batch-table"] tbody tr', { hasText: basename(statementFile) }).locator('button:has-text("Undo")').click();
        await page.locator('dialog.confirm-dialog[open] [data-testid="confirm-ok"]').click();
        await page.waitForSelector('[data-testid="import-notice"]:has-text("Undid batch")');
        await importFile(page, statementFile, { kind: 'statement' });
        await openReconcile(page, fyOf(month.month));
        await checkMonthsAgainstCli(page, expected, 'after re-importing a statement');
        await openReconcile(page, fyOf(month.month));
        await openMonth(page, month);
        row = await disputedRow(page, accession);
        assert.ok(((await row.textContent()) ?? '').includes(note), 'the decision and its note outlive a re-import');

        // --- the dispute pack ------------------------------------------------------------------------------
        await page.selectOption('[data-testid="reconcile-provider"]', month.provider);
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-dispute-pack"]')]);
        assert.match(download.suggestedFilename(), new RegExp(`^radbench-dispute-pack-${month.provider}-.*\\.xlsx$`));
        const book = XLSX.read(readFileSync(await download.path()), { type: 'buffer' });
        assert.deepEqual(book.SheetNames, PACK_SHEETS, 'the pack has a summary and a sheet per status');
        const summary = XLSX.utils.sheet_to_json(book.Sheets.Summary, { header: 1, raw: true });
        const providerMonths = expected.filter((r) => r.provider === month.provider && fyOf(r.month) === fyOf(month.month));
        assert.equal(summary.filter((r) => r[0] === month.provider).length, providerMonths.length, 'one summary row per month of the provider');
        const sheetName = PACK_SHEETS[['summary', 'price_differs', 'billed_twice', 'billed_not_in_ris', 'reported_by_other'].indexOf(status)];
        const disputed = XLSX.utils.sheet_to_json(book.Sheets[sheetName], { header: 1, raw: true }).filter((r) => r.includes(accession));
        assert.equal(disputed.length, 1, `the disputed line is on the ${sheetName} sheet`);
        assert.ok(disputed[0].includes('Disputed') && disputed[0].includes(note), 'with its decision and note');
        await page.waitForSelector('[data-testid="reconcile-notice"]:has-text("Saved the dispute pack")');

        // --- a price edited in the app re-prices the months as a tariff file with that price does ----------
        await page.selectOption('[data-testid="reconcile-provider"]', '');
        const tariffLines = readFileSync(tariff, 'utf8').split('\r\n');
        const edited = tariffLines.findIndex((l) => /^Everlight,XR,,,£8\.50,/.test(l));
        assert.ok(edited > 0, 'the demo tariff prices Everlight XR at £8.50');
        const editedTariff = join(dataDir, 'reconcile-tariff-edited.csv');
        writeFileSync(editedTariff, tariffLines.map((l, i) => (i === edited ? l.replace('£8.50', '£9.25') : l)).join('\r\n'));
        const repriced = reconcileJson(editedTariff);
        assert.ok(repriced.some((r, i) => r.expectedCost !== expected[i].expectedCost), 'the new price changes some expected costs');

        await page.fill('[data-testid="tariff-section"] [data-testid="vtable-filter"]', 'Everlight');
        const priceRow = page.locator('[data-testid="tariff-section"] tbody tr', { hasText: 'Everlight' }).filter({ hasText: 'XR ·' });
        await priceRow.locator('button:has-text("Edit")').click();
        const tariffDialog = page.locator('dialog[data-testid="tariff-dialog"][open]');
        await tariffDialog.waitFor();
        assert.match((await priceRow.textContent()) ?? '', /Import batch \d+/, 'an imported price names its batch');
        assert.equal(await tariffDialog.locator('[data-testid="tariff-price"]').inputValue(), '8.50');
        await tariffDialog.locator('[data-testid="tariff-price"]').fill('9.25');
        await screenshot(page, 'reconcile-tariff-edit', { fullPage: false });
        await tariffDialog.locator('[data-testid="tariff-save"]').click();
        await page.waitForSelector('[data-testid="reconcile-notice"]:has-text("Saved the Everlight price for XR")');
        assert.match((await priceRow.textContent()) ?? '', /£9\.25.*Entered here/, 'the edited price is shown as entered in the app');
        await checkMonthsAgainstCli(page, repriced, 'after editing a price');
        await screenshot(page, 'reconcile-repriced');
      },
    ],
  ];
}
