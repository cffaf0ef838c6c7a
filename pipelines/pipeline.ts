import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AreaRegistry } from '@wijksignaal/contracts/area';
import type { OffsetProblem } from '@wijksignaal/contracts/offset-problem';
import { SNAPSHOT_META } from '@wijksignaal/contracts/snapshot';
import { partnerOfTopic, partnerTopic } from '@wijksignaal/contracts/topics';
import type { PipelineConfig } from './config.ts';
import { touchedSeries } from './aggregate/cube-delta.ts';
import { startAnalysisScheduler } from './analyse/analysis-scheduler.ts';
import { createAnalysisStage } from './analyse/analysis-stage.ts';
import { createDetectionPool } from './analyse/detection-pool.ts';
import { handleBatch, type BatchHandlerPorts } from './consume/batch-handler.ts';
import { connectKafka } from './consume/connect-kafka.ts';
import { kafkaDeadLetterWriter } from './consume/dead-letter-writer.ts';
import { httpsRejectionWrite } from './consume/https-rejections.ts';
import { startOffsetWatch } from './consume/offset-watch.ts';
import { rebaselineOffsets } from './consume/rebaseline.ts';
import { startSignalConsumer } from './consume/signal-consumer.ts';
import { validationContextOf } from './consume/validation-context.ts';
import type { Log } from './log/logger.ts';
import { startMetricsServer, type MetricsServer } from './metrics/metrics-server.ts';
import { createPipelineMetrics, type PipelineMetrics } from './metrics/pipeline-metrics.ts';
import { SnapshotPublisher } from './publish/snapshot-publisher.ts';
import { qualitySettingsOf, startQualityStage } from './quality/quality-stage.ts';
import { openLiveDb } from './store/live-db.ts';
import { findKnownIds, readCubeRowCount, readIdFilter, readStoredOffsets, type StoredOffsets } from './store/read-state.ts';
import { createWriteSerialiser } from './store/write-serialiser.ts';
import { writeRegistry } from './store/write-registry.ts';

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
  // Owner-only (with main.ts's umask 077 for the files): the live database holds the raw cube and the
  // record-key secret, the snapshots what the API serves; a DATA_DIR made earlier is closed too.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(config.dataDir, 0o700);
  const snapshotDir = join(config.dataDir, 'snapshots');
  mkdirSync(snapshotDir, { recursive: true, mode: 0o700 });

  const db = await openLiveDb({ path: join(config.dataDir, 'live.duckdb'), memoryLimit: config.memoryLimit, threads: 2 });
  await writeRegistry(db.writer, deps.registry, config.partners);
  // One topic per partner: its credentials may write that topic only, so the topic says who sent it.
  const topics = config.partners.map((partner) => partnerTopic(partner, config.topicPrefix));
  const storedOffsets = await readStoredOffsets(db.writer, topics);
  const storedDlqOffsets = await readStoredOffsets(db.writer, [config.dlqTopic], 'dlq_offsets');
  const idFilter = await readIdFilter(db.writer);
  log('pipeline.state_loaded', { offsets: offsetsForLog(storedOffsets), knownIds: idFilter.size });

  const kafka = await connectKafka(config, topics, log).catch((error: unknown) => {
    db.close();
    throw error;
  });
  if (config.rebaseline) await rebaselineOffsets(db.writer, kafka.admin, topics, storedOffsets, log);

  const stats: PipelineStats = {
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    consumerLag: null,
    offsetProblems: [],
    snapshotSequence: 0,
  };
  const publisher = new SnapshotPublisher({
    conn: await db.instance.connect(),
    dir: snapshotDir,
    minIntervalMs: config.snapshotIntervalMs,
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
  const detectionPool = createDetectionPool();
  const analysis = createAnalysisStage({
    conn: await db.instance.connect(),
    log,
    k: config.disclosureK,
    now,
    pool: detectionPool,
  });
  const scheduler = startAnalysisScheduler({
    analysis,
    intervalMs: config.analysisIntervalMs,
    catchingUp: () => stats.consumerLag !== null && stats.consumerLag > config.catchUpLag,
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

  const ports: BatchHandlerPorts = {
    validationContext: validationContextOf(deps.registry, config.partners, config.retentionWeeks, now),
    partnerOfTopic: (topic) => partnerOfTopic(topic, config.topicPrefix),
    idFilter,
    recordKey: db.recordKey,
    findKnownIds: (ids) => findKnownIds(db.writer, ids),
    deadLetters: kafkaDeadLetterWriter(kafka.producer, config.dlqTopic),
    write: writer.write,
    now,
  };
  const consumer = await startSignalConsumer({
    kafka: kafka.kafka,
    groupId: config.groupId,
    topics,
    storedOffsets,
    sessionTimeoutMs: config.sessionTimeoutMs,
    log,
    onFatal: deps.onFatal,
    guard: offsetWatch,
    onBatch: async (batch, storedNext) => {
      const started = performance.now();
      const outcome = await handleBatch(ports, batch, storedNext);
      if (!outcome) return null;
      metrics.recordBatch({ outcomes: outcome.outcomes.values(), seconds: (performance.now() - started) / 1000 });
      stats.accepted += outcome.accepted;
      stats.rejected += outcome.rejected;
      stats.duplicates += outcome.duplicates;
      analysis.markTouched(
        touchedSeries(outcome.cells),
        outcome.cells.map((c) => c.weekMonday),
      );
      publisher.markChanged(outcome.cells);
      log('batch.committed', {
        topic: batch.topic,
        partition: batch.partition,
        nextOffset: outcome.nextOffset.toString(),
        accepted: outcome.accepted,
        rejected: outcome.rejected,
        duplicates: outcome.duplicates,
        cells: outcome.cells.length,
        ...outcome.timings,
      });
      return outcome.nextOffset;
    },
  });

  // Rejections made at the HTTPS door arrive on the dead-letter topic; counting them here, with the DLQ
  // offsets in the same transaction, shows them in ingest-status exactly once, across restarts.
  const httpsRejections = await startSignalConsumer({
    kafka: kafka.kafka,
    groupId: `${config.groupId}.https-rejections`,
    topics: [config.dlqTopic],
    storedOffsets: storedDlqOffsets,
    sessionTimeoutMs: config.sessionTimeoutMs,
    log,
    onFatal: deps.onFatal,
    onBatch: async (batch, storedNext) => {
      const counted = httpsRejectionWrite(batch, storedNext, now());
      if (!counted) return null;
      await writer.write(counted);
      if (counted.outcomes.size > 0) publisher.markDirty();
      return BigInt(counted.nextOffset);
    },
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
      await consumer.disconnect().catch(() => undefined);
      await httpsRejections.disconnect().catch(() => undefined);
      await publisher.flush();
      await publisher.stop();
      await kafka.disconnect();
      db.close();
      log('pipeline.stopped', { ...stats });
    },
  };
  if (config.metricsPort !== null) {
    metricsServer = await startMetricsServer(metrics.registry, config.metricsPort, config.metricsHost).catch(
      async (error: unknown) => {
        await running.stop();
        const code = (error as NodeJS.ErrnoException).code;
        throw new Error(
          `cannot serve metrics on ${config.metricsHost}:${config.metricsPort} (${code ?? (error as Error).message}); choose another METRICS_PORT or leave it unset`,
        );
      },
    );
    log('metrics.listening', { url: `${metricsServer.url}/metrics` });
  }
  return running;
}

function offsetsForLog(stored: StoredOffsets): Record<string, Record<number, string>> {
  return Object.fromEntries(
    [...stored].map(([topic, next]) => [topic, Object.fromEntries([...next].map(([p, o]) => [p, o.toString()]))]),
  );
}
