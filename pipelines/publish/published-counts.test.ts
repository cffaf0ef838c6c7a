import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoWeekFromMondayDate, mondayIsoDate } from '@wijksignaal/contracts/iso-week';
import { periodOf, type PeriodKind } from '@wijksignaal/domain/published/period-grid';
import { publishedCount, RECORD_KEY_SPACE } from '@wijksignaal/domain/published/perturbation';
import { weeklyCountsDdl } from '../store/live-schema.ts';
import {
  deleteStagedPeriods,
  periodsOfCube,
  periodsTouched,
  publishedCountsSelect,
  stagePublishedPeriods,
} from './published-counts.ts';

interface Cell {
  wijk: string;
  gemeente: string;
  week: string;
  category: string;
  source: string;
  age: string;
  n: number;
  key: number;
}

const WIJKEN = [
  ['WK099901', 'GM0999'],
  ['WK099902', 'GM0999'],
  ['WK099801', 'GM0998'],
] as const;

function cells(): Cell[] {
  const out: Cell[] = [];
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647); // Park–Miller, exact in doubles
  for (const [wijk, gemeente] of WIJKEN) {
    for (const week of ['2025-03-24', '2025-03-31', '2025-04-07']) {
      for (const category of ['social', 'emotional']) {
        const n = next() % 4;
        if (n > 0)
          out.push({
            wijk,
            gemeente,
            week,
            category,
            source: next() % 2 ? 'home_care' : 'school',
            age: '75+',
            n,
            key: next() * 2,
          });
      }
    }
  }
  return out;
}

async function load(conn: DuckDBConnection, rows: Cell[]): Promise<void> {
  await conn.run(weeklyCountsDdl('weekly_counts'));
  await conn.run(
    'CREATE TABLE areas (code VARCHAR, name VARCHAR, gemeente_code VARCHAR, gemeente_name VARCHAR, year INTEGER, residents INTEGER, geometry VARCHAR)',
  );
  for (const [wijk, gemeente] of WIJKEN)
    await conn.run(`INSERT INTO areas VALUES ('${wijk}', '${wijk}', '${gemeente}', '${gemeente}', 2024, 1000, NULL)`);
  let cell = 0;
  for (const r of rows) {
    await conn.run(
      `INSERT INTO weekly_counts VALUES ('${r.wijk}', '${r.week}', 'loneliness', '${r.category}', '${r.source}', '${r.age}', ${r.n}, ${r.n}, 0, ${cell++}, ${r.key})`,
    );
  }
}

/** The published count of the cells `keep` selects, computed in TypeScript from the true cells (null: `<k`). */
function expected(rows: Cell[], keep: (c: Cell) => boolean): number | null {
  const chosen = rows.filter(keep);
  const n = chosen.reduce((s, c) => s + c.n, 0);
  return publishedCount(n, chosen.reduce((s, c) => s + c.key, 0) % RECORD_KEY_SPACE, 5);
}

describe('the published table built from the live cube (real DuckDB)', () => {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  const truth = cells();
  beforeEach(async () => {
    instance = await DuckDBInstance.create(':memory:');
    conn = await instance.connect();
    await load(conn, truth);
  });
  afterEach(() => {
    conn.closeSync();
    instance.closeSync();
  });

  it('perturbs every cell of every period, area level and breakdown by its own key, as the TypeScript rule does', async () => {
    await stagePublishedPeriods(conn, await periodsOfCube(conn));
    const rows = (
      await conn.runAndReadAll(
        `SELECT * REPLACE (strftime(period_from, '%Y-%m-%d') AS period_from) FROM (${publishedCountsSelect(5)})`,
      )
    ).getRowObjectsJS();
    let checked = 0;
    for (const row of rows) {
      const kind = row.period_kind as PeriodKind;
      const from = isoWeekFromMondayDate(String(row.period_from));
      const inPeriod = (c: Cell) => periodOf(kind, isoWeekFromMondayDate(c.week)).from === from;
      const inArea = (c: Cell) => row.level === 'region' || (row.level === 'gemeente' ? c.gemeente : c.wijk) === row.area;
      const inSplit = (c: Cell) =>
        row.dimension === 'total' ||
        (row.dimension === 'category' ? c.category : row.dimension === 'source' ? c.source : c.age) === row.value;
      expect(Number(row.count)).toBe(expected(truth, (c) => inPeriod(c) && inArea(c) && inSplit(c)));
      expect(Number(row.count)).toBeGreaterThanOrEqual(5);
      checked += 1;
    }
    // Every cell with signals that has no row is one the rule withholds: wijk-week totals, for instance.
    const stored = new Set(
      rows
        .filter((r) => r.level === 'wijk' && r.period_kind === 'week' && r.dimension === 'total')
        .map((r) => `${String(r.area)}|${String(r.period_from)}`),
    );
    for (const [wijk] of WIJKEN) {
      for (const week of ['2025-03-24', '2025-03-31', '2025-04-07']) {
        const want = expected(truth, (c) => c.wijk === wijk && c.week === week);
        expect(stored.has(`${wijk}|${week}`)).toBe(want !== null);
      }
    }
    // Weeks 13–15 of 2025: three weeks, one 4-week period (W13–W16), two quarters (W13 | W14, W15), one year.
    expect(new Set(rows.map((r) => `${String(r.period_kind)}|${String(r.period_from)}`)).size).toBe(3 + 1 + 2 + 1);
    expect(new Set(rows.map((r) => r.level))).toEqual(new Set(['wijk', 'gemeente', 'region']));
    expect(checked).toBeGreaterThan(20);
  });

  it('rebuilds only the periods a change touched', async () => {
    await stagePublishedPeriods(conn, await periodsOfCube(conn));
    await conn.run(`CREATE TABLE published AS SELECT * FROM (${publishedCountsSelect(5)}) WHERE false`);
    await conn.run(`INSERT INTO published ${publishedCountsSelect(5)}`);
    const before = (await conn.runAndReadAll('SELECT * FROM published ORDER BY ALL')).getRowsJS();
    const touched = periodsTouched([{ theme: 'loneliness', weekMonday: '2025-04-07' }]);
    expect(touched.map((p) => p.period.label)).toEqual(['2025-W15', '2025-P04', '2025-Q2', '2025']);
    // The rebuild reads only the cube of the staged weeks (every week of the touched year among them).
    const weeks = await stagePublishedPeriods(conn, touched);
    expect(weeks).toHaveLength(52);
    await conn.run(deleteStagedPeriods('published'));
    const kept = (
      await conn.runAndReadAll(`SELECT DISTINCT period_kind, strftime(period_from, '%Y-%m-%d') FROM published ORDER BY ALL`)
    ).getRowsJS();
    expect(kept).toEqual([
      ['quarter', mondayIsoDate('2025-W01')],
      ['week', mondayIsoDate('2025-W13')],
      ['week', mondayIsoDate('2025-W14')],
    ]);
    await conn.run(`INSERT INTO published ${publishedCountsSelect(5, weeks)}`);
    expect((await conn.runAndReadAll('SELECT * FROM published ORDER BY ALL')).getRowsJS()).toEqual(before);
  });
});
