import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, Partitioners, type Admin, type Consumer, type Producer } from 'kafkajs';
import type { AreaRegistry } from '@wijksignaal/contracts/area';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { SNAPSHOT_META } from '@wijksignaal/contracts/snapshot';
import { MAX_SIGNAL_BYTES, partnerOfTopic, partnerTopic } from '@wijksignaal/contracts/topics';
import { kafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import { areaLookup } from '@wijksignaal/areas/area-lookup';
import type { ValidationContext } from '@wijksignaal/domain/validate/validate-signal';
import type { PipelineConfig } from './config.ts';
import { touchedSeries } from './aggregate/cube-delta.ts';
import { createAnalysisStage } from './analyse/analysis-stage.ts';
import { handleBatch } from './consume/batch-handler.ts';
import type { OffsetProblem } from './consume/offset-guard.ts';
import { startOffsetWatch } from './consume/offset-watch.ts';
import { rebaselineOffsets } from './consume/rebaseline.ts';
import { kafkaDeadLetterWriter } from './consume/dead-letter-writer.ts';
import { httpsRejectionWrite } from './consume/https-rejections.ts';
import { startSignalConsumer } from './consume/signal-consumer.ts';
import { kafkaLogCreator, type Log } from './log/logger.ts';
import { startMetricsServer, type MetricsServer } from './metrics/metrics-server.ts';
import { createPipelineMetrics, type PipelineMetrics } from './metrics/pipeline-metrics.ts';
import { SnapshotPublisher } from './publish/snapshot-publisher.ts';
import { openLiveDb } from './store/live-db.ts';
import { findKnownIds, readIdFilter, readStoredOffsets } from './store/read-state.ts';
import { pruneSignals } from './store/prune-signals.ts';
import { writeBatch } from './store/write-batch.ts';
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
  deps.log('pipeline.state_loaded', {
    offsets: Object.fromEntries(
      [...storedOffsets].map(([topic, next]) => [topic, Object.fromEntries([...next].map(([p, o]) => [p, o.toString()]))]),
    ),
    knownIds: idFilter.size,
  });

  const areas = areaLookup(deps.registry);
  const partners = new Set(config.partners);
  let cachedWeek = { at: 0, week: isoWeekFromDate(now()) };
  const validationContext = (): ValidationContext => {
    const t = now();
    if (t.getTime() - cachedWeek.at > 60_000) cachedWeek = { at: t.getTime(), week: isoWeekFromDate(t) };
    return {
      partners,
      areas,
      areaYear: deps.registry.year,
      currentWeek: cachedWeek.week,
      retentionWeeks: config.retentionWeeks,
      maxBytes: MAX_SIGNAL_BYTES,
    };
  };

  const connection = (() => {
    try {
      return kafkaConnection({
        brokers: config.brokers,
        username: config.kafkaUsername,
        passwordFile: config.kafkaPasswordFile,
        caFile: config.kafkaCaFile,
      });
    } catch (error) {
      db.close();
      throw error;
    }
  })();
  const kafka = new Kafka({
    clientId: 'wijksignaal-pipeline',
    ...connection,
    connectionTimeout: 3_000,
    logCreator: kafkaLogCreator(deps.log),
    retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000 },
  });
  const producer: Producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const admin: Admin = kafka.admin({ retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 2_000 } });
  try {
    await admin.connect();
    await admin.fetchTopicMetadata({ topics: [...topics, config.dlqTopic] });
  } catch (error) {
    db.close();
    await admin.disconnect().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot use Kafka at ${config.brokers.join(',')} (${reason}); start a broker with npm run kafka (which also creates the partner topics and ${config.dlqTopic}) or point KAFKA_BROKERS at one`,
    );
  }
  await producer.connect();
  if (config.rebaseline) await rebaselineOffsets(db.writer, admin, topics, storedOffsets, deps.log);

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
    log: deps.log,
    now,
    meta: () => ({
      [SNAPSHOT_META.consumerLag]: stats.consumerLag === null ? '' : String(stats.consumerLag),
      [SNAPSHOT_META.offsetProblems]: JSON.stringify(stats.offsetProblems),
      [SNAPSHOT_META.areaSource]: deps.registry.source,
      [SNAPSHOT_META.areaYear]: String(deps.registry.year),
    }),
  });
  publisher.markDirty();
  const metrics = createPipelineMetrics({
    consumerLag: () => stats.consumerLag,
    stoppedPartitions: () => stats.offsetProblems.length,
    snapshotSequence: () => publisher.publishedSequence,
    snapshotPublishedAt: () => publisher.publishedAt,
    now,
  });

  // Detection runs on its own connection and pace, so count snapshots never wait for it; what it rewrote
  // goes into the next snapshot. It pauses while the consumer is catching up: a backfill would re-detect
  // the same series again and again. A failed run is logged and its series are retried next time.
  const analysis = createAnalysisStage({ conn: await db.instance.connect(), log: deps.log, k: config.disclosureK, now });
  let analysing: Promise<void> | null = null;
  const analysisTimer = setInterval(() => {
    const catchingUp = stats.consumerLag !== null && stats.consumerLag > config.catchUpLag;
    if (analysing || catchingUp) return;
    const started = performance.now();
    analysing = analysis
      .run()
      .then((changes) => {
        metrics.recordDetection((performance.now() - started) / 1000, true);
        if (changes) publisher.markAnalysed(changes);
      })
      .catch((error: unknown) => {
        metrics.recordDetection((performance.now() - started) / 1000, false);
        deps.log('analysis.failed', { error: error instanceof Error ? error.message.split('\n')[0] : String(error) }, 'error');
      })
      .finally(() => {
        analysing = null;
      });
  }, config.analysisIntervalMs);

  const deadLetters = kafkaDeadLetterWriter(producer, config.dlqTopic);
  // Two consumers write through the one writer connection; their transactions must not interleave.
  let writing: Promise<unknown> = Promise.resolve();
  const write = (batch: Parameters<typeof writeBatch>[1]): Promise<void> => {
    const next = writing.then(() => writeBatch(db.writer, batch));
    writing = next.catch(() => undefined);
    return next;
  };
  // The signal ledger keeps RETENTION_WEEKS of weeks: pruned at start and every six hours, through the
  // writer so it never interleaves with a batch.
  const prune = () => {
    writing = writing
      .then(() => pruneSignals(db.writer, isoWeekFromDate(now()), config.retentionWeeks))
      .then((removed) => removed > 0 && deps.log('signals.pruned', { removed, retentionWeeks: config.retentionWeeks }))
      .catch((error: unknown) => deps.log('signals.prune_failed', { error: (error as Error).message.split('\n')[0] }, 'error'));
  };
  prune();
  const pruneTimer = setInterval(prune, 6 * 3_600_000);
  pruneTimer.unref();
  const ports = {
    validationContext,
    partnerOfTopic: (topic: string) => partnerOfTopic(topic, config.topicPrefix),
    idFilter,
    recordKey: db.recordKey,
    findKnownIds: (ids: readonly string[]) => findKnownIds(db.writer, ids),
    deadLetters,
    write,
    now,
  };
  const offsetWatch = startOffsetWatch({
    admin,
    topics,
    stored: storedOffsets,
    intervalMs: 2_000,
    log: deps.log,
    onLag: (lag) => {
      stats.consumerLag = lag;
    },
    onChange: () => {
      stats.offsetProblems = offsetWatch.problems();
      publisher.markDirty();
    },
  });
  const consumer: Consumer = await startSignalConsumer({
    kafka,
    groupId: config.groupId,
    topics,
    storedOffsets,
    sessionTimeoutMs: config.sessionTimeoutMs,
    log: deps.log,
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
      deps.log('batch.committed', {
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
  const httpsRejections: Consumer = await startSignalConsumer({
    kafka,
    groupId: `${config.groupId}.https-rejections`,
    topics: [config.dlqTopic],
    storedOffsets: storedDlqOffsets,
    sessionTimeoutMs: config.sessionTimeoutMs,
    log: deps.log,
    onFatal: deps.onFatal,
    onBatch: async (batch, storedNext) => {
      const counted = httpsRejectionWrite(batch, storedNext, now());
      if (!counted) return null;
      await write(counted);
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
      clearInterval(pruneTimer);
      clearInterval(analysisTimer);
      if (analysing) await analysing;
      await consumer.disconnect().catch(() => undefined);
      await httpsRejections.disconnect().catch(() => undefined);
      await publisher.flush();
      await publisher.stop();
      await producer.disconnect().catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
      db.close();
      deps.log('pipeline.stopped', { ...stats });
    },
  };
  if (config.metricsPort !== null) {
    try {
      metricsServer = await startMetricsServer(metrics.registry, config.metricsPort, config.metricsHost);
    } catch (error) {
      await running.stop();
      const code = (error as NodeJS.ErrnoException).code;
      throw new Error(
        `cannot serve metrics on ${config.metricsHost}:${config.metricsPort} (${code ?? (error as Error).message}); choose another METRICS_PORT or leave it unset`,
      );
    }
    deps.log('metrics.listening', { url: `${metricsServer.url}/metrics` });
  }
  return running;
}
