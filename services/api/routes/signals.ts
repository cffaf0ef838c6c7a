import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { signalSchema } from '@wijksignaal/contracts/signal';
import { signalBatchResponse, type SignalBatchResponse } from '@wijksignaal/contracts/signal-batch';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { MAX_SIGNAL_BYTES } from '@wijksignaal/contracts/topics';
import type { ValidationContext } from '@wijksignaal/domain/validate/validate-signal';
import type { ApiEnv } from '../auth/api-env.ts';
import { apiRoute, apiRouter } from '../http/api-route.ts';
import { ProblemError } from '../http/problem.ts';
import type { IngestSettings } from '../ingest/ingest-settings.ts';
import { judgeSignalBatch } from '../ingest/judge-signal-batch.ts';
import { readSignalBatch, signalBatchFormat } from '../ingest/read-signal-batch.ts';
import { SinkUnavailableError, type SignalSink } from '../ingest/signal-sink.ts';
import { tokenBuckets } from '../limits/token-buckets.ts';
import { registryAreas } from '../queries/registry-areas.ts';
import type { RouteDeps } from './route-deps.ts';

export interface SignalRouteDeps extends RouteDeps {
  /** Undefined when KAFKA_BROKERS is not set: the endpoint then answers 503 and says so. */
  signalSink: SignalSink | undefined;
  ingest: IngestSettings;
}

const SINK_RETRY_AFTER_SECONDS = '5';

const postSignalsRoute = (ingest: IngestSettings) =>
  apiRoute({
    operationId: 'postSignals',
    method: 'post',
    path: '/signals',
    tags: ['Ingest'],
    summary: 'Deliver a batch of signals (JSON array or NDJSON); each is validated like a Kafka message',
    description: [
      `Up to ${ingest.maxBatchItems} signals per request, at most ${ingest.maxSignalsBodyBytes} bytes, as an`,
      'application/json array or application/x-ndjson (one signal per line). Accepted signals are produced to',
      'Kafka and counted once per id, so a batch may safely be sent again. Every signal must name the partner',
      'id of the credentials (403 otherwise). Rejections give the reason and the field, never the value, and',
      'show in GET /ingest-status.',
    ].join(' '),
    request: {
      body: {
        required: true,
        content: {
          // Plain JSON Schemas, not zod: the batch is read and judged per signal by the pipeline's validation.
          'application/json': {
            schema: { type: 'array', minItems: 1, maxItems: ingest.maxBatchItems, items: signalItemSchema() },
          },
          'application/x-ndjson': { schema: { type: 'string', description: 'One signal (UTF-8 JSON object) per line' } },
        },
      },
    },
    responses: {
      202: {
        description: 'Taken: accepted signals are in Kafka; per signal whether it was accepted or why it was rejected',
        content: { 'application/json': { schema: signalBatchResponse } },
      },
      413: problem('The body is larger than the limit'),
      415: problem('The body is neither application/json nor application/x-ndjson'),
    },
  });

function problem(description: string) {
  return { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
}

/** The contract as an OpenAPI 3.0 Schema Object (`enum` where JSON Schema would write `const`, which 3.0 lacks). */
function signalItemSchema(): Record<string, unknown> {
  return z.toJSONSchema(signalSchema, { io: 'input', target: 'openapi-3.0' }) as Record<string, unknown>;
}

/** `POST /api/v1/signals`: partner ingest over HTTPS, the same door rules as Kafka (issue 4 item 3). */
export function signalRoutes(deps: SignalRouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();
  const limiter = tokenBuckets(deps.ingest.ratePerSecond, deps.ingest.burst);

  router.openapi(postSignalsRoute(deps.ingest), async (c) => {
    const principal = c.get('principal');
    const partnerId = principal.partnerId;
    if (!partnerId)
      throw new ProblemError(403, "these credentials are not tied to a partner id; use the partner's API key or token");
    const waitSeconds = limiter.take(partnerId, deps.now().getTime());
    if (waitSeconds > 0) {
      throw new ProblemError(
        429,
        `partner ${partnerId} sent more than ${deps.ingest.ratePerSecond} requests per second; wait and send fewer, larger batches`,
        {},
        { 'Retry-After': String(waitSeconds) },
      );
    }
    const sink = deps.signalSink;
    if (!sink) throw new ProblemError(503, 'ingest over HTTPS is not configured; set KAFKA_BROKERS', {}, { 'Retry-After': '60' });
    const format = signalBatchFormat(c.req.header('content-type'));
    const items = readSignalBatch(new Uint8Array(await c.req.arrayBuffer()), format, deps.ingest);

    const registry = await deps.snapshots.withSnapshot((conn, snap) =>
      deps.cache.get(snap, 'registry-areas', () => registryAreas(conn)),
    );
    const at = deps.now();
    const ctx: ValidationContext = {
      partners: new Set([partnerId]),
      areas: registry.areas,
      areaYear: registry.year ?? Number.NaN,
      currentWeek: isoWeekFromDate(at),
      retentionWeeks: deps.ingest.retentionWeeks,
      maxBytes: MAX_SIGNAL_BYTES,
    };
    const judged = judgeSignalBatch(items, partnerId, ctx);
    try {
      await sink.deliver(partnerId, judged.signals, judged.rejections, at);
    } catch (error) {
      if (!(error instanceof SinkUnavailableError)) throw error;
      deps.metrics.ingestRequests.inc({ outcome: 'failed' });
      throw new ProblemError(
        503,
        'Kafka did not confirm the batch, so no signal of it is reported as taken; send the same batch again after Retry-After seconds (a signal is counted once per id)',
        {},
        { 'Retry-After': SINK_RETRY_AFTER_SECONDS },
      );
    }
    deps.metrics.ingestRequests.inc({ outcome: judged.signals.length > 0 ? 'accepted' : 'rejected' });
    if (judged.signals.length > 0) deps.metrics.ingestItems.inc({ outcome: 'accepted' }, judged.signals.length);
    for (const r of judged.rejections) deps.metrics.ingestItems.inc({ outcome: r.reason });
    const body: SignalBatchResponse = {
      accepted: judged.signals.length,
      rejected: judged.rejections.length,
      results: judged.results,
    };
    return c.json(body, 202);
  });

  return router;
}
