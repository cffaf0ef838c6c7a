import { createMiddleware } from 'hono/factory';
import type { ApiEnv } from '../auth/api-env.ts';
import type { OperationId } from '../auth/role-matrix.ts';
import { OPERATION_LIMITS } from './operation-limits.ts';
import { releaseWhenBodyEnds } from './release-when-body-ends.ts';

/**
 * After the role guard (it knows the subject): counts the request against its subject's limit for this
 * operation (operation-limits.ts), or answers the 429. A refusal still passes the audit trail, which
 * records every answer's status. An export or a stream keeps its slot until its body ends; a failed one
 * (a problem answer) frees it at once.
 */
export function limitGuard(operationId: OperationId) {
  const kind = OPERATION_LIMITS[operationId];
  return createMiddleware<ApiEnv>(async (c, next) => {
    if (kind === 'none') return next();
    const release = c.var.readerLimits.admit(kind, c.var.principal.subject);
    try {
      await next();
    } catch (error) {
      release?.();
      throw error;
    }
    if (!release) return;
    if (c.res.ok) c.res = releaseWhenBodyEnds(c.res, release);
    else release();
  });
}
