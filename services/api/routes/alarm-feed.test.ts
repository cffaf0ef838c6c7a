import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmFeedResponse } from '@wijksignaal/contracts/alarm-notification';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { alarmSnapshotDir } from '../../../tests/support/write-alarm-snapshot.ts';
import { createApp } from '../app.ts';
import { asRole, testAuthenticate } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';

let snapshots: Awaited<ReturnType<typeof alarmSnapshotDir>>;
let reader: SnapshotReader;

beforeAll(async () => {
  snapshots = await alarmSnapshotDir('api-alarm-feed-', 7, {
    ...fixtureContent(),
    alarmEvents: [
      { seq: 1, wijk: 'WK000101', theme: 'loneliness', kind: 'opened', week: '2025-W08', level: 'amber' },
      {
        seq: 2,
        wijk: 'WK000101',
        theme: 'loneliness',
        kind: 'updated',
        week: '2025-W09',
        openedWeek: '2025-W08',
        level: 'amber',
      },
      { seq: 3, wijk: 'WK000201', theme: 'escalation', kind: 'opened', week: '2025-W09', level: 'amber' },
      {
        seq: 4,
        wijk: 'WK000101',
        theme: 'loneliness',
        kind: 'escalated',
        week: '2025-W09',
        openedWeek: '2025-W08',
        level: 'red',
      },
      { seq: 5, wijk: 'WK000101', theme: 'loneliness', kind: 'closed', week: '2025-W10', openedWeek: '2025-W08', level: 'none' },
    ],
    subscriptions: [
      { id: '00000000-0000-4000-8000-0000000000c3', owner: 'test-team_lead', gemeenten: ['GM0002'], webhookUrl: null },
    ],
  });
  reader = await openSnapshotReader({ dir: snapshots.dir });
});
afterAll(async () => {
  await reader.close();
  await snapshots.remove();
});

const ask = async (query: string, role: string) => {
  const app = createApp({ snapshots: reader, authenticate: testAuthenticate, now: () => FIXTURE_NOW, log: () => {} });
  return app.request(`/api/v1/alarm-feed${query}`, asRole(role));
};

describe('GET /api/v1/alarm-feed', () => {
  it('without since: no events, only where the feed stands', async () => {
    const body = alarmFeedResponse.parse(await (await ask('', 'epidemiologist')).json());
    expect(body).toEqual({ events: [], next: 6, snapshotSequence: 7 });
  });

  it('since a seq: the opened and escalated events from there on, oldest first, without counts', async () => {
    const res = await ask('?since=2', 'epidemiologist');
    expect(res.status).toBe(200);
    const body = alarmFeedResponse.parse(await res.json());
    expect(body.events.map((e) => `${e.seq}:${e.kind}`)).toEqual(['3:opened', '4:escalated']);
    expect(body.next).toBe(6);
    expect(JSON.stringify(body)).not.toMatch(/observed|expected|threshold|count/);
  });

  it('for a user with subscriptions: only the events they follow', async () => {
    const body = alarmFeedResponse.parse(await (await ask('?since=0', 'team_lead')).json());
    expect(body.events.map((e) => e.seq)).toEqual([3]);
  });

  it('refuses a partner and a bad since with problems', async () => {
    expect((await ask('?since=1', 'partner:demo-partner')).status).toBe(403);
    const bad = await ask('?since=soon', 'admin');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
