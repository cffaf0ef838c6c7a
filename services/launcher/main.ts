import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunningBroker } from '@wijksignaal/kafka-local/broker';
import { PIPELINE_ENTRY, pipelineProcess } from '@wijksignaal/contracts/pipeline-process';
import { startChild, type RunningChild } from './child-service.ts';
import { ensureDashboardBuilt } from './dashboard-build.ts';
import { launchKafka } from './launch-kafka.ts';
import { LAUNCHER_USAGE, LauncherUsageError, parseLauncherConfig, type LauncherConfig } from './launcher-config.ts';
import { waitUntilReady } from './wait-until-ready.ts';

/**
 * `npm start`: the whole product on one machine — a local Kafka broker (unless KAFKA_BROKERS is set), the
 * pipeline, the API with the dashboard, and the demo simulator. Ctrl-C stops all of it.
 */
async function main(): Promise<void> {
  let config: LauncherConfig | 'help';
  try {
    config = parseLauncherConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof LauncherUsageError)) throw error;
    console.error(`start: ${error.message}\n${LAUNCHER_USAGE}`);
    process.exit(2);
  }
  if (config === 'help') {
    console.log(LAUNCHER_USAGE);
    return;
  }
  const logDir = join(config.dataDir, 'logs');
  // Process logs name routes, partners and subjects: owner-only, like the rest of DATA_DIR.
  mkdirSync(logDir, { recursive: true, mode: 0o700 });
  chmodSync(logDir, 0o700);
  await ensureDashboardBuilt(resolve(import.meta.dirname, '../..'), (line) => console.log(line));

  let broker: RunningBroker | null = null;
  const children: RunningChild[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of [...children].reverse()) await child.stop();
    await broker?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const kafka = await launchKafka(config.kafka, process.env, (line) => console.log(line));
  broker = kafka.broker;
  const env = { ...process.env, DATA_DIR: config.dataDir, PORT: String(config.port) };
  const pipeline = pipelineProcess(process.env);
  children.push(
    startChild(
      'pipeline',
      PIPELINE_ENTRY,
      config.passThrough,
      { ...env, ...pipeline.env, ...kafka.envFor('pipeline') },
      logDir,
      pipeline.nodeFlags,
    ),
  );
  children.push(startChild('api', 'services/api/main.ts', [], { ...env, ...kafka.envFor('api') }, logDir));
  // Without NOTIFIER_SECRET the notifier signs with the public demo secret and posts to webhooks on this machine only.
  children.push(startChild('notifier', 'services/notifier/main.ts', [], env, logDir));
  for (const child of children) {
    void child.exited.then((code) => {
      if (stopping) return;
      console.error(
        `start: the ${child.name} stopped unexpectedly (exit ${code}): ${child.lastError() || `see ${child.logFile}`}`,
      );
      void stopAll(1);
    });
  }
  const url = `http://localhost:${config.port}`;
  await waitUntilReady(`http://127.0.0.1:${config.port}/api/v1/ready`, () => stopping);
  if (config.simulator) {
    const simulator = startChild(
      'simulator',
      'services/simulator/main.ts',
      ['--demo', ...config.passThrough],
      { ...env, ...kafka.envFor('demoPartners') },
      logDir,
    );
    children.push(simulator);
    void simulator.exited.then((code) => {
      if (!stopping && code !== 0) console.error(`start: the simulator stopped (exit ${code}): ${simulator.lastError()}`);
    });
  }
  const signIn = process.env.AUTH_ISSUER
    ? `sign in at ${process.env.AUTH_ISSUER}`
    : 'sign in as epidemioloog, teamleider, partner-thuiszorg or beheerder (password demo); for curl: npm run token -- --role epidemiologist';
  console.log(`\nWijksignaal is running: open ${url}\n  ${signIn}\n  logs: ${logDir}\n  Ctrl-C stops everything.`);
}

main().catch((error: unknown) => {
  console.error(`start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(1);
});
