import { ProblemError } from '../http/problem.ts';
import { claimAt } from './claim-path.ts';
import { ROLES, isRole, type Principal } from './roles.ts';

export interface ClaimNames {
  /** Where the role is: a claim name or dotted path; a string, a space-separated string or an array. */
  roleClaim: string;
  /** Where a partner token carries its partner id. */
  partnerClaim: string;
}

/**
 * The principal of a verified token: exactly one Wijksignaal role in the role claim (other roles the
 * identity provider adds, like `offline_access`, are ignored), and for a partner its partner id. A valid
 * token that grants no single role is a 403: the person is known but may not use Wijksignaal this way.
 */
export function principalFromClaims(payload: Record<string, unknown>, names: ClaimNames): Principal {
  const raw = claimAt(payload, names.roleClaim);
  const values = typeof raw === 'string' ? raw.split(/\s+/) : Array.isArray(raw) ? raw : [];
  const roles = [...new Set(values.filter(isRole))];
  if (roles.length === 0) {
    throw new ProblemError(
      403,
      raw === undefined
        ? `the token has no ${names.roleClaim} claim; ask the identity provider's administrator for a Wijksignaal role`
        : `the token's ${names.roleClaim} claim holds no Wijksignaal role (${ROLES.join(', ')})`,
    );
  }
  if (roles.length > 1) {
    throw new ProblemError(
      403,
      `the token's ${names.roleClaim} claim holds more than one Wijksignaal role; it must hold exactly one`,
    );
  }
  const role = roles[0]!;
  const subject = typeof payload.sub === 'string' ? payload.sub : '';
  const expiry = typeof payload.exp === 'number' ? { expiresAt: new Date(payload.exp * 1000) } : {};
  if (role !== 'partner') return { subject, role, ...expiry };
  const partnerId = claimAt(payload, names.partnerClaim);
  if (typeof partnerId !== 'string' || partnerId === '') {
    throw new ProblemError(403, `a partner token must carry its partner id in the ${names.partnerClaim} claim`);
  }
  return { subject, role, partnerId, ...expiry };
}
