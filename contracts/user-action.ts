import { z } from 'zod';
import { THEMES } from './signal.ts';

/**
 * What people do with alarms, written by the API as events on one Kafka topic and stored by the pipeline like
 * signals (exactly once, offsets in the same transaction), so every API process sees them in the next
 * snapshot and they survive restarts while the pipeline stays the single writer.
 */
export const USER_ACTIONS_TOPIC = 'actions.v1';

/** How a team lead or epidemiologist marks an alarm. */
export const TRIAGE_STATUSES = ['acknowledged', 'known_event', 'investigating', 'action_taken', 'false_alarm'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

/** Notes are about an area and what was done, never about a person; the API refuses personal data in them. */
export const TRIAGE_NOTE_MAX_LENGTH = 500;

const actor = z.object({
  /** The principal's subject (a token's `sub`). */
  subject: z.string().min(1).max(200),
  role: z.string().min(1).max(40),
});

const common = {
  /** Unique per action (a UUID): the pipeline stores each action once, however often it is delivered. */
  actionId: z.uuid(),
  by: actor,
  /** When the API accepted it (ISO 8601). */
  at: z.iso.datetime(),
};

export const alarmTriageAction = z.object({
  type: z.literal('alarm.triage'),
  ...common,
  /** `contracts/alarm-event.ts` `alarmId`. */
  alarmId: z.string().min(1).max(100),
  status: z.enum(TRIAGE_STATUSES),
  note: z.string().max(TRIAGE_NOTE_MAX_LENGTH).nullable(),
});

export const subscriptionPutAction = z.object({
  type: z.literal('subscription.put'),
  ...common,
  subscriptionId: z.uuid(),
  /** Wijk codes and gemeente codes followed; an alarm matches when its wijk is listed or lies in a listed gemeente. */
  wijken: z.array(z.string().max(20)).max(500),
  gemeenten: z.array(z.string().max(20)).max(500),
  /** Empty: every theme. */
  themes: z.array(z.enum(THEMES)),
  /** Where new and escalated alarms and the weekly digest are posted (https), or null for the dashboard only. */
  webhookUrl: z.url().max(2000).nullable(),
});

export const subscriptionDeleteAction = z.object({
  type: z.literal('subscription.delete'),
  ...common,
  subscriptionId: z.uuid(),
});

export const userAction = z.discriminatedUnion('type', [alarmTriageAction, subscriptionPutAction, subscriptionDeleteAction]);

export type AlarmTriageAction = z.infer<typeof alarmTriageAction>;
export type SubscriptionPutAction = z.infer<typeof subscriptionPutAction>;
export type SubscriptionDeleteAction = z.infer<typeof subscriptionDeleteAction>;
export type UserAction = z.infer<typeof userAction>;
