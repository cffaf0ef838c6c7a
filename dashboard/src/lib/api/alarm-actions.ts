import type { ActionAccepted, AlarmTriageRequest, AlarmTriageResponse } from '@wijksignaal/contracts/alarm-triage-http';
import type { SubscriptionAccepted, SubscriptionRequest, SubscriptionsResponse } from '@wijksignaal/contracts/subscription-http';
import { getJson, sendJson, type RequestOptions } from './api-request.ts';

/* What a person does about alarms: triage marks and subscriptions (they show after the next snapshot). */

/** An alarm's triage marks, oldest first, as the served snapshot holds them. */
export function getAlarmTriage(alarmId: string, options?: RequestOptions): Promise<AlarmTriageResponse> {
  return getJson<AlarmTriageResponse>(`/alarms/${encodeURIComponent(alarmId)}/triage`, options);
}

/** Marks an alarm; it shows in the history after the next snapshot. */
export function markAlarm(alarmId: string, mark: AlarmTriageRequest, options?: RequestOptions): Promise<ActionAccepted> {
  return sendJson<ActionAccepted>('POST', `/alarms/${encodeURIComponent(alarmId)}/triage`, mark, options);
}

/** The signed-in user's own subscriptions. */
export function getSubscriptions(options?: RequestOptions): Promise<SubscriptionsResponse> {
  return getJson<SubscriptionsResponse>('/subscriptions', options);
}

export function createSubscription(subscription: SubscriptionRequest, options?: RequestOptions): Promise<SubscriptionAccepted> {
  return sendJson<SubscriptionAccepted>('POST', '/subscriptions', subscription, options);
}

export function deleteSubscription(subscriptionId: string, options?: RequestOptions): Promise<SubscriptionAccepted> {
  return sendJson<SubscriptionAccepted>('DELETE', `/subscriptions/${encodeURIComponent(subscriptionId)}`, undefined, options);
}
