/**
 * The Finance view in the browser: a real published spend file and a tiny RIS extract are imported, the totals and
 * the dashboard tile are checked against the command line's JSON, then a rule made from the review queue is
 * previewed and saved and the tile moves to the CLI's figure for the same rule.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertClose, goTo, importFile, parseFigure, showYear, tileDetail, tileValue } from '../app.mjs';
import { RESULTS, ROOT, screenshot } from '../harness.mjs';

const FY = '2020/21';
/** A Chelsea & Westminster "spend over £25,000" file for October 2020 (see ../shared/fixtures/public-spend/SOURCE.txt). */
const LEDGER = join(ROOT, '..', 'shared', 'fixtures', 'public-spend', 'CHWE 07 - October.csv');
const DATA = join(RESULTS, 'e2e-data');
const RIS = join(DATA, 'finance-ris.csv');
const RULES = join(DATA, 'finance-rules.json');
/** The supplier the flow classifies: booked under Radiology, so it waits in the review queue as Other. */
const SUPPLIER = 'Sectra Ltd';
const MEDICA_PENCE = 33_958_649;

function cli(args) {
  return JSON.parse(
    execFileSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'electron', 'cli', 'main.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 16 * 1024 * 1024,
    }),
  );
}

/** Three reports by Medica in October 2020 and one in-house report: enough to price outsourced reporting. */
function writeRis() {
  const header = 'Accession Number,Exam Code,Exam Name,Modality,Site,Patient Type,Priority,Exam Date,Exam Time,Date Reported,Time Reported,Reported By,Reporter Name,Outsourcing Provider';
  const rows = [
    'FIN0001,CCHES,CT Chest,CT,RQM01,Inpatient,Routine,05/10/2020,09:00,06/10/2020,10:00,MED01,Medica reporter,Medica',
    'FIN0002,CCHES,CT Chest,CT,RQM01,Inpatient,Routine,06/10/2020,09:00,07/10/2020,10:00,MED01,Medica reporter,Medica',
    'FIN0003,MBRAI,MR Brain,MR,RQM01,Outpatient,Routine,07/10/2020,09:00,08/10/2020,10:00,MED02,Medica reporter 2,Medica',
    'FIN0004,XCHES,XR Chest,CR,RQM01,GP,Routine,08/10/2020,09:00,09/10/2020,10:00,RAD01,"Smith, A",',
  ];
  writeFileSync(RIS, `${header}\r\n${rows.join('\r\n')}\r\n`);
}

const pounds = (text) => parseFigure(text.replace(/:.*$/s, ''));

async function waitFinance(page, fy) {
  await page.waitForFunction(
    (want) => {
      const f = document.querySelector('[data-testid="finance"]');
      return f && f.getAttribute('aria-busy') === 'false' && f.getAttribute('data-period')?.includes(want) && document.querySelector('[data-testid="rules-table"]');
    },
    fy,
    { timeout: 60_000 },
  );
}

async function openFinance(page, fy) {
  await goTo(page, 'finance');
  await page.waitForSelector('[data-testid="finance"]');
  await page.waitForSelector('[data-testid="period-fy"]');
  if ((await page.inputValue('[data-testid="period-fy"]')) !== fy) await page.selectOption('[data-testid="period-fy"]', fy);
  await waitFinance(page, fy);
}

async function categorySpend(page, category) {
  return pounds((await page.textContent(`[data-testid="category-spend-${category}"]`)) ?? '');
}

/** @param {{ session: () => Promise<{ page: import('playwright-core').Page }> }} context */
export function financeFlows({ session }) {
  assert.ok(existsSync(LEDGER), `the public spend fixture is at ${LEDGER}`);
  mkdirSync(DATA, { recursive: true });
  writeRis();
  const rule = { id: 'supplier-sectra-ltd', category: 'outsourced_reporting', conditions: [{ field: 'supplier', op: 'is', value: SUPPLIER }] };
  writeFileSync(RULES, JSON.stringify([rule]));
  const before = cli(['analyse', '--ris', RIS, '--ledger', LEDGER, '--period', FY, '--format', 'json']);
  const after = cli(['analyse', '--ris', RIS, '--ledger', LEDGER, '--rules', RULES, '--period', FY, '--format', 'json']);
  assert.equal(Math.round(before.spendByCategory.outsourced_reporting * 100), MEDICA_PENCE, 'the CLI finds £339,586.49 of Medica spend');

  return [
    [
      'finance: import a published spend file, classify a supplier with a previewed rule, see cost per outsourced report change',
      async () => {
        const { page } = await session();
        await goTo(page, 'finance');
        await page.waitForSelector('[data-testid="finance-empty"]');
        await screenshot(page, 'finance-empty');

        const ris = await importFile(page, RIS, { kind: 'ris' });
        assert.equal(ris.accepted, 4, 'the RIS rows are accepted');
        const ledger = await importFile(page, LEDGER, { kind: 'ledger' });
        const ledgerImport = before.imports.find((i) => i.kind === 'ledger');
        assert.deepEqual([ledger.rowsRead, ledger.accepted, ledger.rejected], [ledgerImport.rowsRead, ledgerImport.accepted, 0], 'every ledger row is accepted');

        // The dashboard prices the outsourced reports from the ledger.
        await showYear(page, FY);
        assertClose(await tileValue(page, 'outsourcing.costPerReport'), before.outsourcing.costPerReport, 0.005, 'cost per outsourced report before the rule');
        assertClose(await tileValue(page, 'externalSpendPerReport'), before.externalSpendPerReport, 0.005, 'external spend per report');
        assert.match(await page.textContent('[data-testid="tile-externalSpendPerReport"]'), /National 2016\/17: £3\.44/);
        assert.match(await tileDetail(page, 'outsourcing.costPerReport'), /over 3 reports/);

        await openFinance(page, FY);
        assert.equal(Math.round((await categorySpend(page, 'outsourced_reporting')) * 100), MEDICA_PENCE, 'outsourced reporting is Medica’s £339,586.49');
        for (const [category, value] of Object.entries(before.spendByCategory)) {
          const shown = value === 0 ? 0 : await categorySpend(page, category);
          assertClose(shown, value, 0.001, `spend in ${category}`);
        }
        const medica = page.locator('[data-testid="provider-Medica"]');
        assert.match((await medica.textContent()) ?? '', /3.*£339,586\.49.*£113,195\.50/s, 'Medica: 3 reports, the spend, the cost per report');
        await screenshot(page, 'finance-overview');

        // The supplier table: filtered to Medica, its £ figure opens the ledger lines behind it.
        await page.fill('[data-testid="supplier-filter"]', 'medica group');
        await page.waitForFunction(() => document.querySelector('[data-testid="supplier-count"]')?.textContent?.startsWith('1 of'));
        await page.click('[data-testid="supplier-row"] [data-testid="supplier-spend"]');
        await page.waitForSelector('.side-panel[open] [data-testid="ledger-drill-total"]');
        assert.match((await page.textContent('[data-testid="ledger-drill-total"]')) ?? '', /£339,586\.49 from 6 ledger lines/);
        assert.equal(await page.locator('.side-panel[open] tbody tr:not(.spacer)').count(), 6);
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="ledger-export"]')]);
        assert.match(download.suggestedFilename(), /^radbench-ledger-Medica-.*\.csv$/);
        await screenshot(page, 'finance-drill', { fullPage: false });
        await page.keyboard.press('Escape');
        await page.waitForSelector('.side-panel[open]', { state: 'detached' }).catch(() => undefined);
        await page.fill('[data-testid="supplier-filter"]', '');

        // The review queue holds the supplier's radiology lines; one click starts a rule for it.
        const queued = page.locator('[data-testid="review-queue"] tr', { hasText: SUPPLIER }).first();
        await queued.locator('button').click();
        const dialog = page.locator('dialog[data-testid="rule-dialog"][open]');
        await dialog.waitFor();
        assert.equal(await dialog.locator('[data-testid="condition-value"]').inputValue(), SUPPLIER);
        assert.equal(await dialog.locator('[data-testid="rule-id"]').inputValue(), rule.id);
        // An invalid rule is explained before anything reaches the ledger.
        await dialog.locator('[data-testid="rule-save"]').click();
        assert.match((await dialog.locator('[data-testid="rule-problems"]').textContent()) ?? '', /choose a category/);
        await dialog.locator('[data-testid="rule-category"]').selectOption('outsourced_reporting');
        await dialog.locator('[data-testid="rule-preview-button"]').click();
        await dialog.locator('[data-testid="rule-preview-summary"]').waitFor();
        const moved = Math.round((after.spendByCategory.outsourced_reporting - before.spendByCategory.outsourced_reporting) * 100) / 100;
        const summary = (await dialog.locator('[data-testid="rule-preview-summary"]').textContent()) ?? '';
        assert.match(summary, /^2 lines, /, 'two Sectra lines would move');
        assertClose(pounds(summary.replace(/^\d+ lines, /, '').replace(/ would.*$/, '')), moved, 0.001, 'the money the preview says would move');
        await screenshot(page, 'finance-rule-preview', { fullPage: false });
        await dialog.locator('[data-testid="rule-save"]').click();
        await page.waitForSelector('[data-testid="finance-notice"]:has-text("2 ledger lines reclassified")');
        await waitFinance(page, FY);
        // The button that opened the dialog went with its line; focus stays by the review queue, not lost on the page.
        await page.waitForFunction(() => document.activeElement?.id === 'review-title');
        assertClose(await categorySpend(page, 'outsourced_reporting'), after.spendByCategory.outsourced_reporting, 0.001, 'outsourced reporting after the rule');
        assert.equal(await page.locator('[data-testid="review-queue"] tr', { hasText: SUPPLIER }).count(), 0, 'the supplier has left the review queue');
        assert.ok(await page.isVisible(`[data-testid="rule-${rule.id}"]`), 'the new rule is listed');
        await screenshot(page, 'finance-after-rule');

        // The tile follows.
        await showYear(page, FY);
        const cost = await tileValue(page, 'outsourcing.costPerReport');
        assertClose(cost, after.outsourcing.costPerReport, 0.005, 'cost per outsourced report after the rule');
        assert.ok(cost > before.outsourcing.costPerReport, 'cost per outsourced report rose');
        await screenshot(page, 'finance-dashboard');
      },
    ],
  ];
}
