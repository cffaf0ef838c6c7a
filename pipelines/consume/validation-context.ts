import type { AreaRegistry } from '@wijksignaal/contracts/area';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { MAX_SIGNAL_BYTES } from '@wijksignaal/contracts/topics';
import { areaLookup } from '@wijksignaal/areas/area-lookup';
import type { ValidationContext } from '@wijksignaal/domain/validate/validate-signal';

/** What validation checks against, with the current ISO week worked out at most once a minute. */
export function validationContextOf(
  registry: AreaRegistry,
  partners: readonly string[],
  retentionWeeks: number,
  now: () => Date,
): () => ValidationContext {
  const areas = areaLookup(registry);
  const registered = new Set(partners);
  let cachedWeek = { at: 0, week: isoWeekFromDate(now()) };
  return () => {
    const t = now();
    if (t.getTime() - cachedWeek.at > 60_000) cachedWeek = { at: t.getTime(), week: isoWeekFromDate(t) };
    return {
      partners: registered,
      areas,
      areaYear: registry.year,
      currentWeek: cachedWeek.week,
      retentionWeeks,
      maxBytes: MAX_SIGNAL_BYTES,
    };
  };
}
