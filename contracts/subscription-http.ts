import { z } from 'zod';
import { actionAccepted } from './alarm-triage-http.ts';
import { THEMES } from './signal.ts';

/**
 * HTTP shapes of subscriptions (`/api/v1/subscriptions`): a user follows wijken and/or gemeenten and themes, with
 * an optional webhook. Stored through the actions topic (`user-action.ts`); a user sees and deletes only their own.
 */
const wijkCode = z.string().regex(/^WK\d{4}[0-9A-Z]{2}$/, { error: 'a CBS wijk code such as WK036301' });
const gemeenteCode = z.string().regex(/^GM\d{4}$/, { error: 'a CBS gemeente code such as GM0363' });

export const subscriptionRequest = z
  .object({
    wijken: z.array(wijkCode).max(500).default([]),
    gemeenten: z.array(gemeenteCode).max(500).default([]),
    /** Empty: every theme. */
    themes: z.array(z.enum(THEMES)).default([]),
    /** https; plain http to localhost or 127.0.0.1 only when the API runs with its demo sign-in. */
    webhookUrl: z.string().max(2000).nullable().default(null),
  })
  .refine((s) => s.wijken.length + s.gemeenten.length > 0, { error: 'name at least one wijk or gemeente', path: ['wijken'] });
export type SubscriptionRequest = z.infer<typeof subscriptionRequest>;

export const subscriptionEntry = z.object({
  subscriptionId: z.string(),
  wijken: z.array(z.string()),
  gemeenten: z.array(z.string()),
  themes: z.array(z.enum(THEMES)),
  webhookUrl: z.string().nullable(),
  updatedAt: z.string(),
});
export type SubscriptionEntry = z.infer<typeof subscriptionEntry>;

export const subscriptionsResponse = z.object({ subscriptions: z.array(subscriptionEntry) });
export type SubscriptionsResponse = z.infer<typeof subscriptionsResponse>;

/** 202: taken; the subscription shows in the list after the next snapshot. */
export const subscriptionAccepted = actionAccepted.extend({ subscriptionId: z.uuid() });
export type SubscriptionAccepted = z.infer<typeof subscriptionAccepted>;
