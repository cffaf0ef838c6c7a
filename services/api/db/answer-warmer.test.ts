import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { waitFor } from '../../../tests/support/wait-for.ts';
import { overviewAnswer } from '../endpoints/overview.ts';
import type { WorkerRecipe } from '../endpoints/worker-recipes.ts';
import { DEFAULT_DISCLOSURE } from '../disclosure-views/disclosure-settings.ts';
import { RememberedAnswers } from '../http/remembered-answers.ts';
import { resolveGridPeriod } from '../routes/query-params.ts';
import { answerWarmer } from './answer-warmer.ts';
import { answerWorker, type AnswerWorker } from './answer-worker-pool.ts';
import { PerSnapshotCache } from './per-snapshot-cache.ts';
import { QueryTimeoutError } from './query-timeout.ts';
import { openSnapshotReader, type SnapshotReader } from './snapshot-reader.ts';

const now = () => FIXTURE_NOW;
const TARGET = '/api/v1/overview?theme=escalation';
const args = { theme: 'escalation' as const, period: resolveGridPeriod({}, FIXTURE_NOW) };
const recipe: WorkerRecipe = { endpoint: 'overview', args };

let root: string;
let reader: SnapshotReader;
let sequence = 1;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'api-answer-warmer-'));
  await writeSnapshot(join(root, 'snapshots'), sequence, fixtureContent());
  reader = await openSnapshotReader({ dir: join(root, 'snapshots'), pollMs: 20 });
});
afterAll(async () => {
  await reader.close();
  await rm(root, { recursive: true, force: true });
});

/** A warmer on the reader with the overview asked once on the current snapshot; then the next snapshot published. */
async function warmNextWith(worker: AnswerWorker | undefined, minComputeMs = 0) {
  const cache = new PerSnapshotCache((snap) => reader.current()?.fileName === snap.fileName);
  const answers = new RememberedAnswers(() => reader.current()?.fileName);
  const logged: string[] = [];
  const warmer = answerWarmer({ cache, answers, now, worker, minComputeMs, log: (line) => logged.push(line) });
  const unhook = reader.beforeSwap(warmer.hook);
  const deps = { now, disclosure: DEFAULT_DISCLOSURE, cache };
  const body = await cache.answer(reader, 'overview|escalation', (conn, snap) => overviewAnswer(conn, snap, deps, args), recipe);
  const snapshotFile = reader.current()!.fileName;
  answers.remember(TARGET, {
    operationId: 'getOverview',
    route: '/api/v1/overview',
    body,
    snapshotFile,
    week: isoWeekFromDate(FIXTURE_NOW),
  });
  await writeSnapshot(join(root, 'snapshots'), ++sequence, fixtureContent());
  await waitFor(async () => reader.current()?.sequence === sequence, {
    timeoutMs: 10_000,
    intervalMs: 10,
    what: `snapshot ${sequence}`,
  });
  unhook();
  const warmed = answers.find(TARGET, isoWeekFromDate(FIXTURE_NOW));
  // What this thread makes from the new snapshot on request: the warmed answer must be the same bytes.
  const fresh = await reader.withSnapshot((conn, snap) =>
    overviewAnswer(conn, snap, { ...deps, cache: new PerSnapshotCache(() => true) }, args),
  );
  return { warmer, warmed, fresh, logged };
}

describe('the answer warmer', () => {
  it('makes the overview of the next snapshot on the worker thread, the same text this thread makes, gzipped and tagged', async () => {
    const worker = answerWorker(DEFAULT_DISCLOSURE);
    try {
      const { warmer, warmed, fresh } = await warmNextWith(worker);
      expect([warmer.warmed(), warmer.warmedInWorker()]).toEqual([1, 1]);
      expect(warmed?.snapshotFile).toBe(reader.current()!.fileName);
      expect(warmed?.body.text).toBe(fresh);
      const { gunzipSync } = await import('node:zlib');
      expect(gunzipSync(await warmed!.body.gzipped()).toString()).toBe(fresh);
      expect(warmed?.body.recipe?.worker).toEqual(recipe);
    } finally {
      await worker.close();
    }
  });

  it('makes an answer with a worker recipe ahead whatever it cost, but only with the worker', async () => {
    const worker = answerWorker(DEFAULT_DISCLOSURE);
    try {
      const cheap = await warmNextWith(worker, Number.POSITIVE_INFINITY);
      expect([cheap.warmer.warmedInWorker(), cheap.warmed?.body.text]).toEqual([1, cheap.fresh]);
    } finally {
      await worker.close();
    }
    const withoutWorker = await warmNextWith(undefined, Number.POSITIVE_INFINITY);
    expect([withoutWorker.warmer.warmed(), withoutWorker.warmed]).toEqual([0, undefined]);
  });

  it('makes it on this thread when the worker fails, and says so', async () => {
    const failing: AnswerWorker = {
      make: () => Promise.reject(new Error('the answer worker exited (1)')),
      warmUp: () => {},
      close: async () => {},
    };
    const { warmer, warmed, fresh, logged } = await warmNextWith(failing);
    expect([warmer.warmed(), warmer.warmedInWorker()]).toEqual([1, 0]);
    expect(warmed?.body.text).toBe(fresh);
    expect(logged).toEqual([expect.stringContaining('in the worker failed: the answer worker exited (1); making it here')]);
  });
});

describe('the answer worker', () => {
  it('gives up on a job that outlives the query timeout, and makes the next one on a new thread', async () => {
    const worker = answerWorker(DEFAULT_DISCLOSURE);
    try {
      const snapshot = reader.current()!;
      const next = { snapshot, path: join(root, 'snapshots', snapshot.fileName) };
      const overview = { key: 'overview|escalation', serialise: () => Promise.reject(new Error('not here')), worker: recipe };
      // No job opens a snapshot, computes, gzips and hashes the overview within a millisecond.
      await expect(worker.make({ ...next, queryTimeoutMs: 1 }, overview, FIXTURE_NOW.getTime())).rejects.toThrow(QueryTimeoutError);
      const made = await worker.make({ ...next, queryTimeoutMs: 60_000 }, overview, FIXTURE_NOW.getTime());
      const deps = { now, disclosure: DEFAULT_DISCLOSURE, cache: new PerSnapshotCache(() => true) };
      expect(made.text).toBe(await reader.withSnapshot((conn, snap) => overviewAnswer(conn, snap, deps, args)));
    } finally {
      await worker.close();
    }
  });
});
