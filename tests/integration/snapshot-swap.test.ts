import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overviewResponse, seriesResponse } from '@wijksignaal/contracts/http';
import { overviewRows } from '@wijksignaal/contracts/overview-columns';
import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { snapshotFileName } from '@wijksignaal/contracts/snapshot';
import { periodsContaining } from '@wijksignaal/domain/published/period-grid';
import { startApiServer, type ApiServer } from '@wijksignaal/api/server';
import { readPublishedTable, type PublishedTable } from '../support/read-snapshot.ts';
import { ROOMY_READER_LIMITS } from '../support/roomy-reader-limits.ts';
import { waitFor } from '../support/wait-for.ts';
import { pointLatestAt, writeSnapshot, type SnapshotContent } from '../support/write-snapshot.ts';
import { authenticateAs } from '../../services/api/auth/test-authenticate.ts';

/**
 * Must hold (issue 2): the API keeps answering while the pipeline swaps snapshots under it. A real HTTP
 * server reads a snapshot directory while this test publishes new snapshots and prunes old files the way
 * the pipeline does, with requests in flight all the time. Every snapshot has its own total, so its
 * published cells differ from the others', and each response is checked against the published table of
 * exactly the snapshot it claims to come from (read before the snapshot is published).
 */
const SWAPS = 24;
const CONCURRENCY = 20;
const KEEP_FILES = 2;
const MAX_REQUESTS = 20_000;
const WEEK = '2025-W05';
const WIJKEN = ['WK000101', 'WK000102', 'WK000103', 'WK000104'];
/** The grid periods that contain WEEK: a week, a 4-week period, a quarter and the year. */
const PERIODS = periodsContaining(WEEK);
const tables = new Map<number, PublishedTable>();

/** Publishes a snapshot the way the test needs it: its published table is read before LATEST moves to it. */
async function publish(sequence: number): Promise<void> {
  const fileName = await writeSnapshot(dir, sequence, snapshotContent(sequence), { publish: false });
  tables.set(sequence, await readPublishedTable(join(dir, fileName)));
  await pointLatestAt(dir, fileName);
}

/** Sequence s spreads the total 1000 + 37·s over the wijken, so no two snapshots share a total. */
function totalOf(sequence: number): number {
  return 1000 + 37 * sequence;
}

function snapshotContent(sequence: number): SnapshotContent {
  const total = totalOf(sequence);
  const share = Math.floor(total / WIJKEN.length);
  return {
    areas: WIJKEN.map((code, i) => ({
      code,
      name: `Wijk ${i + 1}`,
      gemeenteCode: 'GM0001',
      gemeenteName: 'Teststad',
      year: 2024,
      residents: 1000,
    })),
    weeklyCounts: WIJKEN.map((wijk, i) => ({
      wijk,
      week: WEEK,
      theme: 'loneliness',
      n: i === 0 ? total - share * (WIJKEN.length - 1) : share,
    })),
  };
}

let dir: string;
let server: ApiServer;
const logLines: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wijksignaal-swap-'));
  await publish(1);
  server = await startApiServer({
    authenticate: authenticateAs('epidemiologist'),
    port: 0,
    host: '127.0.0.1',
    snapshotDir: dir,
    pollMs: 50,
    log: (l) => logLines.push(l),
    limits: ROOMY_READER_LIMITS,
  });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Observation {
  sequence: number;
  ok: boolean;
  problem?: string;
}

describe('snapshot swaps under load', () => {
  it('answers every request from exactly one snapshot, with zero errors, while snapshots are swapped and pruned', async () => {
    const observations: Observation[] = [];
    const failures: string[] = [];
    let publishing = true;
    let sent = 0;

    async function checkOnce(kind: number): Promise<void> {
      // Varying week ranges (all ending at WEEK) keep most series requests out of the API's answer cache, so
      // they really query the snapshot they hold while it is being replaced; the overview takes grid periods.
      const from = addIsoWeeks(WEEK, -(kind % 40));
      const period = PERIODS[Math.floor(kind / 2) % PERIODS.length]!;
      const path =
        kind % 2 === 0
          ? `/api/v1/overview?theme=loneliness&from=${period.from}&to=${period.to}`
          : `/api/v1/areas/WK000101/series?theme=loneliness&from=${from}&to=${WEEK}`;
      let res: Response;
      try {
        res = await fetch(`${server.url}${path}`);
      } catch (error) {
        failures.push(`${path}: ${(error as Error).message}`);
        return;
      }
      const text = await res.text();
      if (res.status !== 200) {
        failures.push(`${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
        return;
      }
      const json = JSON.parse(text) as { snapshotSequence?: number };
      const sequence = json.snapshotSequence ?? -1;
      const table = tables.get(sequence);
      if (!table) {
        observations.push({ sequence, ok: false, problem: `an answer from snapshot ${sequence}, which was never published` });
        return;
      }
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
      if (kind % 2 === 0) {
        const parsed = overviewResponse.parse(json);
        const body = { ...parsed, areas: overviewRows(parsed) };
        // Every count here is in the hundreds: each is the snapshot's published cell of the period.
        const p = body.period;
        const ok =
          body.areas.length === WIJKEN.length &&
          body.areas.every((a) => same(a.count, table.shown({ theme: 'loneliness', area: a.code, from: p.from, to: p.to })));
        observations.push({
          sequence,
          ok,
          ...(ok ? {} : { problem: `overview of ${sequence} is ${JSON.stringify(body.areas)}` }),
        });
      } else {
        const body = seriesResponse.parse(json);
        const ok =
          body.weeks.at(-1)?.week === WEEK &&
          body.weeks.every((w) => same(w.count, table.shown({ theme: 'loneliness', area: 'WK000101', from: w.week })));
        observations.push({ sequence, ok, ...(ok ? {} : { problem: `series of ${sequence} is ${JSON.stringify(body.weeks)}` }) });
      }
    }

    async function worker(id: number): Promise<void> {
      for (let i = 0; publishing && sent < MAX_REQUESTS; i++) {
        sent++;
        await checkOnce(id * 7 + i);
      }
    }

    const load = Promise.all(Array.from({ length: CONCURRENCY }, (_, id) => worker(id)));
    const seenOn = (sequence: number) => observations.filter((o) => o.sequence === sequence).length;

    try {
      await waitFor(() => seenOn(1) >= CONCURRENCY, { timeoutMs: 30_000, intervalMs: 5, what: 'answers from snapshot 1' });
      for (let sequence = 2; sequence <= SWAPS + 1; sequence++) {
        await publish(sequence);
        await waitFor(() => server.snapshots.current()?.sequence === sequence, {
          timeoutMs: 30_000,
          intervalMs: 5,
          what: `the API to swap to snapshot ${sequence}`,
        });
        // Prune like the pipeline: files older than the last few go, possibly while requests still read them.
        const old = sequence - KEEP_FILES;
        if (old >= 1) await unlink(join(dir, snapshotFileName(old)));
        await waitFor(() => seenOn(sequence) >= 3, {
          timeoutMs: 30_000,
          intervalMs: 5,
          what: `answers from snapshot ${sequence}`,
        });
        if (failures.length > 0) break;
      }
    } finally {
      publishing = false;
      await load;
    }

    expect(failures).toEqual([]);
    expect(observations.filter((o) => !o.ok).map((o) => o.problem)).toEqual([]);
    const sequences = new Set(observations.map((o) => o.sequence));
    for (let sequence = 1; sequence <= SWAPS + 1; sequence++) expect(sequences.has(sequence), `sequence ${sequence}`).toBe(true);
    expect(sent).toBeLessThanOrEqual(MAX_REQUESTS);
    expect(server.snapshots.current()?.sequence).toBe(SWAPS + 1);
    const ready = (await (await fetch(`${server.url}/api/v1/ready`)).json()) as { snapshot: { sequence: number } };
    expect(ready.snapshot.sequence).toBe(SWAPS + 1);
    expect(logLines).toEqual([]);
  });
});
