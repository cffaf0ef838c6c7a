import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureContent } from '../../tests/support/api-fixture.ts';
import { writeAlarmSnapshot, type AlarmEventRow, type SubscriptionRow } from '../../tests/support/write-alarm-snapshot.ts';
import { openNotifierState, type NotifierState } from './notifier-state.ts';
import { queueFromSnapshot } from './queue-from-snapshot.ts';

const NOW = new Date('2025-03-05T12:00:00Z'); // 2025-W10
const A = '00000000-0000-4000-8000-0000000000f1';
const B = '00000000-0000-4000-8000-0000000000f2';
const settings = { publicUrl: 'https://ws.example', demoSecret: false, maxAgeWeeks: 2, digestAfterHours: 200 };
let dir: string;
let state: NotifierState;
let sequence = 0;

/** Publishes a snapshot with these rows and lets the notifier's queueing read it, as it does each new file. */
async function queue(events: AlarmEventRow[], subscriptions: SubscriptionRow[]) {
  const name = await writeAlarmSnapshot(join(dir, 'snapshots'), ++sequence, {
    ...fixtureContent(),
    alarmEvents: events,
    subscriptions,
  });
  const instance = await DuckDBInstance.create(join(dir, 'snapshots', name), { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  try {
    return await queueFromSnapshot(conn, state, settings, NOW, () => {});
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
const opened = (seq: number, week = '2025-W10'): AlarmEventRow => ({
  seq,
  wijk: 'WK000101',
  theme: 'loneliness',
  kind: 'opened',
  week,
  level: 'amber',
});
const events = [opened(1), opened(2), opened(3), opened(4, '2025-W01')];
const sub = (id: string, webhookUrl: string | null): SubscriptionRow => ({ id, owner: 'o', wijken: ['WK000101'], webhookUrl });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'notifier-queue-'));
  state = await openNotifierState(join(dir, 'notifier', 'notifier.duckdb'));
});
afterAll(async () => {
  await state.close();
  await rm(dir, { recursive: true, force: true });
});

describe('queueFromSnapshot', () => {
  it('starts at the newest seq of its first snapshot: history is not news', async () => {
    expect(await queue([opened(1), opened(2)], [sub(A, 'https://a.example/hook')])).toMatchObject({ alarms: 0, lastSeq: 2 });
    expect(await state.deliveries()).toEqual([]);
  });

  it('queues each later event once per matching webhook, and an event about an old week not at all', async () => {
    const subs = [sub(A, 'https://a.example/hook'), sub(B, 'https://b.example/hook')];
    expect(await queue(events, subs)).toMatchObject({ alarms: 2, lastSeq: 4 });
    expect(await queue(events, subs)).toMatchObject({ alarms: 0, lastSeq: 4 });
    expect((await state.deliveries()).map((d) => d.deliveryId).sort()).toEqual([`3.${A}`, `3.${B}`]);
  });

  it('sends pending deliveries to a changed webhook and cancels those of a removed subscription', async () => {
    await queue(events, [sub(A, 'https://a.example/new')]);
    const due = await state.due(Date.now(), 10);
    expect(due.map((d) => `${d.deliveryId} ${d.url}`)).toEqual([`3.${A} https://a.example/new`]);
    const b = (await state.deliveries()).find((d) => d.subscriptionId === B);
    expect(b?.state).toBe('cancelled');
  });

  it('follows a live database that numbers its events from the start again', async () => {
    const lines: string[] = [];
    const name = await writeAlarmSnapshot(join(dir, 'snapshots'), ++sequence, {
      ...fixtureContent(),
      alarmEvents: [opened(1)],
      subscriptions: [],
    });
    const instance = await DuckDBInstance.create(join(dir, 'snapshots', name), { access_mode: 'READ_ONLY' });
    const conn = await instance.connect();
    try {
      expect(await queueFromSnapshot(conn, state, settings, NOW, (l) => lines.push(l))).toMatchObject({ lastSeq: 1 });
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
    expect(lines.join()).toMatch(/went back from 4 to 1/);
    expect((await state.deliveries()).every((d) => d.state === 'cancelled')).toBe(true);
  });
});
