import type { OverviewArea } from '@wijksignaal/contracts/http';
import { mondayIsoDate } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';
import { isSuppressed, type Cell } from '@wijksignaal/domain/disclosure/index';
import type { WeeklyCountRow } from '../disclosure-views/protect-weekly-counts.ts';
import type { ExportColumn, ExportValue } from './export-file.ts';

/**
 * A withheld figure in a file: the value column is empty, `<name>_suppressed` is true and, for a count,
 * `<name>_marker` says why (`<5`: the published table withholds the count; `x`: computed from a withheld one).
 */
function cell(value: Cell | null): [ExportValue, boolean] {
  if (value === null) return [null, false];
  return isSuppressed(value) ? [null, true] : [value, false];
}

function marker(value: Cell): string | null {
  return isSuppressed(value) ? value.display : null;
}

export const WEEKLY_COLUMNS: readonly ExportColumn[] = [
  { name: 'theme', type: 'VARCHAR' },
  { name: 'week', type: 'VARCHAR' },
  { name: 'week_start', type: 'DATE' },
  { name: 'wijk_code', type: 'VARCHAR' },
  { name: 'wijk_name', type: 'VARCHAR' },
  { name: 'gemeente_code', type: 'VARCHAR' },
  { name: 'gemeente_name', type: 'VARCHAR' },
  { name: 'count', type: 'BIGINT' },
  { name: 'count_suppressed', type: 'BOOLEAN' },
  { name: 'count_marker', type: 'VARCHAR' },
];

export function weeklyRows(theme: Theme, rows: readonly WeeklyCountRow[]): ExportValue[][] {
  return rows.map((row) => {
    const [count, suppressed] = cell(row.count);
    return [
      theme,
      row.week,
      mondayIsoDate(row.week),
      row.code,
      row.name,
      row.gemeenteCode,
      row.gemeenteName,
      count,
      suppressed,
      marker(row.count),
    ];
  });
}

export const OVERVIEW_COLUMNS: readonly ExportColumn[] = [
  { name: 'theme', type: 'VARCHAR' },
  { name: 'period_from', type: 'VARCHAR' },
  { name: 'period_to', type: 'VARCHAR' },
  { name: 'wijk_code', type: 'VARCHAR' },
  { name: 'wijk_name', type: 'VARCHAR' },
  { name: 'gemeente_name', type: 'VARCHAR' },
  { name: 'count', type: 'BIGINT' },
  { name: 'count_suppressed', type: 'BOOLEAN' },
  { name: 'count_marker', type: 'VARCHAR' },
  { name: 'residents', type: 'BIGINT' },
  { name: 'rate_per_1000', type: 'DOUBLE' },
  { name: 'rate_lower', type: 'DOUBLE' },
  { name: 'rate_upper', type: 'DOUBLE' },
  { name: 'rate_suppressed', type: 'BOOLEAN' },
  { name: 'smr', type: 'DOUBLE' },
  { name: 'smr_lower', type: 'DOUBLE' },
  { name: 'smr_upper', type: 'DOUBLE' },
  { name: 'smr_expected', type: 'DOUBLE' },
  { name: 'smr_suppressed', type: 'BOOLEAN' },
  { name: 'alarm_level', type: 'VARCHAR' },
  { name: 'priority_rank', type: 'BIGINT' },
  { name: 'priority_score', type: 'DOUBLE' },
  { name: 'priority_score_suppressed', type: 'BOOLEAN' },
];

export function overviewRows(
  theme: Theme,
  period: { from: string; to: string },
  areas: readonly OverviewArea[],
): ExportValue[][] {
  return areas.map((area) => {
    const [count, countSuppressed] = cell(area.count);
    const [ratePer1000, ratePer1000Suppressed] = cell(area.ratePer1000);
    const rate = area.rate !== null && !isSuppressed(area.rate) ? area.rate : null;
    const smr = area.smr !== null && !isSuppressed(area.smr) ? area.smr : null;
    const [score, scoreSuppressed] = area.priority ? cell(area.priority.score) : [null, false];
    return [
      theme,
      period.from,
      period.to,
      area.code,
      area.name,
      area.gemeenteName,
      count,
      countSuppressed,
      marker(area.count),
      area.residents,
      ratePer1000,
      rate?.lower ?? null,
      rate?.upper ?? null,
      ratePer1000Suppressed || (area.rate !== null && isSuppressed(area.rate)),
      smr?.value ?? null,
      smr?.lower ?? null,
      smr?.upper ?? null,
      smr?.expected ?? null,
      area.smr !== null && isSuppressed(area.smr),
      area.alarmLevel,
      area.priority?.rank ?? null,
      score,
      scoreSuppressed,
    ];
  });
}
