import { availableParallelism } from 'node:os';
import type { AreaRegistry } from '@wijksignaal/contracts/area';
import type { OffsetProblem } from '@wijksignaal/contracts/offset-problem';
import { SNAPSHOT_META } from '@wijksignaal/contracts/snapshot';
import type { PipelineConfig } from './config.ts';
import { touchedSeries } from './aggregate/cube-delta.ts';
import { startAnalysisScheduler } from './analyse/analysis-scheduler.ts';
import { createAnalysisStage } from './analyse/analysis-stage.ts';
import { createDetectionPool } from './analyse/detection-pool.ts';
import { connectKafka } from './consume/connect-kafka.ts';
import { startHttpsRejectionConsumer } from './consume/https-rejection-consumer.ts';
import { startOffsetWatch } from './consume/offset-watch.ts';
import { rebaselineOffsets } from './consume/rebaseline.ts';
import { startSignalIngest } from './consume/signal-ingest.ts';
import { kafkaDeadLetterWriter } from './consume/dead-letter-writer.ts';
import { startUserActionConsumer } from './consume/user-action-consumer.ts';
import type { Log } from './log/logger.ts';
import { startMetricsServer, type MetricsServer } from './metrics/metrics-server.ts';
import { createPipelineMetrics, type PipelineMetrics } from './metrics/pipeline-metrics.ts';
import { SnapshotPublisher } from './publish/snapshot-publisher.ts';
import { qualitySettingsOf, startQualityStage } from './quality/quality-stage.ts';
import { openLiveState } from './store/open-live-state.ts';
import { readCubeRowCount } from './store/read-state.ts';
import { createWriteSerialiser } from './store/write-serialiser.ts';

export interface PipelineDeps {
  registry: AreaRegistry;
  log: Log;
  /** Called when the pipeline cannot go on by itself (main.ts stops and exits non-zero). */
  onFatal: (error: Error) => void;
  now?: () => Date;
}

export interface PipelineStats {
  accepted: number;
  rejected: number;
  duplicates: number;
  consumerLag: number | null;
  /** Partitions stopped because their offsets no longer fit the committed ones. */
  offsetProblems: OffsetProblem[];
  snapshotSequence: number;
}

export interface RunningPipeline {
  stats(): PipelineStats;
  /** Signals, dead letters, lag, snapshots and detection, as /metrics serves them. */
  metrics: PipelineMetrics;
  /** The METRICS_PORT listener's address, or null when it is off. */
  metricsUrl: string | null;
  stop(): Promise<void>;
}

/**
 * The write path: consume signals, validate, commit rows + cube + offsets in one transaction, publish
 * serving snapshots. The only process that opens the live database.
 */
export async function startPipeline(config: PipelineConfig, deps: PipelineDeps): Promise<RunningPipeline> {
  const now = deps.now ?? (() => new Date());
  const log = deps.log;
  const { db, snapshotDir, topics, storedOffsets, storedDlqOffsets, storedActionOffsets, idFilter } = await openLiveState(
    config,
    deps.registry,
    log,
  );

  const kafka = await connectKafka(config, topics, log).catch((error: unknown) => {
    db.close();
    throw error;
  });
  if (config.rebaseline) await rebaselineOffsets(db.writer, kafka.admin, topics, storedOffsets, log);

  // The snapshot sequence is the publisher's; `running.stats()` adds it.
  const stats: Omit<PipelineStats, 'snapshotSequence'> = {
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    consumerLag: null,
    offsetProblems: [],
  };
  // More messages waiting than CATCH_UP_LAG: a backfill, during which detection waits and publishing paces itself.
  const catchingUp = () => stats.consumerLag !== null && stats.consumerLag > config.catchUpLag;
  const publisher = new SnapshotPublisher({
    catchingUp,
    conn: await db.instance.connect(),
    dir: snapshotDir,
    minIntervalMs: config.snapshotIntervalMs,
    maxWeeksPerSnapshot: config.snapshotMaxWeeks,
    keep: config.keepSnapshots,
    k: config.disclosureK,
    log,
    now,
    meta: () => ({
      [SNAPSHOT_META.consumerLag]: stats.consumerLag === null ? '' : String(stats.consumerLag),
      [SNAPSHOT_META.offsetProblems]: JSON.stringify(stats.offsetProblems),
      [SNAPSHOT_META.areaSource]: deps.registry.source,
      [SNAPSHOT_META.areaYear]: String(deps.registry.year),
    }),
  });
  publisher.markDirty();
  // Partners that go quiet: judged on the clock, so a silence shows although nothing arrives.
  const quality = startQualityStage({
    conn: await db.instance.connect(),
    settings: qualitySettingsOf(config.quality),
    intervalMs: config.quality.intervalMs,
    now,
    catchingUp: () => stats.consumerLag !== null && stats.consumerLag > config.catchUpLag,
    onChange: () => publisher.markDirty(),
    log,
  });
  const metrics = createPipelineMetrics({
    consumerLag: () => stats.consumerLag,
    stoppedPartitions: () => stats.offsetProblems.length,
    snapshotSequence: () => publisher.publishedSequence,
    snapshotPublishedAt: () => publisher.publishedAt,
    now,
  });
  // One core fewer than the machine has: a full detection run (after a start, a backfill or in a new week)
  // takes seconds of CPU, and the steady stream's batches and snapshots must keep a core meanwhile.
  const detectionPool = createDetectionPool(Math.max(1, availableParallelism() - 1));
  const analysis = createAnalysisStage({
    conn: await db.instance.connect(),
    log,
    k: config.disclosureK,
    now,
    pool: detectionPool,
  });
  // Before the first batch: the alarms marker is current only against the offsets the consumer starts from.
  await analysis.resume();
  const scheduler = startAnalysisScheduler({
    analysis,
    intervalMs: config.analysisIntervalMs,
    catchingUp,
    metrics,
    onChanges: (changes) => publisher.markAnalysed(changes),
    log,
  });
  const writer = createWriteSerialiser(db.writer, {
    retentionWeeks: config.retentionWeeks,
    now,
    log,
    cubeRows: await readCubeRowCount(db.writer),
  });
  const offsetWatch = startOffsetWatch({
    admin: kafka.admin,
    topics,
    stored: storedOffsets,
    intervalMs: 2_000,
    log,
    onLag: (lag) => {
      stats.consumerLag = lag;
    },
    onChange: () => {
      stats.offsetProblems = offsetWatch.problems();
      publisher.markDirty();
    },
  });

  const ingest = await startSignalIngest({
    config,
    registry: deps.registry,
    kafka: kafka.kafka,
    producer: kafka.producer,
    topics,
    storedOffsets,
    guard: offsetWatch,
    ledger: db.writer,
    idFilter,
    recordKey: db.recordKey,
    recordKeySecret: db.recordKeySecret,
    writer,
    metrics,
    onCommitted: (outcome) => {
      stats.accepted += outcome.accepted;
      stats.rejected += outcome.rejected;
      stats.duplicates += outcome.duplicates;
      // Distinct weeks: a batch's thousands of cells fall in a few, and markTouched converts each it is given.
      analysis.markTouched(touchedSeries(outcome.cells), new Set(outcome.cells.map((c) => c.weekMonday)));
      publisher.markChanged(outcome.cells);
    },
    log,
    onFatal: deps.onFatal,
    now,
  });
  const httpsRejections = await startHttpsRejectionConsumer({
    config,
    kafka: kafka.kafka,
    storedOffsets: storedDlqOffsets,
    writer,
    onCounted: () => publisher.markDirty(),
    log,
    onFatal: deps.onFatal,
    now,
  });
  // Triage marks and subscriptions from the API, shown by every API process after the next snapshot.
  const actions = await startUserActionConsumer({
    config,
    kafka: kafka.kafka,
    storedOffsets: storedActionOffsets,
    writer,
    deadLetters: kafkaDeadLetterWriter(kafka.producer, config.dlqTopic),
    onStored: () => publisher.markDirty(),
    log,
    onFatal: deps.onFatal,
    now,
  });

  let metricsServer: MetricsServer | null = null;
  const running: RunningPipeline = {
    stats: () => ({ ...stats, snapshotSequence: publisher.publishedSequence }),
    metrics,
    get metricsUrl() {
      return metricsServer?.url ?? null;
    },
    async stop() {
      await metricsServer?.close();
      offsetWatch.stop();
      writer.stop();
      await scheduler.stop();
      await quality.stop();
      await detectionPool.close();
      await ingest.stop();
      await httpsRejections.disconnect().catch(() => undefined);
      await actions.disconnect().catch(() => undefined);
      await publisher.flush();
      await publisher.stop();
      await kafka.disconnect();
      db.close();
      log('pipeline.stopped', { ...running.stats() });
    },
  };
  if (config.metricsPort !== null) {
    metricsServer = await startMetricsServer(metrics.registry, config.metricsPort, config.metricsHost).catch(
      async (error: unknown) => {
        await running.stop();
        throw error;
      },
    );
    log('metrics.listening', { url: `${metricsServer.url}/metrics` });
  }
  return running;
}
