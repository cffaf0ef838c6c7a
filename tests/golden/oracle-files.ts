import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the R oracles live: `../shared/fixtures` next to the repository. CI always has it; a developer
 * checkout may not, and then the golden suites are skipped with that reason in their name.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = path.resolve(repoRoot, '../shared/fixtures');
export const fixturesPresent = existsSync(fixturesDir);
export const SKIP_REASON = `skipped: R oracle folder ${fixturesDir} is absent (CI always provides it)`;

export function fixturePath(relative: string): string {
  return path.join(fixturesDir, relative);
}

/** Reads an R `write.csv` file (no embedded commas) into records; "NA" stays the string "NA". */
export function readOracleCsv(relative: string): Record<string, string>[] {
  const lines = readFileSync(fixturePath(relative), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const unquote = (cell: string): string => cell.trim().replace(/^"(.*)"$/, '$1');
  const header = (lines[0] ?? '').split(',').map(unquote);
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map(unquote);
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
  });
}

/** Relative error, with an absolute floor so exact zeros compare as equal. */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
}

/** Collects the worst relative error per quantity so a suite can print what it compared. */
export class ErrorLedger {
  private readonly worst = new Map<string, { count: number; max: number }>();

  record(quantity: string, actual: number, expected: number): number {
    const error = relativeError(actual, expected);
    const entry = this.worst.get(quantity) ?? { count: 0, max: 0 };
    entry.count += 1;
    entry.max = Math.max(entry.max, error);
    this.worst.set(quantity, entry);
    return error;
  }

  summary(): string {
    return [...this.worst].map(([q, e]) => `${q}: ${e.count} values, max rel. error ${e.max.toExponential(2)}`).join('\n');
  }
}

/** One series of `aberration/r-surveillance-golden.json`: its counts and one entry per R configuration. */
export interface GoldenSeries {
  name: string;
  observed: number[];
  [configuration: string]: unknown;
}

/** The nine R series (empty when the oracle folder is absent, so suites can still be declared). */
export function readGoldenSeries(): GoldenSeries[] {
  if (!fixturesPresent) return [];
  const text = readFileSync(fixturePath('aberration/r-surveillance-golden.json'), 'utf8');
  return (JSON.parse(text) as { series: GoldenSeries[] }).series;
}
