import type { Area, AreaRegistry } from '@wijksignaal/contracts/area';
import { addIsoWeeks, isoWeeksBetween, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { THEMES, type Theme } from '@wijksignaal/contracts/signal';
import { createRng, randomInt, weightedIndex } from './prng.ts';

/** A stretch of weeks in which one wijk sees a theme's rate multiplied: what the alarms should find. */
export interface Outbreak {
  area: string;
  theme: Theme;
  startWeek: IsoWeek;
  weeks: number;
  multiplier: number;
}

export interface OutbreakOptions {
  /** Outbreaks started per 13-week quarter across the whole registry (default 2). */
  perQuarter?: number;
}

const EPOCH: IsoWeek = '2000-W01';
const BLOCK_WEEKS = 13;

/**
 * Outbreaks are planned per quarter from the seed alone, so any single week can be generated without
 * the others and the plan never depends on which weeks a run happens to cover. Wijken are picked in
 * proportion to residents: an outbreak in a wijk of 40 people would be noise, not a finding.
 */
export function outbreaksInQuarter(
  registry: AreaRegistry,
  seed: number | string,
  block: number,
  opts: OutbreakOptions = {},
): Outbreak[] {
  const populated = populatedAreas(registry);
  if (populated.areas.length === 0) return [];
  const rng = createRng(seed, 'outbreaks', block);
  const count = opts.perQuarter ?? 2;
  const blockStart = addIsoWeeks(EPOCH, block * BLOCK_WEEKS);
  const out: Outbreak[] = [];
  for (let i = 0; i < count; i++) {
    const area = populated.areas[weightedIndex(rng, populated.weights)] as Area;
    const theme = THEMES[randomInt(rng, 0, THEMES.length - 1)] as Theme;
    const startWeek = addIsoWeeks(blockStart, randomInt(rng, 0, BLOCK_WEEKS - 1));
    const weeks = randomInt(rng, 2, 5);
    const multiplier = 2 + 2 * rng.next();
    out.push({ area: area.code, theme, startWeek, weeks, multiplier });
  }
  return out;
}

/** Outbreaks active in the given week (a run can overlap the next quarter). */
export function activeOutbreaks(
  registry: AreaRegistry,
  seed: number | string,
  week: IsoWeek,
  opts: OutbreakOptions = {},
): Outbreak[] {
  const index = isoWeeksBetween(EPOCH, week);
  const block = Math.floor(index / BLOCK_WEEKS);
  const candidates = [...outbreaksInQuarter(registry, seed, block - 1, opts), ...outbreaksInQuarter(registry, seed, block, opts)];
  return candidates.filter((o) => {
    const offset = isoWeeksBetween(o.startWeek, week);
    return offset >= 0 && offset < o.weeks;
  });
}

/** Every outbreak that starts between two weeks (both included), for the demo log and for tests. */
export function listOutbreaks(
  registry: AreaRegistry,
  seed: number | string,
  from: IsoWeek,
  to: IsoWeek,
  opts: OutbreakOptions = {},
): Outbreak[] {
  const first = Math.floor(isoWeeksBetween(EPOCH, from) / BLOCK_WEEKS);
  const last = Math.floor(isoWeeksBetween(EPOCH, to) / BLOCK_WEEKS);
  const out: Outbreak[] = [];
  for (let b = first; b <= last; b++) {
    for (const o of outbreaksInQuarter(registry, seed, b, opts)) {
      if (isoWeeksBetween(from, o.startWeek) >= 0 && isoWeeksBetween(o.startWeek, to) >= 0) out.push(o);
    }
  }
  return out;
}

const populatedCache = new WeakMap<AreaRegistry, { areas: Area[]; weights: number[] }>();

function populatedAreas(registry: AreaRegistry): { areas: Area[]; weights: number[] } {
  let cached = populatedCache.get(registry);
  if (!cached) {
    const areas = registry.areas.filter((a) => (a.residents ?? 0) > 0).sort((a, b) => (a.code < b.code ? -1 : 1));
    cached = { areas, weights: areas.map((a) => a.residents ?? 0) };
    populatedCache.set(registry, cached);
  }
  return cached;
}
