import {
  addIsoWeeks,
  formatIsoWeek,
  isoWeekRange,
  isoWeeksBetween,
  weeksInIsoYear,
  type IsoWeek,
} from '@wijksignaal/contracts/iso-week';

/**
 * The fixed periods anything is published for (CBS StatLine style): ISO weeks, 4-week periods, quarters
 * and ISO years. A user picks one of these, never a free window, so no two published periods differ by a
 * few weeks and differencing overlapping windows has nothing to work with.
 * - 4-week periods: weeks 1–4, 5–8, …, 49–52; in a 53-week year week 53 joins the 13th (49–53).
 * - quarters: weeks 1–13, 14–26, 27–39 and 40–52 (40–53 in a 53-week year).
 */
export const PERIOD_KINDS = ['week', 'fourWeeks', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface GridPeriod {
  kind: PeriodKind;
  from: IsoWeek;
  to: IsoWeek;
  /** `2025-W07`, `2025-P03`, `2025-Q1` or `2025`. */
  label: string;
}

function parts(week: IsoWeek): { year: number; week: number } {
  return { year: Number(week.slice(0, 4)), week: Number(week.slice(6)) };
}

/** The period of `kind` that contains `week`. */
export function periodOf(kind: PeriodKind, week: IsoWeek): GridPeriod {
  const { year, week: w } = parts(week);
  const last = weeksInIsoYear(year);
  switch (kind) {
    case 'week':
      return { kind, from: week, to: week, label: week };
    case 'fourWeeks': {
      const index = Math.min(Math.ceil(w / 4), 13);
      const first = (index - 1) * 4 + 1;
      const end = index === 13 ? last : first + 3;
      return {
        kind,
        from: formatIsoWeek(year, first),
        to: formatIsoWeek(year, end),
        label: `${year}-P${String(index).padStart(2, '0')}`,
      };
    }
    case 'quarter': {
      const index = Math.min(Math.ceil(w / 13), 4);
      const first = (index - 1) * 13 + 1;
      const end = index === 4 ? last : first + 12;
      return { kind, from: formatIsoWeek(year, first), to: formatIsoWeek(year, end), label: `${year}-Q${index}` };
    }
    case 'year':
      return { kind, from: formatIsoWeek(year, 1), to: formatIsoWeek(year, last), label: String(year) };
  }
}

/** The four periods a week counts towards, finest first. */
export function periodsContaining(week: IsoWeek): GridPeriod[] {
  return PERIOD_KINDS.map((kind) => periodOf(kind, week));
}

/** The grid period that runs exactly from `from` to `to`, or null when that window is not one. */
export function gridPeriod(from: IsoWeek, to: IsoWeek): GridPeriod | null {
  for (const kind of PERIOD_KINDS) {
    const period = periodOf(kind, from);
    if (period.from === from && period.to === to) return period;
  }
  return null;
}

/** The newest period of `kind` that has ended by `lastCompleteWeek` (inclusive). */
export function latestCompletePeriod(kind: PeriodKind, lastCompleteWeek: IsoWeek): GridPeriod {
  const period = periodOf(kind, lastCompleteWeek);
  return period.to === lastCompleteWeek ? period : periodOf(kind, addIsoWeeks(period.from, -1));
}

/** Every period of `kind` that overlaps `from`..`to`, oldest first. */
export function periodsOverlapping(kind: PeriodKind, from: IsoWeek, to: IsoWeek): GridPeriod[] {
  const out: GridPeriod[] = [];
  let period = periodOf(kind, from);
  while (isoWeeksBetween(period.from, to) >= 0) {
    out.push(period);
    period = periodOf(kind, addIsoWeeks(period.to, 1));
  }
  return out;
}

/** The weeks of a period. */
export function periodWeeks(period: GridPeriod): IsoWeek[] {
  return isoWeekRange(period.from, period.to);
}

/** One line for a 400 answer and the API document: which windows exist. */
export const PERIOD_GRID_RULE =
  'from and to must be one period of the fixed grid: a single ISO week (from = to), a 4-week period (weeks 1-4, 5-8, ..., 49-52, week 53 joining the last), a quarter (weeks 1-13, 14-26, 27-39, 40-52 or 40-53) or a whole ISO year; e.g. from=2025-W01&to=2025-W13';
