import { ProblemError } from '../http/problem.ts';

/**
 * A 401 with the RFC 6750 challenge, so clients know a bearer token (or the partner API key) is wanted.
 * `invalid` marks a presented but rejected credential (`error="invalid_token"`); the detail never repeats it.
 */
export function unauthorized(detail: string, invalid = true): ProblemError {
  const challenge = invalid ? 'Bearer realm="wijksignaal", error="invalid_token"' : 'Bearer realm="wijksignaal"';
  return new ProblemError(401, detail, {}, { 'WWW-Authenticate': challenge });
}
