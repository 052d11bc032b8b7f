import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs, { type Database } from 'sql.js';
import { MIGRATIONS } from '../../../shared/db/schema';
import { queryValue } from '../../../shared/db/connection';
import { FINANCE_MIGRATION } from '../../../shared/finance/schema';
import { LEDGER_INSERT_SQL, writeLedgerLine, type LedgerRecord } from '../../../shared/finance/ledgerRows';
import { ProviderIndex } from '../../../shared/finance/providers';
import { previewRuleChange, type ClassificationRule } from '../../../shared/finance/rules';
import {
  financeFigures,
  hasLedger,
  ledgerLines,
  reviewQueue,
  spendByCategory,
  spendByMonth,
  spendByProvider,
  supplierTotals,
} from '../../../shared/finance/spend';
import {
  deleteAlias,
  loadAliases,
  loadRules,
  previewLines,
  reclassifyLedger,
  saveAlias,
  saveRule,
  seedFinanceDefaults,
  storedClassifier,
  storedProviders,
} from '../../../shared/finance/store';
import { RuleError } from '../../../shared/finance/rules';
import { convertFixture, FIXTURES } from './fixtures';

const Q3 = { from: '2020-10-01', to: '2020-12-31' };
const OCT = { from: '2020-10-01', to: '2020-10-31' };
const FY = { from: '2020-04-01', to: '2021-03-31' };

/** Every migration, as migrate() runs them (v2 is the finance schema), without seeding the defaults. */
function createDatabase(SQL: initSqlJs.SqlJsStatic): Database {
  const db = new SQL.Database();
  expect(MIGRATIONS).toContain(FINANCE_MIGRATION);
  MIGRATIONS.forEach((sql, version) => {
    db.exec('BEGIN');
    db.exec(sql);
    db.exec(`PRAGMA user_version = ${version + 1}`);
    db.exec('COMMIT');
  });
  return db;
}

function insertBatch(db: Database, file: string, records: { row: number; record: LedgerRecord }[]): number {
  db.run(
    `INSERT INTO import_batch (file, sha256, kind, mapping, rows_read, accepted, inserted, updated, rejected, imported_at)
     VALUES (?, 'x', 'ledger', '{}', ?, ?, ?, 0, 0, '2026-01-01T00:00:00Z')`,
    [file, records.length, records.length, records.length],
  );
  const batchId = Number(queryValue(db, 'SELECT last_insert_rowid()'));
  const stmt = db.prepare(LEDGER_INSERT_SQL);
  for (const { row, record } of records) writeLedgerLine(stmt, batchId, row, record);
  stmt.free();
  return batchId;
}

describe('ledger lines in the v2 schema', () => {
  let db: Database;
  const batches: number[] = [];

  beforeAll(async () => {
    const SQL = await initSqlJs();
    db = createDatabase(SQL);
    expect(hasLedger(db)).toBe(false);
    expect(seedFinanceDefaults(db)).toBe(true);
    expect(seedFinanceDefaults(db)).toBe(false);
    for (const name of FIXTURES) {
      const converted = await convertFixture(name, loadRules(db));
      batches.push(insertBatch(db, name, converted.records));
    }
  });

  it('stores every line with exact pence', () => {
    expect(queryValue(db, 'SELECT count(*) FROM ledger_line')).toBe(113 + 89 + 69);
    expect(queryValue(db, 'SELECT sum(amount_pence) FROM ledger_line')).toBe(1_688_832_663 + 1_314_228_086 + 1_448_412_863);
    expect(queryValue(db, 'PRAGMA user_version')).toBe(MIGRATIONS.length);
  });

  it('knows whether a period holds ledger lines', () => {
    expect(hasLedger(db)).toBe(true);
    expect(hasLedger(db, Q3)).toBe(true);
    expect(hasLedger(db, { from: '2021-01-01', to: '2021-03-31' })).toBe(false);
  });

  it('sums spend by category in pounds, every category present', () => {
    const oct = spendByCategory(db, OCT);
    expect(oct).toEqual({
      outsourced_reporting: 339_586.49,
      outsourced_imaging: 240_588.45,
      insourcing: 0,
      agency_locum: 371_649.6, // Care Providers Ltd: 108,527.20 + 77,878.93 + 98,289.23 + 86,954.24
      waiting_list_initiative: 0,
      other: 16_888_326.63 - 339_586.49 - 240_588.45 - 371_649.6,
    });
    // The "other" figure is derived from integer pence, so it has at most two decimals.
    expect(Math.round(oct.other * 100)).toBe(1_688_832_663 - 33_958_649 - 24_058_845 - 37_164_960);
    const q3 = spendByCategory(db, Q3);
    expect(q3.outsourced_reporting).toBe(339_586.49 + 209_713.6 + 161_941.94);
    expect(Object.values(q3).every((v) => Math.round(v * 100) / 100 === v)).toBe(true);
  });

  it('gives spend by month and category', () => {
    const rows = spendByMonth(db, FY).filter((r) => r.category === 'outsourced_reporting');
    expect(rows).toEqual([
      { month: '2020-10', category: 'outsourced_reporting', pence: 33_958_649 },
      { month: '2020-11', category: 'outsourced_reporting', pence: 20_971_360 },
      { month: '2020-12', category: 'outsourced_reporting', pence: 16_194_194 },
    ]);
    const months = spendByMonth(db, FY);
    expect(months.map((r) => r.month)).toEqual([...months.map((r) => r.month)].sort());
    expect(months.reduce((s, r) => s + r.pence, 0)).toBe(1_688_832_663 + 1_314_228_086 + 1_448_412_863);
  });

  it('gives spend by canonical provider', () => {
    const providers = spendByProvider(db, Q3, 'outsourced_reporting');
    expect([...providers]).toEqual([
      ['Medica', 33_958_649],
      ['Telemedicine Clinic', 20_971_360],
      ['Everlight', 16_194_194],
    ]);
    expect([...spendByProvider(db, Q3, 'outsourced_imaging')]).toEqual([['Alliance Medical', 24_058_845]]);
  });

  it('lists supplier totals, largest first', () => {
    const totals = supplierTotals(db, Q3);
    // Pulse Healthcare's eight December lines (£3,242,755.24) outweigh the largest single payment (£2,906,792.80).
    expect(totals[0]).toEqual({ supplier: 'Pulse Healthcare Ltd', provider: null, category: 'agency_locum', lines: 8, pence: 324_275_524 });
    expect(totals[1]).toMatchObject({ supplier: 'Nhs Resolution C/O Nhs Litigation Authority', lines: 1, pence: 290_679_280 });
    expect(totals.find((t) => t.supplier === 'TELEMEDICINE CLINIC LTD')).toEqual({
      supplier: 'TELEMEDICINE CLINIC LTD',
      provider: 'Telemedicine Clinic',
      category: 'outsourced_reporting',
      lines: 6,
      pence: 20_971_360,
    });
    expect(totals.reduce((s, t) => s + t.pence, 0)).toBe(1_688_832_663 + 1_314_228_086 + 1_448_412_863);
  });

  it('drills down from a figure to its lines', () => {
    const medica = ledgerLines(db, Q3, { provider: 'Medica', category: 'outsourced_reporting' });
    expect(medica.total).toBe(6);
    expect(medica.pence).toBe(33_958_649);
    expect(medica.rows.every((r) => r.supplier === 'Medica Reporting Ltd (Medica Group)' && r.radiology)).toBe(true);
    expect(medica.rows[0]).toMatchObject({ periodMonth: '2020-10', ruleId: 'medica', category: 'outsourced_reporting' });
    const paged = ledgerLines(db, Q3, { category: 'other', limit: 5, offset: 5 });
    expect(paged.rows).toHaveLength(5);
    expect(paged.total).toBeGreaterThan(100);
    const nov = ledgerLines(db, Q3, { month: '2020-11', unmatched: true });
    expect(nov.rows.every((r) => r.periodMonth === '2020-11' && r.ruleId === null)).toBe(true);
  });

  it('queues unclassified radiology lines for review', () => {
    const queue = reviewQueue(db, Q3);
    expect(queue.length).toBeGreaterThan(0);
    expect(queue.every((r) => r.category === 'other' && r.radiology)).toBe(true);
    expect(new Set(queue.map((r) => r.supplier))).toContain('Sectra Ltd');
    const abs = queue.map((r) => Math.abs(r.amountPence));
    expect(abs).toEqual([...abs].sort((a, b) => b - a));
  });

  it('computes cost per outsourced report and external spend per report', () => {
    const figures = financeFigures(
      db,
      Q3,
      { total: 20_000, outsourced: 3_000, insourced: 0, byProvider: new Map([['MEDICA', 2_000], ['TMC', 1_000]]) },
      storedProviders(db),
    );
    expect(figures.outsourcing.spend).toBe(711_242.03);
    // 71,124,203 pence / 3,000 reports = 23,708.07 pence → £237.08
    expect(figures.outsourcing.costPerReport).toBe(237.08);
    expect(figures.outsourcing.byProvider).toEqual([
      { provider: 'Medica', reports: 2_000, spend: 339_586.49, costPerReport: 169.79 },
      { provider: 'Telemedicine Clinic', reports: 1_000, spend: 209_713.6, costPerReport: 209.71 },
      { provider: 'Everlight', reports: 0, spend: 161_941.94, costPerReport: null },
    ]);
    expect(figures.insourcing).toEqual({ spend: 0, costPerReport: null });
    // (71,124,203 + 24,058,845) pence / 20,000 reports = 4,759.15 pence → £47.59
    expect(figures.externalSpendPerReport).toBe(47.59);
    const none = financeFigures(db, { from: '2021-01-01', to: '2021-01-31' }, { total: 10, outsourced: 5, insourced: 0, byProvider: new Map() }, storedProviders(db));
    expect(none.outsourcing.costPerReport).toBeNull();
    expect(none.externalSpendPerReport).toBeNull();
  });

  it('previews and applies a new rule, then reclassifies the stored lines', () => {
    const current = loadRules(db);
    const rule: ClassificationRule = {
      id: 'sectra-pacs',
      priority: 50,
      category: 'outsourced_imaging',
      conditions: [{ field: 'supplier', op: 'starts_with', value: 'sectra' }],
      enabled: true,
    };
    const preview = previewRuleChange(previewLines(db), current, [...current, rule]);
    // Sectra Ltd: 109,997.10 + 70,005.60
    expect(preview).toEqual({
      changed: 2,
      pounds: 180_002.7,
      byTransition: [{ from: 'other', to: 'outsourced_imaging', lines: 2, pence: 18_000_270 }],
    });
    expect(() => saveRule(db, { ...rule, conditions: [{ field: 'supplier', op: 'matches', value: '(' }] })).toThrow(RuleError);
    saveRule(db, rule);
    expect(reclassifyLedger(db, storedClassifier(db), storedProviders(db))).toEqual({ changed: 2 });
    expect(spendByCategory(db, OCT).outsourced_imaging).toBe(240_588.45 + 180_002.7);
    expect(reviewQueue(db, OCT).some((r) => r.supplier === 'Sectra Ltd')).toBe(false);
    expect(reclassifyLedger(db, storedClassifier(db), storedProviders(db))).toEqual({ changed: 0 });
  });

  it('reclassifies providers when aliases change', () => {
    saveAlias(db, 'Sectra Ltd', 'Sectra');
    expect(loadAliases(db)).toContainEqual({ alias: 'Sectra Ltd', provider: 'Sectra' });
    reclassifyLedger(db, storedClassifier(db), storedProviders(db));
    expect([...spendByProvider(db, OCT, 'outsourced_imaging').keys()]).toEqual(['Alliance Medical', 'Sectra']);
    expect(deleteAlias(db, 'SECTRA LIMITED')).toBe(true);
    reclassifyLedger(db, storedClassifier(db), storedProviders(db));
    expect([...spendByProvider(db, OCT, 'outsourced_imaging').keys()]).toEqual(['Alliance Medical', 'Sectra Ltd']);
  });

  it('undoes one import by deleting its batch', () => {
    db.run('DELETE FROM ledger_line WHERE batch_id = ?', [batches[1]!]);
    expect(spendByCategory(db, { from: '2020-11-01', to: '2020-11-30' }).outsourced_reporting).toBe(0);
    expect(hasLedger(db, { from: '2020-11-01', to: '2020-11-30' })).toBe(false);
    expect(queryValue(db, 'SELECT sum(amount_pence) FROM ledger_line')).toBe(1_688_832_663 + 1_448_412_863);
  });

  it('answers from an empty database without failing', async () => {
    const SQL = await initSqlJs();
    const empty = createDatabase(SQL);
    expect(spendByCategory(empty, FY)).toEqual({
      outsourced_reporting: 0, outsourced_imaging: 0, insourcing: 0, agency_locum: 0, waiting_list_initiative: 0, other: 0,
    });
    expect(spendByMonth(empty, FY)).toEqual([]);
    expect(reviewQueue(empty, FY)).toEqual([]);
    expect(ledgerLines(empty, FY)).toEqual({ rows: [], total: 0, pence: 0 });
    expect(new ProviderIndex(loadAliases(empty)).resolve('Medica')).toBeNull();
  });
});
