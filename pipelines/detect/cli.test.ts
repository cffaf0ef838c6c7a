import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const cli = path.join(here, 'cli.ts');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: repoRoot }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run detect', { timeout: 60_000 }, () => {
  let dir = '';
  let input = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'wijksignaal-detect-cli-'));
    input = path.join(dir, 'series.csv');
    // 2024-W04 is missing on purpose: the CLI zero-fills it.
    await writeFile(
      input,
      'week,count\n2024-W01,3\n2024-W02,4\n2024-W03,2\n2024-W05,5\n2024-W06,3\n2024-W07,4\n2024-W08,3\n2024-W09,25\n',
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints every evaluated week as CSV', async () => {
    const run = await runCli(['--method', 'earsC1', '--input', input]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('week,observed,expected,upperbound,alarm');
    expect(lines.map((l) => l.split(',')[0]).slice(1)).toEqual(['2024-W08', '2024-W09']);
    const [week, observed, expected, upperbound, alarm] = (lines[2] ?? '').split(',');
    expect([week, observed, alarm]).toEqual(['2024-W09', '25', 'true']);
    // Baseline 2024-W02 … W08 = 4, 2, 0, 5, 3, 4, 3.
    expect(Number(expected)).toBeCloseTo(21 / 7, 12);
    expect(Number(upperbound)).toBeGreaterThan(Number(expected));
  });

  it('exits 2 with one line on stderr for a bad flag', async () => {
    const run = await runCli(['--method', 'earsC9', '--input', input]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual(['detect: --method must be one of earsC1, earsC2, earsC3, farrington, cusum']);
  });

  it('exits 2 naming the line of a negative count and a missing file', async () => {
    const bad = path.join(dir, 'bad.csv');
    await writeFile(bad, 'week,count\n2024-W06,1\n2024-W07,-1\n');
    const negative = await runCli(['--method', 'cusum', '--input', bad]);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toBe('detect: line 3: count for 2024-W07 must be a whole number ≥ 0, got -1\n');
    const missing = await runCli(['--method', 'earsC2', '--input', path.join(dir, 'absent.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^detect: input file not found: .*absent\.csv\n$/);
  });
});
