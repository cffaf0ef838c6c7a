import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiKeyStore, apiKeyFile } from './api-key-store.ts';
import { credentialsAuthenticate } from './credentials-authenticate.ts';
import { ProblemError } from '../http/problem.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-keys-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const noTokens = async () => {
  throw new Error('no bearer token expected in this test');
};

describe('ApiKeyStore', () => {
  it('stores only the hash: the file never contains the key, and is readable by its owner only', async () => {
    const store = new ApiKeyStore(apiKeyFile(dir));
    const { id, key } = await store.create('thuiszorg-demo');
    expect(key).toMatch(/^wsk_[A-Za-z0-9_-]{43}$/);
    const text = await readFile(apiKeyFile(dir), 'utf8');
    expect(text).not.toContain(key);
    expect(text).not.toContain(key.slice(4, 20));
    expect(text).toContain(id);
    expect((await stat(apiKeyFile(dir))).mode & 0o777).toBe(0o600);
    await expect(store.find(key)).resolves.toMatchObject({ id, partnerId: 'thuiszorg-demo' });
    await expect(store.find(`${key}x`)).resolves.toBeUndefined();
  });

  it('a key created or revoked by another process (npm run api-key) counts at once', async () => {
    const running = new ApiKeyStore(apiKeyFile(dir));
    await expect(running.find('wsk_nothing')).resolves.toBeUndefined();
    const cli = new ApiKeyStore(apiKeyFile(dir));
    const { id, key } = await cli.create('school-demo');
    await expect(running.find(key)).resolves.toMatchObject({ partnerId: 'school-demo' });
    expect(await cli.revoke(id)).toBe(true);
    await expect(running.find(key)).resolves.toBeUndefined();
    expect(await cli.revoke(id)).toBe(false);
  });

  it('refuses an invalid partner id', async () => {
    await expect(new ApiKeyStore(apiKeyFile(dir)).create('Not A Partner')).rejects.toThrow(/partner id/);
  });
});

describe('credentialsAuthenticate with an API key', () => {
  it('answers the partner of the key, and a 401 that does not repeat an unknown key', async () => {
    const store = new ApiKeyStore(apiKeyFile(dir));
    const { id, key } = await store.create('politie-demo');
    const authenticate = credentialsAuthenticate(noTokens, store);
    await expect(authenticate({ authorization: undefined, apiKey: key })).resolves.toEqual({
      subject: `api-key:${id}`,
      role: 'partner',
      partnerId: 'politie-demo',
    });
    const wrong = 'wsk_guessedguessedguessedguessedguessedguess';
    const error = await authenticate({ authorization: undefined, apiKey: wrong }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).problem.status).toBe(401);
    expect((error as ProblemError).problem.detail).not.toContain(wrong);
    expect((error as ProblemError).headers['WWW-Authenticate']).toMatch(/^Bearer /);
  });
});
