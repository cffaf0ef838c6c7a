import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alarmsResponse,
  funnelResponse,
  overviewResponse,
  prioritiesResponse,
  seriesResponse,
} from '@wijksignaal/contracts/http';
import { ANALYTICS_NOW, OTHER_COUNTS, WIJKEN, analyticsContent } from '../../../tests/support/analytics-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';
import { authenticateAs } from '../auth/test-authenticate.ts';

let dir: string;
let reader: SnapshotReader;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-analytics-'));
  await writeSnapshot(dir, 1, analyticsContent());
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

/** Byar's approximation of the 95% Poisson limits (used from 10 events), written out independently. */
function byar(observed: number): { lower: number; upper: number } {
  const z = 1.959963984540054;
  const o1 = observed + 1;
  return {
    lower: observed * (1 - 1 / (9 * observed) - z / (3 * Math.sqrt(observed))) ** 3,
    upper: o1 * (1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1))) ** 3,
  };
}

describe('GET /api/v1/overview analytics', () => {
  it('gives a wijk with twice the regional rate an SMR of 2 with its interval, and rates per 1,000 with intervals', async () => {
    const body = overviewResponse.parse(await json('/api/v1/overview?theme=escalation&from=2025-W01&to=2025-W09'));
    const a = body.areas.find((x) => x.code === WIJKEN[0]);
    const total = 20 + OTHER_COUNTS.reduce((s, n) => s + n, 0);
    const expected = (1000 * total) / (1000 * WIJKEN.length);
    expect(a?.smr).toMatchObject({ value: expect.closeTo(20 / expected, 10), expected: expect.closeTo(expected, 10) });
    expect(20 / expected).toBeCloseTo(2, 10);
    const limits = byar(20);
    expect(a?.smr).toMatchObject({
      lower: expect.closeTo(limits.lower / expected, 9),
      upper: expect.closeTo(limits.upper / expected, 9),
    });
    expect(a?.rate).toMatchObject({ value: 20, lower: expect.closeTo(limits.lower, 9), upper: expect.closeTo(limits.upper, 9) });
    expect(a?.ratePer1000).toBe(20);
    expect(body.k).toBe(5);
    expect(body.smrUnknownAge).toMatch(/without a known age/);
  });

  it('shows the worst level any method gave in the last two complete weeks of the period, and the stored priority', async () => {
    const body = overviewResponse.parse(await json('/api/v1/overview?theme=escalation&from=2025-W01&to=2025-W10'));
    expect(body.alarmWeeks).toEqual({ from: '2025-W08', to: '2025-W09' });
    const level = (code: string) => body.areas.find((x) => x.code === code)?.alarmLevel;
    expect([level('WK000102'), level('WK000103'), level('WK000104')]).toEqual(['red', 'amber', 'none']);
    expect(body.areas.find((x) => x.code === 'WK000101')?.priority).toEqual({ rank: 1, score: 10 });
    const earlier = overviewResponse.parse(await json('/api/v1/overview?theme=escalation&from=2025-W01&to=2025-W08'));
    expect(earlier.areas.find((x) => x.code === 'WK000102')?.alarmLevel).toBe('amber');
  });
});

describe('GET /api/v1/areas/{code}/series verdicts', () => {
  it('gives each week one verdict: the worst level, with that method expected value and threshold', async () => {
    const body = seriesResponse.parse(await json('/api/v1/areas/WK000102/series?theme=escalation&from=2025-W07&to=2025-W10'));
    const week = (w: string) => body.weeks.find((x) => x.week === w);
    expect(week('2025-W08')).toMatchObject({ level: 'amber', method: 'earsC2', expected: 2, threshold: 6, alarm: false });
    expect(week('2025-W09')).toMatchObject({ level: 'red', method: 'farrington', expected: 3, threshold: 7, alarm: true });
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
    expect(body.alarms[0]).toMatchObject({ name: 'Wijk 2', gemeenteName: 'Eerstestad', method: 'farrington', observed: 0 });
    const red = alarmsResponse.parse(await json('/api/v1/alarms?from=2025-W01&to=2025-W10&level=red&theme=escalation'));
    expect(red.alarms.map((a) => a.level)).toEqual(['red']);
    const none = alarmsResponse.parse(await json('/api/v1/alarms?from=2025-W01&to=2025-W10&theme=loneliness'));
    expect(none.alarms).toEqual([]);
  });
});

describe('GET /api/v1/priorities', () => {
  it('serves the stored ranking without weights', async () => {
    const body = prioritiesResponse.parse(await json('/api/v1/priorities'));
    expect(body.reweighted).toBe(false);
    expect(body.priorities.map((p) => p.code)).toEqual(WIJKEN);
    expect(body.priorities[0]?.components.escalation).toMatchObject({ observed: 20, smr: 1, contribution: 10 });
  });

  it('re-ranks with the pipeline scoring when weights are given: alarms only, then SMR only', async () => {
    const alarmsOnly = prioritiesResponse.parse(await json('/api/v1/priorities?smrWeight=0&trendWeight=0&alarmWeight=1'));
    expect(alarmsOnly.reweighted).toBe(true);
    expect(alarmsOnly.weights).toEqual({ smr: 0, trend: 0, alarms: 1 });
    expect(alarmsOnly.priorities.slice(0, 2).map((p) => [p.code, p.score])).toEqual([
      ['WK000102', 2],
      ['WK000103', 1],
    ]);
    const smrOnly = prioritiesResponse.parse(await json('/api/v1/priorities?smrWeight=1&trendWeight=0&alarmWeight=0'));
    const top = smrOnly.priorities[0];
    expect(top?.code).toBe('WK000101');
    expect(top?.score).toBeCloseTo(Math.log(byar(20).lower / 10), 9);
    expect(top?.components.escalation).toMatchObject({ observed: 20, smr: expect.closeTo(2, 10), alarmLevel: 'none' });
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
  it('plots every wijk against its size with 95% and 99.8% limits around the regional rate', async () => {
    const body = funnelResponse.parse(await json('/api/v1/funnel?theme=escalation&from=2025-W01&to=2025-W09'));
    expect(body.targetPer1000).toBeCloseTo(10, 10);
    expect(body.areas).toHaveLength(WIJKEN.length);
    expect(body.areas.find((a) => a.code === 'WK000101')).toMatchObject({
      observed: 20,
      residents: 1000,
      expected: expect.closeTo(10, 9),
      smr: expect.closeTo(2, 9),
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
  ])('%s answers 400 problem+json naming %s', async (path, param) => {
    const res = await app.request(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { detail: string; invalidParams: { name: string }[] };
    expect(problem.invalidParams.map((p) => p.name)).toContain(param);
    expect(problem.detail).toContain(param);
  });
});
