import { afterEach, describe, expect, it } from 'vitest';
import { createPipelineMetrics } from './pipeline-metrics.ts';
import { startMetricsServer, type MetricsServer } from './metrics-server.ts';

let server: MetricsServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function metrics() {
  let lag: number | null = null;
  let sequence = 0;
  let publishedAt: Date | null = null;
  let stopped = 0;
  const m = createPipelineMetrics({
    consumerLag: () => lag,
    stoppedPartitions: () => stopped,
    snapshotSequence: () => sequence,
    snapshotPublishedAt: () => publishedAt,
    now: () => new Date('2025-03-05T12:00:30Z'),
  });
  return {
    m,
    set(next: { lag: number; sequence: number; publishedAt: Date; stopped?: number }) {
      ({ lag, sequence, publishedAt } = next);
      stopped = next.stopped ?? 0;
    },
  };
}

describe('pipeline metrics', () => {
  it('counts signals by outcome, dead letters by reason, batches and detection runs', () => {
    const { m, set } = metrics();
    expect(m.registry.render()).not.toMatch(/^wijksignaal_pipeline_snapshot_sequence /m);
    m.recordBatch({
      outcomes: [
        { outcome: 'accepted', n: 40 },
        { outcome: 'duplicate', n: 2 },
        { outcome: 'personal_data', n: 3 },
      ],
      seconds: 0.02,
    });
    m.recordBatch({ outcomes: new Map([['a', { outcome: 'personal_data', n: 1 }]]).values(), seconds: 0.5 });
    m.recordDetection(1.2, true);
    set({ lag: 17, sequence: 9, publishedAt: new Date('2025-03-05T12:00:00Z'), stopped: 2 });
    const text = m.registry.render();
    expect(text).toMatch(/^wijksignaal_pipeline_signals_total\{outcome="accepted"\} 40$/m);
    expect(text).toMatch(/^wijksignaal_pipeline_signals_total\{outcome="personal_data"\} 4$/m);
    expect(text).toMatch(/^wijksignaal_pipeline_dlq_total\{reason="personal_data"\} 4$/m);
    expect(text).not.toMatch(/dlq_total\{reason="(accepted|duplicate)"\}/);
    expect(text).toMatch(/^wijksignaal_pipeline_batches_total 2$/m);
    expect(text).toMatch(/^wijksignaal_pipeline_batch_duration_seconds_count 2$/m);
    expect(text).toMatch(/^wijksignaal_pipeline_detection_duration_seconds_bucket\{result="ok",le="2.5"\} 1$/m);
    expect(text).toMatch(/^wijksignaal_pipeline_consumer_lag 17$/m);
    expect(text).toMatch(/^wijksignaal_pipeline_stopped_partitions 2$/m);
    expect(text).toMatch(/^wijksignaal_pipeline_snapshot_sequence 9$/m);
    expect(text).toMatch(/^wijksignaal_pipeline_snapshot_age_seconds 30$/m);
  });

  it('serves them at GET /metrics on its own listener, and nothing else', async () => {
    const { m } = metrics();
    m.recordDetection(0.1, false);
    server = await startMetricsServer(m.registry, 0, '127.0.0.1');
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await res.text()).toContain('wijksignaal_pipeline_detection_duration_seconds_count{result="failed"} 1\n');
    expect((await fetch(`${server.url}/`)).status).toBe(404);
  });
});
