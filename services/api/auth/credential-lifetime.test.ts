import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../tests/support/wait-for.ts';
import { ProblemError } from '../http/problem.ts';
import { ApiKeyStore, apiKeyFile } from './api-key-store.ts';
import { credentialLifetime, type CredentialLifetime } from './credential-lifetime.ts';
import { credentialsAuthenticate } from './credentials-authenticate.ts';

let lifetime: CredentialLifetime | undefined;
afterEach(() => lifetime?.stop());

/** Settles `ended` into a plain value the test can poll. */
function watch(l: CredentialLifetime) {
  const state: { reason?: string } = {};
  void l.ended.then((reason) => (state.reason = reason));
  return state;
}

describe('credentialLifetime', () => {
  it("ends at the token's expiry with a reason that says what to do", async () => {
    lifetime = credentialLifetime({
      expiresAt: new Date(Date.now() + 100),
      stillAccepted: async () => undefined,
      now: () => new Date(),
      recheckMs: 60_000,
    });
    const state = watch(lifetime);
    await waitFor(() => state.reason, { timeoutMs: 5_000, intervalMs: 10, what: 'the expiry' });
    expect(state.reason).toBe('the token has expired; sign in again for a new one');
  });

  it('ends once the credentials are refused, not while the identity provider cannot be asked', async () => {
    let answer: ProblemError = new ProblemError(503, "the identity provider's signing keys could not be fetched");
    let checks = 0;
    lifetime = credentialLifetime({
      expiresAt: undefined,
      stillAccepted: async () => {
        checks++;
        throw answer;
      },
      now: () => new Date(),
      recheckMs: 10,
    });
    const state = watch(lifetime);
    await waitFor(() => checks >= 3, { timeoutMs: 5_000, intervalMs: 5, what: 'three re-checks' });
    expect(state.reason).toBeUndefined();
    answer = new ProblemError(401, 'the X-Api-Key is unknown or revoked; ask the GGD for a new partner key');
    await waitFor(() => state.reason, { timeoutMs: 5_000, intervalMs: 5, what: 'the refusal' });
    expect(state.reason).toBe(
      'the credentials are no longer accepted: the X-Api-Key is unknown or revoked; ask the GGD for a new partner key',
    );
  });

  it('ends within a re-check of an API key being revoked by another process (npm run api-key -- --revoke)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lifetime-'));
    try {
      const running = new ApiKeyStore(apiKeyFile(dir));
      const { id, key } = await new ApiKeyStore(apiKeyFile(dir)).create('thuiszorg-demo');
      const authenticate = credentialsAuthenticate(async () => expect.unreachable('no bearer token here'), running);
      lifetime = credentialLifetime({
        expiresAt: undefined,
        stillAccepted: () => authenticate({ authorization: undefined, apiKey: key }),
        now: () => new Date(),
        recheckMs: 20,
      });
      const state = watch(lifetime);
      await expect(authenticate({ authorization: undefined, apiKey: key })).resolves.toMatchObject({ subject: `api-key:${id}` });
      expect(state.reason).toBeUndefined();

      expect(await new ApiKeyStore(apiKeyFile(dir)).revoke(id)).toBe(true);
      await waitFor(() => state.reason, { timeoutMs: 5_000, intervalMs: 10, what: 'the revocation to be noticed' });
      expect(state.reason).toMatch(/no longer accepted: the X-Api-Key is unknown or revoked/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
