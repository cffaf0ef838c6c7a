import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signalBatchResponse } from '@wijksignaal/contracts/signal-batch';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { authenticateAs, testAuthenticate } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';
import { DEFAULT_INGEST, type IngestSettings } from '../ingest/ingest-settings.ts';
import { SinkUnavailableError, type HttpsRejection, type SignalRecord, type SignalSink } from '../ingest/signal-sink.ts';

/** A plain fake of the SignalSink port: remembers what it was handed, or fails like an absent broker. */
class FakeSink implements SignalSink {
  signals: SignalRecord[] = [];
  rejections: HttpsRejection[] = [];
  failing = false;
  async deliver(_partner: string, signals: readonly SignalRecord[], rejections: readonly HttpsRejection[]): Promise<void> {
    if (this.failing) throw new SinkUnavailableError('broker away');
    this.signals.push(...signals);
    this.rejections.push(...rejections);
  }
  async close(): Promise<void> {}
}

const PARTNER = 'demo-partner';
const BSN = '111222333'; // passes the 11-proef
let dir: string;
let reader: SnapshotReader;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-signals-'));
  await writeSnapshot(dir, 1, fixtureContent());
  reader = await openSnapshotReader({ dir });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

function signal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: crypto.randomUUID(),
    partner: PARTNER,
    sourceKind: 'home_care',
    theme: 'loneliness',
    category: 'isolation',
    area: 'WK000101',
    areaYear: 2024,
    week: '2025-W09',
    ageBand: '75+',
    severity: 'medium',
    ...overrides,
  };
}

function setup(options: { sink?: SignalSink | null; ingest?: Partial<IngestSettings>; clock?: { now: Date } } = {}) {
  const sink = options.sink === undefined ? new FakeSink() : options.sink;
  const clock = options.clock ?? { now: FIXTURE_NOW };
  const app = createApp({
    snapshots: reader,
    authenticate: testAuthenticate,
    now: () => clock.now,
    signalSink: sink ?? undefined,
    ingest: { ...DEFAULT_INGEST, ...options.ingest },
    log: () => {},
  });
  const post = (body: string | Uint8Array, contentType = 'application/json', as = `partner:${PARTNER}`) =>
    app.request('/api/v1/signals', {
      method: 'POST',
      headers: { authorization: `Bearer ${as}`, 'content-type': contentType },
      body,
    });
  return { app, sink, post };
}

async function problemOf(res: Response): Promise<{ status: number; detail: string }> {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return (await res.json()) as { status: number; detail: string };
}

describe('POST /api/v1/signals', () => {
  it('takes a JSON array: 202 with a result per signal, the accepted ones handed to Kafka keyed by wijk', async () => {
    const { post, sink } = setup();
    const batch = [signal(), signal({ area: 'WK000102' })];
    const res = await post(JSON.stringify(batch));
    expect(res.status).toBe(202);
    const body = signalBatchResponse.parse(await res.json());
    expect(body).toEqual({
      accepted: 2,
      rejected: 0,
      results: batch.map((s, index) => ({ index, id: s.id, status: 'accepted' })),
    });
    const fake = sink as FakeSink;
    expect(fake.signals.map((r) => r.key)).toEqual(['WK000101', 'WK000102']);
    expect(fake.signals.map((r) => JSON.parse(r.value.toString()) as unknown)).toEqual(batch);
    expect(fake.rejections).toEqual([]);
  });

  it('takes NDJSON, one signal per line (blank lines and CRLF allowed); a broken line is rejected on its own', async () => {
    const { post, sink } = setup();
    const a = signal();
    const b = signal();
    const res = await post(`${JSON.stringify(a)}\r\n\n{"id": "broken\n${JSON.stringify(b)}\n`, 'application/x-ndjson');
    expect(res.status).toBe(202);
    const body = signalBatchResponse.parse(await res.json());
    expect(body.accepted).toBe(2);
    expect(body.results.map((r) => [r.index, r.status, r.reason])).toEqual([
      [0, 'accepted', undefined],
      [1, 'rejected', 'malformed_json'],
      [2, 'accepted', undefined],
    ]);
    expect((sink as FakeSink).signals.map((r) => r.value.toString())).toEqual([JSON.stringify(a), JSON.stringify(b)]);
  });

  it('rejects a signal with a BSN in a field as personal_data, naming the field and never the value', async () => {
    const { post, sink, app } = setup();
    const good = signal();
    const bad = signal({ clientNumber: BSN });
    const res = await post(JSON.stringify([good, bad]));
    expect(res.status).toBe(202);
    const text = await res.text();
    expect(text).not.toContain(BSN);
    const body = signalBatchResponse.parse(JSON.parse(text));
    expect(body.results[1]).toMatchObject({
      index: 1,
      id: bad.id,
      status: 'rejected',
      reason: 'personal_data',
      field: '$.clientNumber',
    });
    const fake = sink as FakeSink;
    expect(fake.signals).toHaveLength(1);
    const metrics = await (await app.request('/metrics', { headers: { authorization: 'Bearer admin' } })).text();
    expect(metrics).toMatch(/wijksignaal_api_ingest_items_total\{outcome="personal_data"\} 1/);
    expect(metrics).toMatch(/wijksignaal_api_ingest_items_total\{outcome="accepted"\} 1/);
    expect(fake.rejections).toEqual([{ index: 1, partner: PARTNER, reason: 'personal_data', detail: expect.any(String) }]);
    expect(JSON.stringify(fake.rejections)).not.toContain(BSN);
  });

  it('rejects script and SQL fragments as schema violations, without repeating them', async () => {
    const { post, sink } = setup();
    const script = '<script>alert(1)</script>';
    const sql = "WK000101'; DROP TABLE signals; --";
    const res = await post(JSON.stringify([signal({ category: script }), signal({ area: sql }), signal({ [script]: 1 })]));
    expect(res.status).toBe(202);
    const text = await res.text();
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('DROP TABLE');
    const body = signalBatchResponse.parse(JSON.parse(text));
    expect(body.results.map((r) => [r.status, r.reason, r.field])).toEqual([
      ['rejected', 'schema_violation', '$.category'],
      ['rejected', 'schema_violation', '$.area'],
      ['rejected', 'schema_violation', '$'],
    ]);
    expect((sink as FakeSink).signals).toEqual([]);
  });

  it('rejects a signal of an unknown wijk or a future week like the pipeline does', async () => {
    const { post } = setup();
    const res = await post(JSON.stringify([signal({ area: 'WK999999' }), signal({ week: '2025-W30' })]));
    const body = signalBatchResponse.parse(await res.json());
    expect(body.results.map((r) => r.reason)).toEqual(['unknown_area', 'week_out_of_range']);
  });

  it('answers 403 for the whole request when a signal names another partner, and hands nothing on', async () => {
    const { post, sink } = setup();
    const res = await post(JSON.stringify([signal(), signal({ partner: 'school-noord' })]));
    expect(res.status).toBe(403);
    const problem = await problemOf(res);
    expect(problem.detail).toContain('signal 1');
    expect(problem.detail).not.toContain('school-noord');
    expect((sink as FakeSink).signals).toEqual([]);
    expect((sink as FakeSink).rejections).toEqual([]);
  });

  it('is for partner systems only: people get 403, no credentials 401', async () => {
    const { post } = setup();
    const body = JSON.stringify([signal()]);
    for (const role of ['epidemiologist', 'team_lead', 'admin'])
      expect((await post(body, 'application/json', role)).status).toBe(403);
    const { app } = setup();
    const res = await app.request('/api/v1/signals', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(401);
  });

  it('answers 400 for 1,001 signals and hands nothing on', async () => {
    const { post, sink } = setup();
    const res = await post(JSON.stringify(Array.from({ length: 1001 }, () => signal())));
    expect(res.status).toBe(400);
    expect((await problemOf(res)).detail).toContain('at most 1000');
    expect((sink as FakeSink).signals).toEqual([]);
  });

  it('answers 415 for any other content type', async () => {
    const { post } = setup();
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) {
      const res = await post(JSON.stringify([signal()]), type);
      expect(res.status).toBe(415);
      await problemOf(res);
    }
  });

  it('answers 413 for a body over the limit, and other requests have a small limit of their own', async () => {
    const { post, app } = setup({ ingest: { maxSignalsBodyBytes: 2_000, maxOtherBodyBytes: 100 } });
    const res = await post(JSON.stringify(Array.from({ length: 10 }, () => signal())));
    expect(res.status).toBe(413);
    await problemOf(res);
    const other = await app.request('/api/v1/ingest-status', {
      method: 'POST',
      headers: { authorization: 'Bearer epidemiologist', 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(200) }),
    });
    expect(other.status).toBe(413);
    // a chunked body without Content-Length is counted while it streams
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(JSON.stringify([signal()])));
        controller.close();
      },
    });
    const chunked = await app.request('/api/v1/signals', {
      method: 'POST',
      headers: { authorization: `Bearer partner:${PARTNER}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('answers 400 for deep JSON, arrays of a million brackets included, without crashing', async () => {
    const { post, sink } = setup();
    for (const body of ['['.repeat(100) + ']'.repeat(100), '['.repeat(500_000), `[${'{"a":'.repeat(50)}1${'}'.repeat(50)}]`]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect((await problemOf(res)).detail).toContain('deeper than');
    }
    const ndjson = await post(`${JSON.stringify(signal())}\n${'['.repeat(20)}`, 'application/x-ndjson');
    expect(ndjson.status).toBe(400);
    expect((sink as FakeSink).signals).toEqual([]);
  });

  it('answers 400 for a body that is not an array of signals or not JSON, never quoting it', async () => {
    const { post } = setup();
    for (const body of [JSON.stringify(signal()), '[]', `[{"partner": "${BSN}"`, '"just text"']) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(await problemOf(res))).not.toContain(BSN);
    }
  });

  it('limits each partner to its rate: 429 with Retry-After once the burst is spent, other partners unaffected', async () => {
    const clock = { now: FIXTURE_NOW };
    const { post } = setup({ ingest: { ratePerSecond: 1, burst: 2 }, clock });
    const body = () => JSON.stringify([signal()]);
    expect((await post(body())).status).toBe(202);
    expect((await post(body())).status).toBe(202);
    const limited = await post(body());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    await problemOf(limited);
    expect(
      (await post(JSON.stringify([signal({ partner: 'school-noord' })]), 'application/json', 'partner:school-noord')).status,
    ).toBe(202);
    clock.now = new Date(FIXTURE_NOW.getTime() + 1_000);
    expect((await post(body())).status).toBe(202);
  });

  it('answers 503 with Retry-After when Kafka does not take the batch, and reports nothing accepted', async () => {
    const sink = new FakeSink();
    sink.failing = true;
    const { post } = setup({ sink });
    const res = await post(JSON.stringify([signal(), signal({ clientNumber: BSN })]));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await problemOf(res)) as unknown as Record<string, unknown>;
    expect(body).not.toHaveProperty('results');
    expect(body).not.toHaveProperty('accepted');
  });

  it('answers 503 saying how to turn it on when no Kafka is configured', async () => {
    const { post } = setup({ sink: null });
    const res = await post(JSON.stringify([signal()]));
    expect(res.status).toBe(503);
    expect((await problemOf(res)).detail).toBe('ingest over HTTPS is not configured; set KAFKA_BROKERS');
  });

  it('is in the OpenAPI document as postSignals with its body types', async () => {
    const { app } = setup();
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, { post?: { operationId: string; requestBody: { content: Record<string, unknown> } } }>;
    };
    const op = doc.paths['/signals']?.post;
    expect(op?.operationId).toBe('postSignals');
    expect(Object.keys(op?.requestBody.content ?? {}).sort()).toEqual(['application/json', 'application/x-ndjson']);
  });
});

describe('GET /api/v1/ingest-status per role', () => {
  it('shows a partner its own row only (zeros before its first delivery); people see every partner', async () => {
    const app = createApp({ snapshots: reader, authenticate: testAuthenticate, now: () => FIXTURE_NOW });
    const get = async (as: string) =>
      (await (await app.request('/api/v1/ingest-status', { headers: { authorization: `Bearer ${as}` } })).json()) as {
        partners: { partner: string; accepted: number; rejected: Record<string, number> }[];
      };
    expect((await get('partner:demo-partner')).partners).toEqual([
      expect.objectContaining({ partner: 'demo-partner', accepted: 43, rejected: { personal_data: 2, schema_violation: 1 } }),
    ]);
    expect((await get('partner:new-partner')).partners).toEqual([
      { partner: 'new-partner', accepted: 0, rejected: {}, lastSeen: null },
    ]);
    for (const role of ['epidemiologist', 'team_lead', 'admin']) {
      expect((await get(role)).partners.map((p) => p.partner)).toEqual(['demo-partner', 'school-noord']);
    }
    const partnerApp = createApp({
      snapshots: reader,
      authenticate: authenticateAs('partner', 'school-noord'),
      now: () => FIXTURE_NOW,
    });
    const own = (await (await partnerApp.request('/api/v1/ingest-status')).json()) as { partners: { partner: string }[] };
    expect(own.partners.map((p) => p.partner)).toEqual(['school-noord']);
  });
});
