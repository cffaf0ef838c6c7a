import { isLoopbackHost } from '@wijksignaal/contracts/loopback';
import { ConfigError, USAGE, parseApiConfig } from './config.ts';
import { auditLogFiles } from './ops/audit-log-files.ts';
import { openAuthentication } from './auth/open-authentication.ts';
import { kafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import { kafkaSignalSink } from './ingest/kafka-signal-sink.ts';
import { kafkaActionSink } from './actions/kafka-action-sink.ts';
import { startApiServer, type ApiServer } from './server.ts';

/**
 * `npm run api`: serves /api/v1 and the dashboard over the newest snapshot in $DATA_DIR/snapshots.
 * It answers health and readiness at once and starts serving data when the pipeline publishes.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = parseApiConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`api: ${error.message}`);
    process.exit(2);
  }
  if (config.help) {
    console.log(USAGE);
    return;
  }

  let server: ApiServer;
  let signInBy = '';
  try {
    const authentication = await openAuthentication(config.auth, config.dataDir);
    signInBy = authentication.description;
    server = await startApiServer({
      port: config.port,
      host: config.host,
      snapshotDir: config.snapshotDir,
      dashboardDir: config.dashboardDir,
      disclosure: { minDenominator: config.minDenominator },
      authenticate: authentication.authenticate,
      localSignIn: authentication.localSignIn,
      signalSink: config.ingest.kafka
        ? kafkaSignalSink({
            connection: kafkaConnection(config.ingest.kafka.settings),
            topicPrefix: config.ingest.kafka.topicPrefix,
            dlqTopic: config.ingest.kafka.dlqTopic,
          })
        : undefined,
      actionSink: config.ingest.kafka
        ? kafkaActionSink({ connection: kafkaConnection(config.ingest.kafka.settings), topic: config.ingest.kafka.actionsTopic })
        : undefined,
      // The demo sign-in is on only on loopback (or a closed network): a local webhook receiver is a demo's.
      localWebhooks: !config.auth.issuer,
      ingest: config.ingest.limits,
      audit: auditLogFiles(config.audit),
      limits: config.limits,
      queryTimeoutMs: config.queryTimeoutMs,
      hsts: config.hsts,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${config.port} is already in use; stop the other process or choose another with PORT or --port`
        : code === 'EACCES'
          ? `no permission to listen on port ${config.port}; choose a port above 1023`
          : (error as Error).message.split('\n')[0];
    console.error(`api: ${reason}`);
    process.exit(1);
  }

  console.log(`api: accepting ${signInBy} and partner API keys`);
  if (!config.auth.issuer && !isLoopbackHost(config.host)) {
    // Only with DEMO_ON_NETWORK=1 (the config refuses it otherwise): say so on every start.
    console.error(`api: warning: demo sign-in on ${config.host} (DEMO_ON_NETWORK=1); anyone who reaches it can sign in as admin`);
  }
  if (config.publicUrl) {
    console.log(`api: users reach it at ${config.publicUrl}${config.hsts ? ' (Strict-Transport-Security on)' : ''}`);
  } else if (!isLoopbackHost(config.host)) {
    console.log('api: no PUBLIC_URL: set it to the https address of your TLS proxy so responses carry Strict-Transport-Security');
  }
  const kafka = config.ingest.kafka;
  console.log(
    kafka
      ? `api: partner ingest over HTTPS produces to ${kafka.topicPrefix}.partner.<partner> on ${kafka.settings.brokers.join(',')}${kafka.settings.username ? ` as ${kafka.settings.username} (SASL_SSL)` : ''}`
      : 'api: partner ingest over HTTPS is off (set KAFKA_BROKERS to turn it on)',
  );
  const first = server.snapshots.current();
  console.log(
    `Wijksignaal API on ${server.url} (snapshots: ${config.snapshotDir}; ${first ? `serving snapshot ${first.sequence}` : 'waiting for the first snapshot'})`,
  );
  if (!first) {
    const stop = server.snapshots.onSwap((snapshot) => {
      console.log(`api: serving snapshot ${snapshot.sequence}`);
      stop();
    });
  }

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`api: ${signal} received, stopping`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`api: stopping failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`api: ${(error as Error).message?.split('\n')[0] ?? String(error)}`);
  process.exit(1);
});
