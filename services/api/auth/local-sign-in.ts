import type { DemoUser } from './demo-users.ts';

/** Sign-in at the built-in local issuer (only when AUTH_ISSUER is not set). */
export interface LocalSignIn {
  ttlSeconds: number;
  /** A token for the demo user with these credentials, or undefined when they are wrong. */
  signIn(username: string, password: string): Promise<{ accessToken: string; user: DemoUser } | undefined>;
}
