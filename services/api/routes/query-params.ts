import { z } from '@hono/zod-openapi';
import { addIsoWeeks, isoWeekFromDate, isoWeeksBetween, isValidIsoWeek, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { THEMES, WIJK_CODE_PATTERN } from '@wijksignaal/contracts/signal';
import {
  gridPeriod,
  latestCompletePeriod,
  PERIOD_GRID_RULE,
  periodsContaining,
  type GridPeriod,
} from '@wijksignaal/domain/published/period-grid';
import { invalidParamsError } from '../http/invalid-params-problem.ts';
import { ProblemError } from '../http/problem.ts';

/** The longest week range one request may ask for (ten years of weeks). */
export const MAX_RANGE_WEEKS = 530;
/** Without `from`/`to` a week range is the last 13 complete weeks. */
export const DEFAULT_RANGE_WEEKS = 13;
/** Without `from`/`to` a grid period is the latest complete quarter, the period GGD reports use. */
export const DEFAULT_PERIOD_KIND = 'quarter';

const emptyAsMissing = (value: unknown) => (value === '' ? undefined : value);

export const themeParam = z.enum(THEMES, {
  error: (issue) =>
    issue.input === undefined ? `is required; one of ${THEMES.join(', ')}` : `must be one of ${THEMES.join(', ')}`,
});

export const weekParam = z.string().refine(isValidIsoWeek, {
  error: 'must be an ISO week like 2025-W07 (YYYY-Www) that exists in that year',
});

export const wijkCodeParam = z.string().regex(WIJK_CODE_PATTERN, {
  error: 'must be a CBS wijk code: WK followed by 4 digits and 2 digits or capitals, like WK034401',
});

export const areaPathParams = z.object({ code: wijkCodeParam });

const optionalWeek = (description: string) => z.preprocess(emptyAsMissing, weekParam.optional()).openapi({ description });

const GRID_DEFAULT = 'Without from and to: the latest complete quarter.';
const RANGE_RULE = `Any ISO week range of at most ${MAX_RANGE_WEEKS} weeks; without from and to the last ${DEFAULT_RANGE_WEEKS} complete weeks.`;

/** Week range parameters of views that show weekly cells only (series, alarms, the weekly export). */
export const weekRangeParams = {
  from: optionalWeek(`First ISO week shown (YYYY-Www). ${RANGE_RULE}`),
  to: optionalWeek(`Last ISO week shown (YYYY-Www). ${RANGE_RULE}`),
};

/** Period parameters of views that show counts over a period: one period of the fixed grid. */
export const gridPeriodParams = {
  from: optionalWeek(`First week of the period. ${PERIOD_GRID_RULE}. ${GRID_DEFAULT}`),
  to: optionalWeek(`Last week of the period. ${PERIOD_GRID_RULE}. ${GRID_DEFAULT}`),
};

export const themeWeekRangeQuery = z.object({ theme: themeParam, ...weekRangeParams });
export const themePeriodQuery = z.object({ theme: themeParam, ...gridPeriodParams });

/** Parses request parameters, or throws a 400 problem naming each bad parameter and what is allowed. */
export function parseParams<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalidParamsError(result.error);
}

export interface WeekRange {
  from: IsoWeek;
  to: IsoWeek;
}

/** The week before the running one: the newest week whose counts are complete. */
export function lastCompleteWeek(now: Date): IsoWeek {
  return addIsoWeeks(isoWeekFromDate(now), -1);
}

/**
 * Fills in the default week range and checks the order and length. `to` defaults to the last complete
 * week, `from` to 13 weeks ending at `to`.
 */
export function resolveWeekRange(query: Partial<WeekRange>, now: Date): WeekRange {
  const to = query.to ?? lastCompleteWeek(now);
  const from = query.from ?? addIsoWeeks(to, -(DEFAULT_RANGE_WEEKS - 1));
  const span = isoWeeksBetween(from, to);
  if (span < 0) {
    throw new ProblemError(400, `from (${from}) is after to (${to}); from must be the same week as to or earlier`, {
      invalidParams: [{ name: 'from', reason: `must not be after to (${to})` }],
    });
  }
  if (span + 1 > MAX_RANGE_WEEKS) {
    throw new ProblemError(
      400,
      `from ${from} to ${to} is ${span + 1} weeks; from must be at most ${MAX_RANGE_WEEKS} weeks before to`,
      {
        invalidParams: [{ name: 'from', reason: `must be at most ${MAX_RANGE_WEEKS} weeks before to` }],
      },
    );
  }
  return { from, to };
}

/**
 * The grid period `from`..`to` names, or the latest complete quarter without both. Anything else — a free
 * window, only one of the two — is a 400 that says which periods exist and, for `from`, the ones that
 * contain it: counts are published for grid periods only (domain/published).
 */
export function resolveGridPeriod(query: Partial<WeekRange>, now: Date): GridPeriod {
  if (query.from === undefined && query.to === undefined) return latestCompletePeriod(DEFAULT_PERIOD_KIND, lastCompleteWeek(now));
  const period = query.from !== undefined && query.to !== undefined ? gridPeriod(query.from, query.to) : null;
  if (period) return period;
  const asked =
    query.from !== undefined && query.to !== undefined
      ? `from=${query.from}&to=${query.to} is not a period of the grid`
      : `only ${query.from !== undefined ? 'from' : 'to'} was given; a period needs both`;
  const week = query.from ?? query.to!;
  const containing = periodsContaining(week)
    .map((p) => (p.from === p.to ? `${p.label}` : `${p.label} (from=${p.from}&to=${p.to})`))
    .join(', ');
  throw new ProblemError(400, `${asked}. ${PERIOD_GRID_RULE}. Periods containing ${week}: ${containing}`, {
    invalidParams: [
      { name: 'from', reason: 'must be the first week of a grid period (week, 4-week period, quarter or year) that ends at to' },
      { name: 'to', reason: 'must be the last week of the grid period that starts at from' },
    ],
  });
}
