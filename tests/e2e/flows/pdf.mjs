/**
 * Browser flow: the dashboard as a PDF. Chromium prints the page with print media (print.css: no navigation,
 * one column) to A4; the PDF's text, read back with poppler's pdftotext, must hold the period and the KPI
 * figures the page shows. Page 1 is also rendered to PNG (pdftoppm) for a person to look at.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile, showYear } from '../app.mjs';
import { RESULTS } from '../harness.mjs';

const KPIS = ['reports', 'skillMix.plainFilm', 'outsourcing.share', 'turnaround.median', 'backlog', 'breaches28d'];

/** Runs a poppler tool; a missing one fails with what to install rather than ENOENT. */
function poppler(tool, args) {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    if (err.code === 'ENOENT') throw new Error(`${tool} is not installed: the PDF test reads the PDF with poppler. Install it with \`apt-get install -y poppler-utils\`.`);
    throw err;
  }
}

/** Text as shown on screen and as pdftotext gives it: one space for any run of white space. */
const squash = (text) => text.replace(/\s+/g, ' ').trim();

export function pdfFlow({ session, staff, ris, reporterMapping, fy }) {
  return [
    'print the dashboard to an A4 PDF whose text holds the period and the KPIs',
    async () => {
      const { page } = await session();
      await importFile(page, staff, { kind: 'staff' });
      await importFile(page, ris, { kind: 'ris', mapping: reporterMapping });
      await showYear(page, fy);

      const period = squash((await page.textContent('[data-testid="period-label"]')) ?? '');
      assert.match(period, new RegExp(fy.replace('/', '\\/')), 'the period label names the financial year');
      const shown = {};
      for (const id of KPIS) shown[id] = squash((await page.textContent(`[data-testid="tile-${id}"] [data-testid="tile-value"]`)) ?? '');
      const weighted = squash((await page.textContent('[data-testid="weighted-reportsPerWte.radiologist"]')) ?? '');

      // page.pdf() prints with print media, so print.css applies as it does for "Save as PDF".
      const bytes = await page.pdf({ format: 'A4', printBackground: true });
      const pdfPath = join(RESULTS, 'report.pdf');
      writeFileSync(pdfPath, bytes);
      assert.equal(Buffer.from(bytes.subarray(0, 5)).toString('latin1'), '%PDF-', 'a PDF was produced');

      const info = poppler('pdfinfo', [pdfPath]);
      const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
      assert.ok(size, `pdfinfo gives the page size:\n${info}`);
      assert.ok(Math.abs(Number(size[1]) - 595) < 2 && Math.abs(Number(size[2]) - 842) < 2, `the pages are A4 portrait (${size[1]} × ${size[2]} pt)`);

      const text = squash(poppler('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '-']));
      assert.ok(text.includes(period), `the PDF names the period "${period}"`);
      assert.ok(text.includes('Reports issued'), 'the PDF labels the reports tile');
      for (const [id, value] of Object.entries(shown)) {
        assert.ok(value && value !== '—', `the page shows a figure for ${id}`);
        assert.ok(text.includes(value), `the PDF holds ${id} as shown on the page: ${value}`);
      }
      assert.ok(text.includes(weighted), `the PDF holds the weighted reports per WTE: ${weighted}`);
      // The navigation and the buttons are left off the paper.
      assert.ok(!text.includes('Export workbook'), 'no buttons in the PDF');
      assert.ok(!/\bImport\b.*\bStaff\b.*\bBenchmarks\b/.test(text.slice(0, 200)), 'no navigation bar at the top of the PDF');

      // Page 1 as an image, for a person to check the layout (test-results/report.png).
      poppler('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, join(RESULTS, 'report')]);
      const png = readFileSync(join(RESULTS, 'report.png'));
      assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'page 1 renders to PNG');
    },
  ];
}
