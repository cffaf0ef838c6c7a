import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookPayload, type WebhookPayload } from '@wijksignaal/contracts/alarm-notification';
import { webhookKey } from '@wijksignaal/alarm-delivery/webhook-key';
import { verifySignature } from '@wijksignaal/alarm-delivery/webhook-signature';
import { addIsoWeeks, isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { openNotifierState, type AttemptRow, type DeliveryRow } from '../../services/notifier/notifier-state.ts';
import { fixtureContent } from '../support/api-fixture.ts';
import { spawnService, type ChildService } from '../support/pipeline-process.ts';
import { waitFor } from '../support/wait-for.ts';
import { webhookReceiver, type ReceivedPost, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { writeAlarmSnapshot, type AlarmEventRow, type SubscriptionRow } from '../support/write-alarm-snapshot.ts';

const RUNNING = isoWeekFromDate(new Date());
const LAST = addIsoWeeks(RUNNING, -1); // the last complete week: the digest's
const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const SUB = {
  noord: '00000000-0000-4000-8000-00000000000a',
  tweededorpEscalation: '00000000-0000-4000-8000-00000000000b',
  broken: '00000000-0000-4000-8000-00000000000c',
  dashboardOnly: '00000000-0000-4000-8000-00000000000d',
};

/** Before the notifier ever ran: in the digest, never pushed as news. */
const BEFORE_START: AlarmEventRow[] = [
  { seq: 1, wijk: 'WK000101', theme: 'loneliness', kind: 'opened', week: LAST, level: 'amber' },
];
const AFTER_START: AlarmEventRow[] = [
  { seq: 2, wijk: 'WK000101', theme: 'school_absence', kind: 'opened', week: LAST, level: 'amber' },
  { seq: 3, wijk: 'WK000101', theme: 'loneliness', kind: 'updated', week: RUNNING, openedWeek: LAST, level: 'amber' },
  { seq: 4, wijk: 'WK000101', theme: 'loneliness', kind: 'escalated', week: RUNNING, openedWeek: LAST, level: 'red' },
  { seq: 5, wijk: 'WK000201', theme: 'escalation', kind: 'opened', week: RUNNING, level: 'red' },
  { seq: 6, wijk: 'WK000201', theme: 'loneliness', kind: 'opened', week: RUNNING, level: 'amber' },
  { seq: 7, wijk: 'WK000101', theme: 'school_absence', kind: 'closed', week: RUNNING, openedWeek: LAST, level: 'none' },
  // A backfill's history: too old to be news.
  { seq: 8, wijk: 'WK000101', theme: 'escalation', kind: 'opened', week: addIsoWeeks(RUNNING, -30), level: 'red' },
];

let dir: string;
let ok: WebhookReceiver;
let failing: WebhookReceiver;
let notifier: ChildService | null = null;
let pendingAtRestart = 0;
let deliveredAtRestart = 0;
let firstExit: number | null = null;
let deliveries: DeliveryRow[] = [];
let attempts: AttemptRow[] = [];

const subscriptions = (): SubscriptionRow[] => [
  { id: SUB.noord, owner: 'teamleider', wijken: ['WK000101'], webhookUrl: ok.url },
  { id: SUB.tweededorpEscalation, owner: 'epidemioloog', gemeenten: ['GM0002'], themes: ['escalation'], webhookUrl: ok.url },
  { id: SUB.broken, owner: 'teamleider', wijken: ['WK000101'], themes: ['school_absence'], webhookUrl: failing.url },
  { id: SUB.dashboardOnly, owner: 'teamleider', wijken: ['WK000101', 'WK000201'], webhookUrl: null },
];

const accepted = () => ok.received.filter((r) => r.status < 300);
const payloadOf = (r: ReceivedPost) => webhookPayload.parse(JSON.parse(r.body)) as WebhookPayload;
const startNotifier = () =>
  spawnService('services/notifier/main.ts', ['--data-dir', dir], {
    NOTIFIER_SECRET: SECRET,
    // The receivers listen on this machine, closed to webhooks with a real secret unless listed.
    NOTIFIER_PRIVATE_HOSTS: '127.0.0.1',
    PUBLIC_URL: 'https://wijksignaal.example.nl',
    NOTIFIER_POLL_MS: '50',
    NOTIFIER_BACKOFF_MS: '300',
    NOTIFIER_BACKOFF_MAX_MS: '1200',
    NOTIFIER_MAX_ATTEMPTS: '4',
    NOTIFIER_DIGEST_AFTER_HOURS: '0',
  });
/** The attempts a notifier process logged, by delivery id, in order. */
const outcomes = (service: ChildService) => {
  const byId = new Map<string, string[]>();
  for (const e of service.events.filter((e) => e.event === 'webhook.attempt')) {
    byId.set(String(e.deliveryId), [...(byId.get(String(e.deliveryId)) ?? []), String(e.outcome)]);
  }
  return byId;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'notifier-'));
  ok = await webhookReceiver({ failFirst: 2 });
  failing = await webhookReceiver({ failFirst: Number.POSITIVE_INFINITY });
  const snapshots = join(dir, 'snapshots');
  await writeAlarmSnapshot(snapshots, 1, { ...fixtureContent(), alarmEvents: BEFORE_START, subscriptions: subscriptions() });
  notifier = startNotifier();
  // Its first snapshot sets where it starts: the event before it is not news, the digests are due.
  await notifier.waitForEvent((e) => e.event === 'deliveries.queued' && e.digests === 3, 'the first snapshot read');
  await writeAlarmSnapshot(snapshots, 2, {
    ...fixtureContent(),
    alarmEvents: [...BEFORE_START, ...AFTER_START],
    subscriptions: subscriptions(),
  });
  // Stop it (SIGTERM) in the middle — a delivery done, an alarm refused and waiting for its next attempt — and
  // start a new process on the same state file.
  const first = notifier;
  await notifier.waitForEvent(() => {
    const byId = [...outcomes(first).entries()];
    const done = byId.filter(([, o]) => o.includes('delivered')).length;
    const midway = byId.filter(([id, o]) => !id.startsWith('digest.') && o.at(-1) === 'retry').length;
    if (done === 0 || midway === 0) return false;
    deliveredAtRestart = done;
    pendingAtRestart = midway;
    return true;
  }, 'a delivery done and an alarm between attempts');
  firstExit = await notifier.stop();
  notifier = startNotifier();
  await waitFor(() => accepted().length === 5 && failing.received.length === 8, {
    timeoutMs: 60_000,
    intervalMs: 20,
    what: 'five deliveries accepted and eight refused attempts',
  });
  await notifier.stop();
  notifier = null;
  const state = await openNotifierState(join(dir, 'notifier', 'notifier.duckdb'));
  deliveries = await state.deliveries();
  attempts = await state.attempts();
  await state.close();
}, 120_000);

afterAll(async () => {
  await notifier?.stop();
  await ok?.close();
  await failing?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('webhook delivery', () => {
  it('was stopped cleanly and started again while deliveries were still pending', () => {
    expect(pendingAtRestart).toBeGreaterThan(0);
    expect(deliveredAtRestart).toBeGreaterThan(0);
    expect(firstExit).toBe(0);
  });

  it('delivers each new and escalated alarm once to each matching webhook, after two refused attempts, across the restart', () => {
    const alarms = accepted()
      .map(payloadOf)
      .filter((p) => p.type === 'alarm')
      .map((p) => `${p.subscriptionId}:${p.type === 'alarm' ? p.event.seq : ''}`)
      .sort();
    expect(alarms).toEqual([`${SUB.tweededorpEscalation}:5`, `${SUB.noord}:2`, `${SUB.noord}:4`].sort());
    for (const r of accepted())
      expect(ok.received.filter((x) => x.deliveryId === r.deliveryId).map((x) => x.status)).toEqual([503, 503, 204]);
  });

  it('sends one digest of the last complete week to each subscription with a webhook', () => {
    const digests = accepted()
      .map(payloadOf)
      .filter((p) => p.type === 'digest');
    expect(digests.map((d) => d.subscriptionId).sort()).toEqual([SUB.noord, SUB.tweededorpEscalation].sort());
    const noord = digests.find((d) => d.subscriptionId === SUB.noord)!;
    expect(noord.week).toBe(LAST);
    expect(noord.type === 'digest' && noord.events.map((e) => e.seq)).toEqual([1]);
    expect(noord.link).toBe(`https://wijksignaal.example.nl/abonnementen/${SUB.noord}/digest?week=${LAST}`);
  });

  it('signs every attempt for its subscription, so a receiver verifies it and a tampered body fails', () => {
    expect(ok.received.length).toBeGreaterThan(0);
    for (const r of ok.received) {
      const payload = payloadOf(r);
      expect(r.deliveryId).toBe(payload.deliveryId);
      const key = webhookKey(SECRET, payload.subscriptionId);
      const nowSeconds = Math.floor(Date.now() / 1000);
      expect(verifySignature(key, r.signature, r.body, { nowSeconds })).toBe(true);
      expect(verifySignature(key, r.signature, r.body.replace('"subscriptionId":"', '"subscriptionId":"x'), { nowSeconds })).toBe(
        false,
      );
      expect(verifySignature(webhookKey(SECRET, SUB.dashboardOnly), r.signature, r.body, { nowSeconds })).toBe(false);
    }
  });

  it('carries no count: the only number in any payload is the event seq', () => {
    const numbers: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (typeof value === 'number') numbers.push(path.replace(/\[\d+\]/g, '[]'));
      else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    };
    for (const r of [...ok.received, ...failing.received]) walk(JSON.parse(r.body), '');
    expect(new Set(numbers)).toEqual(new Set(['.event.seq', '.events[].seq']));
    const alarm = payloadOf(accepted().find((r) => payloadOf(r).type === 'alarm')!);
    expect(Object.keys(alarm).sort()).toEqual(['deliveryId', 'event', 'link', 'subscriptionId', 'type']);
    expect(alarm.type === 'alarm' && Object.keys(alarm.event).sort()).toEqual(
      [
        'alarmId',
        'gemeente',
        'gemeenteName',
        'kind',
        'level',
        'method',
        'methodVersion',
        'openedWeek',
        'seq',
        'theme',
        'week',
        'wijk',
        'wijkName',
      ].sort(),
    );
  });

  it('marks a delivery to a receiver that always fails as failed after the last attempt, every attempt logged', () => {
    const broken = deliveries.filter((d) => d.subscriptionId === SUB.broken);
    expect(broken.map((d) => `${d.kind}:${d.state}:${d.attempts}:${d.lastStatus}`).sort()).toEqual([
      'alarm:failed:4:503',
      'digest:failed:4:503',
    ]);
    const logged = attempts.filter((a) => broken.some((d) => d.deliveryId === a.deliveryId));
    expect(logged.map((a) => `${a.attempt}:${a.status}:${a.outcome}`)).toEqual([
      ...['1:503:retry', '2:503:retry', '3:503:retry', '4:503:failed'],
      ...['1:503:retry', '2:503:retry', '3:503:retry', '4:503:failed'],
    ]);
    expect(failing.received).toHaveLength(8);
    const delivered = deliveries.filter((d) => d.state === 'delivered');
    expect(delivered).toHaveLength(5);
    expect(delivered.every((d) => d.attempts === 3)).toBe(true);
  });
});
