import { rmSync } from 'node:fs';
import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { benchRegistry } from './bench-registry.ts';
import { formatNumber } from './bench-report.ts';
import { ingestRunSetup } from './ingest-run-setup.ts';
import { MARKER_WEEKS_BACK, ingestStage } from './ingest-stage.ts';
import { latencyStage } from './latency-stage.ts';
import { describeActivity } from './pipeline-activity.ts';
import { peakRssMb } from './process-memory.ts';
import { describeThreadCpu, sampleThreadCpu, type ThreadCpuSampler } from './thread-cpu.ts';

/**
 * Stages [1] and [2a] of `npm run bench` alone, for back-to-back A/B runs of the write path: the kcat
 * baseline and the pipeline's ingest on the same topic, then the produce-to-visible latency at the steady
 * rate on the pipeline that just took in the backfill (its first detection run and full snapshot fall in
 * it). Next to the rate, the CPU each of the pipeline's threads used over the catch-up (/proc): on a
 * shared machine the rate moves with the other load, the CPU per signal much less. Same environment as the bench (`BENCH_SIGNALS`, `BENCH_LATENCY_SECONDS`, `DATA_DIR`, `KAFKA_BROKERS`).
 */
async function main(): Promise<void> {
  const { config, say, load, runDir, broker } = await ingestRunSetup('ingest alone', 'ingest');
  let stopPipeline: (() => Promise<unknown>) | null = null;
  let sampler: ThreadCpuSampler | undefined;
  try {
    const area = await benchRegistry();
    const { topic, markerTopic, signalFile, kcatPerSec, pipelineDir, ingest } = await ingestStage({
      config,
      brokers: broker.brokers,
      runDir,
      area,
      say: () => undefined,
      pipeline: { onSpawn: (child) => (sampler = sampleThreadCpu(child.child.pid!)) },
    });
    say(`kcat -C: ${formatNumber(kcatPerSec)} signals/s (load ${load()})`);
    stopPipeline = () => ingest.pipeline.stop();
    say(
      `pipeline: ${formatNumber(ingest.signalsPerSec)} signals/s${ingest.complete ? '' : ' (partial)'}, ratio ${(ingest.signalsPerSec / kcatPerSec).toFixed(3)}, ` +
        `${formatNumber(ingest.signalsPerSecFromFirstCommit)}/s from the first commit, ${formatNumber(ingest.batches)} batches, ` +
        `${formatNumber(ingest.accepted)} accepted, ${formatNumber(ingest.rejected)} rejected; peak RSS ${formatNumber(ingest.peakRssMb ?? NaN)} MB (load ${load()})`,
    );
    const commits = ingest.pipeline.events.filter((e) => e.event === 'batch.committed');
    const sum = (key: string) => formatNumber(commits.reduce((a, e) => a + Number(e[key] ?? 0), 0));
    say(
      `  batch time summed over ${commits.length} commits: validate ${sum('validateMs')} ms, dead letters ${sum('deadLetterMs')} ms, ` +
        `write ${sum('writeMs')} ms (waiting for the write queue ${sum('queueMs')} ms, own commits ${sum('commitMs')} ms: ` +
        `the queue is busy for the sum of the commits)`,
    );
    // CPU time does not depend on the other load on a shared machine the way the rate does: the figure to compare A/B.
    const assigned = Date.parse(String(ingest.pipeline.events.find((e) => e.event === 'consumer.assigned')?.at));
    describeThreadCpu(sampler!.between(assigned, assigned + ingest.seconds * 1000), ingest.committed, say);
    sampler!.stop();
    const markerWijk = area.registry.areas.find((a) => (a.residents ?? 0) > 0)?.code ?? area.registry.areas[0]!.code;
    const loaded = await latencyStage({
      brokers: broker.brokers,
      templates: signalFile.templates,
      markerWijk,
      markerWeek: addIsoWeeks(signalFile.toWeek, -MARKER_WEEKS_BACK),
      ratePerSecond: config.ratePerSecond,
      durationSeconds: config.latencySeconds,
      pipeline: ingest.pipeline,
      pipelineDir,
      topic,
      markerTopic,
    });
    const l = loaded.latency;
    say(
      `visible after the backfill: p50 ${formatNumber(l.p50Ms)} ms, p99 ${formatNumber(l.p99Ms)} ms, max ${formatNumber(l.maxMs)} ms, ` +
        `${l.markersSeen}/${l.markersSent} markers; ${describeActivity(loaded.activity)}`,
    );
    for (const e of ingest.pipeline.events.filter(
      (e) => e.event === 'analysis.done' || (e.event === 'snapshot.published' && Number(e.ms) > 1000),
    ))
      say(`  ${String(e.event)} ${JSON.stringify(e)}`);
    say(`peak RSS after the latency run ${formatNumber(peakRssMb(ingest.pipeline.child.pid!) ?? NaN)} MB (load ${load()})`);
  } finally {
    sampler?.stop();
    await stopPipeline?.().catch(() => undefined);
    await broker.stop().catch(() => undefined);
    rmSync(runDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`ingest-alone: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(1);
});
