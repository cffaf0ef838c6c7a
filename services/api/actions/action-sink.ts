import type { UserAction } from '@wijksignaal/contracts/user-action';

/**
 * The port triage and subscription routes write through (Kafka's actions topic in main.ts; a plain fake in
 * route tests). `send` resolves once the broker acknowledged the action and rejects with
 * `SinkUnavailableError` (ingest/signal-sink.ts) when it could not: the request then claims nothing.
 */
export interface ActionSink {
  send(action: UserAction): Promise<void>;
  close(): Promise<void>;
}
