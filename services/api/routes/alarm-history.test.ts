import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmEpisodesResponse, alarmHistoryResponse } from '@wijksignaal/contracts/alarm-history';
import type { Role } from '../auth/roles.ts';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { authenticateAs } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';

let dir: string;
let reader: SnapshotReader;
const as = (role: Role, partner?: string) =>
  createApp({ snapshots: reader, authenticate: authenticateAs(role, partner), now: () => FIXTURE_NOW });

/** As the pipeline appends them: WK000101 loneliness opened in W05, escalated, closed in W08; a withdrawn one. */
const EVENTS = [
  [1, 'WK000101.loneliness.2025-W05', 'WK000101', 'loneliness', 'opened', '2025-01-27', '2025-01-27', 'amber', 'earsC2', 'earsC2-1'],
  [2, 'WK000101.loneliness.2025-W05', 'WK000101', 'loneliness', 'escalated', '2025-02-03', '2025-01-27', 'red', 'farrington', 'farrington-noufaily-1'],
  [3, 'WK000101.loneliness.2025-W05', 'WK000101', 'loneliness', 'closed', '2025-02-17', '2025-01-27', 'none', 'farrington', 'farrington-noufaily-1'],
  [4, 'WK000101.escalation.2025-W09', 'WK000101', 'escalation', 'opened', '2025-02-24', '2025-02-24', 'amber', 'earsC1', 'earsC1-1'],
  [5, 'WK000101.escalation.2025-W09', 'WK000101', 'escalation', 'withdrawn', '2025-02-24', '2025-02-24', 'none', 'earsC1', 'earsC1-1'],
  [6, 'WK000102.loneliness.2025-W09', 'WK000102', 'loneliness', 'opened', '2025-02-24', '2025-02-24', 'red', 'earsC3', 'earsC3-1'],
  // Late data re-judged week 6 of the first alarm, and its episode still closed where it did.
  [7, 'WK000101.loneliness.2025-W05', 'WK000101', 'loneliness', 'updated', '2025-02-10', '2025-01-27', 'amber', 'earsC2', 'earsC2-1'],
] as const;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-alarm-history-'));
  const values = EVENTS.map(
    (e) => `(${e[0]}, '${e[1]}', '${e[2]}', '${e[3]}', '${e[4]}', '${e[5]}', '${e[6]}', '${e[7]}', '${e[8]}', '${e[9]}',
             '{"alpha":0.01,"baselineFrom":"2024-W40","baselineTo":"2025-W02"}', '{"signals.demo:0":"1200"}', TIMESTAMP '2025-03-0${Number(e[0]) % 5 + 1} 08:00:00')`,
  );
  await writeSnapshot(dir, 3, { ...fixtureContent(), sql: [`INSERT INTO alarm_events VALUES ${values.join(',')}`] });
  reader = await openSnapshotReader({ dir });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

describe('GET /api/v1/areas/{code}/alarm-history', () => {
  it("lists a wijk's episodes, newest opened first, with their events as appended", async () => {
    const res = await as('team_lead').request('/api/v1/areas/WK000101/alarm-history');
    expect(res.status).toBe(200);
    const body = alarmHistoryResponse.parse(await res.json());
    expect(body).toMatchObject({ code: 'WK000101', name: 'Noord', theme: null });
    expect(body.episodes.map((e) => [e.alarmId, e.state])).toEqual([
      ['WK000101.escalation.2025-W09', 'withdrawn'],
      ['WK000101.loneliness.2025-W05', 'closed'],
    ]);
    const closed = body.episodes[1]!;
    expect(closed).toMatchObject({ openedWeek: '2025-W05', lastWeek: '2025-W07', closedWeek: '2025-W08', level: 'red', lastLevel: 'amber' });
    expect(closed.events.map((e) => [e.seq, e.kind, e.week])).toEqual([
      [1, 'opened', '2025-W05'],
      [2, 'escalated', '2025-W06'],
      [3, 'closed', '2025-W08'],
      [7, 'updated', '2025-W07'],
    ]);
    expect(closed.events[0]).toMatchObject({ settings: { alpha: 0.01, baselineFrom: '2024-W40' }, offsets: { 'signals.demo:0': '1200' } });
    // Levels, methods and weeks only: nothing that is a count.
    expect(JSON.stringify(body)).not.toMatch(/"(observed|expected|threshold|count|n)":/);
  });

  it('narrows to one theme', async () => {
    const res = await as('epidemiologist').request('/api/v1/areas/WK000101/alarm-history?theme=loneliness');
    const body = alarmHistoryResponse.parse(await res.json());
    expect(body.episodes.map((e) => e.alarmId)).toEqual(['WK000101.loneliness.2025-W05']);
  });

  it('answers problem+json: 404 for an unknown wijk, 400 for a bad theme or code, 403 for a partner', async () => {
    const cases: [Role, string, number][] = [
      ['epidemiologist', '/api/v1/areas/WK999999/alarm-history', 404],
      ['epidemiologist', '/api/v1/areas/WK000101/alarm-history?theme=flu', 400],
      ['epidemiologist', '/api/v1/areas/nope/alarm-history', 400],
      ['partner', '/api/v1/areas/WK000101/alarm-history', 403],
    ];
    for (const [role, path, status] of cases) {
      const res = await as(role, role === 'partner' ? 'demo-partner' : undefined).request(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { status: number; detail: string; invalidParams?: { name: string }[] };
      expect(problem.status).toBe(status);
      if (status === 400) expect(problem.invalidParams?.length).toBeGreaterThan(0);
      expect(JSON.stringify(problem)).not.toContain('escalated');
    }
  });
});

describe('GET /api/v1/alarm-episodes', () => {
  it('lists the alarms of a period with their current state, optionally of one state', async () => {
    const all = alarmEpisodesResponse.parse(await (await as('admin').request('/api/v1/alarm-episodes?from=2025-W08&to=2025-W09')).json());
    expect(all.episodes.map((e) => [e.alarmId, e.state])).toEqual([
      ['WK000101.escalation.2025-W09', 'withdrawn'],
      ['WK000102.loneliness.2025-W09', 'open'],
      ['WK000101.loneliness.2025-W05', 'closed'],
    ]);
    const open = alarmEpisodesResponse.parse(await (await as('team_lead').request('/api/v1/alarm-episodes?from=2025-W08&to=2025-W09&state=open')).json());
    expect(open.episodes.map((e) => e.alarmId)).toEqual(['WK000102.loneliness.2025-W09']);
    expect(open.episodes[0]).toMatchObject({ name: expect.any(String), level: 'red', method: 'earsC3', methodVersion: 'earsC3-1' });
    // Closed before the period began: not in it.
    const later = alarmEpisodesResponse.parse(await (await as('admin').request('/api/v1/alarm-episodes?from=2025-W09&to=2025-W09')).json());
    expect(later.episodes.map((e) => e.alarmId)).not.toContain('WK000101.loneliness.2025-W05');
    const bad = await as('admin').request('/api/v1/alarm-episodes?state=gone');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});
