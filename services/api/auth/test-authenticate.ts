import { ProblemError } from '../http/problem.ts';
import type { Authenticate } from './authenticate.ts';
import { isRole, type Role } from './roles.ts';

/**
 * A plain fake of the Authenticate port for route tests: the bearer token is the role itself
 * (`Bearer epidemiologist`) or, for partners, `Bearer partner:<partner id>`. Never used by main.ts.
 */
export const testAuthenticate: Authenticate = async ({ authorization }) => {
  const token = authorization?.replace(/^Bearer\s+/i, '');
  if (!token) throw new ProblemError(401, 'test: no bearer token');
  const [role, partnerId] = token.split(':');
  if (!isRole(role)) throw new ProblemError(401, `test: ${token} is not a role`);
  return { subject: `test-${role}`, role, ...(partnerId ? { partnerId } : {}) };
};

/** Request headers that authenticate as `role` with testAuthenticate. */
export function asRole(role: string): { headers: { authorization: string } } {
  return { headers: { authorization: `Bearer ${role}` } };
}

/** A fake for route tests that are not about access: every request is `role`, credentials or not. */
export function authenticateAs(role: Role, partnerId?: string): Authenticate {
  return async () => ({ subject: `test-${role}`, role, ...(partnerId ? { partnerId } : {}) });
}
