import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ProblemError } from '../http/problem.ts';
import type { Principal } from './roles.ts';
import { principalFromClaims, type ClaimNames } from './principal-from-claims.ts';
import { unauthorized } from './unauthorized.ts';

/**
 * Asymmetric algorithms only: with a JWKS of public keys, `none` and the HMAC family (where a public key
 * could be abused as the shared secret) must never be accepted.
 */
export const ALLOWED_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;

/** Clock skew tolerated between the identity provider and this server. */
export const CLOCK_TOLERANCE_SECONDS = 30;

export interface JwtVerifierOptions extends ClaimNames {
  issuer: string;
  audience: string;
  /** The issuer's public keys: createRemoteJWKSet or createLocalJWKSet. */
  keys: JWTVerifyGetKey;
}

export type VerifyToken = (token: string) => Promise<Principal>;

/** How long a verified token is remembered at most (and never past its own `exp`). */
export const VERIFIED_TOKEN_TTL_MS = 5 * 60_000;
const MAX_REMEMBERED_TOKENS = 1_000;

/**
 * Verifies a bearer JWT (signature, issuer, audience, lifetime) and reads the principal from its claims.
 * A dashboard sends the same token with every request: a verified token is remembered until it expires
 * (at most five minutes), so the signature is checked once rather than on every request.
 */
export function createJwtVerifier(options: JwtVerifierOptions): VerifyToken {
  const verified = new Map<string, { principal: Principal; until: number }>();
  return async (token) => {
    const remembered = verified.get(token);
    if (remembered && Date.now() < remembered.until) return remembered.principal;
    verified.delete(token);
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, options.keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: [...ALLOWED_ALGORITHMS],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw tokenProblem(error, options);
    }
    const principal = principalFromClaims(payload, options);
    if (verified.size >= MAX_REMEMBERED_TOKENS) verified.delete(verified.keys().next().value!);
    verified.set(token, { principal, until: Math.min(Number(payload.exp) * 1000, Date.now() + VERIFIED_TOKEN_TTL_MS) });
    return principal;
  };
}

/** One line saying what is wrong with the token, without repeating it or its claims. */
function tokenProblem(error: unknown, options: JwtVerifierOptions): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error instanceof errors.JWTExpired) return unauthorized('the bearer token has expired; sign in again for a new one');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return unauthorized(`the bearer token lacks the required ${error.claim} claim`);
    if (error.claim === 'iss') return unauthorized(`the bearer token was not issued by the configured issuer ${options.issuer}`);
    if (error.claim === 'aud') return unauthorized(`the bearer token is not meant for this API (audience ${options.audience})`);
    if (error.claim === 'nbf')
      return unauthorized('the bearer token is not valid yet; check the clocks of the issuer and this server');
    return unauthorized(`the bearer token's ${error.claim} claim is invalid`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return unauthorized(`the bearer token's signing algorithm is not allowed; use one of ${ALLOWED_ALGORITHMS.join(', ')}`);
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return unauthorized('the bearer token is signed with a key the issuer does not publish');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return unauthorized("the bearer token's signature does not verify");
  if (error instanceof KeysUnavailableError) return keysUnavailable(` (${error.message})`);
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return keysUnavailable('');
  if (error instanceof errors.JOSEError) return unauthorized('the bearer token is not a well-formed signed JWT');
  if (error instanceof TypeError) {
    // A JWKS endpoint that cannot be reached surfaces as fetch's TypeError from createRemoteJWKSet.
    return keysUnavailable('');
  }
  return unauthorized('the bearer token could not be verified');
}

function keysUnavailable(reason: string): ProblemError {
  return new ProblemError(
    503,
    `the identity provider's signing keys could not be fetched${reason}; try again shortly`,
    {},
    { 'Retry-After': '5' },
  );
}

/** Thrown by a key source that cannot reach the identity provider (see discovered-jwks.ts). */
export class KeysUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeysUnavailableError';
  }
}
