import { afterAll, describe, expect, it } from 'vitest';
import { byarPoissonInterval, exactPoissonInterval, poissonInterval } from '@wijksignaal/domain/epi/poisson-interval';
import { ratePer1000 } from '@wijksignaal/domain/epi/rate';
import { indirectlyStandardisedRatios, type AgeBandCount } from '@wijksignaal/domain/epi/smr';
import { wilsonInterval } from '@wijksignaal/domain/epi/wilson';
import { ErrorLedger, fixturesPresent, readOracleCsv, SKIP_REASON } from './oracle-files.ts';

const TOLERANCE = 1e-9;
const suiteName = fixturesPresent
  ? 'rates, intervals and SMR match PHEindicatormethods (R oracles)'
  : `rates, intervals and SMR match PHEindicatormethods — ${SKIP_REASON}`;

function num(text: string | undefined): number {
  if (text === undefined) throw new Error('missing oracle column');
  return Number(text);
}

describe.skipIf(!fixturesPresent)(suiteName, () => {
  const ledger = new ErrorLedger();
  afterAll(() => console.info(`epi oracles compared\n${ledger.summary()}`));

  const expectClose = (quantity: string, actual: number | null, expected: string | undefined): void => {
    if (expected === 'NA') {
      expect(actual, `${quantity}: R gives NA`).toBeNull();
      return;
    }
    expect(actual, quantity).not.toBeNull();
    expect(ledger.record(quantity, actual as number, num(expected)), quantity).toBeLessThanOrEqual(TOLERANCE);
  };

  describe('oracle_rates_ci.csv', () => {
    const rows = fixturesPresent ? readOracleCsv('epi/oracle_rates_ci.csv') : [];
    it('has the 21 count × population rows', () => expect(rows.length).toBe(21));

    for (const row of rows) {
      const x = num(row.x);
      const n = num(row.n);
      it(`x = ${x}, n = ${n}`, () => {
        const perThousand = (v: number | null): number | null => (v === null ? null : (v / n) * 1000);
        const exact = exactPoissonInterval(x);
        expectClose('rate per 1,000', ratePer1000(x, n).rate, row.per1000);
        expectClose('exact 95% lower', perThousand(exact.lower), row.exact_lower);
        expectClose('exact 95% upper', perThousand(exact.upper), row.exact_upper);

        const byar = byarPoissonInterval(x);
        expectClose('Byar 95% lower', perThousand(byar.lower), row.byars_lower);
        expectClose('Byar 95% upper', perThousand(byar.upper), row.byars_upper);

        const rate = ratePer1000(x, n);
        expect(rate.method).toBe(row.phe_method === 'Exact' ? 'exact' : 'byar');
        expect(poissonInterval(x).method).toBe(rate.method);
        expectClose('rule (exact < 10, Byar ≥ 10) lower', rate.lower, row.phe_lower);
        expectClose('rule (exact < 10, Byar ≥ 10) upper', rate.upper, row.phe_upper);

        const wilson = wilsonInterval(x, n);
        expectClose('Wilson 95% lower (%)', wilson.lower * 100, row.wilson_lower_pct);
        expectClose('Wilson 95% upper (%)', wilson.upper * 100, row.wilson_upper_pct);

        const exact998 = exactPoissonInterval(x, 0.998);
        expectClose('exact 99.8% lower', perThousand(exact998.lower), row.exact998_lower);
        expectClose('exact 99.8% upper', perThousand(exact998.upper), row.exact998_upper);
      });
    }
  });

  describe('oracle_isr_smr.csv (input_isr.csv, all three wijken as reference)', () => {
    const input: AgeBandCount[] = fixturesPresent
      ? readOracleCsv('epi/input_isr.csv').map((r) => ({
          area: r.wijk ?? '',
          band: r.ageband ?? '',
          observed: num(r.obs),
          population: num(r.pop),
        }))
      : [];
    const oracle = fixturesPresent ? readOracleCsv('epi/oracle_isr_smr.csv') : [];

    it('gives one result per wijk in input order', () => {
      const results = indirectlyStandardisedRatios(input);
      expect(results.map((r) => r.area)).toEqual(oracle.map((r) => r.wijk));
    });

    for (const row of oracle) {
      it(`${row.wijk}`, () => {
        const result = indirectlyStandardisedRatios(input).find((r) => r.area === row.wijk);
        if (!result) throw new Error(`no SMR for ${row.wijk}`);
        expect(result.observed).toBe(num(row.observed));
        expectClose('SMR expected', result.expected, row.expected);
        expectClose('SMR', result.smr, row.smr);
        expectClose('SMR 95% lower', result.lower, row.lower);
        expectClose('SMR 95% upper', result.upper, row.upper);
        expect(result.method).toBe(row.method === 'Exact' ? 'exact' : 'byar');
      });
    }
  });
});
