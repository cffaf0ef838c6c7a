/** Limits of partner ingest over HTTPS, parsed once in config.ts (defaults there, documented in the README). */
export interface IngestSettings {
  /** Largest `POST /api/v1/signals` body in bytes (413 above it). */
  maxSignalsBodyBytes: number;
  /** Largest body of every other request in bytes. */
  maxOtherBodyBytes: number;
  /** Most signals in one batch. */
  maxBatchItems: number;
  /** Deepest nesting of arrays and objects in a batch (a signal needs 2: the array and the object). */
  maxJsonDepth: number;
  /** Per partner: sustained requests per second, and how many may come at once. */
  ratePerSecond: number;
  burst: number;
  /** Weeks older than the current week minus this are `week_out_of_range` (as in the pipeline). */
  retentionWeeks: number;
}

export const DEFAULT_INGEST: IngestSettings = {
  maxSignalsBodyBytes: 1024 * 1024,
  maxOtherBodyBytes: 16 * 1024,
  maxBatchItems: 1000,
  maxJsonDepth: 8,
  ratePerSecond: 5,
  burst: 20,
  retentionWeeks: 260,
};
