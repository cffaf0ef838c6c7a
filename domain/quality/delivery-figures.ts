/**
 * What the pipeline records of deliveries, keyed on the delivery week: the ISO week the message reached
 * Kafka (its timestamp), not the week the signal is about. Weeks are their Monday (YYYY-MM-DD).
 */
export interface DeliveryWeek {
  partner: string;
  /** The source kind of accepted signals; '' for rejections, whose source kind cannot be trusted. */
  sourceKind: string;
  week: string;
  accepted: number;
  rejected: number;
  /** The newest message timestamp of the week (ms since the epoch). */
  lastAt: number;
}

/** Accepted signals per partner, source kind, wijk and delivery week: which wijken a stream covers. */
export interface DeliveryWijkWeek {
  partner: string;
  sourceKind: string;
  wijk: string;
  week: string;
}

/** The stream key rejections are kept under: the partner's delivery as a whole. */
export const WHOLE_STREAM = '';
