import type { ReaderLimits } from '../limits/reader-limits.ts';
import type { Authenticate } from './authenticate.ts';
import type { OperationId } from './role-matrix.ts';
import type { RememberedAnswers } from '../http/remembered-answers.ts';
import type { Principal } from './roles.ts';
import type { AuditedAction } from '../ops/audit-trail.ts';

/** What the app's middleware puts on every request context for the routes. */
export interface ApiEnv {
  Variables: {
    authenticate: Authenticate;
    /** The per-subject limits of this app (createApp), counted by the limit guard of each operation. */
    readerLimits: ReaderLimits;
    /** Set by the role guard on protected routes; absent on public ones. */
    principal: Principal;
    /** The app's clock (tests pass a fixed one). */
    now: () => Date;
    /** The answers the fast path may send again (absent in an app without one). */
    rememberedAnswers?: RememberedAnswers;
    /** Set by apiRoute for every operation of /api/v1. */
    operationId: OperationId;
    /** The ISO week when apiRoute took the request (before the handler read the clock). */
    answerWeek: string;
    /** Set for every request by ops/request-telemetry.ts: echoed in X-Request-Id, problems and the log. */
    requestId: string;
    /** Set by a route that produced a user action (actions/send-action.ts), for its audit line. */
    auditAction?: AuditedAction;
  };
}
