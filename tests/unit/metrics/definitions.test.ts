import { describe, expect, it } from 'vitest';
import { METRIC_DEFINITIONS } from '../../../shared/metrics/definitions';
import { reportCellsSql, FILTERS_SHOWN, backlogSql } from '../../../shared/metrics/queries';

describe('metric definitions', () => {
  it('quote the query builders the engine runs', () => {
    const byId = new Map(METRIC_DEFINITIONS.map((d) => [d.id, d]));
    expect(byId.get('skillMix.plainFilmRadiographerShare')?.sql).toContain('COALESCE(s.staff_group, r.base_group)');
    expect(byId.get('reports.total')?.sql?.replace(/\s+/g, ' ')).toBe(reportCellsSql(FILTERS_SHOWN).replace(/\s+/g, ' '));
    expect(byId.get('backlog')?.sql?.replace(/\s+/g, ' ')).toBe(backlogSql(FILTERS_SHOWN, FILTERS_SHOWN).replace(/\s+/g, ' '));
  });

  it('give every reporting metric a numerator, filters and exclusions', () => {
    for (const d of METRIC_DEFINITIONS) {
      expect(d.numerator.length, d.id).toBeGreaterThan(20);
      expect(d.filters.length, d.id).toBeGreaterThan(5);
      expect(d.exclusions.length, d.id).toBeGreaterThan(3);
    }
    expect(new Set(METRIC_DEFINITIONS.map((d) => d.id)).size).toBe(METRIC_DEFINITIONS.length);
  });
});
