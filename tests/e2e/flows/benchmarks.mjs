/**
 * Browser flow: import a RIS extract and a benchmark CSV with per-organisation rows, open Benchmarks, check
 * the table names the imported source, the distribution draws the user's bar highlighted, the workbook
 * downloads as XLSX, a chart downloads as PNG and the print layout carries the period header.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goTo, importFile } from '../app.mjs';
import { screenshot } from '../harness.mjs';

const METRIC = 'skillMix.plainFilmRadiographerShare';
const SOURCE = 'E2E Imaging Data Collection 2023/24';
const URL_TEXT = 'https://example.org/e2e-collection';

/** Twelve organisations' skill mix, a national row with quartiles, and one unsourced row that must be rejected. */
function benchmarkCsv() {
  const lines = ['metric,cohort,year,value,p25,median,p75,n,unit,source,url'];
  lines.push(`${METRIC},national,2023/24,,0.08,0.12,0.2,12,share,${SOURCE},${URL_TEXT}`);
  const values = [0.02, 0.05, 0.07, 0.09, 0.1, 0.12, 0.13, 0.16, 0.19, 0.22, 0.26, 0.31];
  values.forEach((v, i) => lines.push(`${METRIC},org:R${String.fromCharCode(65 + i)}X,2023/24,${v},,,,,share,${SOURCE},${URL_TEXT}`));
  lines.push(`${METRIC},org:RZZ,2023/24,0.5,,,,,share,,`);
  return lines.join('\r\n') + '\r\n';
}

/** Pixels of the canvas close to a colour: proves a highlighted bar was actually drawn. */
async function colourPixels(page, selector, [r, g, b]) {
  return page.$eval(
    selector,
    (canvas, want) => {
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i] - want[0]) < 12 && Math.abs(data[i + 1] - want[1]) < 12 && Math.abs(data[i + 2] - want[2]) < 12) n++;
      }
      return n;
    },
    [r, g, b],
  );
}

export function benchmarksFlow({ session, staff, ris, reporterMapping, fy, dataDir }) {
  return [
    'import a benchmark CSV; the distribution highlights our bar; export XLSX, PNG and print',
    async () => {
      const { page } = await session();
      await importFile(page, staff, { kind: 'staff' });
      await importFile(page, ris, { kind: 'ris', mapping: reporterMapping });

      await goTo(page, 'benchmarks');
      await page.waitForSelector('[data-testid="benchmarks"][aria-busy="false"] [data-testid="bench-table"]');
      assert.ok(await page.isVisible('[data-testid="dist-empty"]'), 'no distribution before a file with org rows');
      await page.selectOption('[data-testid="benchmarks"] [data-testid="period-fy"]', fy);

      const csv = join(dataDir, 'benchmarks-orgs.csv');
      writeFileSync(csv, benchmarkCsv());
      await page.setInputFiles('[data-testid="benchmark-file-input"]', csv);
      await page.waitForSelector('[data-testid="bench-notice"]:has-text("Imported 13 benchmark rows")');
      const rejects = (await page.textContent('[data-testid="benchmark-rejects"]')) ?? '';
      assert.match(rejects, /Row rejected/, 'the unsourced row is listed as rejected');

      await page.fill('[data-testid="peer-name"]', 'North');
      for (const org of ['RAX', 'RBX', 'RCX']) await page.check(`[data-testid="peer-org-${org}"]`);
      await page.fill('[data-testid="peer-own-org"]', 'rdx');
      await page.click('[data-testid="peer-save"]');
      await page.waitForSelector('[data-testid="bench-notice"]:has-text("Peer group")');
      await page.waitForSelector('[data-testid="benchmarks"][aria-busy="false"]');

      const table = (await page.textContent('[data-testid="bench-table"]')) ?? '';
      assert.ok(table.includes(SOURCE), 'the table shows the imported source');
      assert.ok(table.includes(URL_TEXT), 'the URL is shown as text');
      assert.equal(await page.locator('[data-testid="bench-table"] a').count(), 0, 'no external links');

      const figure = `[data-testid="distribution-${METRIC}"]`;
      await page.waitForSelector(`${figure} canvas`);
      assert.match((await page.textContent(`${figure} [data-testid="chart-caption"]`)) ?? '', /E2E Imaging Data Collection 2023\/24, 2023\/24/);
      assert.ok((await colourPixels(page, `${figure} canvas`, [0xd5, 0x5e, 0x00])) > 50, 'the user\'s bar is drawn in vermillion');
      assert.ok((await colourPixels(page, `${figure} canvas`, [0x56, 0xb4, 0xe9])) > 50, 'peer bars are drawn in sky blue');
      const trend = `[data-testid="trend-${METRIC}"]`;
      assert.ok(await page.isVisible(`${trend} canvas`), 'the skill-mix trend is drawn');
      assert.match((await page.textContent(`${trend} [data-testid="chart-caption"]`)) ?? '', /E2E Imaging Data Collection 2023\/24, 2023\/24/, 'the trend names its benchmark\'s source and year');
      assert.ok(await page.isVisible('[data-testid="methods-panel"] [data-testid="data-quality"]'), 'the methods panel has its data-quality summary');

      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-workbook"]')]);
      assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
      const bytes = readFileSync(await xlsx.path());
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'the workbook is a zip (XLSX)');

      const [png] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="png-distribution-${METRIC}"]`)]);
      assert.deepEqual([...readFileSync(await png.path()).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'the chart downloads as PNG');

      await screenshot(page, 'benchmarks');

      await page.emulateMedia({ media: 'print' });
      assert.ok(await page.isVisible('[data-testid="print-header"]'), 'the print header shows on paper');
      assert.ok(!(await page.isVisible('.app-nav')), 'the navigation is left off the printout');
      assert.match((await page.textContent('[data-testid="print-header"]')) ?? '', new RegExp(fy.replace('/', '\\/')));
      await screenshot(page, 'benchmarks-print');
      await page.emulateMedia({ media: 'screen' });
    },
  ];
}
