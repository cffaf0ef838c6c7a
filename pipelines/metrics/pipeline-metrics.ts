import { MetricsRegistry, type Counter, type Histogram } from '@wijksignaal/contracts/metrics/prometheus';

/** What one committed batch tells the metrics: per outcome (`accepted`, `duplicate`, a DLQ reason) a count. */
export interface BatchCounts {
  /** Keyed however the caller likes; only `outcome` and `n` are read. */
  outcomes: Iterable<{ outcome: string; n: number }>;
  /** Seconds from the batch's arrival to its commit. */
  seconds: number;
}

export interface PipelineReadings {
  consumerLag: () => number | null;
  /** Partitions stopped because their offsets went backwards (0 normally). */
  stoppedPartitions: () => number;
  snapshotSequence: () => number;
  /** When the last snapshot was published, or null before the first. */
  snapshotPublishedAt: () => Date | null;
  now: () => Date;
}

export interface PipelineMetrics {
  registry: MetricsRegistry;
  recordBatch(batch: BatchCounts): void;
  recordDetection(seconds: number, ok: boolean): void;
}

/** Outcomes that are not a dead letter: everything else a batch counts is a rejection reason. */
const NOT_DEAD_LETTERS = new Set(['accepted', 'duplicate']);

/** Detection can take from milliseconds (a few series) to minutes (a national backfill). */
const DETECTION_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * The pipeline's Prometheus metrics: signals by outcome, dead letters by reason, batches, consumer lag,
 * snapshot sequence and age, detection duration. Values that live elsewhere (lag, snapshot) are read at
 * scrape time, so there is nothing to keep in sync.
 */
export function createPipelineMetrics(readings: PipelineReadings): PipelineMetrics {
  const registry = new MetricsRegistry();
  const signals: Counter = registry.counter(
    'wijksignaal_pipeline_signals_total',
    'Signals consumed from Kafka, by outcome (accepted, duplicate, or the dead-letter reason)',
  );
  const deadLetters: Counter = registry.counter(
    'wijksignaal_pipeline_dlq_total',
    'Signals sent to the dead-letter topic, by reason',
  );
  const batches: Counter = registry.counter('wijksignaal_pipeline_batches_total', 'Partition batches committed');
  const batchSeconds: Histogram = registry.histogram(
    'wijksignaal_pipeline_batch_duration_seconds',
    'Time to validate, dead-letter and commit one batch',
  );
  const detection: Histogram = registry.histogram(
    'wijksignaal_pipeline_detection_duration_seconds',
    'Time of one detection run (alarms and priorities), by result',
    DETECTION_BUCKETS,
  );
  registry.gaugeFrom(
    'wijksignaal_pipeline_consumer_lag',
    'Messages on the signals topic not yet committed',
    readings.consumerLag,
  );
  registry.gaugeFrom(
    'wijksignaal_pipeline_stopped_partitions',
    'Partitions the pipeline stopped reading because their offsets went backwards (re-baseline to resume)',
    readings.stoppedPartitions,
  );
  registry.gaugeFrom('wijksignaal_pipeline_snapshot_sequence', 'Sequence of the last published snapshot', () => {
    const sequence = readings.snapshotSequence();
    return sequence > 0 ? sequence : null;
  });
  registry.gaugeFrom('wijksignaal_pipeline_snapshot_age_seconds', 'Seconds since the last snapshot was published', () => {
    const at = readings.snapshotPublishedAt();
    return at === null ? null : Math.max(0, (readings.now().getTime() - at.getTime()) / 1000);
  });
  return {
    registry,
    recordBatch(batch) {
      batches.inc();
      batchSeconds.observe(batch.seconds);
      for (const { outcome, n } of batch.outcomes) {
        signals.inc({ outcome }, n);
        if (!NOT_DEAD_LETTERS.has(outcome)) deadLetters.inc({ reason: outcome }, n);
      }
    },
    recordDetection(seconds, ok) {
      detection.observe(seconds, { result: ok ? 'ok' : 'failed' });
    },
  };
}
