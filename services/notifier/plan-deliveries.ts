import { alarmWebhookPayload, digestWebhookPayload, type AlarmEventEntry } from '@wijksignaal/contracts/alarm-notification';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import { matchesSubscription, type Subscription } from '@wijksignaal/alarm-delivery/subscription-match';
import { webhookRefusal } from './notifier-config.ts';
import type { NewDelivery } from './notifier-state.ts';

export interface PlanContext {
  /** The dashboard's address, for links. */
  publicUrl: string;
  /** The demo secret signs for webhooks on this machine only. */
  demoSecret: boolean;
}

/** One delivery per (alarm event, subscription): the receiver's idempotency key, and the notifier's. */
export function alarmDeliveryId(seq: number, subscriptionId: string): string {
  return `${seq}.${subscriptionId}`;
}

/** One digest per (ISO week, subscription). */
export function digestDeliveryId(week: IsoWeek, subscriptionId: string): string {
  return `digest.${week}.${subscriptionId}`;
}

/**
 * The webhook deliveries of new alarm events: each event to every subscription with a webhook that follows its
 * wijk (or gemeente) and theme. The body is built through the strict payload schema, so it holds exactly the
 * allowed keys and no count.
 */
export function planAlarmDeliveries(
  events: readonly AlarmEventEntry[],
  subscriptions: readonly Subscription[],
  context: PlanContext,
): NewDelivery[] {
  const deliveries: NewDelivery[] = [];
  for (const event of events) {
    for (const subscription of subscriptions) {
      if (!subscription.webhookUrl || !matchesSubscription(subscription, event)) continue;
      const deliveryId = alarmDeliveryId(event.seq, subscription.id);
      const link = `${context.publicUrl}/wijk/${encodeURIComponent(event.wijk)}?theme=${event.theme}`;
      const body = alarmWebhookPayload.parse({ type: 'alarm', deliveryId, subscriptionId: subscription.id, event, link });
      deliveries.push({
        deliveryId,
        kind: 'alarm',
        subscriptionId: subscription.id,
        seq: event.seq,
        week: event.week,
        url: subscription.webhookUrl,
        body: JSON.stringify(body),
        refusal: webhookRefusal(subscription.webhookUrl, context.demoSecret),
      });
    }
  }
  return deliveries;
}

/** The webhook delivery of one subscription's weekly digest (subscription-digest.ts made its events). */
export function planDigestDelivery(
  subscription: Subscription & { webhookUrl: string },
  week: IsoWeek,
  events: readonly AlarmEventEntry[],
  context: PlanContext,
): NewDelivery {
  const deliveryId = digestDeliveryId(week, subscription.id);
  const link = `${context.publicUrl}/abonnementen/${encodeURIComponent(subscription.id)}/digest?week=${week}`;
  const body = digestWebhookPayload.parse({ type: 'digest', deliveryId, subscriptionId: subscription.id, week, events, link });
  return {
    deliveryId,
    kind: 'digest',
    subscriptionId: subscription.id,
    seq: null,
    week,
    url: subscription.webhookUrl,
    body: JSON.stringify(body),
    refusal: webhookRefusal(subscription.webhookUrl, context.demoSecret),
  };
}
