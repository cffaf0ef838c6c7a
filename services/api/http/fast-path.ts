import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import type { Authenticate } from '../auth/authenticate.ts';
import { rolesFor } from '../auth/role-matrix.ts';
import type { Principal } from '../auth/roles.ts';
import { OPERATION_LIMITS } from '../limits/operation-limits.ts';
import type { ReaderLimits } from '../limits/reader-limits.ts';
import type { ApiMetrics } from '../ops/api-metrics.ts';
import { auditEntry, type AuditEntry, type AuditSink } from '../ops/audit-trail.ts';
import { requestIdFrom } from '../ops/request-id.ts';
import { REQUEST_ID_HEADER, recordRequest } from '../ops/request-telemetry.ts';
import { acceptsGzip } from './api-route.ts';
import { auditedSends } from './audited-sends.ts';
import { etagMatches } from './etag-matches.ts';
import { requestHeadersOf } from './fast-path-headers.ts';
import type { RememberedAnswer, RememberedAnswers } from './remembered-answers.ts';

export interface FastPathDeps {
  answers: RememberedAnswers;
  authenticate: Authenticate;
  readerLimits: ReaderLimits;
  now: () => Date;
  metrics: ApiMetrics;
  requestLog: (line: string) => void;
  audit?: AuditSink;
  /** Where a failed audit write is reported (default stderr). */
  log?: (line: string) => void;
  /** apiAnswerHeaders: the same security headers as the Hono path's. */
  headers: readonly [string, string][];
}

/** What one remembered answer sends the same to every request: made once per answer, not per request. */
interface Fixed {
  /** Flat header lists (name, value, …) without the request id and the length, per encoding and for a 304. */
  headers: { gzip: string[]; gzip304: string[]; identity: string[] };
  /** The audit line's fields that follow from the target (route, theme, period, area, …). */
  audit: AuditEntry;
}

export interface FastPath {
  (req: IncomingMessage, res: ServerResponse, toHono: () => void): boolean;
  /** How many times the audit lines of fast answers were written (one per event-loop turn with any). */
  auditBatches(): number;
}

/**
 * Answers a GET whose target Hono has answered for the current snapshot and week straight from the
 * remembered buffer, on node:http: a cached answer through Hono costs ~100 µs of Request, Response and
 * Headers objects, routing and middleware, and at 200 connections that is the latency. It does what
 * every data request gets: authentication (the verifier's token cache), the role matrix's check, the
 * subject's rate limit, the security headers, ETag/304, the request id, the request log and the audit
 * line. Anything but the plain success (no or bad credentials, a wrong role, over the limit, a HEAD, a
 * request body, a repeated credential header) goes to Hono, which answers and audits it as always (`toHono`).
 * The answers of one event-loop turn are sent after their audit lines were written in one go
 * (`audited-sends.ts`). Returns whether it took the request.
 */
export function fastPath(deps: FastPathDeps): FastPath {
  const audited = deps.audit ? auditedSends(deps.audit, deps.log ?? ((line) => console.error(line))) : null;
  const fixed = new WeakMap<RememberedAnswer, Fixed>();
  const fixedOf = (answer: RememberedAnswer, target: string): Fixed => {
    let known = fixed.get(answer);
    if (!known) fixed.set(answer, (known = fixedParts(deps, answer, target)));
    return known;
  };
  const take = (req: IncomingMessage, res: ServerResponse, toHono: () => void): boolean => {
    // A GET with a body is Hono's to judge (its body limit answers a 413); the fast path reads none.
    if (req.method !== 'GET' || req.url === undefined) return false;
    const answer = deps.answers.find(req.url, isoWeekFromDate(deps.now()));
    if (!answer) return false;
    const headers = requestHeadersOf(req.rawHeaders);
    if (headers.hasBody) return false;
    answerRemembered(deps, audited, req, res, answer, headers, fixedOf(answer, req.url)).then(
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
  return Object.assign(take, { auditBatches: () => audited?.batches() ?? 0 });
}

/** The server's listener: the fast path first, Hono's listener for everything it does not take. */
export function withFastPath(fast: FastPath, hono: RequestListener): RequestListener {
  return (req, res) => {
    if (!fast(req, res, () => void hono(req, res))) void hono(req, res);
  };
}

async function answerRemembered(
  deps: FastPathDeps,
  audited: ReturnType<typeof auditedSends> | null,
  req: IncomingMessage,
  res: ServerResponse,
  answer: RememberedAnswer,
  sent: ReturnType<typeof requestHeadersOf>,
  fixed: Fixed,
): Promise<boolean> {
  const started = performance.now();
  if (sent.authorization === null || sent.apiKey === null) return false;
  const roles = rolesFor(answer.operationId);
  let principal: Principal | undefined;
  if (roles !== 'public') {
    principal = await deps.authenticate({ authorization: sent.authorization, apiKey: sent.apiKey }).catch(() => undefined);
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

  const requestId = requestIdFrom(sent.requestId ?? undefined);
  const gzip = acceptsGzip(sent.acceptEncoding);
  const etag = answer.body.etag(gzip ? 'gzip' : 'identity');
  const notModified = etagMatches(sent.ifNoneMatch, etag);
  const body = notModified ? null : gzip ? await answer.body.gzipped() : answer.body.bytes();
  const status = notModified ? 304 : 200;
  const headers = (gzip ? (notModified ? fixed.headers.gzip304 : fixed.headers.gzip) : fixed.headers.identity).slice();
  headers.push(REQUEST_ID_HEADER, requestId);
  if (body) headers.push('Content-Length', String(body.length));
  const send = () => {
    res.writeHead(status, headers);
    res.end(body);
    recordRequest(deps.metrics, deps.requestLog, {
      requestId,
      method: 'GET',
      route: answer.route,
      status,
      seconds: (performance.now() - started) / 1000,
      role: principal?.role ?? null,
    });
  };
  if (!audited) {
    send();
    return true;
  }
  const entry: AuditEntry = {
    ...fixed.audit,
    time: new Date().toISOString(),
    requestId,
    subject: principal?.subject ?? null,
    role: principal?.role ?? null,
    partner: principal?.partnerId ?? null,
    status,
  };
  audited.send(entry, (written) => (written ? send() : res.destroy()));
  return true;
}

function fixedParts(deps: FastPathDeps, answer: RememberedAnswer, target: string): Fixed {
  const common = deps.headers.flat();
  common.push('Content-Type', 'application/json', 'Vary', 'Accept-Encoding');
  const gzipTag = answer.body.etag('gzip');
  const plainTag = answer.body.etag('identity');
  const url = new URL(target, 'http://fast-path');
  return {
    headers: {
      gzip: [...common, 'ETag', gzipTag, 'Content-Encoding', 'gzip'],
      gzip304: [...common, 'ETag', gzipTag],
      identity: [...common, 'ETag', plainTag],
    },
    // The target is the answer's key, so its path and query are parsed once per remembered answer.
    audit: auditEntry({
      requestId: '',
      principal: undefined,
      method: 'GET',
      route: answer.route,
      path: url.pathname,
      query: (name) => url.searchParams.get(name),
      status: 200,
    }),
  };
}
