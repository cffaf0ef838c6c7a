import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Area, AreaRegistry } from '@wijksignaal/contracts/area';
import { generateDemoRegion } from './demo-region.ts';
import { importError } from './import-error.ts';
import { readKerncijfers, type KerncijfersRow } from './read-kerncijfers.ts';
import { readWijkMap } from './read-wijk-map.ts';

export { areaLookup } from './area-lookup.ts';

export interface LoadAreaRegistryOptions {
  /** A wijk map, GeoJSON or TopoJSON in WGS84. Without it the fictional demo region is used. */
  areasFile?: string;
  /** A Kerncijfers wijken en buurten CSV; without it the map's own attributes give the residents. */
  populationFile?: string;
  /** The boundary year when the map's metadata does not state it. */
  year?: number;
}

/**
 * The area registry the pipeline, simulator and API share. The map decides which wijken exist (so a
 * GGD can load just its own region); the CSV supplies residents per wijk, joined on the wijk code.
 */
export async function loadAreaRegistry(opts: LoadAreaRegistryOptions): Promise<AreaRegistry> {
  if (opts.areasFile === undefined) {
    if (opts.populationFile !== undefined) {
      throw importError(
        opts.populationFile,
        'a population table needs a wijk map too; add --areas <wijk map .geojson/.topojson>',
      );
    }
    return generateDemoRegion();
  }
  const map = readWijkMap(await readText(opts.areasFile, 'wijk map'), opts.areasFile);
  const year = boundaryYear(map.year, opts, opts.areasFile);
  const table =
    opts.populationFile === undefined
      ? undefined
      : readKerncijfers(await readText(opts.populationFile, 'Kerncijfers CSV'), opts.populationFile);
  if (table && ![...table.keys()].some((code) => map.features.has(code))) {
    const sample = (codes: Iterable<string>): string => [...codes].slice(0, 1).join('');
    throw importError(
      opts.populationFile!,
      `no wijk code in common with ${basename(opts.areasFile)} (e.g. ${sample(table.keys())} vs ${sample(map.features.keys())}); use a map and table of the same year and region`,
    );
  }
  const areas: Area[] = [...map.features.values()].map((feature) => {
    const row: KerncijfersRow | undefined = table?.get(feature.code);
    // With a table, a wijk it lacks has unknown residents rather than the map's figures: mixing
    // two sources silently would make rates incomparable.
    const population = table ? row : feature;
    return {
      code: feature.code,
      name: feature.name ?? row?.name ?? feature.code,
      gemeenteCode: feature.gemeenteCode,
      gemeenteName: feature.gemeenteName ?? row?.gemeenteName ?? feature.gemeenteCode,
      year,
      residents: population?.residents ?? null,
      residentsByBand: population?.residentsByBand ?? null,
      geometry: feature.geometry,
    };
  });
  areas.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const files = [opts.areasFile, opts.populationFile].filter((f): f is string => f !== undefined).map((f) => basename(f));
  return { year, source: `CBS: ${files.join(' + ')}`, areas };
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw importError(file, `${what} not found at ${file}; check the path`);
    if (code === 'EISDIR') throw importError(file, `is a directory; give the ${what} file itself`);
    throw importError(file, `cannot read ${what} (${code ?? (error as Error).message})`);
  }
}

/** Statistics and boundaries only join within one year, so a contradiction is an error, not a guess. */
function boundaryYear(fromFile: number | null, opts: LoadAreaRegistryOptions, file: string): number {
  if (opts.year !== undefined && !Number.isInteger(opts.year)) {
    throw importError(file, `year must be a whole number, got ${opts.year}`);
  }
  if (fromFile !== null && opts.year !== undefined && fromFile !== opts.year) {
    throw importError(
      file,
      `the map says it is ${fromFile} but year ${opts.year} was given; drop the year option or use the ${opts.year} map`,
    );
  }
  const fromName = /(?:^|[^0-9])((?:19|20)\d{2})(?:[^0-9]|$)/.exec(basename(file))?.[1];
  const year = fromFile ?? opts.year ?? (fromName === undefined ? null : Number(fromName));
  if (year === null) throw importError(file, 'states no year in its metadata or name; pass the boundary year (e.g. --year 2024)');
  return year;
}
