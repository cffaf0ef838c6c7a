import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FARRINGTON_NOUFAILY, FARRINGTON_ORIGINAL, farringtonFlexible } from '../../pipelines/detect/farrington.ts';
import type { FarringtonOptions } from '../../pipelines/detect/farrington.ts';
import { ErrorLedger, fixturePath, fixturesPresent, SKIP_REASON } from './oracle-files.ts';

interface FarringtonOracle {
  control: Record<string, unknown>;
  range_first: number;
  upperbound: (number | null)[];
  alarm: (boolean | null)[];
}
interface GoldenSeries {
  name: string;
  observed: number[];
  farrington_original?: FarringtonOracle;
  farrington_noufaily?: FarringtonOracle;
}

const TOLERANCE = 1e-6;
const SETTINGS = [
  ['farrington_original', FARRINGTON_ORIGINAL],
  ['farrington_noufaily', FARRINGTON_NOUFAILY],
] as const satisfies readonly (readonly [keyof GoldenSeries, FarringtonOptions])[];

const suiteName = fixturesPresent
  ? 'Farrington flexible matches surveillance::farringtonFlexible (r-surveillance-golden.json)'
  : `Farrington flexible matches surveillance::farringtonFlexible — ${SKIP_REASON}`;

const golden: GoldenSeries[] = fixturesPresent
  ? (JSON.parse(readFileSync(fixturePath('aberration/r-surveillance-golden.json'), 'utf8')) as { series: GoldenSeries[] }).series
  : [];

/** The control list R was called with must be the one our preset encodes, or the comparison means nothing. */
function expectSameControl(control: Record<string, unknown>, preset: FarringtonOptions): void {
  expect(control.b).toBe(preset.b);
  expect(control.w).toBe(preset.w);
  expect(control.reweight).toBe(preset.reweight);
  expect(control.weightsThreshold).toBe(preset.weightsThreshold);
  expect(control.trend).toBe(preset.trend);
  expect(control.pThresholdTrend).toBe(preset.pThresholdTrend);
  expect(control.alpha).toBe(preset.alpha);
  expect(control.noPeriods).toBe(preset.noPeriods);
  expect(control.pastWeeksNotIncluded ?? null).toBe(preset.pastWeeksNotIncluded);
  expect(control.thresholdMethod).toBe(preset.thresholdMethod);
  expect(control.powertrans).toBe(preset.powertrans);
  expect(control.limit54).toEqual([...preset.limit54]);
  expect(control.populationOffset).toBe(false);
}

describe.skipIf(!fixturesPresent)(suiteName, () => {
  const ledger = new ErrorLedger();
  let alarmsCompared = 0;
  let notAvailable = 0;
  afterAll(() =>
    console.info(
      `Farrington oracles compared (${alarmsCompared} alarms identical, ${notAvailable} R NA weeks)\n${ledger.summary()}`,
    ),
  );

  it('has every series with both settings', () => {
    expect(golden.length).toBeGreaterThan(0);
    for (const series of golden) for (const [key] of SETTINGS) expect(series[key], `${series.name} ${key}`).toBeDefined();
  });

  for (const series of golden) {
    for (const [key, preset] of SETTINGS) {
      it(`${series.name}: ${key} upper bounds within ${TOLERANCE} relative and identical alarms`, () => {
        const oracle = series[key] as FarringtonOracle;
        expectSameControl(oracle.control, preset);
        // R's range is 1-based; upperbound[j] belongs to week range_first + j − 1.
        const range = oracle.upperbound.map((_, j) => oracle.range_first - 1 + j);
        const weeks = farringtonFlexible(series.observed, { ...preset, range });
        expect(weeks).toHaveLength(oracle.upperbound.length);
        weeks.forEach((week, j) => {
          const label = `${series.name} ${key} week ${oracle.range_first + j}`;
          const expected = oracle.upperbound[j];
          if (expected === null || expected === undefined) {
            notAvailable += 1;
            expect(week.upperbound, label).toBeNull();
          } else {
            expect(week.upperbound, label).not.toBeNull();
            const error = ledger.record(`${key} upperbound`, week.upperbound as number, expected);
            expect(error, `${label}: ${week.upperbound} vs R ${expected}`).toBeLessThanOrEqual(TOLERANCE);
          }
          expect(week.alarm, label).toBe(oracle.alarm[j] ?? false);
          alarmsCompared += 1;
        });
      });
    }
  }
});
