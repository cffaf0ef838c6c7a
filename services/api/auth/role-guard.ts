import { createMiddleware } from 'hono/factory';
import { ProblemError } from '../http/problem.ts';
import type { ApiEnv } from './api-env.ts';
import { credentialsOf } from './credentials-of.ts';
import { rolesFor, type OperationId } from './role-matrix.ts';

/**
 * The check in front of every protected operation: authenticate the credentials (401 when missing or
 * invalid), then allow only the roles the role matrix names for this operation (403 otherwise).
 */
export function roleGuard(operationId: OperationId) {
  const allowed = rolesFor(operationId);
  return createMiddleware<ApiEnv>(async (c, next) => {
    if (allowed === 'public') return next();
    const principal = await c.var.authenticate(credentialsOf(c));
    // Known before the role check, so the audit trail and the request log say who was refused.
    c.set('principal', principal);
    if (!allowed.includes(principal.role as never)) {
      throw new ProblemError(403, `the role ${principal.role} may not use ${operationId}; it is open to ${allowed.join(', ')}`);
    }
    await next();
  });
}
