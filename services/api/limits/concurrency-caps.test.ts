import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { asRole, testAuthenticate } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';
import { DEFAULT_READER_LIMITS } from './reader-limit-settings.ts';

let dir: string;
let reader: SnapshotReader;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-caps-'));
  await writeSnapshot(dir, 1, fixtureContent());
  reader = await openSnapshotReader({ dir });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

const EXPORT = '/api/v1/exports/weekly-counts?theme=loneliness&format=csv';
const STREAM = '/api/v1/snapshot-events';

/** testAuthenticate's subject is `test-<role>`; the caps are the defaults, the rates out of the way. */
function appWithCaps() {
  const shutdown = new AbortController();
  const app = createApp({
    snapshots: reader,
    authenticate: testAuthenticate,
    now: () => FIXTURE_NOW,
    log: () => {},
    shutdown: shutdown.signal,
    limits: { ...DEFAULT_READER_LIMITS, dataPerMinute: 1_000, exportsPerMinute: 1_000 },
  });
  const open = (path: string, role = 'epidemiologist', method = 'GET') => app.request(path, { ...asRole(role), method });
  return { open, stop: () => shutdown.abort() };
}

async function expectRefused(res: Response, detail: RegExp): Promise<void> {
  expect(res.status).toBe(429);
  expect(res.headers.get('Retry-After')).toMatch(/^[1-9]\d*$/);
  const problem = (await res.json()) as { detail: string };
  expect(problem.detail).toMatch(detail);
  expect(problem.detail).not.toContain('\n');
}

describe('concurrent exports per subject', () => {
  it(`refuses the third export while two are being sent, and allows one again when one has finished`, async () => {
    expect(DEFAULT_READER_LIMITS.concurrentExports).toBe(2);
    const { open } = appWithCaps();
    const first = await open(EXPORT);
    const second = await open(EXPORT);
    expect([first.status, second.status]).toEqual([200, 200]);
    await expectRefused(await open(EXPORT), /2 exports with these credentials are still being made or sent/);

    const other = await open(EXPORT, 'team_lead');
    expect(other.status).toBe(200);
    await other.arrayBuffer();

    expect(await first.text()).toMatch(/^# wijksignaal_export: weekly counts per wijk/);
    const third = await open(EXPORT);
    expect(third.status).toBe(200);
    await expectRefused(await open(EXPORT), /still being made or sent/);

    await second.body!.cancel();
    const fourth = await open(EXPORT);
    expect(fourth.status).toBe(200);
    await Promise.all([third.arrayBuffer(), fourth.arrayBuffer()]);
  });

  it('frees the slot of an export that failed or was answered to HEAD', async () => {
    const { open } = appWithCaps();
    for (let i = 0; i < 3; i++) expect((await open(`${EXPORT}&from=2025-W99`)).status).toBe(400);
    for (let i = 0; i < 3; i++) expect((await open(EXPORT, 'epidemiologist', 'HEAD')).status).toBe(200);
    const held = [await open(EXPORT), await open(EXPORT)];
    expect(held.map((r) => r.status)).toEqual([200, 200]);
    await Promise.all(held.map((r) => r.arrayBuffer()));
  });
});

describe('snapshot-event streams per subject', () => {
  it('refuses the fifth open stream of a subject, and allows one again once a stream has closed', async () => {
    expect(DEFAULT_READER_LIMITS.streams).toBe(4);
    const { open, stop } = appWithCaps();
    const streams = [];
    for (let i = 0; i < 4; i++) streams.push(await open(STREAM));
    expect(streams.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await expectRefused(await open(STREAM), /4 snapshot-event streams are already open with these credentials/);

    const other = await open(STREAM, 'team_lead');
    expect(other.status).toBe(200);

    await streams.shift()!.body!.cancel();
    const again = await open(STREAM);
    expect(again.status).toBe(200);
    await expectRefused(await open(STREAM), /already open/);

    stop();
    for (const res of [...streams, other, again]) await res.text();
    // Ended by the server (its shutdown): those slots are free too.
    for (let i = 0; i < 4; i++) expect((await open(STREAM, 'epidemiologist', 'HEAD')).status).toBe(200);
  });
});
