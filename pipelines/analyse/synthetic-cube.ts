import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Area } from '@wijksignaal/contracts/area';
import { addIsoWeeks, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { CATEGORIES_BY_THEME, THEMES, type Theme } from '@wijksignaal/contracts/signal';
import { seededRandom, type SeededRandom } from '@wijksignaal/areas/seeded-random';

/**
 * A national cube for the detection benchmark: every wijk × theme with `weeks` complete weeks of
 * seasonal Poisson counts plus a partly filled running week, spread over two categories per week as
 * real deliveries are. Written as CSV and loaded in one INSERT, because the set-up is not what is timed.
 */

/** Weekly signals per 1,000 residents (made up, in the range the demo simulator uses). */
const WEEKLY_RATE: Record<Theme, number> = { school_absence: 0.3, loneliness: 0.12, escalation: 0.05 };

function poisson(random: SeededRandom, mean: number): number {
  // Inversion: fine for the small weekly means of a single wijk.
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  const u = random.next();
  while (u > cumulative && k < 10_000) {
    k += 1;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

export interface SyntheticCubeOptions {
  areas: readonly Pick<Area, 'code' | 'residents'>[];
  currentWeek: IsoWeek;
  weeks: number;
  seed: number;
  csvPath: string;
}

export async function writeSyntheticCube(conn: DuckDBConnection, opts: SyntheticCubeOptions): Promise<{ rows: number }> {
  const random = seededRandom(opts.seed);
  const first = addIsoWeeks(opts.currentWeek, -opts.weeks);
  const weeks = Array.from({ length: opts.weeks + 1 }, (_, i) => addIsoWeeks(first, i));
  const mondays = weeks.map(mondayIsoDate);
  const out = createWriteStream(opts.csvPath);
  let rows = 0;
  let buffer = '';
  for (const area of opts.areas) {
    const residents = area.residents ?? 1_000;
    for (const theme of THEMES) {
      const categories = CATEGORIES_BY_THEME[theme];
      const base = (residents / 1_000) * WEEKLY_RATE[theme];
      for (let i = 0; i < weeks.length; i++) {
        const season = 1 + 0.3 * Math.sin((2 * Math.PI * i) / 52);
        const partial = i === weeks.length - 1 ? 0.4 : 1;
        const n = poisson(random, base * season * partial);
        if (n === 0) continue;
        const a = Math.floor(random.next() * (n + 1));
        for (const [category, count] of [
          [categories[0], a],
          [categories[1], n - a],
        ] as const) {
          if (count === 0) continue;
          buffer += `${area.code},${mondays[i]},${theme},${category},school,25-44,${count},${count},0\n`;
          rows += 1;
        }
      }
      if (buffer.length > 1 << 20) {
        if (!out.write(buffer)) await once(out, 'drain');
        buffer = '';
      }
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  // The live table also holds each cell's integer key; the pipeline's `cell_key` macro adds it here.
  await conn.run(
    `INSERT INTO cube_rows
     SELECT *, cell_key(wijk, week, theme, category, source_kind, age_band),
            (hash(wijk, week, theme, category, source_kind, age_band) % 4294967296)::BIGINT
     FROM read_csv('${opts.csvPath.replaceAll("'", "''")}', header = false, columns = {
       'wijk': 'VARCHAR', 'week': 'DATE', 'theme': 'VARCHAR', 'category': 'VARCHAR', 'source_kind': 'VARCHAR',
       'age_band': 'VARCHAR', 'n': 'BIGINT', 'signals': 'BIGINT', 'high': 'BIGINT'})`,
  );
  return { rows };
}
