import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { AreaRegistry } from '@wijksignaal/contracts/area';
import {
  addIsoWeeks,
  isoWeekFromDate,
  isoWeekFromMondayDate,
  isoWeekRange,
  mondayIsoDate,
} from '@wijksignaal/contracts/iso-week';
import { loadAreaRegistry } from '@wijksignaal/areas/load-area-registry';
import { DEFAULT_K } from '@wijksignaal/domain/disclosure/primary-suppression';
import { latestCompletePeriod, periodOf, PERIOD_KINDS, type PeriodKind } from '@wijksignaal/domain/published/period-grid';
import { recordKeys } from '@wijksignaal/pipelines/aggregate/record-key';
import { publishedCountsSelect, stagePublishedPeriods } from '@wijksignaal/pipelines/publish/published-counts';
import { weeklyCountsDdl } from '@wijksignaal/pipelines/store/live-schema';
import { generateWeek } from '@wijksignaal/simulator/generate-week';
import { wijkCodeOf } from '@wijksignaal/simulator/wijk-key';
import type { Figure } from './bench-report.ts';

const SHARED_DATA = resolve(import.meta.dirname, '../../../shared/data');
const WEEKS = 52;

export interface UsefulnessResult {
  label: string;
  wijken: number;
  /** The dashboard's default period (the latest complete quarter). */
  period: string;
  /** Wijk × theme cells of the default period with a true count of at least 10. */
  cellsOfTen: number;
  /** Share of those shown as a number. */
  shownShare: number;
  /** Mean |shown − true| over every count shown for the default period. */
  meanAbsChange: number;
  /** Per period kind, the share of non-empty wijk × theme cells that are withheld (null: no complete period of that kind). */
  withheldShare: Record<PeriodKind, number | null>;
}

/**
 * How useful the published table stays: a year of the simulator's realistic signals for a region goes
 * through the pipeline's own build (record keys, cube, published cells), and each wijk × theme cell is
 * compared with its true count.
 */
export async function measureUsefulness(label: string, registry: AreaRegistry, now: Date): Promise<UsefulnessResult> {
  const lastComplete = addIsoWeeks(isoWeekFromDate(now), -1);
  const weeks = isoWeekRange(addIsoWeeks(lastComplete, -(WEEKS - 1)), lastComplete);
  const recordKey = recordKeys(`usefulness-${label}`);
  const cube = new Map<string, { n: number; key: number; row: string[] }>();
  for (const week of weeks) {
    for (const s of generateWeek(registry, week, { seed: `usefulness-${label}` })) {
      const wijk = wijkCodeOf(s.area);
      const key = `${wijk}|${week}|${s.theme}|${s.category}|${s.sourceKind}|${s.ageBand}`;
      const cell = cube.get(key) ?? { n: 0, key: 0, row: [wijk, week, s.theme, s.category, s.sourceKind, s.ageBand] };
      cell.n += s.count ?? 1;
      cell.key = (cell.key + recordKey(s.id)) % 2 ** 32;
      cube.set(key, cell);
    }
  }
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(weeklyCountsDdl('weekly_counts'));
    await conn.run('CREATE TABLE areas (code VARCHAR, gemeente_code VARCHAR)');
    await conn.run(
      `INSERT INTO areas SELECT code, gemeente FROM (SELECT unnest(from_json($1::JSON, '[{"code":"VARCHAR","gemeente":"VARCHAR"}]'), recursive := true))`,
      [JSON.stringify(registry.areas.map((a) => ({ code: a.code, gemeente: a.gemeenteCode })))],
    );
    const rows = [...cube.values()].map((c, i) => {
      const [wijk, week, ...rest] = c.row;
      return [wijk, mondayIsoDate(week!), ...rest, c.n, c.n, 0, i, c.key].join('\t');
    });
    await conn.run(
      `INSERT INTO weekly_counts
       SELECT f[1], f[2]::DATE, f[3], f[4], f[5], f[6], f[7]::BIGINT, f[8]::BIGINT, f[9]::BIGINT, f[10]::BIGINT, f[11]::BIGINT
       FROM (SELECT string_split(line, chr(9)) AS f FROM (SELECT unnest(string_split($1, chr(10))) AS line))`,
      [rows.join('\n')],
    );
    const quarter = latestCompletePeriod('quarter', lastComplete);
    const themes = ['loneliness', 'school_absence', 'escalation'];
    const periods = PERIOD_KINDS.flatMap((kind) =>
      isoWeekRange(quarter.from, quarter.to)
        .map((w) => periodOf(kind, w))
        .filter((p, i, all) => all.findIndex((q) => q.from === p.from) === i && weeks.includes(p.from) && weeks.includes(p.to)),
    );
    await stagePublishedPeriods(
      conn,
      themes.flatMap((theme) => periods.map((period) => ({ theme, period }))),
    );
    const published = (
      await conn.runAndReadAll(
        `SELECT theme, area, period_kind, strftime(period_from, '%Y-%m-%d'), count
         FROM (${publishedCountsSelect(DEFAULT_K)}) WHERE level = 'wijk' AND dimension = 'total'`,
      )
    ).getRowsJS();
    const truth = new Map<string, number>();
    for (const c of cube.values()) {
      const [wijk, week, theme] = c.row as [string, string, string];
      for (const p of periods) {
        if (week < p.from || week > p.to) continue;
        const key = `${theme}|${wijk}|${p.kind}|${p.from}`;
        truth.set(key, (truth.get(key) ?? 0) + c.n);
      }
    }
    let cellsOfTen = 0;
    let shownOfTen = 0;
    let changes = 0;
    let shown = 0;
    const nonEmpty = new Map<PeriodKind, { cells: number; withheld: number }>(
      PERIOD_KINDS.map((k) => [k, { cells: 0, withheld: 0 }]),
    );
    // The table stores shown cells only: every true cell is either there (shown) or withheld.
    const shownCells = new Map(
      published.map(([theme, wijk, kind, from, count]) => [
        `${String(theme)}|${String(wijk)}|${String(kind)}|${isoWeekFromMondayDate(String(from))}`,
        Number(count),
      ]),
    );
    for (const [key, n] of truth) {
      const [, , kind, from] = key.split('|') as [string, string, PeriodKind, string];
      const count = shownCells.get(key);
      const stats = nonEmpty.get(kind)!;
      stats.cells += 1;
      if (count === undefined) stats.withheld += 1;
      if (kind !== 'quarter' || from !== quarter.from) continue;
      if (n >= 10) cellsOfTen += 1;
      if (count !== undefined) {
        if (n >= 10) shownOfTen += 1;
        changes += Math.abs(count - n);
        shown += 1;
      }
    }
    return {
      label,
      wijken: registry.areas.length,
      period: quarter.label,
      cellsOfTen,
      shownShare: cellsOfTen === 0 ? 1 : shownOfTen / cellsOfTen,
      meanAbsChange: shown === 0 ? 0 : changes / shown,
      withheldShare: Object.fromEntries(
        [...nonEmpty].map(([kind, s]) => [kind, s.cells === 0 ? null : s.withheld / s.cells]),
      ) as Record<PeriodKind, number | null>,
    };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** The demo region and GGD Rotterdam-Rijnmond (real CBS 2024 wijken and residents), when the data is there. */
export async function usefulnessRegions(): Promise<{ label: string; registry: AreaRegistry }[]> {
  const regions = [{ label: 'demo region', registry: await loadAreaRegistry({}) }];
  try {
    regions.push({
      label: 'Rotterdam-Rijnmond',
      registry: await loadAreaRegistry({
        areasFile: resolve(SHARED_DATA, 'cbs_wijken_2024_ggd_rotterdam_rijnmond.geojson'),
        populationFile: resolve(SHARED_DATA, 'kwb_2024_wijken_nl.csv'),
      }),
    });
  } catch {
    // Without ../shared/data the bench reports the demo region only, and says so by the missing line.
  }
  return regions;
}

/** `week 66%, fourWeeks 45%, quarter 29%` over the kinds that had a complete period. */
export function describeWithheld(r: UsefulnessResult): string {
  return PERIOD_KINDS.flatMap((k) => {
    const share = r.withheldShare[k];
    return share === null ? [] : [`${k} ${(share * 100).toFixed(0)}%`];
  }).join(', ');
}

/** Bench figures: the two targets per region. */
export function usefulnessFigures(results: readonly UsefulnessResult[]): Figure[] {
  return results.flatMap((r) => {
    const key = r.label.replace(/[^a-zA-Z]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));
    return [
      {
        key: `${key}ShownOfTen`,
        label: `${r.label}: cells ≥ 10 shown`,
        value: r.shownShare * 100,
        unit: '%',
        digits: 1,
        target: { op: '>=', value: 90 },
        note: `${r.cellsOfTen} wijk × theme cells of ${r.period}`,
      },
      {
        key: `${key}MeanAbsChange`,
        label: `${r.label}: mean |change| shown`,
        value: r.meanAbsChange,
        unit: 'signals',
        digits: 2,
        target: { op: '<=', value: 1 },
      },
    ];
  });
}

/** `npx tsx tests/bench/disclosure-usefulness.ts`: the usefulness report alone. */
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { label, registry } of await usefulnessRegions()) {
    const r = await measureUsefulness(label, registry, new Date());
    const withheld = describeWithheld(r);
    console.log(
      `${r.label} (${r.wijken} wijken, ${r.period}): ${(r.shownShare * 100).toFixed(1)}% of ${r.cellsOfTen} cells with ≥ 10 signals shown; ` +
        `mean |change| ${r.meanAbsChange.toFixed(3)}; withheld among non-empty cells: ${withheld}`,
    );
  }
}
