import { hashSeed } from './prng.ts';

/**
 * Dutch school holidays per region, modelled on the rijksoverheid rotation scheme: Christmas and the
 * May holiday are shared, spring, summer and autumn holidays are staggered over three regions and the
 * order rotates every year. It is a plausible calendar, not the official one: the simulator only needs
 * absence to vanish in the right weeks and luxury absence to cluster just before them.
 */
export const SCHOOL_REGIONS = ['noord', 'midden', 'zuid'] as const;
export type SchoolRegion = (typeof SCHOOL_REGIONS)[number];

/** Without a gemeente → region table the region is a stable pick from the gemeente code. */
export function schoolRegionOf(gemeenteCode: string): SchoolRegion {
  let region = regionMemo.get(gemeenteCode);
  if (region === undefined) {
    region = SCHOOL_REGIONS[hashSeed('school-region', gemeenteCode) % 3] ?? 'midden';
    regionMemo.set(gemeenteCode, region);
  }
  return region;
}

const regionMemo = new Map<string, SchoolRegion>();

const SUMMER_WEEKS = 6;

/** ISO week numbers (of ISO year `year`) on which the region's schools are closed. */
export function holidayWeeks(year: number, region: SchoolRegion, weeksInYear: number): Set<number> {
  const r = SCHOOL_REGIONS.indexOf(region);
  const rotation = (r + year) % 3;
  const weeks = new Set<number>([1, 52, 18]);
  if (weeksInYear === 53) weeks.add(53);
  weeks.add(7 + rotation); // voorjaarsvakantie, weeks 7–9
  const summerStart = 28 + rotation; // zomervakantie starts in week 28, 29 or 30
  for (let w = summerStart; w < summerStart + SUMMER_WEEKS; w++) weeks.add(w);
  weeks.add(42 + ((r + year) % 2)); // herfstvakantie, week 42 or 43
  return weeks;
}

/** Weeks whose next week starts a holiday: when luxury absence (leaving early) peaks. */
export function preHolidayWeeks(year: number, region: SchoolRegion, weeksInYear: number): Set<number> {
  const closed = holidayWeeks(year, region, weeksInYear);
  const pre = new Set<number>();
  for (let w = 1; w <= weeksInYear; w++) {
    const nextClosed = w === weeksInYear ? true : closed.has(w + 1);
    if (!closed.has(w) && nextClosed) pre.add(w);
  }
  return pre;
}
