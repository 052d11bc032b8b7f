import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { csvBytes, freshEngine, importCsv } from '../helpers/engine';

const RIS = [
  'Accession Number,Modality,Exam Date,Date Reported,Reporter Code,Staff Group',
  'A1,DX,01/05/2023 10:00,01/05/2023 12:00,RR1,Reporting Radiographer',
  'A2,DX,02/05/2023 10:00,02/05/2023 12:00,R1,Consultant Radiologist',
  'A3,DX,03/05/2023 10:00,03/05/2023 12:00,R1,Consultant Radiologist',
  'A4,DX,04/05/2023 10:00,04/05/2023 12:00,R1,Consultant Radiologist',
];
const BENCH = [
  'metric,cohort,year,value,p25,median,p75,n,unit,source,url',
  'skillMix.plainFilmRadiographerShare,org:RAA,2023/24,0.10,,,,,share,Network survey 2024,',
  'skillMix.plainFilmRadiographerShare,org:RBB,2023/24,0.20,,,,,share,Network survey 2024,',
  'skillMix.plainFilmRadiographerShare,org:RCC,2023/24,0.30,,,,,share,Network survey 2024,',
  'skillMix.plainFilmRadiographerShare,org:RDD,2023/24,0.40,,,,,share,Network survey 2024,',
  'skillMix.plainFilmRadiographerShare,national,2023/24,1.5,,,,,share,Bad row,',
];

describe('benchmark sets in the engine', () => {
  it('imports a set, uses it for comparisons and distributions, and keeps the defaults', async () => {
    const engine = await freshEngine();
    await importCsv(engine, 'ris.csv', 'ris', RIS);
    const { set, issues } = await engine.importBenchmarks({ source: { kind: 'bytes', name: 'network.csv', bytes: csvBytes(BENCH) } });
    expect(set).toMatchObject({ rows: 4, active: true, builtIn: false, orgs: ['RAA', 'RBB', 'RCC', 'RDD'] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'network.csv', row: 6 });

    const view = await engine.benchmarkView({ period: { spec: '2023/24' } });
    const dist = view.distributions.find((d) => d.metric === 'skillMix.plainFilmRadiographerShare')!;
    // Ours: 1 of 4 XR reports = 0.25. Quartiles of 0.1, 0.2, 0.3, 0.4 by PERCENTILE.INC: 0.175, 0.25, 0.325.
    expect(dist.orgs.map((o) => [o.org, o.value, o.ours])).toEqual([
      ['RAA', 0.1, false], ['RBB', 0.2, false], ['Your organisation', 0.25, true], ['RCC', 0.3, false], ['RDD', 0.4, false],
    ]);
    expect([dist.p25, dist.median, dist.p75].map((x) => Math.round(x * 1000) / 1000)).toEqual([0.175, 0.25, 0.325]);
    // Monthly trend of our value for each benchmarked metric: all four reports fall in May 2023.
    const trend = view.trends.find((t) => t.metric === 'skillMix.plainFilmRadiographerShare')!;
    expect(trend.months).toHaveLength(12);
    expect(trend.values[1]).toBe(0.25);
    expect(trend.values[0]).toBeNull();
    // The shipped Shelford figure is still there beside the imported set.
    expect(view.comparisons.some((c) => c.cohort === 'shelford')).toBe(true);

    await engine.definePeerGroup({ name: 'Our network', orgs: ['RAA', 'RBB'], ownOrg: null });
    const analysis = await engine.analyse({ period: { spec: '2023/24' } });
    const peer = analysis.benchmarks.find((b) => b.cohort === 'peer:Our network')!;
    expect(peer.value).toBeCloseTo(0.15, 12);
    expect(peer.ours).toBe(0.25);

    await engine.chooseBenchmarkSet(null);
    expect((await engine.listBenchmarkSets()).map((s) => [s.id, s.active])).toEqual([[0, true], [set.id, false]]);
    expect((await engine.benchmarkView({ period: { spec: '2023/24' } })).distributions).toEqual([]);
  });

  it('exports the analysis as a typed workbook', async () => {
    const engine = await freshEngine();
    await importCsv(engine, 'ris.csv', 'ris', RIS);
    const book = XLSX.read(await engine.exportWorkbook({ period: { spec: '2023/24' } }));
    expect(book.SheetNames[0]).toBe('Summary');
    expect(book.SheetNames).toEqual(expect.arrayContaining(['Definitions', 'Sources']));
  });
});
