import type { AddressInfo } from 'node:net';
import type { AuditSink } from './ops/audit-trail.ts';
import { getRequestListener, type ServerType } from '@hono/node-server';
import { createServer } from 'node:http';
import { createApiHandlers } from './app.ts';
import { withFastPath } from './http/fast-path.ts';
import type { Authenticate } from './auth/authenticate.ts';
import type { LocalSignIn } from './auth/local-sign-in.ts';
import type { IngestSettings } from './ingest/ingest-settings.ts';
import type { SignalSink } from './ingest/signal-sink.ts';
import type { ActionSink } from './actions/action-sink.ts';
import { openSnapshotReader, type SnapshotReader } from './db/snapshot-reader.ts';
import type { DisclosureConfig } from './disclosure-views/disclosure-settings.ts';
import type { ReaderLimitSettings } from './limits/reader-limit-settings.ts';
import { batchedLines } from './ops/batched-lines.ts';

export interface ApiServerOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  snapshotDir: string;
  dashboardDir?: string;
  authenticate: Authenticate;
  localSignIn?: LocalSignIn;
  pollMs?: number;
  log?: (line: string) => void;
  disclosure?: DisclosureConfig;
  /** One JSON line per request; default stdout. */
  requestLog?: (line: string) => void;
  /** The audit trail (app.ts); absent: none. */
  audit?: AuditSink;
  /** Where partner ingest produces to; closed with the server. Absent: POST /signals answers 503. */
  signalSink?: SignalSink;
  /** Where triage marks and subscriptions go; closed with the server. Absent: those routes answer 503. */
  actionSink?: ActionSink;
  /** Plain-http webhooks to localhost allowed (demo sign-in). */
  localWebhooks?: boolean;
  ingest?: IngestSettings;
  /** Per-subject rates and caps (app.ts); absent: DEFAULT_READER_LIMITS. */
  limits?: ReaderLimitSettings;
  /** How long a request's snapshot queries may run (db/query-timeout.ts); absent: 10 s. */
  queryTimeoutMs?: number;
  /** Strict-Transport-Security on every response (config.ts: PUBLIC_URL is https). */
  hsts?: boolean;
}

export interface ApiServer {
  url: string;
  port: number;
  snapshots: SnapshotReader;
  /** Stops accepting, lets in-flight requests finish, then closes the snapshots. */
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 5_000;

/** A running API: the snapshot reader plus the HTTP server. Rejects with the listen error (e.g. EADDRINUSE). */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const snapshots = await openSnapshotReader({
    dir: options.snapshotDir,
    pollMs: options.pollMs,
    log: options.log,
    queryTimeoutMs: options.queryTimeoutMs,
  });
  // Ends the server-sent-event streams on close(); they would otherwise hold the server open.
  const shutdown = new AbortController();
  const stdoutLines = batchedLines((text) => process.stdout.write(text));
  const handlers = createApiHandlers({
    snapshots,
    shutdown: shutdown.signal,
    dashboardDir: options.dashboardDir,
    authenticate: options.authenticate,
    localSignIn: options.localSignIn,
    log: options.log,
    disclosure: options.disclosure,
    requestLog: options.requestLog ?? stdoutLines.line,
    signalSink: options.signalSink,
    actionSink: options.actionSink,
    localWebhooks: options.localWebhooks,
    ingest: options.ingest,
    audit: options.audit,
    limits: options.limits,
    hsts: options.hsts,
  });
  const { app, fastPath } = handlers;
  let server: ServerType;
  try {
    server = await new Promise<ServerType>((resolve, reject) => {
      const hono = getRequestListener(app.fetch, { hostname: options.host });
      // Repeated GETs of cached answers skip Hono (http/fast-path.ts); everything else goes to it.
      const s = createServer(withFastPath(fastPath, hono));
      s.listen(options.port, options.host, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    await handlers.close();
    await snapshots.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    snapshots,
    async close() {
      shutdown.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open: idle ones go now, and whatever still hangs on after
        // the grace period (a stuck client) is cut so shutdown always completes.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
        const cut = setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, CLOSE_GRACE_MS);
        cut.unref();
      });
      await options.signalSink?.close();
      await options.actionSink?.close();
      await handlers.close();
      await snapshots.close();
      stdoutLines.flush();
    },
  };
}
