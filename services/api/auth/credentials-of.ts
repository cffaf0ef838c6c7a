import type { Context } from 'hono';
import type { Credentials } from './authenticate.ts';

/** The credentials a request presents: what the role guard authenticates and an open stream re-checks. */
export function credentialsOf(c: Context): Credentials {
  return { authorization: c.req.header('authorization'), apiKey: c.req.header('x-api-key') };
}
