import { NOTIFIER_USAGE, NotifierConfigError, parseNotifierConfig } from './notifier-config.ts';
import { notifierLogLine } from './notifier-log-line.ts';
import { startNotifier } from './start-notifier.ts';

/** `npm run notifier`: posts new and escalated alarms and weekly digests to subscribers' webhooks. */
async function main(): Promise<void> {
  let config;
  try {
    config = parseNotifierConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof NotifierConfigError)) throw error;
    console.error(`notifier: ${error.message}`);
    process.exit(2);
  }
  if (config.help) {
    console.log(NOTIFIER_USAGE);
    return;
  }
  if (config.demoSecret) {
    console.log(
      'notifier: no NOTIFIER_SECRET, so deliveries are signed with the public demo secret and go to webhooks on this machine only',
    );
  }
  const notifier = await startNotifier({ config });
  // After the snapshot LATEST named at start has been read: from here on, new alarm events are news.
  const lastSeq = await notifier.state.lastSeq();
  console.log(notifierLogLine(new Date(), 'info', 'notifier.following', { snapshotDir: config.snapshotDir, lastSeq }));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void notifier.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Timers are unref'd: this keeps the process alive until a signal.
  setInterval(() => {}, 1 << 30);
}

main().catch((error: unknown) => {
  console.error(`notifier: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(1);
});
