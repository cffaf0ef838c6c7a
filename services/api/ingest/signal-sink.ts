import type { DlqReason } from '@wijksignaal/contracts/topics';

/** A signal as it goes to its partner's topic: key = wijk code, value = the UTF-8 JSON the partner sent. */
export interface SignalRecord {
  key: string;
  value: Buffer;
}

/** A rejection made at the HTTPS door; it carries the reason and where, never what was sent. */
export interface HttpsRejection {
  /** Position of the signal in the request. */
  index: number;
  partner: string;
  reason: DlqReason;
  detail: string;
}

/**
 * The port `POST /api/v1/signals` delivers through (Kafka in main.ts, a plain fake in tests). `deliver`
 * resolves only when the broker acknowledged every record; it rejects with `SinkUnavailableError` when
 * it could not, and the request then claims nothing.
 */
export interface SignalSink {
  /** `partner` is the authenticated one: its signals go to its own topic. */
  deliver(partner: string, signals: readonly SignalRecord[], rejections: readonly HttpsRejection[], at: Date): Promise<void>;
  close(): Promise<void>;
}

/** Kafka could not take the batch; the API answers 503 with Retry-After. */
export class SinkUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SinkUnavailableError';
  }
}
