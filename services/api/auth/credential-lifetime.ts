import { ProblemError } from '../http/problem.ts';

/** How often an open stream asks again whether its credentials are still accepted (a revoked API key). */
export const CREDENTIAL_RECHECK_MS = 5_000;

// The longest delay setTimeout keeps (about 24.8 days; a longer one fires at once): a later expiry is
// waited for in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface CredentialLifetimeOptions {
  /** The token's `exp`; undefined for an API key. */
  expiresAt: Date | undefined;
  /** Authenticates the same credentials again; rejects with the 401 or 403 once they are refused. */
  stillAccepted: () => Promise<unknown>;
  now: () => Date;
  recheckMs: number;
}

export interface CredentialLifetime {
  /** Resolves with a one-line reason when the credentials end: at the token's expiry, or once they are refused. */
  ended: Promise<string>;
  /** Stops the timers (the stream ended for another reason). */
  stop(): void;
}

/**
 * How long something opened with a request's credentials may stay open (an event stream): until the
 * token expires, and no longer than one re-check after the credentials are refused (an API key revoked
 * with `npm run api-key -- --revoke`, which the key store sees at its next lookup).
 */
export function credentialLifetime(options: CredentialLifetimeOptions): CredentialLifetime {
  let end: (reason: string) => void = () => {};
  const ended = new Promise<string>((resolve) => (end = resolve));

  let expiryTimer: NodeJS.Timeout | undefined;
  const awaitExpiry = (): void => {
    if (!options.expiresAt) return;
    const left = options.expiresAt.getTime() - options.now().getTime();
    if (left <= 0) return end('the token has expired; sign in again for a new one');
    expiryTimer = setTimeout(awaitExpiry, Math.min(left, MAX_TIMER_MS));
  };

  let checking = false;
  const recheckTimer = setInterval(() => {
    if (checking) return;
    checking = true;
    options
      .stillAccepted()
      .catch((error: unknown) => {
        // Only a refusal ends it: an identity provider that cannot be reached (503) says nothing about these.
        const status = error instanceof ProblemError ? error.problem.status : 0;
        if (status === 401 || status === 403)
          end(`the credentials are no longer accepted: ${(error as ProblemError).problem.detail}`);
      })
      .finally(() => (checking = false));
  }, options.recheckMs);

  awaitExpiry();
  return {
    ended,
    stop() {
      clearTimeout(expiryTimer);
      clearInterval(recheckTimer);
    },
  };
}
