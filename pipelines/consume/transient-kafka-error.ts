/**
 * kafkajs errors that say the broker could not be reached or did not answer in time, not that the pipeline
 * may not do what it asks. kafkajs itself restarts a consumer only when the error's root cause is marked
 * retriable, and several of these are not: a group coordinator lookup whose request failed while the broker
 * went down or came back ends in `KafkaJSGroupCoordinatorNotFound` (its own request error swallowed), and a
 * connection that waited too long for another one's lock ends in `KafkaJSLockTimeout`. After such a crash
 * the consumer sits disconnected for good.
 */
const TRANSIENT_ERROR_NAMES = new Set([
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSLockTimeout',
  'KafkaJSTimeout',
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNumberOfRetriesExceeded',
]);

/** Whether the error or any error it wraps (kafkajs keeps the original as `cause`) is one of those. */
export function isTransientKafkaError(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e = error; e instanceof Error && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    if (TRANSIENT_ERROR_NAMES.has(e.name)) return true;
  }
  return false;
}
