import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { parseBenchmarkFile } from '../../../shared/benchmarks/parse';
import { defaultBenchmarkSet } from '../../../shared/benchmarks/defaults';
import { BENCHMARK_METRICS } from '../../../shared/benchmarks/metrics';
import { bytesSource } from '../../../shared/io/sources';
import { ImportError } from '../../../shared/io/types';
import type { RowIssue } from '../../../shared/model';
import defaultJson from '../../../resources/benchmarks/default.json';
import { cp1252, rejection, utf8, withBytes } from '../io/helpers';

const HEADER = 'metric,cohort,year,value,p25,median,p75,n,unit,source,url';

function parse(text: string, name = 'bench.csv') {
  return parseBenchmarkFile(bytesSource(name, utf8(text)));
}

const lines = (...rows: string[]): string => rows.join('\r\n') + '\r\n';

function issueAt(issues: RowIssue[], row: number): RowIssue[] {
  return issues.filter((i) => i.row === row);
}

describe('parseBenchmarkFile: good files', () => {
  it('reads every column, in the format order', async () => {
    const { set, issues } = await parse(
      lines(
        HEADER,
        'skillMix.plainFilmRadiographerShare,shelford,2016/17,0.15,0.08,0.15,0.22,25,share,"NHSI, ISTP deck (2018)",https://example.org/istp',
        'externalSpendPerReport,national,2016/17,3.44,,,,,gbp,NHSI ISTP deck (derived),',
      ),
    );
    expect(issues).toEqual([]);
    expect(set.name).toBe('bench');
    expect(set.rows).toEqual([
      {
        metric: 'skillMix.plainFilmRadiographerShare',
        cohort: 'shelford',
        year: '2016/17',
        value: 0.15,
        p25: 0.08,
        median: 0.15,
        p75: 0.22,
        n: 25,
        unit: 'share',
        source: 'NHSI, ISTP deck (2018)',
        url: 'https://example.org/istp',
      },
      {
        metric: 'externalSpendPerReport',
        cohort: 'national',
        year: '2016/17',
        value: 3.44,
        p25: null,
        median: null,
        p75: null,
        n: null,
        unit: 'gbp',
        source: 'NHSI ISTP deck (derived)',
        url: null,
      },
    ]);
  });

  it('matches headers in any order and letter case, ignores extra columns, normalises values', async () => {
    const { set, issues } = await parse(
      lines(
        'Notes, SOURCE ,Value,Year,Cohort,METRIC,Unit,P 25,Median,p75',
        'ignored,Model Hospital export,15%,2016-17,ORG: rxr,SKILLMIX.PlainFilmRadiographerShare,%,,,',
        'x,Survey,£32.70,2024/2025,peer:North West,outsourcing.costPerReport,GBP,,,',
        'y,Survey,,2023,national,turnaround.byModality.CT.medianHours,hours,10,24.5,48',
        'z,FOI,"1,250",2023,reference:some trust,backlog.ageDays.29+,count,,,',
      ),
    );
    expect(issues).toEqual([]);
    expect(set.rows.map((r) => [r.metric, r.cohort, r.year, r.value, r.p25, r.median, r.p75, r.unit])).toEqual([
      ['skillMix.plainFilmRadiographerShare', 'org:RXR', '2016/17', 0.15, null, null, null, 'share'],
      ['outsourcing.costPerReport', 'peer:North West', '2024/25', 32.7, null, null, null, 'gbp'],
      ['turnaround.byModality.CT.medianHours', 'national', '2023', null, 10, 24.5, 48, 'hours'],
      ['backlog.ageDays.29+', 'reference:some trust', '2023', 1250, null, null, null, 'count'],
    ]);
  });

  it('finds the header below title rows and skips blank lines', async () => {
    const { set, issues } = await parse(lines('Peer benchmarks 2023,,', 'Exported 01/02/2024', '', HEADER, '', 'outsourcing.share,national,2023,0.08,,,,,,RCR census 2023,'));
    expect(issues).toEqual([]);
    expect(set.rows).toHaveLength(1);
    expect(set.rows[0]!.value).toBe(0.08);
  });

  it('reads a UTF-8 file with a byte order mark', async () => {
    const bytes = withBytes([0xef, 0xbb, 0xbf], utf8(lines(HEADER, 'outsourcing.share,national,2023,12.5%,,,,,,Survey – 2023 £,')));
    const { set, issues } = await parseBenchmarkFile(bytesSource('bom.csv', bytes));
    expect(issues).toEqual([]);
    expect(set.rows[0]).toMatchObject({ metric: 'outsourcing.share', value: 0.125, source: 'Survey – 2023 £' });
  });

  it('reads a Windows-1252 file (pound sign and accents intact)', async () => {
    const bytes = cp1252(lines(HEADER, 'outsourcing.costPerReport,national,2023,£32.70,,,,,gbp,Trésorerie – £1.2m FOI,'));
    const { set, issues } = await parseBenchmarkFile(bytesSource('legacy.csv', bytes));
    expect(issues).toEqual([]);
    expect(set.rows[0]).toMatchObject({ value: 32.7, source: 'Trésorerie – £1.2m FOI' });
  });

  it('reads an XLSX workbook with typed cells', async () => {
    const wb = XLSX.utils.book_new();
    const ws = XLSX.utils.aoa_to_sheet([
      ['Benchmarks exported from a peer network'],
      [],
      ['Metric', 'Cohort', 'Year', 'Value', 'Source'],
      ['skillMix.ultrasoundSonographerShare', 'org:RAB', 2023, 0.61, 'Peer network return'],
      ['reportsPerWte.radiologist', 'org:rcd', 2023, 7900, 'Peer network return'],
    ]);
    XLSX.utils.book_append_sheet(wb, ws, 'Data');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const { set, issues } = await parseBenchmarkFile(bytesSource('peers.xlsx', bytes));
    expect(issues).toEqual([]);
    expect(set.rows.map((r) => [r.metric, r.cohort, r.year, r.value])).toEqual([
      ['skillMix.ultrasoundSonographerShare', 'org:RAB', '2023', 0.61],
      ['reportsPerWte.radiologist', 'org:RCD', '2023', 7900],
    ]);
  });

  it('takes the set name from the options when given', async () => {
    const { set } = await parseBenchmarkFile(bytesSource('a.csv', utf8(lines(HEADER, 'breaches28d,national,2023,5,,,,,,x,'))), { name: 'Mine' });
    expect(set.name).toBe('Mine');
  });
});

describe('parseBenchmarkFile: malformed rows', () => {
  it('reports each bad row with file, row, column, value and reason, and keeps the good ones', async () => {
    const { set, issues } = await parse(
      lines(
        HEADER, // row 1
        'outsourcing.share,national,2023,0.1,,,,,,,', // 2: no source
        'reportsPerRadiologist,national,2023,8000,,,,,,Audit,', // 3: unknown metric
        'skillMix.plainFilmRadiographerShare,national,2023,1.5,,,,,,NIDC,', // 4: share > 1
        'skillMix.plainFilmRadiographerShare,shelford,2023,150%,,,,,,NIDC,', // 5: share > 1 as percent
        'reportsPerWte.radiologist,national,2023,eight thousand,,,,,,Audit,', // 6: bad number
        'breaches28d,national,2023,-4,,,,,,NHSE,', // 7: negative
        'turnaround.overall.medianHours,national,2023,,30,20,40,,,NHSE,', // 8: quartiles out of order
        'turnaround.overall.p90Hours,national,2023,,,,,,,NHSE,', // 9: neither value nor median
        'outsourcing.share,trusts,2023,0.1,,,,,,Survey,', // 10: unknown cohort
        'outsourcing.share,region,2023,0.1,,,,,gbp,Survey,', // 11: unit mismatch
        'reportsPerWte.radiologist,national,2023,25%,,,,,,Audit,', // 12: percent on a non-share
        'outsourcing.share,national,,0.1,,,,,,Survey,', // 13: no year
        'backlog.total,national,2023,10,,,,2.5,,Survey,', // 14: n not whole
        'outsourcing.share,peer:A,2023,0.1,,,,,,Survey,javascript:alert(1)', // 15: bad url (warning, kept)
        'outsourcing.share,peer:a,2023,0.2,,,,,,Survey,', // 16: fine (peer names keep their case)
        'outsourcing.share,peer:A,2023,0.3,,,,,,Survey again,', // 17: duplicate of 15
      ),
    );
    expect(issueAt(issues, 2)).toEqual([
      {
        file: 'bench.csv',
        row: 2,
        column: 'source',
        value: null,
        reason: 'source is required: every benchmark must name where its figure comes from',
        severity: 'error',
      },
    ]);
    expect(issueAt(issues, 3)).toMatchObject([{ column: 'metric', value: 'reportsPerRadiologist', severity: 'error' }]);
    expect(issueAt(issues, 3)[0]!.reason).toMatch(/unknown metric "reportsPerRadiologist"/);
    expect(issueAt(issues, 4)).toMatchObject([{ column: 'value', value: '1.5', reason: expect.stringMatching(/between 0 and 1/) }]);
    expect(issueAt(issues, 5)).toMatchObject([{ column: 'value', value: '150%', reason: expect.stringMatching(/between 0 and 1/) }]);
    expect(issueAt(issues, 6)).toMatchObject([{ column: 'value', value: 'eight thousand', reason: 'not a number: eight thousand' }]);
    expect(issueAt(issues, 7)).toMatchObject([{ column: 'value', value: '-4', reason: 'cannot be negative: -4' }]);
    expect(issueAt(issues, 8)).toMatchObject([{ column: 'median', reason: expect.stringMatching(/quartiles out of order/) }]);
    expect(issueAt(issues, 9)).toMatchObject([{ column: 'value', reason: 'a benchmark needs a value or a median' }]);
    expect(issueAt(issues, 10)).toMatchObject([{ column: 'cohort', value: 'trusts', reason: expect.stringMatching(/unknown cohort "trusts"/) }]);
    expect(issueAt(issues, 11)).toMatchObject([{ column: 'unit', value: 'gbp', reason: expect.stringMatching(/does not fit outsourcing\.share/) }]);
    expect(issueAt(issues, 12)).toMatchObject([{ column: 'value', value: '25%', reason: expect.stringMatching(/only fits a share/) }]);
    expect(issueAt(issues, 13)).toMatchObject([{ column: 'year', value: null, reason: 'year is empty' }]);
    expect(issueAt(issues, 14)).toMatchObject([{ column: 'n', value: '2.5' }]);
    expect(issueAt(issues, 15)).toMatchObject([{ column: 'url', value: 'javascript:alert(1)', severity: 'warning' }]);
    expect(issueAt(issues, 17)).toMatchObject([{ column: 'metric', reason: expect.stringMatching(/duplicate benchmark: row 15/) }]);
    expect(issueAt(issues, 16)).toEqual([]);

    expect(set.rows.map((r) => [r.cohort, r.value, r.url])).toEqual([
      ['peer:A', 0.1, null],
      ['peer:a', 0.2, null],
    ]);
  });

  it('reports several problems of one row together', async () => {
    const { set, issues } = await parse(lines(HEADER, 'skillMix.plainFilmRadiographerShare,everyone,2023,2,,,,,,,'));
    expect(set.rows).toEqual([]);
    expect(issues.map((i) => i.column).sort()).toEqual(['cohort', 'source', 'value']);
  });

  it('rejects a row whose quoted value never closes', async () => {
    const { set, issues } = await parse(lines(HEADER, 'outsourcing.share,national,2023,0.1,,,,,,"Survey,', 'breaches28d,national,2023,5,,,,,,NHSE,'));
    expect(issues.some((i) => i.row === 2 && i.severity === 'error' && /quote/i.test(i.reason))).toBe(true);
    expect(set.rows.map((r) => r.metric)).toEqual(['breaches28d']);
  });
});

describe('parseBenchmarkFile: unusable files', () => {
  it('refuses a file without the header, naming the missing columns and the headers it saw', async () => {
    const error = await rejection(parse(lines('Trust,Score,Year', 'RXR,0.2,2023')));
    expect(error).toBeInstanceOf(ImportError);
    const e = error as ImportError;
    expect(e.code).toBe('missing_fields');
    expect(e.file).toBe('bench.csv');
    expect(e.details.missing).toEqual(['metric', 'cohort', 'source', 'value or median']);
    expect(e.details.headersSeen).toEqual(['Trust', 'Score', 'Year']);
    expect(e.message).toMatch(/metric, cohort, source, value or median/);
    expect(e.message).toMatch(/Headers seen: Trust, Score, Year/);
  });

  it('refuses a header that lacks only the source column', async () => {
    const e = (await rejection(parse(lines('metric,cohort,year,value', 'outsourcing.share,national,2023,0.1')))) as ImportError;
    expect(e.code).toBe('missing_fields');
    expect(e.details.missing).toEqual(['source']);
  });

  it('refuses an empty file', async () => {
    const e = (await rejection(parse(''))) as ImportError;
    expect(e).toBeInstanceOf(ImportError);
    expect(e.code).toBe('empty');
    const blank = (await rejection(parse('\r\n  \r\n'))) as ImportError;
    expect(blank.code).toBe('empty');
  });

  it('refuses a header with no rows below it', async () => {
    const e = (await rejection(parse(lines(HEADER, '', '')))) as ImportError;
    expect(e.code).toBe('empty');
    expect(e.message).toMatch(/no rows/);
  });

  it('refuses binary data that is not a workbook', async () => {
    const bytes = withBytes([0x50, 0x4b, 0x03, 0x04], new Uint8Array(64).fill(7));
    const e = (await rejection(parseBenchmarkFile(bytesSource('junk.csv', bytes)))) as ImportError;
    expect(e).toBeInstanceOf(ImportError);
    expect(['binary', 'unreadable']).toContain(e.code);
  });
});

describe('defaultBenchmarkSet', () => {
  it('ships every published figure with its source, valid under the import rules', () => {
    const set = defaultBenchmarkSet();
    expect(set.rows).toHaveLength(defaultJson.rows.length);
    set.rows.forEach((r, i) => {
      const raw = defaultJson.rows[i]!;
      expect(r.metric).toBe(raw.metric);
      expect(r.cohort).toBe(raw.cohort);
      expect(r.year).toBe(raw.year);
      expect(r.value ?? r.median).toBe(raw.value ?? raw.median);
      expect(r.source).toBe(raw.source);
      expect(r.source.length).toBeGreaterThan(10);
      expect(BENCHMARK_METRICS).toContain(r.metric);
    });
  });
});
