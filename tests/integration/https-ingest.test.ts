import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OverviewResponse } from '@wijksignaal/contracts/http';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { overviewRows } from '@wijksignaal/contracts/overview-columns';
import { MAX_NOISE } from '@wijksignaal/domain/published/perturbation';
import { signalBatchResponse } from '@wijksignaal/contracts/signal-batch';
import { DLQ_HEADERS, HTTPS_DLQ_ORIGIN } from '@wijksignaal/contracts/topics';
import { testAuthenticate } from '../../services/api/auth/test-authenticate.ts';
import { kafkaSignalSink } from '../../services/api/ingest/kafka-signal-sink.ts';
import { startApiServer, type ApiServer } from '../../services/api/server.ts';
import { createTopics, readAll, uniqueTopicNames, pipelineArgs } from '../support/kafka-kit.ts';
import { spawnService, type ChildService } from '../support/pipeline-process.ts';
import { publishedTableOf } from '../support/read-snapshot.ts';
import { waitFor } from '../support/wait-for.ts';

const brokers = inject('kafkaBrokers').split(',');
const names = uniqueTopicNames('https-ingest');
const PARTNER = 'demo-partner';
const BSN = '111222333'; // passes the 11-proef
let dataDir: string;
let pipeline: ChildService;
let api: ApiServer;

interface PartnerRow {
  partner: string;
  accepted: number;
  rejected: Record<string, number>;
  lastSeen: string | null;
}

beforeAll(async () => {
  await createTopics(brokers, names, 3);
  dataDir = mkdtempSync(join(tmpdir(), 'wijksignaal-https-'));
  pipeline = spawnService('pipelines/main.ts', pipelineArgs(names), {
    DATA_DIR: dataDir,
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_SESSION_TIMEOUT_MS: '3000',
    SNAPSHOT_INTERVAL_MS: '250',
  });
  // The API in-process with the real Kafka sink: what main.ts builds from KAFKA_BROKERS, on this test's topics.
  api = await startApiServer({
    port: 0,
    host: '127.0.0.1',
    snapshotDir: join(dataDir, 'snapshots'),
    authenticate: testAuthenticate,
    signalSink: kafkaSignalSink({ connection: { brokers }, topicPrefix: names.topicPrefix, dlqTopic: names.dlq }),
    pollMs: 100,
    log: () => {},
    requestLog: () => {},
  });
  await waitFor(
    async () => {
      if (pipeline.child.exitCode !== null) throw new Error(`the pipeline exited: ${pipeline.stderr.join('').slice(-300)}`);
      return (await fetch(`${api.url}/api/v1/ready`)).status === 200;
    },
    { timeoutMs: 90_000, intervalMs: 200, what: 'the API to serve the first snapshot' },
  );
});
afterAll(async () => {
  await api?.close();
  await pipeline?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const as = (who: string) => ({ authorization: `Bearer ${who}` });

async function ingestStatus(who: string): Promise<PartnerRow[]> {
  const res = await fetch(`${api.url}/api/v1/ingest-status`, { headers: as(who) });
  return ((await res.json()) as { partners: PartnerRow[] }).partners;
}

describe('partner ingest over HTTPS into the real broker and pipeline', () => {
  it('counts a batch posted twice exactly once, and a rejected signal shows in the partner’s ingest status', async () => {
    const areas = (await (await fetch(`${api.url}/api/v1/areas`, { headers: as('epidemiologist') })).json()) as {
      year: number;
      areas: { code: string }[];
    };
    const wijk = areas.areas[0]!.code;
    const week = isoWeekFromDate(new Date());
    const base = {
      partner: PARTNER,
      sourceKind: 'home_care',
      theme: 'loneliness',
      category: 'isolation',
      area: wijk,
      areaYear: areas.year,
      week,
      ageBand: '75+',
      severity: 'medium',
    };
    // Five signals (k = 5) and one carrying a BSN.
    const good = Array.from({ length: 5 }, () => ({ ...base, id: crypto.randomUUID() }));
    const bad = { ...base, id: crypto.randomUUID(), clientNumber: BSN };
    const batch = JSON.stringify([...good, bad]);

    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await fetch(`${api.url}/api/v1/signals`, {
        method: 'POST',
        headers: { ...as(`partner:${PARTNER}`), 'content-type': 'application/json' },
        body: batch,
      });
      expect(res.status).toBe(202);
      const body = signalBatchResponse.parse(await res.json());
      expect(body.accepted).toBe(5);
      expect(body.results[5]).toMatchObject({ status: 'rejected', reason: 'personal_data', field: '$.clientNumber' });
    }

    // Every delivered record handled: 5 accepted, 5 repeats skipped as duplicates, 2 HTTPS rejections counted.
    const mine = await waitFor(
      async () => {
        const rows = await ingestStatus(`partner:${PARTNER}`);
        const row = rows[0];
        if (!row || row.accepted + (row.rejected.duplicate ?? 0) < 10 || (row.rejected.personal_data ?? 0) < 2) return undefined;
        return rows;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'the pipeline to count both deliveries' },
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ partner: PARTNER, accepted: 5, rejected: { duplicate: 5, personal_data: 2 } });
    expect(JSON.stringify(mine)).not.toContain(BSN);

    // The overview shows its snapshot's published cell: 5 perturbed by at most ±3, withheld below 5.
    const shown = await waitFor(
      async () => {
        const overview = (await (
          await fetch(`${api.url}/api/v1/overview?theme=loneliness&from=${week}&to=${week}`, { headers: as('epidemiologist') })
        ).json()) as OverviewResponse & { snapshotSequence: number };
        const table = await publishedTableOf(join(dataDir, 'snapshots'), overview.snapshotSequence);
        return table
          ? {
              count: overviewRows(overview).find((a) => a.code === wijk)?.count,
              published: table.shown({ theme: 'loneliness', area: wijk, from: week }),
            }
          : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: 'an overview whose snapshot is still on disk' },
    );
    expect(shown.count).toEqual(shown.published);
    if (typeof shown.count === 'number') expect(Math.abs(shown.count - 5)).toBeLessThanOrEqual(MAX_NOISE);
    else expect(shown.count).toEqual({ suppressed: true, display: '<5' });

    // The rejection travelled as a value-free dead letter marked as made at the HTTPS door.
    const letters = await readAll(brokers, names.dlq, { expected: 2, timeoutMs: 30_000 });
    for (const letter of letters) {
      expect(letter.value).toBeNull();
      expect(letter.headers[DLQ_HEADERS.topic]).toBe(HTTPS_DLQ_ORIGIN);
      expect(letter.headers[DLQ_HEADERS.partner]).toBe(PARTNER);
      expect(letter.headers[DLQ_HEADERS.reason]).toBe('personal_data');
      expect(JSON.stringify(letter.headers)).not.toContain(BSN);
    }
    expect(pipeline.child.exitCode).toBeNull();

    // After a pipeline restart the counts neither vanish nor repeat: one more rejection makes 3, not 5.
    await pipeline.stop();
    pipeline = spawnService('pipelines/main.ts', pipelineArgs(names), {
      DATA_DIR: dataDir,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_SESSION_TIMEOUT_MS: '3000',
      SNAPSHOT_INTERVAL_MS: '250',
    });
    const again = await fetch(`${api.url}/api/v1/signals`, {
      method: 'POST',
      headers: { ...as(`partner:${PARTNER}`), 'content-type': 'application/x-ndjson' },
      body: `${JSON.stringify({ ...bad, id: crypto.randomUUID() })}\n`,
    });
    expect(again.status).toBe(202);
    const after = await waitFor(
      async () => {
        const row = (await ingestStatus(`partner:${PARTNER}`))[0];
        return row && (row.rejected.personal_data ?? 0) >= 3 ? row : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'the restarted pipeline to count the new rejection' },
    );
    expect(after).toMatchObject({ accepted: 5, rejected: { duplicate: 5, personal_data: 3 } });
  });
});
