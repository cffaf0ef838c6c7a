import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { authenticateAs } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from './snapshot-reader.ts';

/** A cross join no machine finishes in the time of a test: only the timeout's interrupt ends it. */
const SLOW = 'SELECT count(*) FROM range(100000000) a, range(100000) b WHERE a.range + b.range = -1';

let dir: string;
let reader: SnapshotReader;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-query-timeout-'));
  await writeSnapshot(dir, 1, fixtureContent());
  // One connection, so the request after the slow one must be answered on the very connection it interrupted.
  reader = await openSnapshotReader({ dir, poolSize: 1, queryTimeoutMs: 2_000 });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

/** The reader port with the next request's work made slow: it runs SLOW first, on the same connection. */
function slowOnce(snapshots: SnapshotReader) {
  const state = { slow: true };
  const port: SnapshotReader = {
    ...snapshots,
    withSnapshot: (fn) =>
      snapshots.withSnapshot(async (conn, snap) => {
        if (state.slow) {
          state.slow = false;
          await conn.run(SLOW);
        }
        return fn(conn, snap);
      }),
  };
  return port;
}

describe('the query timeout', () => {
  it('answers 503 problem+json when the queries run past QUERY_TIMEOUT_MS, and the pool answers the next request', async () => {
    const logged: string[] = [];
    const app = createApp({
      snapshots: slowOnce(reader),
      authenticate: authenticateAs('epidemiologist'),
      now: () => FIXTURE_NOW,
      log: (line) => logged.push(line),
    });
    const path = '/api/v1/overview?theme=loneliness&from=2025-W01&to=2025-W13';

    const stopped = await app.request(path);
    expect(stopped.status).toBe(503);
    expect(stopped.headers.get('Content-Type')).toBe('application/problem+json');
    expect(stopped.headers.get('Retry-After')).toMatch(/^[1-9]\d*$/);
    const problem = (await stopped.json()) as { status: number; detail: string; requestId: string };
    expect(problem.status).toBe(503);
    expect(problem.detail).toBe(
      'the query took longer than 2 s and was stopped; ask for a shorter period, or try again when the server is less busy',
    );
    expect(logged).toEqual([`GET /api/v1/overview: queries stopped after 2000 ms (request ${problem.requestId})`]);

    const next = await app.request(path);
    expect(next.status).toBe(200);
    expect((await next.json()) as { snapshotSequence: number }).toMatchObject({ snapshotSequence: 1 });
  }, 20_000);
});
