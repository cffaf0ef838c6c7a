import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { seededRandom } from '@wijksignaal/areas/seeded-random';

/**
 * R `surveillance` running the pipeline's chain (r-surveillance-chain.R) on a sample of wijken, so the
 * detection figure can be printed as a ratio to what an epidemiologist's own R would take for the whole
 * country. R takes about a tenth of a second per series, so the whole country would take half an hour:
 * the bench times a sample and scales it by the series count, which is fair because R's cost per series
 * does not depend on how many other series there are.
 */

export type RBaseline =
  | { measured: true; sampledSeries: number; sampleSeconds: number; nationalSeconds: number; version: string }
  | { measured: false; reason: string };

const SCRIPT = resolve(import.meta.dirname, 'r-surveillance-chain.R');
const THEMES_PER_WIJK = 3;
/** Complete weeks of history, as in the detection bench (four years). */
const COMPLETE_WEEKS = 208;

export function measureRBaseline(opts: { residents: readonly number[]; series: number; sampleWijken: number; seed: number }): RBaseline {
  const probe = spawnSync('Rscript', ['-e', 'suppressMessages(library(surveillance))'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    return {
      measured: false,
      reason: probe.error
        ? 'Rscript is not installed (Debian: apt-get install r-cran-surveillance)'
        : 'R has no surveillance package (Debian: apt-get install r-cran-surveillance)',
    };
  const random = seededRandom(opts.seed);
  const sample = Array.from({ length: opts.sampleWijken }, () => random.pick(opts.residents));
  const dir = mkdtempSync(join(tmpdir(), 'wijksignaal-r-'));
  try {
    const residentsFile = join(dir, 'residents.txt');
    writeFileSync(residentsFile, `${sample.join('\n')}\n`);
    const run = spawnSync('Rscript', [SCRIPT, String(opts.seed), String(COMPLETE_WEEKS), residentsFile], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (run.status !== 0) return { measured: false, reason: `R failed: ${(run.stderr || 'no output').trim().split('\n')[0]}` };
    const out = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { series: number; seconds: number; surveillance: string; r: string };
    if (!(out.series === opts.sampleWijken * THEMES_PER_WIJK) || !(out.seconds > 0))
      return { measured: false, reason: `R gave an unexpected answer: ${run.stdout.trim().slice(0, 120)}` };
    return {
      measured: true,
      sampledSeries: out.series,
      sampleSeconds: out.seconds,
      nationalSeconds: (out.seconds / out.series) * opts.series,
      version: `R ${out.r}, surveillance ${out.surveillance}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
