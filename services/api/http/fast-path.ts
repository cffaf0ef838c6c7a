import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import type { Authenticate } from '../auth/authenticate.ts';
import { rolesFor } from '../auth/role-matrix.ts';
import type { Principal } from '../auth/roles.ts';
import { OPERATION_LIMITS } from '../limits/operation-limits.ts';
import type { ReaderLimits } from '../limits/reader-limits.ts';
import type { ApiMetrics } from '../ops/api-metrics.ts';
import { auditEntry, type AuditEntry } from '../ops/audit-trail.ts';
import { requestIdFrom } from '../ops/request-id.ts';
import { REQUEST_ID_HEADER, recordRequest } from '../ops/request-telemetry.ts';
import { acceptsGzip } from './api-route.ts';
import { etagMatches } from './etag-matches.ts';
import type { RememberedAnswer, RememberedAnswers } from './remembered-answers.ts';

export interface FastPathDeps {
  answers: RememberedAnswers;
  authenticate: Authenticate;
  readerLimits: ReaderLimits;
  now: () => Date;
  metrics: ApiMetrics;
  requestLog: (line: string) => void;
  audit?: (entry: AuditEntry) => void;
  /** apiAnswerHeaders: the same security headers as the Hono path's. */
  headers: readonly [string, string][];
}

/**
 * Answers a GET whose target Hono has answered for the current snapshot and week straight from the
 * remembered buffer, on node:http: a cached answer through Hono costs ~100 µs of Request, Response and
 * Headers objects, routing and middleware, and at 200 connections that is the latency. It does what
 * every data request gets: authentication (the verifier's token cache), the role matrix's check, the
 * subject's rate limit, the security headers, ETag/304, the request id, the request log and the audit
 * line. Anything but the plain success (no or bad credentials, a wrong role, over the limit, a HEAD, a
 * request body, a repeated credential header) goes to Hono, which answers and audits it as always (`toHono`).
 * Returns whether it took the request.
 */
export function fastPath(deps: FastPathDeps) {
  return (req: IncomingMessage, res: ServerResponse, toHono: () => void): boolean => {
    // A GET with a body is Hono's to judge (its body limit answers a 413); the fast path reads none.
    if (req.method !== 'GET' || req.url === undefined || hasBody(req)) return false;
    const answer = deps.answers.find(req.url, isoWeekFromDate(deps.now()));
    if (!answer) return false;
    answerRemembered(deps, req, res, answer).then(
      (taken) => {
        if (!taken) toHono();
      },
      (error: unknown) => {
        if (!res.headersSent) toHono();
        else res.destroy(error as Error);
      },
    );
    return true;
  };
}

/** The server's listener: the fast path first, Hono's listener for everything it does not take. */
export function withFastPath(fast: ReturnType<typeof fastPath>, hono: RequestListener): RequestListener {
  return (req, res) => {
    if (!fast(req, res, () => void hono(req, res))) void hono(req, res);
  };
}

async function answerRemembered(
  deps: FastPathDeps,
  req: IncomingMessage,
  res: ServerResponse,
  answer: RememberedAnswer,
): Promise<boolean> {
  const started = performance.now();
  const authorization = single(req, 'authorization');
  const apiKey = single(req, 'x-api-key');
  if (authorization === null || apiKey === null) return false;
  const roles = rolesFor(answer.operationId);
  let principal: Principal | undefined;
  if (roles !== 'public') {
    principal = await deps.authenticate({ authorization, apiKey }).catch(() => undefined);
    if (!principal || !roles.includes(principal.role as never)) return false;
  }
  const kind = OPERATION_LIMITS[answer.operationId];
  if (kind !== 'none') {
    if (kind !== 'data') return false; // slots are held until a body ends: Hono's limit guard knows how
    try {
      deps.readerLimits.admit(kind, principal?.subject ?? '');
    } catch {
      return false;
    }
  }

  const requestId = requestIdFrom(single(req, REQUEST_ID_HEADER.toLowerCase()) ?? undefined);
  const gzip = acceptsGzip(req.headers['accept-encoding']);
  const etag = answer.body.etag(gzip ? 'gzip' : 'identity');
  const notModified = etagMatches(req.headers['if-none-match'], etag);
  const body = notModified ? null : gzip ? await answer.body.gzipped() : Buffer.from(answer.body.text);
  const status = notModified ? 304 : 200;
  const headers: [string, string][] = [
    ...deps.headers,
    ['Content-Type', 'application/json'],
    ['Vary', 'Accept-Encoding'],
    ['ETag', etag],
    [REQUEST_ID_HEADER, requestId],
  ];
  if (body)
    headers.push(...(gzip ? [['Content-Encoding', 'gzip'] as [string, string]] : []), ['Content-Length', String(body.length)]);
  res.writeHead(status, headers.flat());
  res.end(body);

  // The target is the answer's key, so its path and query are parsed once per remembered answer.
  let url = PARSED_TARGETS.get(answer);
  if (!url) PARSED_TARGETS.set(answer, (url = new URL(req.url!, 'http://fast-path')));
  deps.audit?.(
    auditEntry({
      requestId,
      principal,
      method: 'GET',
      route: answer.route,
      path: url.pathname,
      query: (name) => url.searchParams.get(name),
      status,
    }),
  );
  recordRequest(deps.metrics, deps.requestLog, {
    requestId,
    method: 'GET',
    route: answer.route,
    status,
    seconds: (performance.now() - started) / 1000,
    role: principal?.role ?? null,
  });
  return true;
}

const PARSED_TARGETS = new WeakMap<RememberedAnswer, URL>();

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
}

/** A header's one value, undefined when absent, null when sent more than once (left to Hono to judge). */
function single(req: IncomingMessage, name: string): string | undefined | null {
  const values = req.headersDistinct[name];
  if (values === undefined) return undefined;
  return values.length === 1 ? values[0] : null;
}
