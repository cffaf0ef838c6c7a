import { isoWeekFromMondayDate } from '@wijksignaal/contracts/iso-week';
import { afterAll, describe, expect, it } from 'vitest';
import { cusum, type CusumOptions } from '../../pipelines/detect/cusum.ts';
import type { WeeklyPoint } from '../../pipelines/detect/weekly-series.ts';
import { ErrorLedger, fixturesPresent, readOracleCsv, SKIP_REASON } from './oracle-files.ts';

const CLOSED_FORM = 1e-9;
const GLM_BASED = 1e-6;
const suiteName = fixturesPresent
  ? 'CUSUM matches surveillance::algo.cusum (oracle_surveillance_cusum.csv)'
  : `CUSUM matches surveillance::algo.cusum — ${SKIP_REASON}`;

/** The oracle's config names spell out the R control list: transform, how m is found, reset. */
function optionsFor(config: string): CusumOptions {
  const parts = config.split('_');
  return {
    k: 1.04,
    h: 2.26,
    trans: parts[0] === 'rossi' ? 'rossi' : 'standard',
    m: parts.includes('mglm') ? 'glm' : 'mean',
    reset: parts.includes('reset'),
  };
}

describe.skipIf(!fixturesPresent)(suiteName, () => {
  const ledger = new ErrorLedger();
  let alarmsCompared = 0;
  afterAll(() => console.info(`CUSUM oracles compared (${alarmsCompared} alarms identical)\n${ledger.summary()}`));

  const input = fixturesPresent ? readOracleCsv('epi/input_weekly.csv') : [];
  const series: WeeklyPoint[] = input.map((row) => ({
    week: isoWeekFromMondayDate(row.date ?? ''),
    count: Number(row.count),
    partial: false,
  }));
  const oracle = fixturesPresent ? readOracleCsv('epi/oracle_surveillance_cusum.csv') : [];
  const configs = [...new Set(oracle.map((row) => row.config ?? ''))];

  it('covers reset and no-reset, both transforms and the GLM expected count', () => {
    expect(configs.sort()).toEqual(['rossi_noreset', 'standard_mglm_noreset', 'standard_noreset', 'standard_reset']);
  });

  for (const config of configs) {
    it(config, () => {
      const rows = oracle.filter((row) => row.config === config);
      const firstIndex = Number(rows[0]?.idx);
      const options = { ...optionsFor(config), evaluateFrom: series[firstIndex - 1]?.week };
      const results = cusum(series, options);
      const tolerance = options.m === 'glm' ? GLM_BASED : CLOSED_FORM;
      const tag = options.m === 'glm' ? `${config} (GLM)` : config;
      for (const row of rows) {
        const index = Number(row.idx) - 1;
        const result = results[index];
        const where = `${config} week ${row.idx}`;
        expect(result?.week, where).toBe(isoWeekFromMondayDate(row.date ?? ''));
        expect(result?.notEvaluatedReason, where).toBeNull();
        expect(result?.observed, where).toBe(Number(row.observed));
        expect(ledger.record(`${tag} m`, result?.expected ?? NaN, Number(row.m)), where).toBeLessThanOrEqual(tolerance);
        expect(ledger.record(`${tag} cusum`, result?.statistic ?? NaN, Number(row.cusum)), where).toBeLessThanOrEqual(tolerance);
        expect(ledger.record(`${tag} upperbound`, result?.threshold ?? NaN, Number(row.upperbound)), where).toBeLessThanOrEqual(
          tolerance,
        );
        expect(result?.alarm, where).toBe(row.alarm === '1');
        alarmsCompared += 1;
      }
    });
  }
});
