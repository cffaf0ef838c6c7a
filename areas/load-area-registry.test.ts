import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CBS_BANDS } from '@wijksignaal/contracts/population';
import { areaSchema } from '@wijksignaal/contracts/area';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaLookup, loadAreaRegistry } from './load-area-registry.ts';

const DATA = resolve(import.meta.dirname, '../../shared/data');
const data = (file: string): string => join(DATA, file);
const NATIONAL_MAP = data('cbs_wijken_2024_nl.geojson');
const NATIONAL_CSV = data('kwb_2024_wijken_nl.csv');

let national: ReturnType<typeof loadAreaRegistry> | undefined;
const loadNational = () => (national ??= loadAreaRegistry({ areasFile: NATIONAL_MAP, populationFile: NATIONAL_CSV }));

/** Deliberately naive: quoted names are blanked out, then split on commas. */
function csvColumn(file: string, column: string): { code: string; value: string }[] {
  const [header, ...lines] = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const cells = (line: string): string[] => line.replace(/"[^"]*"/g, '').split(',');
  const index = cells(header!).indexOf(column);
  return lines.map((line) => ({ code: cells(line)[0]!, value: cells(line)[index]! }));
}

describe('importing the real CBS 2024 wijk map and Kerncijfers', () => {
  it('gives 3,475 areas, 3,393 with residents, summing to the national wijk total of the file', async () => {
    const registry = await loadNational();
    const expectedTotal = csvColumn(NATIONAL_CSV, 'inwoners').reduce((sum, row) => sum + Number(row.value), 0);

    expect(registry.year).toBe(2024);
    expect(registry.areas).toHaveLength(3475);
    const populated = registry.areas.filter((a) => a.residents !== null);
    expect(populated).toHaveLength(3393);
    const total = populated.reduce((sum, a) => sum + a.residents!, 0);
    expect(total).toBe(expectedTotal);
    expect(total).toBe(17_942_715);
    expect(registry.areas.every((a) => a.geometry !== null)).toBe(true);
    expect(registry.areas.every((a) => areaSchema.safeParse(a).success)).toBe(true);
  });

  it('turns the percentages into whole counts that add up to the residents, unknown mixes stay null', async () => {
    const registry = await loadNational();
    const withMix = registry.areas.filter((a) => a.residentsByBand !== null);
    const emptyPct = new Set(
      csvColumn(NATIONAL_CSV, 'pct_0_15')
        .filter((r) => r.value === '')
        .map((r) => r.code),
    );

    expect(withMix).toHaveLength(3393 - emptyPct.size);
    for (const area of withMix) {
      const bands = CBS_BANDS.map((band) => area.residentsByBand![band]);
      expect(bands.every(Number.isInteger)).toBe(true);
      expect(bands.reduce((s, n) => s + n, 0)).toBe(area.residents);
    }
    for (const code of emptyPct) {
      const area = registry.areas.find((a) => a.code === code)!;
      expect(area.residents).not.toBeNull();
      expect(area.residentsByBand).toBeNull();
    }
    // "Groot water" has no statistics at all: unknown, not zero.
    expect(registry.areas.find((a) => a.code === 'WK099899')?.residents).toBeNull();
  });

  it('falls back to the map’s own attributes when no table is given', async () => {
    const fromMap = await loadAreaRegistry({ areasFile: NATIONAL_MAP });
    const fromCsv = await loadNational();
    expect(fromMap.areas.map((a) => a.residents)).toEqual(fromCsv.areas.map((a) => a.residents));
  });

  it('keeps the absolute Utrecht band counts exactly, from the reshaped table and from the CBS workbook', async () => {
    const reshaped = await loadAreaRegistry({ areasFile: NATIONAL_MAP, populationFile: data('kwb_2024_utrecht_wijken.csv') });
    const workbook = await loadAreaRegistry({ areasFile: NATIONAL_MAP, populationFile: data('kwb_2024_gm0344_utrecht_raw.csv') });
    const west = reshaped.areas.find((a) => a.code === 'WK034401')!;

    // The sample row of the data README: WK034401,Wijk 01 West,...,29710,14320,15385,4285,4410,12325,5830,2855
    expect(west.residents).toBe(29710);
    expect(west.residentsByBand).toEqual({ '0-14': 4285, '15-24': 4410, '25-44': 12325, '45-64': 5830, '65+': 2855 });
    const utrecht = (r: typeof reshaped) => r.areas.filter((a) => a.gemeenteCode === 'GM0344');
    expect(utrecht(workbook)).toEqual(utrecht(reshaped));
    expect(utrecht(reshaped)).toHaveLength(10);
    // Wijken the table does not cover are unknown rather than borrowed from the map.
    expect(reshaped.areas.filter((a) => a.residents !== null)).toHaveLength(10);
  });

  it('maps every wijk code to itself and its gemeente', async () => {
    const registry = await loadAreaRegistry({ areasFile: data('cbs_wijken_2024_ggd_rotterdam_rijnmond.geojson') });
    const lookup = areaLookup(registry);
    expect(lookup.size).toBe(175);
    expect(lookup.get('WK059901')).toEqual({ wijk: 'WK059901', gemeente: 'GM0599' });
  });

  it('uses the demo region when no files are given', async () => {
    const registry = await loadAreaRegistry({});
    expect(registry.source).toMatch(/demo/);
    expect(registry.areas.every((a) => a.code.startsWith('WK99'))).toBe(true);
  });
});

describe('bad area files', () => {
  let dir: string;
  const file = async (name: string, text: string): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };
  const failure = async (opts: Parameters<typeof loadAreaRegistry>[0]): Promise<string> => {
    const error = await loadAreaRegistry(opts).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).not.toMatch(/\n/);
    return message;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wijksignaal-areas-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names a missing file', async () => {
    expect(await failure({ areasFile: join(dir, 'nowhere.geojson') })).toMatch(/^nowhere\.geojson: .*not found/);
  });

  it('rejects a map that is neither GeoJSON nor TopoJSON', async () => {
    expect(await failure({ areasFile: await file('map.geojson', 'wijkcode,naam\n') })).toMatch(/^map\.geojson: is not JSON/);
    expect(await failure({ areasFile: await file('points.json', '{"type":"Feature"}') })).toMatch(
      /^points\.json: .*neither a GeoJSON FeatureCollection nor a TopoJSON Topology/,
    );
  });

  it('rejects a gemeente or buurt map', async () => {
    expect(await failure({ areasFile: data('cbs_gemeenten_2024_nl.geojson') })).toMatch(/no wijk code property/);
    expect(await failure({ areasFile: data('cbs_buurten_2014_utrecht.geojson') })).toMatch(/no wijk features/);
  });

  it('rejects a CSV without a wijk code column', async () => {
    const csv = await file('kwb.csv', 'gemeente,inwoners\nUtrecht,374238\n');
    expect(await failure({ areasFile: NATIONAL_MAP, populationFile: csv })).toMatch(/^kwb\.csv: no wijk code column/);
  });

  it('rejects a map and table with no wijk in common', async () => {
    const message = await failure({
      areasFile: data('cbs_wijken_2024_ggd_rotterdam_rijnmond.geojson'),
      populationFile: data('kwb_2024_utrecht_wijken.csv'),
    });
    expect(message).toMatch(
      /^kwb_2024_utrecht_wijken\.csv: no wijk code in common with cbs_wijken_2024_ggd_rotterdam_rijnmond\.geojson/,
    );
  });

  it('rejects a buurt table, swapped arguments, a year contradiction and a table without a map', async () => {
    expect(await failure({ areasFile: NATIONAL_MAP, populationFile: data('kwb_2024_utrecht_buurten.csv') })).toMatch(
      /one row per buurt/,
    );
    expect(await failure({ areasFile: NATIONAL_MAP, populationFile: NATIONAL_MAP })).toMatch(/did you swap/);
    expect(await failure({ areasFile: NATIONAL_MAP, year: 2023 })).toMatch(/says it is 2024 but year 2023/);
    expect(await failure({ populationFile: NATIONAL_CSV })).toMatch(/needs a wijk map/);
  });

  it('asks for a year when the map states none', async () => {
    const map = await file(
      'map.json',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { wijkcode: 'WK000101' }, geometry: null }],
      }),
    );
    expect(await failure({ areasFile: map })).toMatch(/--year/);
    expect((await loadAreaRegistry({ areasFile: map, year: 2022 })).year).toBe(2022);
  });
});
