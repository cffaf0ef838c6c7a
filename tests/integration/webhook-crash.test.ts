import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { openNotifierState, type DeliveryRow } from '../../services/notifier/notifier-state.ts';
import { fixtureContent } from '../support/api-fixture.ts';
import { spawnService, type ChildService } from '../support/pipeline-process.ts';
import { waitFor } from '../support/wait-for.ts';
import { webhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { writeAlarmSnapshot, type AlarmEventRow } from '../support/write-alarm-snapshot.ts';

/**
 * The notifier killed with SIGKILL three times while deliveries are in flight to a slow receiver: nothing is
 * lost, and a delivery is sent again only when the kill came between the receiver's answer and the
 * notifier's record of it — with the same delivery id, so the receiver can drop it. What was recorded as
 * delivered is never sent again.
 */
const SUBSCRIPTION = '00000000-0000-4000-8000-0000000000d7';
const EVENTS = 30;
const CONCURRENCY = 4;
const KILLS = 3;
let dir: string;
let receiver: WebhookReceiver;
let notifier: ChildService | null = null;
let deliveries: DeliveryRow[] = [];
let kills = 0;

const start = () =>
  spawnService('services/notifier/main.ts', ['--data-dir', dir], {
    NOTIFIER_SECRET: 'a-test-secret-of-at-least-thirty-two-characters',
    // The receivers listen on this machine, closed to webhooks with a real secret unless listed.
    NOTIFIER_PRIVATE_HOSTS: '127.0.0.1',
    NOTIFIER_POLL_MS: '50',
    NOTIFIER_BACKOFF_MS: '100',
    NOTIFIER_BACKOFF_MAX_MS: '400',
    NOTIFIER_CONCURRENCY: String(CONCURRENCY),
  });
// The alarm deliveries (the week's digest may go out too; it is not what this test is about).
const alarmPosts = () => receiver.received.filter((r) => !r.deliveryId.startsWith('digest.'));
const accepted = () =>
  new Set(
    alarmPosts()
      .filter((r) => r.status < 300)
      .map((r) => r.deliveryId),
  );

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'notifier-crash-'));
  receiver = await webhookReceiver({ answerAfterMs: 60 });
  const week = isoWeekFromDate(new Date());
  const subscriptions = [{ id: SUBSCRIPTION, owner: 'teamleider', gemeenten: ['GM0001', 'GM0002'], webhookUrl: receiver.url }];
  const snapshots = join(dir, 'snapshots');
  await writeAlarmSnapshot(snapshots, 1, { ...fixtureContent(), alarmEvents: [], subscriptions });
  notifier = start();
  // It has read the first snapshot when it says it is following: the events of the next one are new to it.
  await notifier.waitForEvent((e) => e.event === 'notifier.following', 'the notifier to follow the snapshots');
  const events: AlarmEventRow[] = Array.from({ length: EVENTS }, (_, i) => ({
    seq: i + 1,
    wijk: ['WK000101', 'WK000102', 'WK000201'][i % 3]!,
    theme: 'loneliness',
    kind: 'opened',
    week,
    openedWeek: week,
    level: 'amber',
  }));
  await writeAlarmSnapshot(snapshots, 2, { ...fixtureContent(), alarmEvents: events, subscriptions });
  for (const target of [5, 12, 20].slice(0, KILLS)) {
    await waitFor(() => accepted().size >= target, { timeoutMs: 60_000, intervalMs: 5, what: `${target} deliveries accepted` });
    notifier.child.kill('SIGKILL');
    await notifier.exited;
    kills++;
    notifier = start();
  }
  await waitFor(() => accepted().size === EVENTS, { timeoutMs: 60_000, intervalMs: 20, what: 'every delivery accepted' });
  await notifier.stop();
  notifier = null;
  const state = await openNotifierState(join(dir, 'notifier', 'notifier.duckdb'));
  deliveries = (await state.deliveries()).filter((d) => d.kind === 'alarm');
  await state.close();
}, 180_000);

afterAll(async () => {
  await notifier?.stop();
  await receiver?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('webhook delivery through SIGKILLs', () => {
  it('loses nothing: every alarm reached the receiver and is recorded as delivered', () => {
    expect(kills).toBe(KILLS);
    expect(accepted().size).toBe(EVENTS);
    expect(deliveries).toHaveLength(EVENTS);
    expect(deliveries.every((d) => d.state === 'delivered')).toBe(true);
  });

  it('sends a delivery again only if a kill interrupted it, once at most per kill, with the same id', () => {
    const times = new Map<string, number>();
    for (const r of alarmPosts()) times.set(r.deliveryId, (times.get(r.deliveryId) ?? 0) + 1);
    const again = [...times.values()].filter((n) => n > 1).reduce((sum, n) => sum + n - 1, 0);
    expect(again).toBeLessThanOrEqual(KILLS * CONCURRENCY);
    expect(Math.max(...times.values())).toBeLessThanOrEqual(1 + KILLS);
  });
});
