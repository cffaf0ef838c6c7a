import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { afterAll, describe, expect, it } from 'vitest';
import { earsC, type EarsVariant } from '../../pipelines/detect/ears.ts';
import type { WeeklyPoint } from '../../pipelines/detect/weekly-series.ts';
import { ErrorLedger, fixturesPresent, readGoldenSeries, SKIP_REASON } from './oracle-files.ts';

interface EarsOracle {
  method: EarsVariant;
  baseline: number;
  alpha: number;
  minSigma: number;
  range_first: number;
  upperbound: (number | null)[];
  alarm: (boolean | null)[];
}

const TOLERANCE = 1e-9;
const FIRST_WEEK = '2022-W01';
const suiteName = fixturesPresent
  ? 'EARS C1/C2/C3 match surveillance::earsC (r-surveillance-golden.json)'
  : `EARS C1/C2/C3 match surveillance::earsC — ${SKIP_REASON}`;

const golden = readGoldenSeries();

describe.skipIf(!fixturesPresent)(suiteName, () => {
  const ledger = new ErrorLedger();
  let alarmsCompared = 0;
  let notAvailable = 0;
  afterAll(() =>
    console.info(`EARS oracles compared (${alarmsCompared} alarms identical, ${notAvailable} R NA weeks)\n${ledger.summary()}`),
  );

  it('holds the nine series', () => expect(golden.length).toBe(9));

  for (const entry of golden) {
    const series: WeeklyPoint[] = entry.observed.map((count, i) => ({ week: addIsoWeeks(FIRST_WEEK, i), count, partial: false }));
    const oracleKeys = Object.keys(entry).filter((key) => key.startsWith('earsC_'));

    it(`${entry.name}: has all six EARS configurations`, () => expect(oracleKeys.length).toBe(6));

    for (const key of oracleKeys) {
      const oracle = entry[key] as EarsOracle;
      it(`${entry.name} ${key}`, () => {
        const results = earsC(series, {
          method: oracle.method,
          baseline: oracle.baseline,
          alpha: oracle.alpha,
          minSigma: oracle.minSigma,
        });
        const evaluated = results.slice(oracle.range_first - 1);
        expect(evaluated.length).toBe(oracle.upperbound.length);
        // Weeks before the range are the ones R cannot evaluate either.
        expect(results.slice(0, oracle.range_first - 1).every((r) => r.notEvaluatedReason !== null)).toBe(true);

        evaluated.forEach((result, j) => {
          const bound = oracle.upperbound[j];
          const alarm = oracle.alarm[j];
          const where = `${entry.name} ${key} week ${oracle.range_first + j}`;
          if (bound === null || bound === undefined) {
            notAvailable += 1;
            expect(result.threshold, where).toBeNull();
            expect(result.notEvaluatedReason, where).not.toBeNull();
            expect(alarm, where).toBeNull();
            return;
          }
          expect(result.threshold, where).not.toBeNull();
          expect(
            ledger.record(`EARS ${oracle.method} upper bound`, result.threshold as number, bound),
            where,
          ).toBeLessThanOrEqual(TOLERANCE);
          expect(result.alarm, where).toBe(alarm);
          alarmsCompared += 1;
        });
      });
    }
  }
});
