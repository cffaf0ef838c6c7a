import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { Kafka, logLevel } from 'kafkajs';
import type { ChildService } from '../support/pipeline-process.ts';
import { BENCH_USAGE, parseBenchConfig, type BenchConfig } from './bench-config.ts';
import { benchBroker, type BenchBroker } from './bench-broker.ts';
import { benchRegistry } from './bench-registry.ts';
import { formatFigure, formatNumber, writeLatestJson, type Figure } from './bench-report.ts';
import { measureDetection } from './detection.ts';
import { measureRBaseline } from './r-baseline.ts';
import { INGEST_TIMEOUT_S, MARKER_WEEKS_BACK, ingestStage } from './ingest-stage.ts';
import { machineFacts } from './machine-facts.ts';
import { measureSnapshotPublish } from './snapshot-publish.ts';
import type { LatencyResult } from './visible-latency.ts';
import { latencyStage, startPipelineOnNewTopic } from './latency-stage.ts';
import { peakRssMb } from './process-memory.ts';
import { describeActivity, pipelineActivity } from './pipeline-activity.ts';
import { apiLoadStage, type ApiLoadStageResult } from './api-load-stage.ts';
import { dashboardJsSize, overviewJsFigure, type PageJs } from './dashboard-js-size.ts';
import {
  describeWithheld,
  measureUsefulness,
  usefulnessFigures,
  usefulnessRegions,
  type UsefulnessResult,
} from './disclosure-usefulness.ts';

const SNAPSHOT_WEEKS = 157; // three years of weekly history
const API_CONNECTIONS = [50, 200] as const;
/** Wijken (× 3 themes) R runs the chain on; about 20 s of R on this kind of machine. */
const R_SAMPLE_WIJKEN = 50;

/** `npm run bench`: the write-path figures of issues 2 and 3, printed with their targets and written to latest.json. */
async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(BENCH_USAGE);
    return;
  }
  let config: BenchConfig;
  try {
    config = parseBenchConfig(process.env);
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n${BENCH_USAGE}`);
    process.exit(2);
  }
  const started = performance.now();
  const facts = machineFacts();
  const say = (line: string) => console.log(line);
  say(`Wijksignaal bench — ${new Date().toISOString()}`);
  say(
    `machine: ${facts.cores} cores (${facts.cpuModel}), load average ${facts.loadAverage.join(' / ')} (1/5/15 min), ${facts.memoryGb} GB RAM (${facts.freeMemoryGb} free), node ${facts.node}`,
  );
  if (facts.loadAverage[0] > facts.cores)
    say(
      `note: the machine is busy (load ${facts.loadAverage[0]} on ${facts.cores} cores); every figure below shares the CPU with that load`,
    );

  const runDir = join(config.benchDir, `run-${Date.now().toString(36)}`);
  mkdirSync(runDir, { recursive: true });
  const children: ChildService[] = [];
  let broker: BenchBroker | null = null;
  const cleanUp = async () => {
    for (const child of children.reverse()) await child.stop().catch(() => undefined);
    await broker?.stop().catch(() => undefined);
    rmSync(runDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

  try {
    say(config.externalBrokers ? `Kafka: using ${config.externalBrokers}` : 'Kafka: starting a local broker for the bench…');
    broker = await benchBroker(config.benchDir, config.externalBrokers, () => undefined);
    const brokers = broker.brokers;
    const area = await benchRegistry();
    say(`areas: ${area.description}`);

    // 1. Ingest throughput next to kcat on the same topic.
    const stage = await ingestStage({ config, brokers, runDir, area, say });
    const { suffix, topic, signalFile, produceMs, kcatPerSec, pipelineDir, ingest } = stage;
    const topics = [...stage.topics];
    children.push(ingest.pipeline);
    if (!ingest.complete)
      say(
        `    pipeline: stopped waiting after ${INGEST_TIMEOUT_S} s with ${formatNumber(ingest.committed)} of ${formatNumber(config.signals)} committed`,
      );
    say(
      `    pipeline: ${ingest.seconds.toFixed(1)} s from partition assignment to the last commit, ${formatNumber(ingest.batches)} batches, ` +
        `${formatNumber(ingest.accepted)} accepted, ${formatNumber(ingest.rejected)} rejected, ${formatNumber(ingest.duplicates)} duplicates; ` +
        `${formatNumber(ingest.signalsPerSecFromFirstCommit)} signals/s counted from the first commit instead`,
    );

    // 2. Produce-to-visible latency at a steady rate: on the same pipeline (now holding the million) and
    // topic, then on a fresh pipeline with an empty cube, so the cost of the cube's size shows.
    say(`    meanwhile ${describeActivity(pipelineActivity(ingest.pipeline.events))}`);
    const markerWijk = area.registry.areas.find((a) => (a.residents ?? 0) > 0)?.code ?? area.registry.areas[0]!.code;
    const markerWeek = addIsoWeeks(signalFile.toWeek, -MARKER_WEEKS_BACK);
    const latencyRun = {
      brokers,
      templates: signalFile.templates,
      markerWijk,
      markerWeek,
      ratePerSecond: config.ratePerSecond,
      durationSeconds: config.latencySeconds,
    };
    say(
      `\n[2] visible latency: ${config.ratePerSecond} signals/s for ${config.latencySeconds} s, a marker every 200 ms into ${markerWijk} ${markerWeek}, ` +
        'API ingest-status polled every 20 ms',
    );
    const loaded = await latencyStage({
      ...latencyRun,
      pipeline: ingest.pipeline,
      pipelineDir,
      topic,
      markerTopic: stage.markerTopic,
    });
    say(`    (a) on the pipeline holding the ${formatNumber(config.signals)}: ${describeLatency(loaded.latency)}`);
    say(`        meanwhile ${describeActivity(loaded.activity)}`);
    // #10's memory figure spans the ingest and the detection run after it, which falls in (a).
    const peakRss = peakRssMb(ingest.pipeline.child.pid!);
    const fullRunSeen = ingest.pipeline.events.some((e) => e.event === 'analysis.done' && e.full === true);
    say(
      `        peak RSS ${formatNumber(ingest.peakRssMb ?? NaN)} MB after the ingest, ${formatNumber(peakRss ?? NaN)} MB after (a)` +
        (fullRunSeen ? ', which held the first full detection run' : ' (no full detection run fell in it)'),
    );
    for (const child of children.splice(0).reverse()) await child.stop();

    const fresh = await startPipelineOnNewTopic({
      brokers,
      prefix: `bench.${suffix}.fresh`,
      dataDir: join(runDir, 'fresh'),
      args: area.pipelineArgs,
    });
    topics.push(...fresh.topics);
    children.push(fresh.pipeline);
    const empty = await latencyStage({
      ...latencyRun,
      pipeline: fresh.pipeline,
      pipelineDir: fresh.dataDir,
      topic: fresh.topic,
      markerTopic: fresh.markerTopic,
    });
    say(`    (b) on a fresh pipeline, empty cube: ${describeLatency(empty.latency)}`);
    say(`        meanwhile ${describeActivity(empty.activity)}`);
    for (const child of children.splice(0).reverse()) await child.stop();
    const latency = loaded.latency;

    // 3. Snapshot publish time for three years of the national cube.
    const snapshot = await measureSnapshotPublish({
      dir: join(runDir, 'snapshot'),
      registry: area.registry,
      templates: signalFile.templates,
      toWeek: signalFile.toWeek,
      weeks: SNAPSHOT_WEEKS,
      repeats: 2,
    });
    say(
      `\n[3] snapshot: ${SNAPSHOT_WEEKS} weeks × ${area.registry.areas.length} wijken built in DuckDB in ${snapshot.buildSeconds.toFixed(1)} s: ` +
        `${formatNumber(snapshot.cubeRows)} cube rows from ${formatNumber(snapshot.signalsInCube)} signals; snapshot file ${snapshot.snapshotMb.toFixed(1)} MB; ` +
        `writes ${snapshot.allMs.map((ms) => formatNumber(ms)).join(', ')} ms (mean reported)`,
    );

    // 4. Detection.
    say('\n[4] detection: full chain for every wijk × 3 themes × 4 years, and one 1% incremental batch');
    const detection = await measureDetection(config.seed);
    if (detection.measured) say(`    ${formatNumber(detection.figures.series)} series`);
    else say(`    not measured (${detection.reason})`);
    const rBaseline = measureRBaseline({
      residents: area.registry.areas.map((a) => a.residents ?? 0),
      series: detection.measured ? detection.figures.series : area.registry.areas.length * 3,
      sampleWijken: R_SAMPLE_WIJKEN,
      seed: config.seed,
    });
    say(
      rBaseline.measured
        ? `    R baseline (${rBaseline.version}), the same chain on ${rBaseline.sampledSeries} sampled series: ${rBaseline.sampleSeconds.toFixed(1)} s, ` +
            `so ${formatNumber(rBaseline.nationalSeconds)} s for all of them`
        : `    R baseline skipped: ${rBaseline.reason}; the ratio to R is not printed`,
    );

    // 5. API latency under load on the national snapshot of [3], while a fresh pipeline ingests the steady rate.
    say(
      `\n[5] API under load: overview and a ${SNAPSHOT_WEEKS}-week series on the national snapshot of [3], ` +
        `${API_CONNECTIONS.join(' and ')} connections, ${config.apiLoadSeconds} s each, bearer token of the local issuer, gzip; ` +
        `meanwhile a pipeline ingests ${config.ratePerSecond} signals/s`,
    );
    let load: ApiLoadStageResult | null = null;
    let loadFailure = '';
    try {
      const busy = await startPipelineOnNewTopic({
        brokers,
        prefix: `bench.${suffix}.load`,
        dataDir: join(runDir, 'load'),
        args: area.pipelineArgs,
      });
      topics.push(...busy.topics);
      children.push(busy.pipeline);
      const seriesWijk = [...area.registry.areas].sort((a, b) => (b.residents ?? 0) - (a.residents ?? 0))[0]!.code;
      const seriesFrom = addIsoWeeks(signalFile.toWeek, -(SNAPSHOT_WEEKS - 1));
      load = await apiLoadStage({
        snapshotDataDir: join(runDir, 'snapshot'),
        requests: {
          overview: '/api/v1/overview?theme=loneliness',
          series: `/api/v1/areas/${seriesWijk}/series?theme=loneliness&from=${seriesFrom}&to=${signalFile.toWeek}`,
        },
        connections: API_CONNECTIONS,
        durationSeconds: config.apiLoadSeconds,
        pipeline: busy.pipeline,
        brokers,
        topic: busy.topic,
        templates: signalFile.templates,
        ratePerSecond: config.ratePerSecond,
      });
      for (const r of load.runs)
        say(
          `    ${r.request.padEnd(8)} ${String(r.connections).padStart(3)} connections: p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)}, ` +
            `max ${ms(r.maxMs)}, ${formatNumber(r.requestsPerSec)} requests/s (${formatNumber(r.mbPerSec, 1)} MB/s gzip; ` +
            `${formatNumber(r.bytes / 1024)} KB uncompressed each), ${formatNumber(r.errors)} errors, ${formatNumber(r.unfinished)} unanswered at the end`,
        );
      say(
        `    meanwhile ${formatNumber(load.ingestRatePerSecond)} signals/s were produced and ${describeActivity(load.activity)}`,
      );
    } catch (error) {
      loadFailure = (error as Error).message.split('\n')[0] ?? 'failed';
      say(`    not measured: ${loadFailure}`);
    }
    for (const child of children.splice(0).reverse()) await child.stop();
    const at200 = (request: string) => load?.runs.find((r) => r.request === request && r.connections === 200) ?? null;

    // 6. The dashboard's JavaScript per page.
    let pages: PageJs[] | null = null;
    let pagesFailure = 'the dashboard is not built (npm run build)';
    try {
      pages = dashboardJsSize();
    } catch (error) {
      pagesFailure = (error as Error).message.split('\n')[0] ?? 'failed';
    }
    say('\n[6] dashboard JavaScript per page (entries, layout and page with their static imports; gzip -9 per file)');
    if (pages)
      for (const page of pages)
        say(
          `    ${page.route.padEnd(16)} ${formatNumber(page.gzipKb)} KB gzip (${formatNumber(page.rawKb)} KB raw, ${page.files} files)`,
        );
    else say(`    not measured: ${pagesFailure}`);

    // 7. Disclosure control: how much of the truth the published table still shows.
    say("\n[7] published table: a year of simulated signals per region through the pipeline's build, compared with the truth");
    const usefulness: UsefulnessResult[] = [];
    for (const { label, registry } of await usefulnessRegions()) {
      const result = await measureUsefulness(label, registry, new Date());
      usefulness.push(result);
      say(
        `    ${label} (${result.wijken} wijken, default period ${result.period}): withheld among non-empty wijk cells: ${describeWithheld(result)}`,
      );
    }

    const partial = ingest.complete
      ? undefined
      : `over the ${formatNumber(ingest.committed)} committed within the ${INGEST_TIMEOUT_S} s limit`;
    const figures: Figure[] = [
      {
        key: 'ingestSignalsPerSec',
        label: 'pipeline ingest',
        value: ingest.signalsPerSec,
        unit: 'signals/s',
        note: partial,
        target: { op: '>=', value: 150_000 },
      },
      { key: 'kcatSignalsPerSec', label: 'kcat -C baseline (same topic)', value: kcatPerSec, unit: 'signals/s' },
      {
        key: 'ingestToKcatRatio',
        label: 'pipeline / kcat',
        value: ingest.signalsPerSec / kcatPerSec,
        unit: '',
        digits: 2,
        note: partial,
        target: { op: '>=', value: 0.3 },
      },
      {
        key: 'pipelinePeakRssMb',
        label: 'pipeline peak RSS, with detection',
        value: peakRss,
        unit: 'MB',
        note: peakRss === null ? '/proc unavailable' : fullRunSeen ? undefined : 'no full detection run was seen',
        target: { op: '<=', value: 500 },
      },
      { key: 'pipelinePeakRssIngestMb', label: '  same, after the ingest alone', value: ingest.peakRssMb, unit: 'MB' },
      { key: 'visibleLatencyP50Ms', label: 'produce → visible in API, p50', value: latency.p50Ms, unit: 'ms' },
      {
        key: 'visibleLatencyP99Ms',
        label: 'produce → visible in API, p99',
        value: latency.p99Ms,
        unit: 'ms',
        target: { op: '<=', value: 3000 },
      },
      { key: 'visibleLatencyEmptyCubeP50Ms', label: '  same, empty cube, p50', value: empty.latency.p50Ms, unit: 'ms' },
      {
        key: 'visibleLatencyEmptyCubeP99Ms',
        label: '  same, empty cube, p99',
        value: empty.latency.p99Ms,
        unit: 'ms',
        target: { op: '<=', value: 3000 },
      },
      {
        key: 'snapshotPublishMs',
        label: 'snapshot publish, 3 years national',
        value: snapshot.publishMs,
        unit: 'ms',
        note: area.national ? undefined : 'demo region',
      },
      {
        key: 'detectFullSeconds',
        label: 'detection, full run',
        value: detection.measured ? detection.figures.detectFullSeconds : null,
        unit: 's',
        digits: 2,
        note: detection.measured ? undefined : detection.reason,
        target: { op: '<=', value: 5 },
      },
      {
        key: 'detectFullCpuSeconds',
        label: '  same, CPU time',
        value: detection.measured ? detection.figures.cpu.fullSeconds : null,
        unit: 's',
        digits: 1,
        note: detection.measured ? 'all threads' : detection.reason,
      },
      {
        key: 'detectNewWeekMs',
        label: 'detection, first run in a new week',
        value: detection.measured ? detection.figures.detectNewWeekMs : null,
        unit: 'ms',
        note: detection.measured ? 'only the weeks the new week changed' : detection.reason,
      },
      {
        key: 'detectRestartMs',
        label: 'detection, restart with nothing new',
        value: detection.measured ? detection.figures.restartMs : null,
        unit: 'ms',
        note: detection.measured ? 'the alarms marker is current; priorities re-ranked' : detection.reason,
      },
      {
        key: 'rSurveillanceNationalSeconds',
        label: 'R surveillance, same chain (scaled)',
        value: rBaseline.measured ? rBaseline.nationalSeconds : null,
        unit: 's',
        note: rBaseline.measured ? `${rBaseline.sampledSeries} series timed, ${rBaseline.version}` : rBaseline.reason,
      },
      {
        key: 'detectToRRatio',
        label: 'detection / R surveillance',
        value: rBaseline.measured && detection.measured ? detection.figures.detectFullSeconds / rBaseline.nationalSeconds : null,
        unit: '',
        digits: 4,
        note: rBaseline.measured ? undefined : rBaseline.reason,
      },
      {
        key: 'detectIncrementalMs',
        label: 'detection, 1% incremental batch',
        value: detection.measured ? detection.figures.detectIncrementalMs : null,
        unit: 'ms',
        note: detection.measured ? undefined : detection.reason,
        target: { op: '<=', value: 100 },
      },
      {
        key: 'detectIncrementalCpuMs',
        label: '  same, CPU time',
        value: detection.measured ? detection.figures.cpu.incrementalMs : null,
        unit: 'ms',
        note: detection.measured ? 'all threads' : detection.reason,
      },
      {
        key: 'apiOverviewP99Ms',
        label: 'API overview p99, 200 connections',
        value: at200('overview')?.p99Ms ?? null,
        unit: 'ms',
        note: load
          ? `p50 ${ms(at200('overview')?.p50Ms ?? null)}, ${formatNumber(at200('overview')?.requestsPerSec ?? NaN)} req/s`
          : loadFailure,
        target: { op: '<=', value: 50 },
      },
      {
        key: 'apiOverviewGzipKb',
        label: 'API overview, one answer gzipped',
        value: at200('overview') ? at200('overview')!.gzipBytes / 1024 : null,
        unit: 'KB',
        digits: 1,
        note: load ? `${formatNumber(at200('overview')!.bytes / 1024)} KB as JSON` : loadFailure,
        target: { op: '<=', value: 40 },
      },
      {
        key: 'apiSeriesP99Ms',
        label: 'API series p99, 200 connections',
        value: at200('series')?.p99Ms ?? null,
        unit: 'ms',
        note: load
          ? `p50 ${ms(at200('series')?.p50Ms ?? null)}, ${formatNumber(at200('series')?.requestsPerSec ?? NaN)} req/s`
          : loadFailure,
        target: { op: '<=', value: 20 },
      },
      {
        key: 'apiErrors',
        label: 'API errors under load (all runs)',
        value: load ? load.runs.reduce((sum, r) => sum + r.errors, 0) : null,
        unit: '',
        note: load ? undefined : loadFailure,
        target: { op: '<=', value: 0 },
      },
      overviewJsFigure(pages, pagesFailure),
      ...usefulnessFigures(usefulness),
    ];
    say(
      `\nFigures (${area.national ? 'national CBS map' : 'DEMO REGION, not national'}; load average at start ${facts.loadAverage[0]} on ${facts.cores} cores)`,
    );
    for (const figure of figures) say(formatFigure(figure));
    const file = writeLatestJson(config.reportDir, figures, {
      measuredAt: new Date().toISOString(),
      machine: facts,
      areas: area.description,
      national: area.national,
      signals: config.signals,
      produceSignalsPerSec: config.signals / (produceMs / 1000),
      ingestSeconds: ingest.seconds,
      ingestCommitted: ingest.committed,
      ingestComplete: ingest.complete,
      ingestSignalsPerSecFromFirstCommit: ingest.signalsPerSecFromFirstCommit,
      latency: { holdingTheMillion: loaded, emptyCube: empty },
      snapshot,
      detection: detection.measured ? { series: detection.figures.series } : { reason: detection.reason },
      rBaseline,
      apiLoad: load ?? { reason: loadFailure },
      dashboardJs: pages ?? { reason: pagesFailure },
      usefulness,
    });
    say(`\nwritten to ${file} (whole bench ${seconds(started)} s)`);
    if (!config.externalBrokers) return;
    await deleteTopics(brokers, topics);
  } finally {
    await cleanUp();
  }
}

/** On a shared broker the bench removes the topics it made; its own broker is removed whole. */
async function deleteTopics(brokers: string, topics: string[]): Promise<void> {
  const admin = new Kafka({ clientId: 'wijksignaal-bench', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

function describeLatency(l: LatencyResult): string {
  return (
    `p50 ${formatNumber(l.p50Ms)} ms, p99 ${formatNumber(l.p99Ms)} ms, max ${formatNumber(l.maxMs)} ms; ${l.markersSeen}/${l.markersSent} markers seen; ` +
    `${formatNumber(l.achievedRatePerSecond)} signals/s sent; ${formatNumber(l.polls)} polls answered`
  );
}

function ms(value: number | null): string {
  return value === null ? 'none answered' : `${formatNumber(value)} ms`;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(1);
});
