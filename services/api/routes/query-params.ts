import { z } from 'zod';
import { addIsoWeeks, isoWeekFromDate, isoWeeksBetween, isValidIsoWeek, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { THEMES, WIJK_CODE_PATTERN } from '@wijksignaal/contracts/signal';
import { invalidParamsError } from '../http/invalid-params-problem.ts';
import { ProblemError } from '../http/problem.ts';

/** The longest period one request may ask for (ten years of weeks). */
export const MAX_RANGE_WEEKS = 530;
/** Without `from`/`to`: the last 13 complete weeks (a quarter), the period GGD reports use. */
export const DEFAULT_RANGE_WEEKS = 13;

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

export const themeWeekRangeQuery = z.object({
  theme: themeParam,
  from: z.preprocess(emptyAsMissing, weekParam.optional()),
  to: z.preprocess(emptyAsMissing, weekParam.optional()),
});

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

/**
 * Fills in the default period and checks the order and length. `to` defaults to the last complete week,
 * `from` to 13 weeks ending at `to`.
 */
export function resolveWeekRange(query: Partial<WeekRange>, now: Date): WeekRange {
  const to = query.to ?? addIsoWeeks(isoWeekFromDate(now), -1);
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
