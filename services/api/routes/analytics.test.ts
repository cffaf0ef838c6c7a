import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alarmsResponse,
  funnelResponse,
  overviewResponse,
  type OverviewResponse,
  prioritiesResponse,
  seriesResponse,
} from '@wijksignaal/contracts/http';
import { overviewRows } from '@wijksignaal/contracts/overview-columns';
import { isSuppressed } from '@wijksignaal/domain/disclosure/index';
import { poissonInterval } from '@wijksignaal/domain/epi/poisson-interval';
import { ANALYTICS_NOW, COUNT_QUARTER, WIJKEN, analyticsContent } from '../../../tests/support/analytics-fixture.ts';
import { latestSnapshotFile, readPublishedTable, type PublishedTable } from '../../../tests/support/read-snapshot.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';
import { authenticateAs } from '../auth/test-authenticate.ts';

let dir: string;
let reader: SnapshotReader;
let app: ReturnType<typeof createApp>;
let table: PublishedTable;
const QUARTER = `from=${COUNT_QUARTER.from}&to=${COUNT_QUARTER.to}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-analytics-'));
  await writeSnapshot(dir, 1, analyticsContent());
  table = await readPublishedTable(latestSnapshotFile(dir));
  reader = await openSnapshotReader({ dir });
  app = createApp({ snapshots: reader, authenticate: authenticateAs('epidemiologist'), now: () => ANALYTICS_NOW });
});

afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

const json = async (path: string) => {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return res.json();
};

/** The published quarter cell of a wijk (every one is published in this fixture). */
const published = (wijk: string) => {
  const n = table.count({ theme: 'escalation', area: wijk, ...COUNT_QUARTER });
  expect(n, `${wijk}'s quarter is published`).not.toBeNull();
  return n!;
};

/**
 * The expected count of every wijk: all have the same age mix and every signal is 25-44, so the region's
 * published 25-44 cell R over the region's 3,000 residents of 25-44 gives each wijk R / 10 expected.
 */
const expectedPerWijk = () =>
  table.count({ theme: 'escalation', level: 'region', area: 'region', ...COUNT_QUARTER, dimension: 'ageBand', value: '25-44' })! /
  10;

/** The overview with its columns as rows again (contracts/overview-columns.ts). */
const rowsOf = (body: OverviewResponse) => ({ ...body, areas: overviewRows(body) });
const ratio = (x: number) => Number(x.toFixed(2));
const rate = (x: number) => Number(x.toFixed(1));

describe('GET /api/v1/overview analytics', () => {
  it('gives a wijk with about twice the regional rate an SMR of about 2: its published count over the expected one', async () => {
    const body = rowsOf(overviewResponse.parse(await json(`/api/v1/overview?theme=escalation&${QUARTER}`)));
    const a = body.areas.find((x) => x.code === WIJKEN[0]);
    const p = published(WIJKEN[0]!);
    const expected = expectedPerWijk();
    const limits = poissonInterval(p);
    // The overview sends ratios with two decimals and rates with one, the precision the dashboard shows.
    expect(a?.smr).toEqual({
      value: ratio(p / expected),
      lower: ratio(limits.lower / expected),
      upper: ratio(limits.upper / expected),
      expected: ratio(expected),
    });
    expect(p / expected, 'perturbation moves a count by at most 3').toBeGreaterThan(17 / 10.3);
    expect(p / expected).toBeLessThan(23 / 9.7);
    expect(a?.rate).toMatchObject({ value: p, lower: rate(limits.lower), upper: rate(limits.upper) });
    expect(a?.ratePer1000).toBe(p);
    expect(a?.count).toBe(p);
    expect(body.k).toBe(5);
    expect(body.smrUnknownAge).toMatch(/without a known age/);
  });

  it('shows the worst level any method gave in the last two complete weeks of the period, and the stored priority', async () => {
    const body = rowsOf(overviewResponse.parse(await json('/api/v1/overview?theme=escalation&from=2025-W01&to=2025-W13')));
    expect(body.alarmWeeks).toEqual({ from: '2025-W08', to: '2025-W09' });
    const level = (code: string) => body.areas.find((x) => x.code === code)?.alarmLevel;
    expect([level('WK000102'), level('WK000103'), level('WK000104')]).toEqual(['red', 'amber', 'none']);
    const stored = prioritiesResponse.parse(await json('/api/v1/priorities'));
    for (const area of body.areas) {
      const entry = stored.priorities.find((p) => p.code === area.code);
      expect(area.priority).toEqual({ rank: entry!.rank, score: typeof entry!.score === 'number' ? ratio(entry!.score) : entry!.score });
    }
    const earlier = rowsOf(overviewResponse.parse(await json('/api/v1/overview?theme=escalation&from=2025-W05&to=2025-W08')));
    expect(earlier.alarmWeeks).toEqual({ from: '2025-W07', to: '2025-W08' });
    expect(earlier.areas.find((x) => x.code === 'WK000102')?.alarmLevel).toBe('amber');
  });
});

describe('GET /api/v1/areas/{code}/series verdicts', () => {
  it('gives each week one verdict: the worst level, with that method expected value and threshold as stored (below k as <k)', async () => {
    const body = seriesResponse.parse(await json('/api/v1/areas/WK000102/series?theme=escalation&from=2025-W07&to=2025-W10'));
    const week = (w: string) => body.weeks.find((x) => x.week === w);
    // The weeks themselves are withheld (no signals): their verdicts are still shown as stored.
    expect(week('2025-W08')).toMatchObject({ count: { suppressed: true, display: '<5' } });
    expect(week('2025-W08')).toMatchObject({
      level: 'amber',
      method: 'earsC2',
      expected: { suppressed: true, display: '<5' },
      threshold: 6,
      alarm: false,
    });
    expect(week('2025-W09')).toMatchObject({
      level: 'red',
      method: 'farrington',
      expected: { suppressed: true, display: '<5' },
      threshold: 7,
      alarm: true,
    });
    expect(week('2025-W07')).toMatchObject({ level: 'none', method: null, expected: null, threshold: null });
    expect(week('2025-W10')).toMatchObject({ partial: true, method: null });
  });
});

describe('GET /api/v1/alarms', () => {
  it('lists active alarms newest first with the wijk name, and only red ones with level=red', async () => {
    const body = alarmsResponse.parse(await json('/api/v1/alarms?from=2025-W01&to=2025-W10'));
    expect(body.alarms.map((a) => [a.code, a.week, a.level])).toEqual([
      ['WK000102', '2025-W09', 'red'],
      ['WK000103', '2025-W09', 'amber'],
      ['WK000102', '2025-W08', 'amber'],
    ]);
    // Observed 0 is below k: the snapshot withholds it, as the series does.
    expect(body.alarms[0]).toMatchObject({
      name: 'Wijk 2',
      gemeenteName: 'Eerstestad',
      method: 'farrington',
      observed: { suppressed: true, display: '<5' },
      expected: { suppressed: true, display: '<5' },
      threshold: 7,
    });
    const red = alarmsResponse.parse(await json('/api/v1/alarms?from=2025-W01&to=2025-W10&level=red&theme=escalation'));
    expect(red.alarms.map((a) => a.level)).toEqual(['red']);
    const none = alarmsResponse.parse(await json('/api/v1/alarms?from=2025-W01&to=2025-W10&theme=loneliness'));
    expect(none.alarms).toEqual([]);
  });
});

describe('GET /api/v1/priorities', () => {
  it('serves the ranking the pipeline stored, over the SMR quarter, its observed counts the overview cells', async () => {
    const body = prioritiesResponse.parse(await json('/api/v1/priorities'));
    expect(body.reweighted).toBe(false);
    expect(body.period).toEqual({ kind: 'quarter', label: '2024-Q4', ...COUNT_QUARTER });
    expect([body.from, body.to]).toEqual([COUNT_QUARTER.from, COUNT_QUARTER.to]);
    expect(body.priorities.map((p) => p.rank)).toEqual(WIJKEN.map((_, i) => i + 1));
    const overview = rowsOf(overviewResponse.parse(await json(`/api/v1/overview?theme=escalation&${QUARTER}`)));
    for (const entry of body.priorities) {
      const area = overview.areas.find((a) => a.code === entry.code)!;
      const c = entry.components.escalation!;
      expect(c.observed, entry.code).toEqual(area.count);
      if (area.smr !== null && !isSuppressed(area.smr)) {
        expect(ratio(c.smr as number)).toBe(area.smr.value);
        expect(ratio(c.expected as number)).toBe(area.smr.expected);
      }
      const parts = c.parts as { level: number; trend: number; alarms: number };
      expect(c.contribution).toBeCloseTo(parts.level + parts.trend + parts.alarms, 12);
    }
    const top = body.priorities.find((p) => p.code === WIJKEN[0])!.components.escalation!;
    const lower = poissonInterval(published(WIJKEN[0]!)).lower / expectedPerWijk();
    expect((top.parts as { level: number }).level).toBeCloseTo(lower > 1 ? Math.log(lower) : 0, 9);
    expect(body.priorities.find((p) => p.code === 'WK000102')!.components.escalation).toMatchObject({
      alarmLevel: 'red',
      parts: { alarms: 2 },
    });
  });

  it('weights the stored parts again: alarms only, then SMR only', async () => {
    const alarmsOnly = prioritiesResponse.parse(await json('/api/v1/priorities?smrWeight=0&trendWeight=0&alarmWeight=1'));
    expect(alarmsOnly.reweighted).toBe(true);
    expect(alarmsOnly.weights).toEqual({ smr: 0, trend: 0, alarms: 1 });
    expect(alarmsOnly.priorities.slice(0, 2).map((p) => [p.code, p.score])).toEqual([
      ['WK000102', 2],
      ['WK000103', 1],
    ]);
    const stored = prioritiesResponse.parse(await json('/api/v1/priorities'));
    const smrOnly = prioritiesResponse.parse(await json('/api/v1/priorities?smrWeight=1&trendWeight=0&alarmWeight=0'));
    for (const entry of smrOnly.priorities) {
      const level = stored.priorities.find((p) => p.code === entry.code)!.components.escalation!.parts.level as number;
      expect(entry.score, entry.code).toBeCloseTo(level, 12);
    }
    const scores = smrOnly.priorities.map((p) => p.score as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('ranks by one theme when asked', async () => {
    const body = prioritiesResponse.parse(
      await json('/api/v1/priorities?theme=escalation&alarmWeight=1&smrWeight=0&trendWeight=0'),
    );
    expect(body.theme).toBe('escalation');
    expect(body.priorities.map((p) => p.rank)).toEqual(WIJKEN.map((_, i) => i + 1));
    expect(body.priorities[0]?.code).toBe('WK000102');
  });
});

describe('GET /api/v1/funnel', () => {
  it('plots every wijk against its size with 95% and 99.8% limits around the region’s published rate', async () => {
    const body = funnelResponse.parse(await json(`/api/v1/funnel?theme=escalation&${QUARTER}`));
    const region = table.count({ theme: 'escalation', level: 'region', area: 'region', ...COUNT_QUARTER });
    expect(region).not.toBeNull();
    expect(body.targetPer1000).toBeCloseTo((region! / 10_000) * 1000, 10);
    expect(body.period).toMatchObject({ kind: 'quarter', ...COUNT_QUARTER });
    expect(body.areas).toHaveLength(WIJKEN.length);
    const p = published('WK000101');
    expect(body.areas.find((a) => a.code === 'WK000101')).toMatchObject({
      observed: p,
      residents: 1000,
      expected: expect.closeTo(expectedPerWijk(), 9),
      smr: expect.closeTo(p / expectedPerWijk(), 9),
    });
    for (const curve of [body.rateLimits, body.smrLimits]) {
      expect(curve.length).toBeGreaterThan(1);
      expect(curve[0]?.limits.map((l) => l.level)).toEqual([0.95, 0.998]);
      for (const point of curve) {
        const [l95, l998] = point.limits;
        expect(l998!.lower).toBeLessThanOrEqual(l95!.lower);
        expect(l998!.upper).toBeGreaterThanOrEqual(l95!.upper);
      }
    }
  });
});

describe('bad analytics parameters', () => {
  it.each([
    ['/api/v1/priorities?smrWeight=-1', 'smrWeight'],
    ['/api/v1/priorities?trendWeight=abc', 'trendWeight'],
    ['/api/v1/priorities?alarmWeight=Infinity', 'alarmWeight'],
    ['/api/v1/priorities?theme=fun', 'theme'],
    ['/api/v1/alarms?level=purple', 'level'],
    ['/api/v1/alarms?from=2025-W60', 'from'],
    ['/api/v1/funnel?theme=', 'theme'],
    ['/api/v1/funnel?theme=escalation&from=2025-W01&to=2025-W09', 'from'],
    ['/api/v1/funnel?theme=escalation&to=2025-W13', 'to'],
  ])('%s answers 400 problem+json naming %s', async (path, param) => {
    const res = await app.request(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { detail: string; invalidParams: { name: string }[] };
    expect(problem.invalidParams.map((p) => p.name)).toContain(param);
    expect(problem.detail).toContain(param);
  });
});
