import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptionDigestResponse } from '@wijksignaal/contracts/alarm-notification';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { alarmSnapshotDir } from '../../../tests/support/write-alarm-snapshot.ts';
import { createApp } from '../app.ts';
import { asRole, testAuthenticate } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';

const MINE = '00000000-0000-4000-8000-0000000000a1';
const THEIRS = '00000000-0000-4000-8000-0000000000b2';
let snapshots: Awaited<ReturnType<typeof alarmSnapshotDir>>;
let reader: SnapshotReader;

beforeAll(async () => {
  snapshots = await alarmSnapshotDir('api-digest-', 5, {
    ...fixtureContent(),
    alarmEvents: [
      // FIXTURE_NOW is in 2025-W10: the last complete week is 2025-W09.
      { seq: 10, wijk: 'WK000101', theme: 'loneliness', kind: 'opened', week: '2025-W08', level: 'amber' },
      {
        seq: 11,
        wijk: 'WK000101',
        theme: 'loneliness',
        kind: 'escalated',
        week: '2025-W09',
        openedWeek: '2025-W08',
        level: 'red',
      },
      { seq: 12, wijk: 'WK000102', theme: 'escalation', kind: 'opened', week: '2025-W09', level: 'amber' },
      { seq: 13, wijk: 'WK000101', theme: 'school_absence', kind: 'updated', week: '2025-W09', level: 'amber' },
      { seq: 14, wijk: 'WK000201', theme: 'loneliness', kind: 'closed', week: '2025-W09', openedWeek: '2025-W07', level: 'none' },
      { seq: 15, wijk: 'WK000101', theme: 'escalation', kind: 'opened', week: '2025-W10', level: 'red' },
    ],
    subscriptions: [
      { id: MINE, owner: 'test-team_lead', gemeenten: ['GM0001'], themes: ['loneliness', 'escalation'], webhookUrl: null },
      { id: THEIRS, owner: 'test-epidemiologist', wijken: ['WK000201'], webhookUrl: 'https://hooks.example/x' },
    ],
  });
  reader = await openSnapshotReader({ dir: snapshots.dir });
});
afterAll(async () => {
  await reader.close();
  await snapshots.remove();
});

const app = () => createApp({ snapshots: reader, authenticate: testAuthenticate, now: () => FIXTURE_NOW, log: () => {} });
const ask = (path: string, role: string) => app().request(`/api/v1/subscriptions/${path}`, asRole(role));

describe('GET /api/v1/subscriptions/{id}/digest', () => {
  it("lists its owner the last complete week's opened, escalated and closed alarms of its areas and themes, without counts", async () => {
    const res = await ask(`${MINE}/digest`, 'team_lead');
    expect(res.status).toBe(200);
    const body = subscriptionDigestResponse.parse(await res.json());
    expect(body.week).toBe('2025-W09');
    expect(body.events.map((e) => `${e.seq}:${e.kind}:${e.wijk}:${e.theme}`)).toEqual([
      '11:escalated:WK000101:loneliness',
      '12:opened:WK000102:escalation',
    ]);
    expect(body.events[0]).toMatchObject({ wijkName: 'Noord', gemeente: 'GM0001', gemeenteName: 'Eerstestad', level: 'red' });
    expect(body.snapshotSequence).toBe(5);
  });

  it('shows another complete week on request, and refuses the running week with a problem naming the parameter', async () => {
    const w08 = subscriptionDigestResponse.parse(await (await ask(`${MINE}/digest?week=2025-W08`, 'team_lead')).json());
    expect(w08.events.map((e) => e.seq)).toEqual([10]);
    const running = await ask(`${MINE}/digest?week=2025-W10`, 'team_lead');
    expect(running.status).toBe(400);
    expect(running.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await running.json()) as { invalidParams: { name: string }[] }).invalidParams[0]?.name).toBe('week');
  });

  it("is its owner's (and an admin's): another reader gets a 403, a partner a 403, an unknown id a 404, a bad id a 400", async () => {
    expect((await ask(`${THEIRS}/digest`, 'epidemiologist')).status).toBe(200);
    expect((await ask(`${THEIRS}/digest`, 'admin')).status).toBe(200);
    const other = await ask(`${THEIRS}/digest`, 'team_lead');
    expect(other.status).toBe(403);
    expect(other.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await ask(`${MINE}/digest`, 'partner:demo-partner')).status).toBe(403);
    const unknown = await ask('00000000-0000-4000-8000-0000000000ff/digest', 'admin');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await ask('not-a-uuid/digest', 'admin')).status).toBe(400);
  });

  it("lists the closed alarm in a followed wijk's digest", async () => {
    const body = subscriptionDigestResponse.parse(await (await ask(`${THEIRS}/digest`, 'epidemiologist')).json());
    expect(body.events.map((e) => `${e.seq}:${e.kind}`)).toEqual(['14:closed']);
  });
});
