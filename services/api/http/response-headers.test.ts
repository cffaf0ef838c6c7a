import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { asRole, testAuthenticate } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';

let root: string;
let reader: SnapshotReader;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'api-headers-'));
  await mkdir(join(root, 'build'));
  await writeFile(join(root, 'build', 'index.html'), '<!doctype html><html lang="nl"><body><script>1</script></body></html>');
  await writeSnapshot(join(root, 'snapshots'), 1, fixtureContent());
  reader = await openSnapshotReader({ dir: join(root, 'snapshots') });
});
afterAll(async () => {
  await reader.close();
  await rm(root, { recursive: true, force: true });
});

const appWith = (hsts?: boolean) =>
  createApp({
    snapshots: reader,
    dashboardDir: join(root, 'build'),
    authenticate: testAuthenticate,
    now: () => FIXTURE_NOW,
    log: () => {},
    ...(hsts === undefined ? {} : { hsts }),
  });

/** A data route, the dashboard (a page and a client-side route), an unknown path and a refusal. */
const ANSWERS: [string, string, RequestInit, number][] = [
  ['a data route', '/api/v1/overview?theme=loneliness', asRole('epidemiologist'), 200],
  ['an export', '/api/v1/exports/overview?theme=loneliness&format=csv', asRole('epidemiologist'), 200],
  ['the dashboard', '/', {}, 200],
  ['a dashboard route', '/wijk/WK000101', {}, 200],
  ['a 404', '/api/v1/nothing-here', {}, 404],
  ['a 401', '/api/v1/overview?theme=loneliness', {}, 401],
];
const CASES = ANSWERS.flatMap(([what, path, init, status]) =>
  ['GET', 'HEAD'].map((method) => [`${method} of ${what}`, path, { ...init, method }, status] as const),
);

describe('security headers on every response', () => {
  it.each(CASES)(
    '%s denies camera, microphone, location and the like, and sends no HSTS over plain http',
    async (_, path, init, status) => {
      const res = await appWith().request(path, init);
      expect(res.status).toBe(status);
      const policy = res.headers.get('Permissions-Policy') ?? '';
      for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(policy).toContain(`${feature}=()`);
      expect(policy).not.toMatch(/=\((?!\))/); // nothing allowed to any origin, not even self
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('X-Frame-Options')).toBe('DENY');
      expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
      expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('Strict-Transport-Security')).toBeNull();
      if (init.method === 'HEAD') expect(await res.text()).toBe('');
      else await res.arrayBuffer();
    },
  );

  it.each(CASES)('%s carries Strict-Transport-Security when users reach it over https', async (_, path, init, status) => {
    const res = await appWith(true).request(path, init);
    expect(res.status).toBe(status);
    expect(res.headers.get('Strict-Transport-Security')).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers.get('Permissions-Policy')).toContain('camera=()');
    await res.arrayBuffer();
  });
});
