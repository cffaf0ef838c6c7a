import type { DuckDBConnection } from '@duckdb/node-api';
import { PUSHED_KINDS } from '@wijksignaal/contracts/alarm-notification';
import { addIsoWeeks, isoWeekFromDate, mondayOfIsoWeek } from '@wijksignaal/contracts/iso-week';
import { latestAlarmEventSeq, readAlarmEvents } from '@wijksignaal/alarm-delivery/read-alarm-events';
import { readSubscriptions } from '@wijksignaal/alarm-delivery/read-subscriptions';
import { lastCompleteWeek, subscriptionDigest } from '@wijksignaal/alarm-delivery/subscription-digest';
import type { NotifierConfig } from './notifier-config.ts';
import type { NotifierState, NewDelivery } from './notifier-state.ts';
import { digestDeliveryId, planAlarmDeliveries, planDigestDelivery } from './plan-deliveries.ts';

export interface QueueResult {
  alarms: number;
  digests: number;
  lastSeq: number;
}

/**
 * What one new snapshot adds to the queue, stored with the new `last_seq` in one transaction:
 * - the alarm events after `last_seq` that are new or escalated, about a recent week, to each matching
 *   subscription's webhook. On the very first snapshot nothing before it is pushed (the history a backfill
 *   made is not news); the notifier starts from its newest seq.
 * - once the digest hour of a new ISO week has passed, last week's digest to each subscription with a webhook
 *   that has not had it.
 * Pending deliveries follow the subscriptions in force: a new webhook URL, or cancelled when removed.
 */
export async function queueFromSnapshot(
  conn: DuckDBConnection,
  state: NotifierState,
  config: Pick<NotifierConfig, 'publicUrl' | 'demoSecret' | 'maxAgeWeeks' | 'digestAfterHours'>,
  now: Date,
  log: (line: string) => void,
): Promise<QueueResult> {
  const context = { publicUrl: config.publicUrl, demoSecret: config.demoSecret };
  const subscriptions = await readSubscriptions(conn);
  const previous = await state.lastSeq();
  const latest = await latestAlarmEventSeq(conn);
  let after = previous;
  if (previous !== null && latest !== null && latest < previous) {
    // A new live database numbers its events from the start again; follow it rather than wait for ever.
    log(`alarm_events seq went back from ${previous} to ${latest}: following from ${latest}`);
    after = latest;
  }
  const queued: NewDelivery[] = [];
  let alarms = 0;
  if (after !== null) {
    const oldestWeek = addIsoWeeks(isoWeekFromDate(now), -config.maxAgeWeeks);
    const events = (await readAlarmEvents(conn, { kinds: PUSHED_KINDS, afterSeq: after })).filter((e) => e.week >= oldestWeek);
    const planned = planAlarmDeliveries(events, subscriptions, context);
    alarms = planned.length;
    queued.push(...planned);
  }
  let digests = 0;
  const week = lastCompleteWeek(now);
  const dueAt = mondayOfIsoWeek(addIsoWeeks(week, 1)).getTime() + config.digestAfterHours * 3_600_000;
  if (now.getTime() >= dueAt) {
    const withWebhook = subscriptions.filter((s): s is typeof s & { webhookUrl: string } => s.webhookUrl !== null);
    const known = await state.known(withWebhook.map((s) => digestDeliveryId(week, s.id)));
    for (const subscription of withWebhook) {
      if (known.has(digestDeliveryId(week, subscription.id))) continue;
      queued.push(planDigestDelivery(subscription, week, await subscriptionDigest(conn, subscription, week), context));
      digests++;
    }
  }
  const lastSeq = Math.max(after ?? -1, latest ?? -1);
  const webhooks = subscriptions.map((s) => ({ subscriptionId: s.id, url: s.webhookUrl }));
  await state.enqueue(lastSeq, queued, now.getTime(), webhooks);
  return { alarms, digests, lastSeq };
}
