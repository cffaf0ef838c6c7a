import type { ApiKeyStore } from './api-key-store.ts';
import type { Authenticate } from './authenticate.ts';
import type { VerifyToken } from './jwt-verifier.ts';
import { unauthorized } from './unauthorized.ts';

/** Three base64url parts: the only shape a signed JWT has (an unsigned one, alg none, has an empty third). */
const BEARER_JWT = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

/**
 * The real Authenticate: a person's bearer JWT (verified by `verifyToken`) or a partner system's
 * `X-Api-Key`. Exactly one of the two; every refusal is a one-line 401 that never repeats the credential.
 */
export function credentialsAuthenticate(verifyToken: VerifyToken, apiKeys: ApiKeyStore): Authenticate {
  return async ({ authorization, apiKey }) => {
    if (authorization !== undefined && apiKey !== undefined) {
      throw unauthorized('send either a bearer token or an X-Api-Key, not both');
    }
    if (apiKey !== undefined) {
      const found = apiKey.trim() === '' ? undefined : await apiKeys.find(apiKey.trim());
      if (!found) throw unauthorized('the X-Api-Key is unknown or revoked; ask the GGD for a new partner key');
      return { subject: `api-key:${found.id}`, role: 'partner', partnerId: found.partnerId };
    }
    if (authorization === undefined || authorization.trim() === '') {
      throw unauthorized('no credentials: send Authorization: Bearer <token> (people) or X-Api-Key (partner systems)', false);
    }
    const match = BEARER_JWT.exec(authorization.trim());
    if (!match) {
      throw unauthorized(
        /^Bearer\s/i.test(authorization.trim())
          ? 'the bearer token is not a signed JWT (three base64url parts separated by dots)'
          : 'the Authorization header must be "Bearer <token>"',
      );
    }
    return verifyToken(match[1]!);
  };
}
