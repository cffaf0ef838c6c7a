import type { AlarmLevelValue, OverviewArea, OverviewColumns, OverviewResponse } from './http.ts';
import type { Cell } from './suppressed-cell.ts';

/** A wijk of the overview without its names (the API sends none; `withNames` adds them from `/areas`). */
export type OverviewRow = Omit<OverviewArea, 'name' | 'gemeenteName'>;

/** The levels the `alarmLevel` column indexes, in the order of the response's `alarmLevels`. */
export const ALARM_LEVELS: readonly AlarmLevelValue[] = ['none', 'amber', 'red'];

/** Rates per 1,000 are shown with one decimal, ratios (SMR, score) with two (dashboard/src/lib/format). */
const RATE_DECIMALS = 1;
const RATIO_DECIMALS = 2;

/**
 * Rounds as the dashboard's Intl.NumberFormat does (half away from zero on the double's exact decimal
 * value, which toFixed also uses), so the rounded number formats to the same text as the unrounded one.
 */
function rounded(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

function cellOut(cell: Cell, decimals: number | null): number | string {
  if (typeof cell !== 'number') return cell.display;
  return decimals === null ? cell : rounded(cell, decimals);
}

function cellIn(value: number | string): Cell {
  return typeof value === 'number' ? value : { suppressed: true, display: value };
}

/**
 * The overview's columns from its protected rows: the same cells, numbers rounded to the precision the
 * dashboard shows. `ratePer1000` is `rate.value` (both are hidden by the same rule), so it is sent once;
 * rows where the two differ are a bug, refused here rather than sent half.
 */
export function overviewColumnsOf(rows: readonly OverviewRow[]): OverviewColumns {
  const c: OverviewColumns = {
    code: [],
    count: [],
    residents: [],
    rate: [],
    rateLower: [],
    rateUpper: [],
    smr: [],
    smrLower: [],
    smrUpper: [],
    smrExpected: [],
    alarmLevel: [],
    priorityRank: [],
    priorityScore: [],
  };
  for (const row of rows) {
    const rateValue = row.rate === null ? null : 'value' in row.rate ? row.rate.value : row.rate.display;
    const perThousand =
      row.ratePer1000 === null ? null : typeof row.ratePer1000 === 'number' ? row.ratePer1000 : row.ratePer1000.display;
    if (rateValue !== perThousand) throw new Error(`overview ${row.code}: ratePer1000 is not the rate's value`);
    c.code.push(row.code);
    c.count.push(cellOut(row.count, null));
    c.residents.push(row.residents);
    const rate = row.rate !== null && 'value' in row.rate ? row.rate : null;
    c.rate.push(row.rate === null ? null : rate ? rounded(rate.value, RATE_DECIMALS) : cellOut(row.rate as Cell, null));
    c.rateLower.push(rate ? rounded(rate.lower, RATE_DECIMALS) : null);
    c.rateUpper.push(rate ? rounded(rate.upper, RATE_DECIMALS) : null);
    const smr = row.smr !== null && 'value' in row.smr ? row.smr : null;
    c.smr.push(row.smr === null ? null : smr ? rounded(smr.value, RATIO_DECIMALS) : cellOut(row.smr as Cell, null));
    c.smrLower.push(smr ? rounded(smr.lower, RATIO_DECIMALS) : null);
    c.smrUpper.push(smr ? rounded(smr.upper, RATIO_DECIMALS) : null);
    c.smrExpected.push(smr ? rounded(smr.expected, RATIO_DECIMALS) : null);
    c.alarmLevel.push(ALARM_LEVELS.indexOf(row.alarmLevel));
    c.priorityRank.push(row.priority?.rank ?? null);
    c.priorityScore.push(row.priority ? cellOut(row.priority.score, RATIO_DECIMALS) : null);
  }
  return c;
}

/** The overview's wijken as rows again, one per `code`, in the response's order. */
export function overviewRows(response: Pick<OverviewResponse, 'areas' | 'alarmLevels'>): OverviewRow[] {
  const c = response.areas;
  return c.code.map((code, i) => {
    const rate = c.rate[i] ?? null;
    const smr = c.smr[i] ?? null;
    const rank = c.priorityRank[i] ?? null;
    return {
      code,
      count: cellIn(c.count[i]!),
      residents: c.residents[i] ?? null,
      ratePer1000: rate === null ? null : cellIn(rate),
      rate:
        rate === null
          ? null
          : typeof rate === 'number'
            ? { value: rate, lower: c.rateLower[i]!, upper: c.rateUpper[i]! }
            : { suppressed: true, display: rate },
      smr:
        smr === null
          ? null
          : typeof smr === 'number'
            ? { value: smr, lower: c.smrLower[i]!, upper: c.smrUpper[i]!, expected: c.smrExpected[i]! }
            : { suppressed: true, display: smr },
      alarmLevel: response.alarmLevels[c.alarmLevel[i]!] ?? 'none',
      priority: rank === null ? null : { rank, score: cellIn(c.priorityScore[i]!) },
    };
  });
}

/**
 * Rows with the wijk and gemeente names of `/areas` (the same area registry the overview was answered
 * from); a code `/areas` does not list is shown by its code, so a row is never dropped.
 */
export function withNames(
  rows: readonly OverviewRow[],
  areas: readonly { code: string; name: string; gemeenteName: string }[],
): OverviewArea[] {
  const byCode = new Map(areas.map((a) => [a.code, a]));
  return rows.map((row) => {
    const area = byCode.get(row.code);
    return { ...row, code: row.code, name: area?.name ?? row.code, gemeenteName: area?.gemeenteName ?? '' };
  });
}
