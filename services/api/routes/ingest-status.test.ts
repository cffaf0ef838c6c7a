import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestStatusResponse } from '@wijksignaal/contracts/http';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';
import { authenticateAs } from '../auth/test-authenticate.ts';

let dir: string;
let reader: SnapshotReader;
const content = fixtureContent();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-ingest-'));
  await writeSnapshot(dir, 3, content);
  reader = await openSnapshotReader({ dir });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

describe('GET /api/v1/ingest-status', () => {
  it('reports accepted and rejected-by-reason per partner, last seen, and the consumer lag', async () => {
    const app = createApp({ snapshots: reader, authenticate: authenticateAs('epidemiologist'), now: () => FIXTURE_NOW });
    const res = await app.request('/api/v1/ingest-status');
    expect(res.status).toBe(200);
    const body = ingestStatusResponse.parse(await res.json());
    const rows = content.ingestStatus ?? [];
    const partners = [...new Set(rows.map((r) => r.partner))].sort();
    expect(body.partners.map((p) => p.partner)).toEqual(partners);
    for (const status of body.partners) {
      const mine = rows.filter((r) => r.partner === status.partner);
      expect(status.accepted).toBe(mine.filter((r) => r.outcome === 'accepted').reduce((s, r) => s + r.n, 0));
      expect(status.rejected).toEqual(
        Object.fromEntries(mine.filter((r) => r.outcome !== 'accepted').map((r) => [r.outcome, r.n])),
      );
      const seen = mine
        .map((r) => r.lastSeen)
        .filter((s) => s !== null)
        .map((s) => Date.parse(`${s.replace(' ', 'T')}Z`));
      expect(status.lastSeen).toBe(seen.length ? new Date(Math.max(...seen)).toISOString() : null);
    }
    const lag = Object.values(JSON.parse(content.meta?.consumer_lag ?? '{}') as Record<string, number>).reduce(
      (a, b) => a + b,
      0,
    );
    expect(body.consumerLag).toBe(lag);
    expect(body.snapshotSequence).toBe(3);
  });
});
