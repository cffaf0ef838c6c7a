import { z } from 'zod';
import { ALARM_EVENT_KINDS } from './alarm-event.ts';
import { THEMES } from './signal.ts';

/**
 * What leaves Wijksignaal about an alarm event: to a subscriber's webhook, the dashboard's live feed and the
 * weekly digest. It names the alarm, its place, theme, week, level and method, and carries **no count**
 * (observed, expected and threshold stay in the views that protect them); `seq` is the event's place in the
 * append-only `alarm_events` table, not a figure. The objects are strict, so a count cannot slip in unnoticed.
 */
export const alarmEventEntry = z
  .object({
    seq: z.number().int().nonnegative(),
    alarmId: z.string(),
    kind: z.enum(ALARM_EVENT_KINDS),
    wijk: z.string(),
    wijkName: z.string(),
    gemeente: z.string(),
    gemeenteName: z.string(),
    theme: z.enum(THEMES),
    /** ISO week the event is about; `openedWeek` is the week the episode opened. */
    week: z.string(),
    openedWeek: z.string(),
    /** amber or red (none on a closed event). */
    level: z.string(),
    method: z.string(),
    methodVersion: z.string(),
  })
  .strict();

/** The kinds that are pushed the moment they appear (webhook, dashboard feed). */
export const PUSHED_KINDS = ['opened', 'escalated'] as const;
/** The kinds a weekly digest lists. */
export const DIGEST_KINDS = ['opened', 'escalated', 'closed'] as const;

/** `GET /api/v1/alarm-feed?since=`: new and escalated alarms from a seq on, oldest first. */
export const alarmFeedResponse = z.object({
  events: z.array(alarmEventEntry),
  /** The `since` of the next request: one past the last event this answer covers (0 while there is none). */
  next: z.number().int().nonnegative(),
  snapshotSequence: z.number().int(),
});

/** `GET /api/v1/subscriptions/{id}/digest?week=`: one subscription's alarms of one complete ISO week. */
export const subscriptionDigestResponse = z.object({
  subscriptionId: z.string(),
  /** The digest's ISO week: by default the last complete one. */
  week: z.string(),
  wijken: z.array(z.string()),
  gemeenten: z.array(z.string()),
  /** Empty: every theme. */
  themes: z.array(z.enum(THEMES)),
  /** Opened, escalated and closed events of that week in the subscription's areas and themes, oldest first. */
  events: z.array(alarmEventEntry),
  snapshotSequence: z.number().int(),
});

/** The webhook body of a new or escalated alarm. */
export const alarmWebhookPayload = z
  .object({
    type: z.literal('alarm'),
    deliveryId: z.string(),
    subscriptionId: z.string(),
    event: alarmEventEntry,
    /** The wijk page of the alarm's theme and week. */
    link: z.string(),
  })
  .strict();

/** The webhook body of a weekly digest (possibly with no events: the week was quiet). */
export const digestWebhookPayload = z
  .object({
    type: z.literal('digest'),
    deliveryId: z.string(),
    subscriptionId: z.string(),
    week: z.string(),
    events: z.array(alarmEventEntry),
    /** The digest page. */
    link: z.string(),
  })
  .strict();

export const webhookPayload = z.discriminatedUnion('type', [alarmWebhookPayload, digestWebhookPayload]);

export type AlarmEventEntry = z.infer<typeof alarmEventEntry>;
export type AlarmFeedResponse = z.infer<typeof alarmFeedResponse>;
export type SubscriptionDigestResponse = z.infer<typeof subscriptionDigestResponse>;
export type AlarmWebhookPayload = z.infer<typeof alarmWebhookPayload>;
export type DigestWebhookPayload = z.infer<typeof digestWebhookPayload>;
export type WebhookPayload = z.infer<typeof webhookPayload>;
