import { resolve } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { NoSnapshotError } from './db/no-snapshot-error.ts';
import { QueryTimeoutError } from './db/query-timeout.ts';
import { answerWarmer, type AnswerWarmerOptions } from './db/answer-warmer.ts';
import { answerWorker } from './db/answer-worker-pool.ts';
import { PerSnapshotCache } from './db/per-snapshot-cache.ts';
import type { SnapshotReader } from './db/snapshot-reader.ts';
import type { ApiEnv } from './auth/api-env.ts';
import type { Authenticate } from './auth/authenticate.ts';
import { publishApiDocument } from './http/api-document.ts';
import { API_DOCS_PATH, apiDocsHandler } from './http/api-docs.ts';
import { apiRouter } from './http/api-route.ts';
import { ProblemError, problem, problemResponse } from './http/problem.ts';
import { headWithoutBody } from './http/head-without-body.ts';
import { apiAnswerHeaders, responseHeaders } from './http/response-headers.ts';
import { fastPath, type FastPath } from './http/fast-path.ts';
import { RememberedAnswers } from './http/remembered-answers.ts';
import { requestBodyLimit } from './http/request-body-limit.ts';
import { DEFAULT_INGEST, type IngestSettings } from './ingest/ingest-settings.ts';
import type { SignalSink } from './ingest/signal-sink.ts';
import { signalRoutes } from './routes/signals.ts';
import { serveDashboard } from './http/serve-dashboard.ts';
import { DEFAULT_DISCLOSURE, type DisclosureConfig } from './disclosure-views/disclosure-settings.ts';
import { alarmExplanationRoutes } from './routes/alarm-explanations.ts';
import { alarmRoutes } from './routes/alarms.ts';
import { alarmFeedRoutes } from './routes/alarm-feed.ts';
import { subscriptionDigestRoutes } from './routes/subscription-digest.ts';
import { alarmTriageRoutes } from './routes/alarm-triage.ts';
import { subscriptionRoutes } from './routes/subscriptions.ts';
import type { ActionSink } from './actions/action-sink.ts';
import { alarmHistoryRoutes } from './routes/alarm-history.ts';
import { areaProfileRoutes } from './routes/area-profile.ts';
import { areaRoutes } from './routes/areas.ts';
import { funnelRoutes } from './routes/funnel.ts';
import { healthRoutes } from './routes/health.ts';
import { ingestStatusRoutes } from './routes/ingest-status.ts';
import { dataQualityRoutes } from './routes/data-quality.ts';
import { overviewRoutes } from './routes/overview.ts';
import { priorityRoutes } from './routes/priorities.ts';
import { sessionRoutes } from './routes/sessions.ts';
import type { LocalSignIn } from './auth/local-sign-in.ts';
import { createApiMetrics, type ApiMetrics } from './ops/api-metrics.ts';
import { metricsRoutes } from './ops/metrics-route.ts';
import { auditTrail, type AuditSink } from './ops/audit-trail.ts';
import { requestIdHeader, requestTelemetry } from './ops/request-telemetry.ts';
import { snapshotEventRoutes } from './routes/snapshot-events.ts';
import { exportRoutes } from './routes/exports.ts';
import { createReaderLimits } from './limits/reader-limits.ts';
import { DEFAULT_READER_LIMITS, type ReaderLimitSettings } from './limits/reader-limit-settings.ts';

export interface AppDeps {
  snapshots: SnapshotReader;
  /** The SvelteKit static build to serve at `/` (default: the repository's `dashboard/build`). */
  dashboardDir?: string;
  now?: () => Date;
  /** Who presents a request's credentials; the role matrix then decides each route (auth/role-matrix.ts). */
  authenticate: Authenticate;
  /** The demo users' sign-in when the built-in local issuer is on (auth/open-authentication.ts). */
  localSignIn?: LocalSignIn;
  /** Where `POST /api/v1/signals` delivers (Kafka from main.ts); absent: that endpoint answers 503. */
  signalSink?: SignalSink;
  /** Where triage marks and subscriptions are produced (Kafka's actions topic from main.ts); absent: those answer 503. */
  actionSink?: ActionSink;
  /** Webhooks may be plain http to localhost (the demo sign-in is on: no AUTH_ISSUER). Default false. */
  localWebhooks?: boolean;
  /** Body, batch and rate limits of partner ingest (default DEFAULT_INGEST; config.ts parses them). */
  ingest?: IngestSettings;
  /** Where unexpected errors are reported, one line each (default stderr). */
  log?: (line: string) => void;
  /** The minimum denominator of rates (default 100 residents); k comes with each snapshot. */
  disclosure?: DisclosureConfig;
  /** One JSON line per request (default: none; server.ts writes them to stdout). */
  requestLog?: (line: string) => void;
  /**
   * The audit trail: one entry per data request and export, written before its answer is sent (default:
   * none; main.ts writes $DATA_DIR/audit). With `all`, the fast path writes a turn's lines at once.
   */
  audit?: AuditSink;
  /** Request and snapshot metrics for /metrics (default: a fresh registry). */
  metrics?: ApiMetrics;
  /** Aborted when the server stops, so open event streams end cleanly (server.ts). */
  shutdown?: AbortSignal;
  /** Heartbeat interval of the snapshot-event stream (default 15 s). */
  sseHeartbeatMs?: number;
  /** How often an open stream's credentials are checked again (default 5 s; tests make it short). */
  sseCredentialRecheckMs?: number;
  /** Per-subject rates and caps (default DEFAULT_READER_LIMITS; config.ts parses them). */
  limits?: ReaderLimitSettings;
  /** Strict-Transport-Security on every response: users reach the API over https (PUBLIC_URL). */
  hsts?: boolean;
  /**
   * Which answers are made ahead of a swap (db/answer-warmer.ts; tests warm cheap ones too), and whether
   * the costly ones are made on the answer worker's thread (`inWorker`, default true).
   */
  warming?: Pick<AnswerWarmerOptions, 'maxAnswers' | 'minComputeMs' | 'budgetMs'> & { inWorker?: boolean };
}

export const API_BASE = '/api/v1';

const DEFAULT_DASHBOARD_DIR = resolve(import.meta.dirname, '../../dashboard/build');

/**
 * The Hono app alone (tests, the bench's query timings): without the answer worker, whose thread only
 * `createApiHandlers`' caller can end (`close`).
 */
export function createApp(deps: AppDeps): OpenAPIHono<ApiEnv> {
  return createApiHandlers({ ...deps, warming: { ...deps.warming, inWorker: false } }).app;
}

export interface ApiHandlers {
  app: OpenAPIHono<ApiEnv>;
  /** Answers repeated GETs of cached data from their buffers in front of the app (server.ts). */
  fastPath: FastPath;
  /**
   * Answers made because a request asked (`onRequest`) and made before a swap (`beforeSwap`, of which
   * `beforeSwapInWorker` on the answer worker's thread).
   */
  answerCounts: () => { onRequest: number; beforeSwap: number; beforeSwapInWorker: number };
  /** Ends the answer worker (server.ts, on close). */
  close: () => Promise<void>;
}

/** The Hono app and, sharing its limits, metrics and audit trail, the fast path for what it has answered. */
export function createApiHandlers(deps: AppDeps): ApiHandlers {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? ((line: string) => console.error(line));
  const { inWorker = true, ...warming } = deps.warming ?? {};
  const disclosure = deps.disclosure ?? DEFAULT_DISCLOSURE;
  const worker = inWorker ? answerWorker(disclosure) : undefined;
  // The worker starts when an answer it would warm is first made, so it is loaded before the next swap.
  const cache = new PerSnapshotCache(
    (snap) => deps.snapshots.current()?.fileName === snap.fileName,
    undefined,
    () => worker?.warmUp(),
  );
  const metrics = deps.metrics ?? createApiMetrics(deps.snapshots, now);
  const requestLog = deps.requestLog ?? (() => {});
  const routeDeps = { snapshots: deps.snapshots, cache, now, disclosure, metrics };
  // This app's own counters: two apps (tests, a restart) never share a subject's budget.
  const readerLimits = createReaderLimits(deps.limits ?? DEFAULT_READER_LIMITS, now);
  const app = new OpenAPIHono<ApiEnv>({ strict: true });
  const headerOptions = { hsts: deps.hsts ?? false };
  const rememberedAnswers = new RememberedAnswers(() => deps.snapshots.current()?.fileName);
  const warmer = answerWarmer({ ...warming, cache, answers: rememberedAnswers, now, log, worker });
  deps.snapshots.beforeSwap(warmer.hook);

  app.use('*', responseHeaders(headerOptions));
  app.use('*', headWithoutBody());
  app.use('*', requestIdHeader());
  app.use(`${API_BASE}/*`, compress());
  app.use(`${API_BASE}/*`, requestBodyLimit(deps.ingest ?? DEFAULT_INGEST, `${API_BASE}/signals`));
  // Inside compress, so problem bodies are still plain JSON when the request id is added to them.
  app.use('*', requestTelemetry(metrics, requestLog));
  if (deps.audit) app.use(`${API_BASE}/*`, auditTrail(deps.audit));
  app.use(`${API_BASE}/*`, async (c, next) => {
    c.set('authenticate', deps.authenticate);
    c.set('readerLimits', readerLimits);
    c.set('now', now);
    c.set('rememberedAnswers', rememberedAnswers);
    await next();
  });

  const api = apiRouter();
  api.route('/', healthRoutes(routeDeps));
  api.route('/', sessionRoutes(deps.localSignIn));
  api.route('/', areaRoutes(routeDeps));
  api.route('/', areaProfileRoutes(routeDeps));
  api.route('/', overviewRoutes(routeDeps));
  api.route('/', ingestStatusRoutes(routeDeps));
  api.route('/', dataQualityRoutes(routeDeps));
  api.route('/', signalRoutes({ ...routeDeps, signalSink: deps.signalSink, ingest: deps.ingest ?? DEFAULT_INGEST }));
  api.route('/', alarmRoutes(routeDeps));
  api.route('/', alarmExplanationRoutes(routeDeps));
  api.route('/', alarmFeedRoutes(routeDeps));
  api.route('/', subscriptionDigestRoutes(routeDeps));
  api.route('/', alarmTriageRoutes({ ...routeDeps, actionSink: deps.actionSink }));
  api.route('/', subscriptionRoutes({ ...routeDeps, actionSink: deps.actionSink, localWebhooks: deps.localWebhooks ?? false }));
  api.route('/', alarmHistoryRoutes(routeDeps));
  api.route('/', priorityRoutes(routeDeps));
  api.route('/', funnelRoutes(routeDeps));
  api.route('/', exportRoutes(routeDeps));
  api.route(
    '/',
    snapshotEventRoutes({
      ...routeDeps,
      shutdown: deps.shutdown,
      heartbeatMs: deps.sseHeartbeatMs,
      credentialRecheckMs: deps.sseCredentialRecheckMs,
    }),
  );
  publishApiDocument(api);
  app.get(`${API_BASE}${API_DOCS_PATH}`, apiDocsHandler(api));
  app.route(API_BASE, api);
  app.route('/', metricsRoutes(metrics, deps.authenticate));

  const dashboard = serveDashboard(deps.dashboardDir ?? DEFAULT_DASHBOARD_DIR);
  app.get('*', (c) => (isApiPath(c.req.path) ? c.notFound() : dashboard(c)));

  app.notFound((c) => {
    const path = c.req.path;
    const hint = path.length > 1 && path.endsWith('/') ? `; paths have no trailing slash, try ${path.replace(/\/+$/, '')}` : '';
    return problemResponse(problem(404, `no resource at ${path}${hint}`));
  });

  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(error.problem, error.headers);
    if (error instanceof NoSnapshotError) {
      return problemResponse(problem(503, error.message), { 'Retry-After': '2' });
    }
    if (error instanceof QueryTimeoutError) {
      // The operator's sign that QUERY_TIMEOUT_MS is too tight for this machine, or a request too heavy.
      log(`${c.req.method} ${c.req.path}: queries stopped after ${error.timeoutMs} ms (request ${c.var.requestId})`);
      return problemResponse(problem(503, error.message), { 'Retry-After': '5' });
    }
    if (error instanceof HTTPException) {
      return problemResponse(problem(error.status, error.message || 'the request could not be handled'));
    }
    const message = error instanceof Error ? error.message : String(error);
    log(`${c.req.method} ${c.req.path} failed (request ${c.var.requestId}): ${message.split('\n')[0]}`);
    return problemResponse(problem(500, 'the server could not answer this request; the cause is in the server log'));
  });

  const fast = fastPath({
    answers: rememberedAnswers,
    authenticate: deps.authenticate,
    readerLimits,
    now,
    metrics,
    requestLog,
    audit: deps.audit,
    log,
    headers: apiAnswerHeaders(headerOptions),
  });
  return {
    app,
    fastPath: fast,
    answerCounts: () => ({
      onRequest: cache.computedOnRequest,
      beforeSwap: warmer.warmed(),
      beforeSwapInWorker: warmer.warmedInWorker(),
    }),
    close: async () => {
      await worker?.close();
    },
  };
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}
