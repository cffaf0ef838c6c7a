import { createMiddleware } from 'hono/factory';
import type { ApiEnv } from '../auth/api-env.ts';
import type { OperationId } from '../auth/role-matrix.ts';
import { OPERATION_LIMITS } from './operation-limits.ts';

/**
 * After the role guard (it knows the subject): counts the request against its subject's limit for this
 * operation (operation-limits.ts), or answers the 429. A refusal still passes the audit trail, which
 * records every answer's status.
 */
export function limitGuard(operationId: OperationId) {
  const kind = OPERATION_LIMITS[operationId];
  return createMiddleware<ApiEnv>(async (c, next) => {
    if (kind === 'none') return next();
    c.var.readerLimits.admit(kind, c.var.principal.subject);
    await next();
  });
}
