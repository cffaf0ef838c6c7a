import type { Principal } from './roles.ts';

/** The credentials a request presents: the `Authorization` header and/or the partner `X-Api-Key` header. */
export interface Credentials {
  authorization: string | undefined;
  apiKey: string | undefined;
}

/**
 * The port every protected route asks: who presents these credentials? Resolves with the principal, or
 * rejects with a 401 `ProblemError` saying what is missing or wrong (never echoing the credential).
 */
export type Authenticate = (credentials: Credentials) => Promise<Principal>;
