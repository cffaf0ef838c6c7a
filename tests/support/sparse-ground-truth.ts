import type { AreaRegistry } from '@wijksignaal/contracts/area';
import { addIsoWeeks, isoWeekRange, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { AGE_BANDS, CATEGORIES_BY_THEME, THEMES, type Signal } from '@wijksignaal/contracts/signal';
import { createRng, poisson, randomInt, uuidV4 } from '@wijksignaal/simulator/prng';

/** A valid signal of a known sparse ground truth (always one signal per message, count 1). */
export type SparseSignal = Signal;

const SOURCE_OF_THEME = {
  loneliness: { sourceKind: 'home_care', partner: 'thuiszorg-demo' },
  school_absence: { sourceKind: 'school', partner: 'school-demo' },
  escalation: { sourceKind: 'police', partner: 'politie-demo' },
} as const;

export interface SparseOptions {
  /** How many wijken, taken round-robin over the registry's gemeenten so several gemeenten take part. */
  wijken: number;
  weeks: number;
  /** The last week with signals. */
  lastWeek: IsoWeek;
  /** Poisson mean of signals per wijk × theme × week. */
  meanPerCell: number;
  seed: number;
}

/**
 * Signals for a known, sparse truth: per wijk × theme × week a Poisson number of signals with random
 * categories and age bands, the way small wijken look in the weekly cube. Deterministic per seed.
 */
export function sparseGroundTruth(registry: AreaRegistry, opts: SparseOptions): SparseSignal[] {
  const byGemeente = new Map<string, string[]>();
  for (const area of [...registry.areas].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    if (!area.residents) continue;
    byGemeente.set(area.gemeenteCode, [...(byGemeente.get(area.gemeenteCode) ?? []), area.code]);
  }
  const wijken: string[] = [];
  for (let round = 0; wijken.length < opts.wijken; round++) {
    let added = false;
    for (const codes of byGemeente.values()) {
      if (round < codes.length && wijken.length < opts.wijken) {
        wijken.push(codes[round]!);
        added = true;
      }
    }
    if (!added) throw new Error(`the registry has fewer than ${opts.wijken} populated wijken`);
  }
  const rng = createRng(opts.seed, 'sparse-ground-truth');
  const out: SparseSignal[] = [];
  for (const week of isoWeekRange(addIsoWeeks(opts.lastWeek, -(opts.weeks - 1)), opts.lastWeek)) {
    for (const area of wijken) {
      for (const theme of THEMES) {
        const categories = CATEGORIES_BY_THEME[theme];
        for (let i = poisson(rng, opts.meanPerCell); i > 0; i--) {
          out.push({
            id: uuidV4(rng),
            ...SOURCE_OF_THEME[theme],
            theme,
            category: categories[randomInt(rng, 0, categories.length - 1)]!,
            area,
            areaYear: registry.year,
            week,
            ageBand: AGE_BANDS[randomInt(rng, 0, AGE_BANDS.length - 1)]!,
            severity: 'medium',
            count: 1,
          } as SparseSignal);
        }
      }
    }
  }
  return out;
}
