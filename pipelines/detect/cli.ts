import { readFile } from 'node:fs/promises';
import { alarmLevel, type DetectionResult } from './detection-result.ts';
import { earsC, type EarsVariant } from './ears.ts';
import { cusum } from './cusum.ts';
import { FARRINGTON_NOUFAILY, FARRINGTON_ORIGINAL, farringtonFlexible } from './farrington.ts';
import { CliUsageError, parseCliOptions, type CliOptions } from './cli-options.ts';
import { buildWeeklySeries, type WeeklySeries } from './weekly-series.ts';
import { formatDetectionCsv, parseWeekCountCsv } from './weekly-csv.ts';

/**
 * `npm run detect -- --method earsC1 --input series.csv`: runs one detection method over a CSV series
 * and prints the evaluated weeks as CSV on stdout, so an analyst can hold it next to R's output.
 * Every input mistake ends with one line on stderr and exit code 2.
 */

/** Farrington reports per index; the CLI only needs the columns it prints. */
function farringtonRows(series: WeeklySeries, options: CliOptions): DetectionResult[] {
  // Noufaily is the product's default (DESIGN.md §5); --settings original gives Farrington et al. 1996.
  const settings = options.settings === 'original' ? FARRINGTON_ORIGINAL : FARRINGTON_NOUFAILY;
  const weeks = farringtonFlexible(
    series.map((p) => p.count),
    { ...settings, ...(options.alpha === undefined ? {} : { alpha: options.alpha }), range: series.map((_, i) => i) },
  );
  return weeks.map((w) => ({
    week: series[w.index]?.week ?? '',
    method: 'farrington',
    params: { settings: options.settings ?? 'noufaily' },
    baselineWindow: w.baseline ? { from: series[w.baseline.from]?.week ?? '', to: series[w.baseline.to]?.week ?? '' } : null,
    observed: w.observed,
    expected: w.expected,
    threshold: w.upperbound,
    statistic: w.score,
    pValue: w.pValue,
    alarm: w.alarm,
    level: alarmLevel(w.pValue, w.alarm),
    notEvaluatedReason: w.notEvaluatedReason,
  }));
}

function detect(options: CliOptions, series: WeeklySeries): DetectionResult[] {
  switch (options.method) {
    case 'earsC1':
    case 'earsC2':
    case 'earsC3':
      return earsC(series, {
        method: options.method.slice(4) as EarsVariant,
        alpha: options.alpha,
        baseline: options.baseline,
        minSigma: options.minSigma,
      });
    case 'cusum':
      return cusum(series);
    case 'farrington':
      return farringtonRows(series, options);
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseCliOptions(argv);
  let text: string;
  try {
    text = await readFile(options.input, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliUsageError(
      code === 'ENOENT'
        ? `input file not found: ${options.input}`
        : `cannot read ${options.input}: ${code ?? (error as Error).message}`,
    );
  }
  const rows = parseWeekCountCsv(text);
  const weeks = rows.map((r) => r.week).sort();
  const series = buildWeeklySeries(rows, { from: weeks[0] ?? '', to: weeks[weeks.length - 1] ?? '' });
  process.stdout.write(formatDetectionCsv(detect(options, series)));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`detect: ${message.split('\n')[0]}\n`);
  process.exitCode = 2;
});
