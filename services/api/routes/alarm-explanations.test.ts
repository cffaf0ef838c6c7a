import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmExplanationResponse, detectionMethodsResponse } from '@wijksignaal/contracts/alarm-explanation';
import { seriesResponse } from '@wijksignaal/contracts/http';
import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import {
  EXPLAIN_CURRENT,
  EXPLAIN_NOW,
  EXPLAIN_SPIKE,
  EXPLAIN_WIJK,
  explanationContent,
} from '../../../tests/support/explanation-fixture.ts';
import { latestSnapshotFile, readPublishedTable, type PublishedTable } from '../../../tests/support/read-snapshot.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { asRole, testAuthenticate } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';

/**
 * The two explanation operations over a snapshot whose alarms the pipeline itself computed
 * (tests/support/explanation-fixture.ts): a spike in the last complete week, and a 20-week young series.
 */
const NOW = EXPLAIN_NOW;
const SPIKE = EXPLAIN_SPIKE;
const QUIET = addIsoWeeks(EXPLAIN_CURRENT, -5);
const WIJK = EXPLAIN_WIJK;

let dir: string;
let reader: SnapshotReader;
let app: ReturnType<typeof createApp>;
let table: PublishedTable;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-explanations-'));
  await writeSnapshot(dir, 1, explanationContent());
  table = await readPublishedTable(latestSnapshotFile(dir));
  reader = await openSnapshotReader({ dir });
  app = createApp({ snapshots: reader, authenticate: testAuthenticate, now: () => NOW });
});

afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string, role = 'epidemiologist') => app.request(`/api/v1${path}`, asRole(role));

describe('GET /areas/{code}/detection-methods', () => {
  it('runs every method for a series of 170 weeks, and says why in both languages', async () => {
    const res = await get(`/areas/${WIJK}/detection-methods?theme=loneliness`);
    expect(res.status).toBe(200);
    const body = detectionMethodsResponse.parse(await res.json());
    expect(body).toMatchObject({
      code: WIJK,
      theme: 'loneliness',
      asOfWeek: EXPLAIN_CURRENT,
      historyWeeks: 78,
      historyAtLeast: true,
    });
    expect(body.methods.map((m) => [m.method, m.runs])).toEqual([
      ['earsC1', true],
      ['earsC2', true],
      ['earsC3', true],
      ['farrington', true],
      ['cusum', true],
    ]);
    expect(body.methods[3]?.why.nl).toContain('minstens 78 weken');
    expect(body.methods[4]?.why.en).toContain('complements EARS');
  });

  it('leaves Farrington out of a 20-week series and says it needs 78 weeks', async () => {
    const body = detectionMethodsResponse.parse(await (await get(`/areas/${WIJK}/detection-methods?theme=escalation`)).json());
    expect(body.historyWeeks).toBe(20);
    expect(body.historyAtLeast).toBe(false);
    const farrington = body.methods.find((m) => m.method === 'farrington');
    expect(farrington?.runs).toBe(false);
    expect(farrington?.why.en).toBe(
      'Farrington is not used: it compares with earlier years and needs at least 78 weeks (a year and a half) of history; this series has 20 weeks.',
    );
    expect(body.methods.filter((m) => m.runs).map((m) => m.method)).toEqual(['earsC1', 'earsC2', 'earsC3', 'cusum']);
  });
});

describe('GET /areas/{code}/alarm-explanations/{week}', () => {
  it('explains the spike week method by method, with the published cell and the series’ own figures', async () => {
    const res = await get(`/areas/${WIJK}/alarm-explanations/${SPIKE}?theme=loneliness`);
    expect(res.status).toBe(200);
    const body = alarmExplanationResponse.parse(await res.json());
    expect(body.level).toBe('red');
    expect(body.methods.map((m) => m.method)).toEqual(['earsC1', 'earsC2', 'earsC3', 'farrington', 'cusum']);
    const cell = table.count({ theme: 'loneliness', area: WIJK, from: SPIKE, to: SPIKE });
    expect(cell).not.toBeNull();
    expect(body.count).toBe(cell);
    for (const m of body.methods) expect(m.observed, m.method).toBe(cell);
    // The verdict's expected value and threshold are the ones the series shows for the week.
    const series = seriesResponse.parse(
      await (await get(`/areas/${WIJK}/series?theme=loneliness&from=${SPIKE}&to=${SPIKE}`)).json(),
    );
    const verdict = body.methods.find((m) => m.method === body.verdictMethod)!;
    expect(series.weeks[0]).toMatchObject({
      method: body.verdictMethod,
      expected: verdict.expected,
      threshold: verdict.threshold,
    });
    const farrington = body.methods.find((m) => m.method === 'farrington')!;
    expect(farrington).toMatchObject({ evaluated: true, fired: true, version: 'farrington-noufaily-1' });
    expect(farrington.pValue).toBeLessThan(0.01);
    expect(farrington.baseline.leftOut[0]).toMatchObject({ from: addIsoWeeks(SPIKE, -26), to: addIsoWeeks(SPIKE, -1) });
    expect(farrington.text.nl).toMatch(new RegExp(`^Farrington vond ${cell} meldingen waar [\\d,]+ werd verwacht`));
    const c2 = body.methods.find((m) => m.method === 'earsC2')!;
    expect(c2.baseline).toMatchObject({ from: addIsoWeeks(SPIKE, -9), to: addIsoWeeks(SPIKE, -3) });
    expect(c2.parameters).toMatchObject({ baseline: 7, minSigma: 1, guard: 2 });
    const cusum = body.methods.find((m) => m.method === 'cusum')!;
    expect(cusum.version).toBe('cusum-reset-1');
    expect(cusum.parameters).toMatchObject({ k: 1.04, h: 2.26, reset: true, trainingWeeks: 26 });
    expect(body.choice.filter((d) => d.runs)).toHaveLength(5);
  });

  it('answers a quiet week with a 404 problem that says so', async () => {
    const res = await get(`/areas/${WIJK}/alarm-explanations/${QUIET}?theme=loneliness`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { detail: string };
    expect(problem.detail).toContain(`${QUIET} is not an alarm week of ${WIJK} for loneliness`);
  });

  it('answers an unknown wijk with a 404 and a bad week or theme with a 400 naming the parameter', async () => {
    expect((await get(`/areas/WK999999/alarm-explanations/${SPIKE}?theme=loneliness`)).status).toBe(404);
    const badWeek = await get(`/areas/${WIJK}/alarm-explanations/2026-W99?theme=loneliness`);
    expect(badWeek.status).toBe(400);
    expect(badWeek.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(await badWeek.json())).toContain('"name":"week"');
    const badTheme = await get(`/areas/${WIJK}/detection-methods?theme=fun`);
    expect(badTheme.status).toBe(400);
    expect(JSON.stringify(await badTheme.json())).toContain('"name":"theme"');
  });

  it('is for readers: a partner gets a 403 and no figure', async () => {
    for (const path of [
      `/areas/${WIJK}/alarm-explanations/${SPIKE}?theme=loneliness`,
      `/areas/${WIJK}/detection-methods?theme=loneliness`,
    ]) {
      const res = await get(path, 'partner:thuiszorg-demo');
      expect(res.status, path).toBe(403);
      expect(await res.text()).not.toContain('meldingen');
    }
    expect((await get(`/areas/${WIJK}/alarm-explanations/${SPIKE}?theme=loneliness`, 'team_lead')).status).toBe(200);
  });
});
