import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FARRINGTON_NOUFAILY, FARRINGTON_ORIGINAL, farringtonFlexible } from './farrington.ts';
import { referenceWindow } from './farrington-reference-window.ts';
import type { FarringtonOptions } from './farrington.ts';

const PRESETS = [
  ['original', FARRINGTON_ORIGINAL],
  ['noufaily', FARRINGTON_NOUFAILY],
] as const satisfies readonly (readonly [string, FarringtonOptions])[];

/** Deterministic Poisson counts (Knuth's method on a linear congruential generator). */
function poissonSeries(mean: number, length: number, seed: number): number[] {
  let state = seed;
  const uniform = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length }, () => {
    const limit = Math.exp(-mean);
    let k = 0;
    let product = uniform();
    while (product > limit) {
      k += 1;
      product *= uniform();
    }
    return k;
  });
}

const allWeeks = (length: number): number[] => Array.from({ length }, (_, i) => i);
/** First week with b years plus w weeks of history behind it. */
const firstEvaluable = (options: FarringtonOptions): number => options.frequency * options.b + options.w;

describe('farringtonFlexible', () => {
  // The window's shape relative to the judged week is kept per set of window options: runs with other
  // options in between must each get their own reference weeks and a model fitted on them.
  it('fits each week on the reference weeks of its own options when runs with other options alternate', () => {
    const counts = poissonSeries(12, 240, 5);
    const range = [200, 220, 239];
    const variants: FarringtonOptions[] = [
      FARRINGTON_NOUFAILY,
      { ...FARRINGTON_NOUFAILY, pastWeeksNotIncluded: 8 },
      { ...FARRINGTON_NOUFAILY, noPeriods: 4 },
      FARRINGTON_ORIGINAL,
    ];
    const first = variants.map((options) => farringtonFlexible(counts, { ...options, range }));
    const again = [...variants]
      .reverse()
      .map((options) => farringtonFlexible(counts, { ...options, range }))
      .reverse();
    expect(again).toEqual(first);
    variants.forEach((options, v) => {
      for (const week of first[v]!) {
        const { indices } = referenceWindow(week.index, {
          ...options,
          pastWeeksNotIncluded: options.pastWeeksNotIncluded ?? options.w,
        });
        expect(week.baseline).toEqual({ from: indices[0], to: indices[indices.length - 1] });
      }
    });
    expect(first[1]![0]!.expected).not.toBe(first[0]![0]!.expected);
    expect(first[2]![0]!.expected).not.toBe(first[0]![0]!.expected);
  });

  it.each(PRESETS)('%s: an all-zero series never throws and never alarms', (_, preset) => {
    const weeks = farringtonFlexible(new Array<number>(208).fill(0), { ...preset, range: allWeeks(208) });
    expect(weeks).toHaveLength(208);
    expect(weeks.some((w) => w.alarm)).toBe(false);
    expect(weeks.every((w) => w.upperbound === null)).toBe(true);
  });

  it.each(PRESETS)('%s: fits the model on all-zero weeks when asked, without throwing', (_, preset) => {
    const range = allWeeks(208).slice(firstEvaluable(preset));
    const weeks = farringtonFlexible(new Array<number>(208).fill(0), { ...preset, range, fitBelowLimit54: true });
    for (const week of weeks) {
      expect(week.alarm).toBe(false);
      expect(week.upperbound).toBeNull();
      expect(week.enoughCases).toBe(false);
    }
  });

  it.each(PRESETS)('%s: a single spike on a steady baseline raises the alarm in that week', (_, preset) => {
    const counts = poissonSeries(6, 208, 7);
    const spikeWeek = 200;
    counts[spikeWeek] = (counts[spikeWeek] as number) + 30;
    const [week] = farringtonFlexible(counts, { ...preset, range: [spikeWeek] });
    expect(week?.notEvaluatedReason).toBeNull();
    expect(week?.alarm).toBe(true);
    expect(week?.observed).toBeGreaterThan(week?.upperbound as number);
    expect(week?.pValue).toBeLessThan(preset.alpha);
    expect(week?.baseline?.to).toBeLessThan(spikeWeek);
  });

  it.each(PRESETS)('%s: weeks without b years of history come back not evaluated, with the reason', (_, preset) => {
    const weeks = farringtonFlexible(poissonSeries(4, 100, 3), { ...preset, range: allWeeks(100) });
    for (const week of weeks) {
      expect(week.alarm).toBe(false);
      expect(week.upperbound).toBeNull();
      expect(week.notEvaluatedReason).toMatch(/history does not reach back b = 3 years/);
    }
  });

  it.each(PRESETS)('%s: the first week with the full history is evaluated, the one before is not', (_, preset) => {
    const first = firstEvaluable(preset);
    const [before, at] = farringtonFlexible(poissonSeries(8, first + 1, 11), { ...preset, range: [first - 1, first] });
    expect(before?.notEvaluatedReason).toMatch(/needs 159 earlier weeks, has 158/);
    expect(at?.notEvaluatedReason).toBeNull();
    expect(at?.threshold).toBeGreaterThan(0);
    expect(at?.baseline?.from).toBe(0);
  });

  it('rejects a negative count with a message naming the week', () => {
    expect(() => farringtonFlexible([3, 4, -1, 5], { ...FARRINGTON_ORIGINAL, range: [3] })).toThrow(
      /^observed\[2\] must be a whole number ≥ 0, got -1$/,
    );
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects the non-count %s', (bad) => {
    expect(() => farringtonFlexible([3, bad, 5], { ...FARRINGTON_NOUFAILY, range: [2] })).toThrow(
      /observed\[1\] must be a whole number ≥ 0/,
    );
  });

  it('rejects a range outside the series', () => {
    expect(() => farringtonFlexible([1, 2, 3], { ...FARRINGTON_ORIGINAL, range: [3] })).toThrow(/range index 3 lies outside/);
  });

  it('rejects settings R would refuse', () => {
    const counts = [1, 2, 3];
    expect(() => farringtonFlexible(counts, { ...FARRINGTON_NOUFAILY, noPeriods: 47, range: [] })).toThrow(
      /noPeriods 47 is too big/,
    );
    expect(() => farringtonFlexible(counts, { ...FARRINGTON_NOUFAILY, alpha: 0.7, range: [] })).toThrow(/alpha/);
    expect(() => farringtonFlexible(counts, { ...FARRINGTON_NOUFAILY, b: 0, range: [] })).toThrow(/option b/);
  });

  it('never throws on any count series and keeps its own invariants', () => {
    const counts = fc.oneof(
      fc.array(fc.nat({ max: 3 }), { maxLength: 200 }),
      fc.array(fc.nat({ max: 60 }), { minLength: 160, maxLength: 200 }),
    );
    fc.assert(
      fc.property(counts, fc.constantFrom(FARRINGTON_ORIGINAL, FARRINGTON_NOUFAILY), (series, preset) => {
        const range = allWeeks(series.length).slice(-8);
        const weeks = farringtonFlexible(series, { ...preset, range });
        expect(weeks).toHaveLength(range.length);
        for (const week of weeks) {
          if (week.notEvaluatedReason !== null) expect(week.alarm).toBe(false);
          if (week.alarm) {
            expect(week.enoughCases).toBe(true);
            expect(week.observed).toBeGreaterThan(week.upperbound as number);
          }
          if (!week.enoughCases) expect(week.upperbound).toBeNull();
        }
      }),
      { numRuns: 40 },
    );
  });
});
