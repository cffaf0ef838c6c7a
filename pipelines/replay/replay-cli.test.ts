import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mondayIsoDate } from '@wijksignaal/contracts/iso-week';
import { createAnalysisStage } from '../analyse/analysis-stage.ts';
import { createDetectionPool } from '../analyse/detection-pool.ts';
import { lateOutbreak, openOutbreakDb, runOutbreak, START, W, type SimulatedClock } from '../analyse/outbreak-simulation.ts';
import type { ReplayReport } from './replay-alarms.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const cli = path.join(here, 'replay-cli.ts');

function replay(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: repoRoot }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run replay on the live file of a simulated outbreak', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wijksignaal-replay-'));
  const file = path.join(dir, 'live.duckdb');
  const period = ['--db', file, '--from', W(0), '--to', W(11)];
  beforeAll(async () => {
    const pool = createDetectionPool(1);
    const db = await openOutbreakDb(file);
    // The events record these offsets; a signal stored later at offset 150 lands in WK900001's week W(4),
    // one at offset 50 (before them) in W(3).
    await db.writer.run(`INSERT INTO consumer_offsets VALUES ('signals.demo', 0, 100)`);
    const clock: SimulatedClock = { now: new Date(`${mondayIsoDate(START)}T10:00:00Z`) };
    const conn = await db.instance.connect();
    const stage = createAnalysisStage({ conn, pool, k: 5, log: () => undefined, now: () => clock.now });
    await runOutbreak(db, stage, clock);
    await lateOutbreak(db, stage);
    for (const [week, offset] of [[W(4), 150], [W(3), 50]] as const) {
      await db.writer.run(
        `INSERT INTO signals SELECT uuid(), cell, 0, ${offset} FROM cube_rows WHERE wijk = 'WK900001' AND week = '${mondayIsoDate(week)}' LIMIT 1`,
      );
    }
    conn.closeSync();
    db.close();
    await pool.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('with the settings the pipeline runs reproduces the stored alarms exactly', async () => {
    const json = path.join(dir, 'same.json');
    const run = await replay([...period, '--json', json]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('same 2 · new 0 · gone 0 · changed 0');
    const report = JSON.parse(readFileSync(json, 'utf8')) as ReplayReport;
    expect(report.alarms.map((a) => [a.alarmId, a.status])).toEqual([
      [`WK900001.loneliness.${W(2)}`, 'same'],
      [`WK900002.loneliness.${W(10)}`, 'same'],
    ]);
    expect(report.alarms[0]?.replayed).toEqual(report.alarms[0]?.stored);
    expect(report.alarms[0]?.stored.map((e) => e.kind)).toEqual(['opened', 'escalated', 'updated', 'updated', 'updated', 'updated', 'closed']);
    // The replay reads today's cube: the week that received a signal after the events' offsets is named.
    expect(report.alarms[0]?.countsChanged).toEqual([W(4)]);
    expect(report.source).toBe('current cube');
  });

  it('with a changed setting reports the difference', async () => {
    const json = path.join(dir, 'changed.json');
    const run = await replay([...period, '--wijk', 'WK900001', '--set', 'ears.minSigma=20', '--set', 'farrington.alpha=0.000001', '--json', json]);
    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as ReplayReport;
    expect(report.changed).toEqual(['ears.minSigma=20', 'farrington.alpha=0.000001']);
    expect(report.alarms.every((a) => a.wijk === 'WK900001')).toBe(true);
    const alarm = report.alarms.find((a) => a.alarmId === `WK900001.loneliness.${W(2)}`);
    expect(alarm?.status).toMatch(/^(changed|gone)$/);
    expect(alarm?.replayed).not.toEqual(alarm?.stored);
    expect(run.stdout).toMatch(/^(changed|gone) +WK900001\.loneliness\./m);
  });

  it('says in one line what is wrong with the arguments', async () => {
    const cases: [string[], RegExp][] = [
      [['--db', file], /^replay: --from <ISO week> is required/],
      [['--db', file, '--from', '2026-W60'], /^replay: --from must be an ISO week like 2024-W07, got "2026-W60"/],
      [['--db', file, '--from', W(5), '--to', W(1)], /^replay: --from .* lies after --to/],
      [['--db', file, '--from', W(0), '--set', 'farrington.speed=3'], /^replay: --set farrington.speed=3: expected <setting>=<value> with a setting of /],
      [['--db', path.join(dir, 'missing', 'live.duckdb'), '--from', W(0), '--to', W(1)], /^replay: cannot open .* read-only/],
    ];
    for (const [args, message] of cases) {
      const run = await replay(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
