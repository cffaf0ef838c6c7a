import { performance } from 'node:perf_hooks';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { ApiEnv } from '../auth/api-env.ts';
import type { ApiMetrics } from './api-metrics.ts';
import { requestIdFrom } from './request-id.ts';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * Outermost: gives the request its id (kept from `X-Request-Id` when sane, otherwise new) and puts it on the
 * final response. It sits outside compression because a compressed response is a new Response object, and
 * under @hono/node-server a header set on the inner one before that copy does not always survive it.
 */
export function requestIdHeader() {
  return createMiddleware<ApiEnv>(async (c, next) => {
    c.set('requestId', requestIdFrom(c.req.header(REQUEST_ID_HEADER)));
    await next();
    try {
      c.res.headers.set(REQUEST_ID_HEADER, c.var.requestId);
    } catch {
      // Responses passed through from elsewhere can have immutable headers: copy once.
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set(REQUEST_ID_HEADER, c.var.requestId);
    }
  });
}

/**
 * Inside compression, around every request: the request id added to problem+json bodies, the request
 * counted and timed per route template, and one JSON log line. The line names the route template, never
 * the path or query (which can hold anything a caller typed) and never a credential.
 */
export function requestTelemetry(metrics: ApiMetrics, log: (line: string) => void) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const started = performance.now();
    const requestId = c.var.requestId ?? requestIdFrom(c.req.header(REQUEST_ID_HEADER));
    c.set('requestId', requestId);
    await next();
    const seconds = (performance.now() - started) / 1000;

    if (c.res.headers.get('Content-Type')?.startsWith('application/problem+json')) {
      c.res = await withRequestId(c.res, requestId);
    }

    // The template the answering handler was registered under; the catch-all and 404s have none worth a series.
    const template = routePath(c);
    const route = template === '' || template === '*' || template.endsWith('/*') ? 'unmatched' : template;
    recordRequest(metrics, log, {
      requestId,
      method: c.req.method,
      route,
      status: c.res.status,
      seconds,
      role: c.var.principal?.role ?? null,
    });
  });
}

/** Counts and times one answered request and writes its log line (here and on the fast path). */
export function recordRequest(
  metrics: ApiMetrics,
  log: (line: string) => void,
  r: { requestId: string; method: string; route: string; status: number; seconds: number; role: string | null },
): void {
  const labels = { method: r.method, route: r.route, status: String(r.status) };
  metrics.requests.inc(labels);
  metrics.latency.observe(r.seconds, labels);
  log(
    JSON.stringify({
      time: new Date().toISOString(),
      level: r.status >= 500 ? 'error' : r.status >= 400 ? 'warn' : 'info',
      component: 'api',
      event: 'http.request',
      requestId: r.requestId,
      method: r.method,
      route: r.route,
      status: r.status,
      durationMs: Math.round(r.seconds * 1e4) / 10,
      role: r.role,
    }),
  );
}

/** Adds `requestId` to a problem body (they are small), so a user can quote it to whoever runs the server. */
async function withRequestId(res: Response, requestId: string): Promise<Response> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, res);
  }
  const headers = new Headers(res.headers);
  headers.delete('Content-Length');
  return new Response(JSON.stringify({ ...(body as object), requestId }), { status: res.status, headers });
}
