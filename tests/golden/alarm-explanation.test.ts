import { addIsoWeeks, isoWeekFromMondayDate } from '@wijksignaal/contracts/iso-week';
import { explainMethodResult, figuresOf, type StoredMethodResult } from '@wijksignaal/domain/detection/explain-method-row';
import type { DetectionMethodName } from '@wijksignaal/domain/detection/method-choice';
import { normalQuantile } from '@wijksignaal/domain/epi/special-functions/normal-quantile';
import { describe, expect, it } from 'vitest';
import { storedParams } from '../../pipelines/analyse/alarm-columns.ts';
import { detectSeries, toRow, type AlarmRow } from '../../pipelines/analyse/detect-series.ts';
import { cusum } from '../../pipelines/detect/cusum.ts';
import { FARRINGTON_NOUFAILY } from '../../pipelines/detect/farrington.ts';
import { METHOD_VERSIONS } from '../../pipelines/detect/method-versions.ts';
import type { WeeklyPoint } from '../../pipelines/detect/weekly-series.ts';
import { fixturesPresent, readGoldenSeries, readOracleCsv, relativeError, SKIP_REASON } from './oracle-files.ts';

/**
 * For each method of the live chain, an alarm on an R golden series explained from the row the pipeline
 * stores for it: the explanation's threshold (and expected value, statistic and baseline where R gives or
 * defines them) are R's numbers. EARS and Farrington run through the pipeline's own per-series path
 * (`detectSeries`: the chain, the rows kept, the stored parameters) with the oracle's settings; CUSUM with
 * the oracle's `algo.cusum` control (m from the weeks before the range, reset), stored the same way.
 */
const CLOSED_FORM = 1e-9;
const GLM_BASED = 1e-6;
const FIRST_WEEK = '2022-W01';
const suiteName = fixturesPresent
  ? 'alarm explanations carry the methods’ own numbers (R golden series)'
  : `alarm explanations carry the methods’ own numbers — ${SKIP_REASON}`;

interface EarsOracle {
  range_first: number;
  upperbound: (number | null)[];
  alarm: (boolean | null)[];
  alpha: number;
}
interface FarringtonOracle {
  range_first: number;
  upperbound: (number | null)[];
  alarm: (boolean | null)[];
}

/** A stored row as the API reads it back: the stored `params` text parsed, figures as numbers. */
function asStored(row: AlarmRow): StoredMethodResult {
  return {
    method: row.method as DetectionMethodName,
    week: row.week,
    reason: row.reason,
    alarm: row.alarm,
    ...figuresOf(row),
    params: JSON.parse(storedParams(row)) as Record<string, unknown>,
  };
}

const golden = readGoldenSeries();
const byName = (name: string) => golden.find((s) => s.name === name);

function goldenPoints(observed: number[]): WeeklyPoint[] {
  // One running week after the 208 complete ones, as the pipeline hands a series over.
  const points = observed.map((count, i) => ({ week: addIsoWeeks(FIRST_WEEK, i), count, partial: false }));
  return [...points, { week: addIsoWeeks(FIRST_WEEK, observed.length), count: 0, partial: true }];
}

/** The pipeline's rows of a golden series with the oracle's settings, Farrington for R's range 170..208. */
function pipelineRows(observed: number[], alpha: number): AlarmRow[] {
  return detectSeries('WK000001', 'loneliness', goldenPoints(observed), {
    keepWeeks: observed.length + 1,
    farringtonWeeks: 39,
    farrington: FARRINGTON_NOUFAILY,
    ears: { alpha, minSigma: 0 },
  });
}

describe.skipIf(!fixturesPresent)(suiteName, () => {
  for (const [method, variant] of [
    ['earsC1', 'C1'],
    ['earsC2', 'C2'],
    ['earsC3', 'C3'],
  ] as const) {
    it(`${method}: an alarm week's threshold is R's earsC upper bound, its baseline R's 7 weeks, its mean theirs`, () => {
      const entry = byName('poisson_seasonal_outbreaks')!;
      const oracle = entry[`earsC_${variant}_alpha0.001`] as EarsOracle;
      const j = oracle.alarm.findIndex((a) => a === true);
      expect(j, 'R raises an alarm on this series').toBeGreaterThanOrEqual(0);
      const index = oracle.range_first - 1 + j;
      const week = addIsoWeeks(FIRST_WEEK, index);
      const row = pipelineRows(entry.observed, oracle.alpha).find((r) => r.week === week && r.method === method);
      expect(row, `${method} row stored for ${week}`).toBeDefined();
      const explained = explainMethodResult(asStored(row!));

      expect(explained.fired).toBe(true);
      expect(explained.level).not.toBe('none');
      expect(explained.version).toBe(METHOD_VERSIONS[method]);
      expect(relativeError(explained.threshold as number, oracle.upperbound[j]!)).toBeLessThanOrEqual(CLOSED_FORM);
      // R's baseline: the 7 weeks before the week (C1), or before its 2-week guard (C2, C3); C3 reads the
      // C2 baselines of the 2 weeks before as well, so its window starts 2 weeks earlier.
      const lag = variant === 'C1' ? 0 : 2;
      expect(explained.baseline.from).toBe(addIsoWeeks(week, -7 - lag - (variant === 'C3' ? 2 : 0)));
      expect(explained.baseline.to).toBe(addIsoWeeks(week, -1 - lag));
      const baseline = entry.observed.slice(index - 7 - lag, index - lag);
      const mean = baseline.reduce((a, b) => a + b, 0) / 7;
      expect(relativeError(explained.expected as number, mean)).toBeLessThanOrEqual(CLOSED_FORM);
      if (variant === 'C3') {
        expect(explained.pValue).toBeNull();
        expect(explained.baseline.leftOut[0]).toMatchObject({ from: addIsoWeeks(week, -2), to: addIsoWeeks(week, -1) });
      } else {
        // The C value is (y − mean)/σ, and R's bound is mean + z·σ: σ follows from R's own number.
        const sigma = (oracle.upperbound[j]! - mean) / normalQuantile(1 - oracle.alpha);
        expect(relativeError(explained.statistic as number, (entry.observed[index]! - mean) / sigma)).toBeLessThanOrEqual(1e-8);
        expect(explained.pValue).toBeLessThan(oracle.alpha);
      }
      expect(explained.observed).toBe(entry.observed[index]);
      const observedNl = String(entry.observed[index]);
      expect(explained.text.nl).toContain(`${observedNl} meldingen`);
      expect(explained.text.nl).toContain('alarm');
      expect(explained.text.en).toContain(`${observedNl} signals`);
    });
  }

  it("farrington: an alarm week's threshold is R's farringtonFlexible (Noufaily) upper bound, its windows R's settings", () => {
    const entry = byName('poisson_seasonal_outbreaks')!;
    const oracle = entry.farrington_noufaily as FarringtonOracle;
    const j = oracle.alarm.findIndex((a) => a === true);
    expect(j).toBeGreaterThanOrEqual(0);
    const week = addIsoWeeks(FIRST_WEEK, oracle.range_first - 1 + j);
    const row = pipelineRows(entry.observed, 0.001).find((r) => r.week === week && r.method === 'farrington');
    expect(row).toBeDefined();
    const explained = explainMethodResult(asStored(row!));
    expect(explained.fired).toBe(true);
    expect(explained.version).toBe(METHOD_VERSIONS.farrington);
    expect(relativeError(explained.threshold as number, oracle.upperbound[j]!)).toBeLessThanOrEqual(GLM_BASED);
    expect(explained.parameters).toMatchObject({ b: 3, w: 3, noPeriods: 10, pastWeeksNotIncluded: 26, alpha: 0.01 });
    // Noufaily leaves out the 26 weeks before the week; the baseline reaches back b = 3 years.
    expect(explained.baseline.leftOut[0]).toMatchObject({ from: addIsoWeeks(week, -26), to: addIsoWeeks(week, -1) });
    expect(explained.baseline.from! <= addIsoWeeks(week, -3 * 52 + 3)).toBe(true);
    expect(explained.baseline.to! <= addIsoWeeks(week, -27)).toBe(true);
    expect(explained.pValue).not.toBeNull();
    expect(explained.text.en).toMatch(/^Farrington found \d+ signals where [\d.]+ were expected \(threshold [\d.]+\); p [=<]/);
    expect(explained.text.nl).toMatch(/^Farrington vond \d+ meldingen waar [\d,]+ werd verwacht \(drempel [\d,]+\); p [=<]/);
  });

  it("cusum: an alarm week's expected count, sum and bound are R's algo.cusum (reset) numbers", () => {
    const input = readOracleCsv('epi/input_weekly.csv');
    const points: WeeklyPoint[] = input.map((r) => ({
      week: isoWeekFromMondayDate(r.date ?? ''),
      count: Number(r.count),
      partial: false,
    }));
    const oracle = readOracleCsv('epi/oracle_surveillance_cusum.csv').filter((r) => r.config === 'standard_reset');
    const firstIndex = Number(oracle[0]?.idx) - 1;
    const results = cusum(points, { evaluateFrom: points[firstIndex]!.week, reset: true, k: 1.04, h: 2.26 });
    const alarmRow = oracle.find((r) => r.alarm === '1')!;
    const result = results[Number(alarmRow.idx) - 1]!;
    const stored = toRow('WK000001', 'loneliness', result, 78);
    const explained = explainMethodResult(asStored(stored));
    expect(result.week).toBe(isoWeekFromMondayDate(alarmRow.date ?? ''));
    expect(explained.fired).toBe(true);
    expect(explained.level).toBe('amber');
    expect(relativeError(explained.expected as number, Number(alarmRow.m))).toBeLessThanOrEqual(CLOSED_FORM);
    expect(explained.threshold).toBe(Number(alarmRow.upperbound));
    expect(explained.statistic).toBe(Number(alarmRow.cusum));
    expect(explained.pValue).toBeNull();
    expect(explained.observed).toBe(Number(alarmRow.observed));
    // R's m: the mean of every week before the range.
    expect(explained.baseline.from).toBe(points[0]!.week);
    expect(explained.baseline.to).toBe(points[firstIndex - 1]!.week);
    expect(explained.parameters).toMatchObject({ k: 1.04, h: 2.26, reset: true });
    expect(explained.text.nl).toContain(
      `${alarmRow.observed} meldingen tegen een verwachting van 5,2 per week (grens ${alarmRow.upperbound})`,
    );
    expect(explained.text.en).toContain('reached 2.26: alarm (amber)');
  });
});
