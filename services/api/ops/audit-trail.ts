import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { ApiEnv } from '../auth/api-env.ts';
import type { Principal } from '../auth/roles.ts';

/** One access of data or an export: who, what, which period and area, and the answer. No signal content. */
export interface AuditEntry {
  time: string;
  requestId: string;
  subject: string | null;
  role: string | null;
  partner: string | null;
  method: string;
  route: string;
  theme: string | null;
  from: string | null;
  to: string | null;
  area: string | null;
  format: string | null;
  status: number;
  result: 'answered' | 'refused' | 'failed';
  /** The alarm or subscription a triage or subscription request names in its path, or null. */
  target: string | null;
  /** The user action the request produced (type, id, a triage mark's status), or null: never a note's text. */
  action: AuditedAction | null;
}

/** What a request that changes something did, for its audit line. */
export interface AuditedAction {
  type: string;
  id: string;
  status: string | null;
}

/** What is not a data access: health, the API document and its reference, sign-in. */
const NOT_AUDITED = /^\/api\/v1\/(health|ready|openapi\.json|docs|sessions|demo-users)$/;
const AREA_IN_PATH = /^\/api\/v1\/areas\/([^/]+)\//;
// An alarm id starts with its wijk code (contracts/alarm-event.ts), which is the audited area.
const ALARM_IN_PATH = /^\/api\/v1\/alarms\/(([^/.]+)[^/]*)\/triage$/;
const SUBSCRIPTION_IN_PATH = /^\/api\/v1\/subscriptions\/([^/]+)$/;
// An explained alarm names its week in the path: that week is the period of the access.
const WEEK_IN_PATH = /^\/api\/v1\/areas\/[^/]+\/alarm-explanations\/([^/]+)$/;

/**
 * Where audit entries go: one at a time (the Hono path writes each before its answer leaves), and, where
 * the sink can, several in one write (`all`: the fast path's answers of one event-loop turn).
 */
export interface AuditSink {
  (entry: AuditEntry): void;
  all?: (entries: readonly AuditEntry[]) => void;
}

/** What an audit line is made of; the middleware below and the fast path (http/fast-path.ts) both fill it. */
export interface AuditedRequest {
  requestId: string;
  principal: Principal | undefined;
  method: string;
  /** The route template. */
  route: string;
  path: string;
  query: (name: string) => string | null;
  status: number;
  /** Set when the request produced a user action. */
  action?: AuditedAction;
}

/** Whether a request to `path` is a data access, and so audited. */
export function isAudited(path: string): boolean {
  return !NOT_AUDITED.test(path);
}

export function auditEntry(request: AuditedRequest): AuditEntry {
  const { principal, status, query } = request;
  const week = decoded(WEEK_IN_PATH.exec(request.path)?.[1]);
  return {
    time: new Date().toISOString(),
    requestId: request.requestId,
    subject: principal?.subject ?? null,
    role: principal?.role ?? null,
    partner: principal?.partnerId ?? null,
    method: request.method,
    route: request.route,
    theme: query('theme'),
    from: query('from') ?? week,
    to: query('to') ?? week,
    area: AREA_IN_PATH.exec(request.path)?.[1] ?? decoded(ALARM_IN_PATH.exec(request.path)?.[2]),
    format: query('format'),
    status,
    result: status < 400 ? 'answered' : status < 500 ? 'refused' : 'failed',
    target: decoded(ALARM_IN_PATH.exec(request.path)?.[1] ?? SUBSCRIPTION_IN_PATH.exec(request.path)?.[1]),
    action: request.action ?? null,
  };
}

function decoded(part: string | undefined): string | null {
  if (part === undefined) return null;
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * NEN 7513's question — who looked at which wijk's data, or exported it, and when — answered by one line
 * per request to a data endpoint or export (also refused ones: who tried), written after the answer.
 */
export function auditTrail(write: (entry: AuditEntry) => void): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    if (!isAudited(c.req.path)) return;
    write(
      auditEntry({
        requestId: c.get('requestId'),
        principal: c.get('principal'),
        method: c.req.method,
        route: routePath(c) || c.req.path,
        path: c.req.path,
        query: (name) => c.req.query(name) ?? null,
        status: c.res.status,
        action: c.get('auditAction'),
      }),
    );
  };
}
