import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { parseBenchConfig } from './bench-config.ts';
import { benchBroker } from './bench-broker.ts';
import { benchRegistry } from './bench-registry.ts';
import { formatNumber } from './bench-report.ts';
import { MARKER_WEEKS_BACK, ingestStage } from './ingest-stage.ts';
import { latencyStage } from './latency-stage.ts';
import { describeActivity } from './pipeline-activity.ts';
import { peakRssMb } from './process-memory.ts';

/**
 * Stages [1] and [2a] of `npm run bench` alone, for back-to-back A/B runs of the write path: the kcat
 * baseline and the pipeline's ingest on the same topic, then the produce-to-visible latency at the steady
 * rate on the pipeline that just took in the backfill (its first detection run and full snapshot fall in
 * it). Same environment as the bench (`BENCH_SIGNALS`, `BENCH_LATENCY_SECONDS`, `DATA_DIR`, `KAFKA_BROKERS`).
 */
async function main(): Promise<void> {
  const config = parseBenchConfig(process.env);
  const say = (line: string) => console.log(line);
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ');
  say(`ingest alone — ${new Date().toISOString()}, load average ${load()}`);
  const runDir = join(config.benchDir, `ingest-${Date.now().toString(36)}`);
  mkdirSync(runDir, { recursive: true });
  const broker = await benchBroker(config.benchDir, config.externalBrokers, () => undefined);
  let stopPipeline: (() => Promise<unknown>) | null = null;
  try {
    const area = await benchRegistry();
    const { topic, markerTopic, signalFile, kcatPerSec, pipelineDir, ingest } = await ingestStage({
      config,
      brokers: broker.brokers,
      runDir,
      area,
      say: () => undefined,
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
      `  batch time summed over ${commits.length} commits: validate ${sum('validateMs')} ms, dead letters ${sum('deadLetterMs')} ms, write ${sum('writeMs')} ms`,
    );
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
    await stopPipeline?.().catch(() => undefined);
    await broker.stop().catch(() => undefined);
    rmSync(runDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`ingest-alone: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(1);
});
