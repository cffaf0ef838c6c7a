import type { Area, AreaRegistry } from '@wijksignaal/contracts/area';
import { CBS_BANDS, type CbsBand } from '@wijksignaal/contracts/population';
import { apportion } from './apportion.ts';
import { demoNames } from './demo-names.ts';
import { GEMEENTE_LAYOUTS, WIJK_PROFILES, type WijkKind } from './demo-profiles.ts';
import { demoTiling } from './demo-tiling.ts';
import type { Ring } from './plane-polygons.ts';
import { seededRandom, type SeededRandom } from './seeded-random.ts';

export const DEMO_SEED = 2024;
export const DEMO_YEAR = 2024;

/*
 * Where the invented region sits: open polder land in Flevoland, so a basemap under it looks like
 * the Netherlands. Its borders follow no real ones.
 */
const ORIGIN = { lon: 5.72, lat: 52.55 };
const KM_PER_DEGREE_LAT = 111.2;
const KM_PER_DEGREE_LON = KM_PER_DEGREE_LAT * Math.cos((ORIGIN.lat * Math.PI) / 180);

/**
 * A fictional region for demos and tests: about four gemeenten with 5–12 wijken each, a city with a
 * student quarter and suburbs, a town, and grey villages, on a tiled map. Codes are GM99xx and
 * WK99xxNN, which CBS has not issued, so demo data can never be mistaken for a real wijk.
 * The same seed always gives the same region.
 */
export function generateDemoRegion(opts: { seed?: number; gemeenten?: number } = {}): AreaRegistry {
  const seed = opts.seed ?? DEMO_SEED;
  const gemeenten = opts.gemeenten ?? 4;
  if (!Number.isInteger(gemeenten) || gemeenten < 1 || gemeenten > 99) {
    throw new Error(`demo region: gemeenten must be a whole number from 1 to 99, got ${gemeenten}`);
  }
  const random = seededRandom(seed);
  const names = demoNames(random);
  const layouts = Array.from({ length: gemeenten }, (_, g) =>
    g < GEMEENTE_LAYOUTS.length ? GEMEENTE_LAYOUTS[g]! : GEMEENTE_LAYOUTS[1 + ((g - GEMEENTE_LAYOUTS.length) % 3)]!,
  );
  const tiling = demoTiling(
    random,
    layouts.map((kinds, g) => ({ wijken: kinds.length, crowding: g === 0 ? 3 : kinds[0] === 'dorp' ? 0 : 1.5 })),
  );
  const areas: Area[] = [];
  layouts.forEach((kinds, g) => {
    const gemeenteCode = `GM99${pad(g + 1)}`;
    const gemeenteName = names.place();
    let outskirts = 0;
    kinds.forEach((kind, w) => {
      const residents = 5 * Math.round(random.int(...WIJK_PROFILES[kind].residents) / 5);
      let name: string;
      if (kind === 'centrum') name = 'Binnenstad';
      else if (kind === 'buitengebied') name = `Buitengebied ${gemeenteName}${outskirts++ > 0 ? ' Noord' : ''}`;
      else if (kind === 'dorp') name = w === 0 ? gemeenteName : names.place();
      else name = names.quarter(gemeenteName);
      areas.push({
        code: `WK99${pad(g + 1)}${pad(w + 1)}`,
        name,
        gemeenteCode,
        gemeenteName,
        year: DEMO_YEAR,
        residents,
        residentsByBand: ageMix(random, kind, residents),
        geometry: { type: 'Polygon', coordinates: [toLonLat(tiling.wijken[g]![w]!)] },
      });
    });
  });
  return { year: DEMO_YEAR, source: `demo region (fictional, seed ${seed})`, areas };
}

function ageMix(random: SeededRandom, kind: WijkKind, residents: number): Record<CbsBand, number> {
  const shares = CBS_BANDS.map((band) => WIJK_PROFILES[kind].shares[band] * random.between(0.8, 1.2));
  const counts = apportion(residents, shares);
  return Object.fromEntries(CBS_BANDS.map((band, i) => [band, counts[i]!])) as Record<CbsBand, number>;
}

/** Local km plane → closed WGS84 ring, rounded to 5 decimals (about a metre) as CBS maps are. */
function toLonLat(ring: Ring): number[][] {
  const round = (v: number): number => Math.round(v * 1e5) / 1e5;
  const points = ring.map(([x, y]) => [round(ORIGIN.lon + x / KM_PER_DEGREE_LON), round(ORIGIN.lat + y / KM_PER_DEGREE_LAT)]);
  return [...points, points[0]!];
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
