import type { AreaRegistry } from '@wijksignaal/contracts/area';
import { addIsoWeeks, isoWeekFromDate, mondayIsoDate } from '@wijksignaal/contracts/iso-week';
import { seededRandom } from '@wijksignaal/areas/seeded-random';
import type { LiveDb } from '../store/live-db.ts';

/** The small live cube the analysis stage's tests run on (three wijken, one theme, 160 weeks). */

export const NOW = new Date('2026-11-25T10:00:00Z');
export const CURRENT = isoWeekFromDate(NOW);
export const SPIKE_WEEK = addIsoWeeks(CURRENT, -1);
const residentsByBand = { '0-14': 900, '15-24': 600, '25-44': 1400, '45-64': 1300, '65+': 800 };
export const registry: AreaRegistry = {
  year: 2024,
  source: 'test',
  areas: ['WK900001', 'WK900002', 'WK900003'].map((code) => ({
    code,
    name: code,
    gemeenteCode: 'GM9000',
    gemeenteName: 'Test',
    year: 2024,
    residents: 5000,
    residentsByBand,
    geometry: null,
  })),
};

export function poisson(random: ReturnType<typeof seededRandom>, mean: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  const u = random.next();
  while (u > cumulative) {
    k += 1;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

/**
 * Three years of weekly counts: WK900001 Poisson(3) with a spike of 30; WK900002 flat at 1, always withheld
 * (`<k` whatever its noise), so its published series is flat at k − 1 in every noise draw; WK900003 quiet.
 */
export async function writeCube(db: LiveDb): Promise<void> {
  const random = seededRandom(11);
  const rows: string[] = [];
  for (let back = 160; back >= 1; back--) {
    const week = addIsoWeeks(CURRENT, -back);
    const monday = mondayIsoDate(week);
    const outbreak = week === SPIKE_WEEK ? 30 : poisson(random, 3);
    rows.push(`('WK900001', '${monday}', 'loneliness', 'social', 'social_team', '25-44', ${outbreak}, 1, 0)`);
    rows.push(`('WK900002', '${monday}', 'loneliness', 'social', 'social_team', '25-44', 1, 1, 0)`);
    if (back % 10 === 0) rows.push(`('WK900003', '${monday}', 'loneliness', 'social', 'social_team', '45-64', 1, 1, 0)`);
  }
  await db.writer.run(`INSERT INTO cube_rows ${keyed(rows)}`);
}

/** Cube rows as VALUES tuples, with the cell key the live table needs added by the pipeline's own macro. */
export function keyed(rows: readonly string[]): string {
  return `SELECT *, cell_key(wijk, week, theme, category, source_kind, age_band),
            (hash(wijk, week, theme, category, source_kind, age_band) % 4294967296)::BIGINT
          FROM (VALUES ${rows.join(',')}) AS v(wijk, week, theme, category, source_kind, age_band, n, signals, high)`;
}

export async function levels(db: LiveDb, sql: string): Promise<unknown[][]> {
  return (await db.writer.runAndReadAll(sql)).getRowsJS();
}
