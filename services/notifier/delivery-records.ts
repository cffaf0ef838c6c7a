/** The rows the notifier's state file holds and hands out (notifier-state.ts). */

/**
 * pending: to be sent (again); delivered: a 2xx came back; failed: out of attempts; refused: the URL may not be
 * posted to; cancelled: the subscription (or its webhook) was removed before the delivery got through.
 */
export type DeliveryState = 'pending' | 'delivered' | 'failed' | 'refused' | 'cancelled';

/** A subscription's webhook as the newest snapshot has it (null: removed, or the dashboard only). */
export interface WebhookInForce {
  subscriptionId: string;
  url: string | null;
}

export interface NewDelivery {
  deliveryId: string;
  kind: 'alarm' | 'digest';
  subscriptionId: string;
  seq: number | null;
  week: string | null;
  url: string;
  /** The exact JSON text every attempt sends (and signs). */
  body: string;
  /** Set when the URL may not be posted to: the delivery is stored as refused with this reason. */
  refusal: string | null;
}

export interface DueDelivery {
  deliveryId: string;
  kind: string;
  subscriptionId: string;
  url: string;
  body: string;
  attempts: number;
}

export interface AttemptRecord {
  deliveryId: string;
  attempt: number;
  atMs: number;
  status: number | null;
  /** A short reason without the body (a timeout, a refused connection, an HTTP status). */
  error: string | null;
  durationMs: number;
  /** The delivery's state after this attempt, and when to try again while pending. */
  state: DeliveryState;
  nextAttemptAtMs: number | null;
}

export interface DeliveryRow {
  deliveryId: string;
  kind: string;
  subscriptionId: string;
  seq: number | null;
  week: string | null;
  state: DeliveryState;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
}

export interface AttemptRow {
  deliveryId: string;
  attempt: number;
  status: number | null;
  error: string | null;
  outcome: string;
}
