import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { ApiEnv } from '../auth/api-env.ts';
import { CREDENTIAL_RECHECK_MS, credentialLifetime } from '../auth/credential-lifetime.ts';
import { credentialsOf } from '../auth/credentials-of.ts';
import type { Snapshot } from '../db/snapshot-reader.ts';
import { apiRoute, apiRouter } from '../http/api-route.ts';
import type { RouteDeps } from './route-deps.ts';

/** A comment line this often keeps proxies from closing an idle stream and lets clients notice a dead one. */
export const HEARTBEAT_MS = 15_000;
/** How long a browser's EventSource waits before reconnecting. */
const RETRY_MS = 5_000;

const snapshotEventsRoute = apiRoute({
  operationId: 'getSnapshotEvents',
  method: 'get',
  path: '/snapshot-events',
  tags: ['Operations'],
  summary: 'A server-sent-event stream announcing each new snapshot',
  description:
    'Sends event `snapshot` with `{"sequence","createdAt"}` at once for the snapshot being served (if any) and again ' +
    `after every swap, and a comment line every ${HEARTBEAT_MS / 1000} seconds. Refetch data when the sequence moves. ` +
    `The stream ends when the bearer token expires, or within ${CREDENTIAL_RECHECK_MS / 1000} seconds of its credentials ` +
    'being refused (a revoked API key), with a comment line saying why: open it again with new credentials.',
  responses: {
    200: {
      description: 'The event stream (stays open)',
      content: { 'text/event-stream': { schema: z.string().openapi({ example: 'event: snapshot\ndata: {"sequence":42}\n\n' }) } },
    },
  },
});

export interface SnapshotEventDeps extends RouteDeps {
  /** Aborted when the server stops: every stream then ends cleanly instead of being cut. */
  shutdown?: AbortSignal;
  heartbeatMs?: number;
  /** How often a stream's credentials are authenticated again (default CREDENTIAL_RECHECK_MS). */
  credentialRecheckMs?: number;
}

/** The live-update stream: the dashboard listens to it instead of polling readiness. */
export function snapshotEventRoutes(deps: SnapshotEventDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();
  router.openapi(snapshotEventsRoute, (c) => {
    const credentials = credentialsOf(c);
    const { authenticate, principal } = c.var;
    const response = streamSSE(c, async (stream) => {
      const lifetime = credentialLifetime({
        expiresAt: principal.expiresAt,
        stillAccepted: () => authenticate(credentials),
        now: deps.now,
        recheckMs: deps.credentialRecheckMs ?? CREDENTIAL_RECHECK_MS,
      });
      deps.metrics.sseClients.open();
      // Writes are chained so events never interleave with a heartbeat.
      let writing = Promise.resolve();
      const send = (write: (s: SSEStreamingApi) => Promise<unknown>) => {
        writing = writing.then(async () => void (stream.closed ? undefined : await write(stream))).catch(() => undefined);
      };
      const announce = (snap: Snapshot, retry?: number) =>
        send((s) =>
          s.writeSSE({
            event: 'snapshot',
            id: String(snap.sequence),
            data: JSON.stringify({ sequence: snap.sequence, createdAt: snap.createdAt }),
            ...(retry === undefined ? {} : { retry }),
          }),
        );
      const unsubscribe = deps.snapshots.onSwap((snap) => announce(snap));
      const current = deps.snapshots.current();
      if (current) announce(current, RETRY_MS);
      else send((s) => s.write(`retry: ${RETRY_MS}\n\n`));
      const heartbeat = setInterval(() => send((s) => s.write(': heartbeat\n\n')), deps.heartbeatMs ?? HEARTBEAT_MS);
      try {
        const expired = await new Promise<string | undefined>((resolve) => {
          stream.onAbort(() => resolve(undefined));
          if (deps.shutdown?.aborted) resolve(undefined);
          deps.shutdown?.addEventListener('abort', () => resolve(undefined), { once: true });
          void lifetime.ended.then(resolve);
        });
        if (expired) send((s) => s.write(`: ${expired}\n\n`));
      } finally {
        lifetime.stop();
        clearInterval(heartbeat);
        unsubscribe();
        deps.metrics.sseClients.close();
        await writing;
      }
    });
    // The connection ends with the stream: a keep-alive socket left behind would hold a closing server open.
    response.headers.set('Connection', 'close');
    return response;
  });
  return router;
}
