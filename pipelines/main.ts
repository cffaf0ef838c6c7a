import { loadAreaRegistry } from '@wijksignaal/areas/load-area-registry';
import { parsePipelineConfig, PIPELINE_USAGE } from './config.ts';
import { createLogger } from './log/logger.ts';
import { startPipeline, type RunningPipeline } from './pipeline.ts';

/** `npm run pipeline`: the single writer. Config is read once here and passed down. */
async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(PIPELINE_USAGE);
    return;
  }
  let config;
  try {
    config = parsePipelineConfig(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`pipeline: ${error instanceof Error ? error.message : String(error)} (see npm run pipeline -- --help)`);
    process.exit(2);
  }
  const log = createLogger('pipeline');
  // Handlers go in before start-up: a SIGTERM while the consumers are still joining their groups is kept
  // and honoured (a clean stop) as soon as the pipeline runs, instead of killing it mid-start.
  let pipeline: RunningPipeline | null = null;
  let stopRequested = false;
  const stopAndExit = (running: RunningPipeline) =>
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`pipeline: stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  const shutdown = () => {
    if (stopRequested) return;
    stopRequested = true;
    if (pipeline) void stopAndExit(pipeline);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  const registry = await loadAreaRegistry({ areasFile: config.areasFile, populationFile: config.populationFile });
  log('pipeline.starting', {
    brokers: config.brokers,
    topicPrefix: config.topicPrefix,
    partners: config.partners,
    areas: registry.areas.length,
    source: registry.source,
  });
  // Every file the pipeline writes (live database, write-ahead log, snapshots) is readable by its owner only.
  process.umask(0o077);
  pipeline = await startPipeline(config, {
    registry,
    log,
    onFatal: (error) => {
      console.error(
        `pipeline: ${error.message.split('\n')[0]}; stopping (its supervisor or npm start restarts it from the stored offsets)`,
      );
      if (stopRequested || !pipeline) process.exit(1);
      stopRequested = true;
      void pipeline.stop().finally(() => process.exit(1));
    },
  });
  log('pipeline.running', {});
  if (stopRequested) void stopAndExit(pipeline);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`pipeline: ${message.split('\n')[0]}`);
  process.exit(1);
});
