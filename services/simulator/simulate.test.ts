import { describe, expect, it } from 'vitest';
import { addIsoWeeks, isoWeekFromDate, mondayOfIsoWeek } from '@wijksignaal/contracts/iso-week';
import { generateMessages } from './generate-messages.ts';
import { generateWeek } from './generate-week.ts';
import type { RawRecord, SendOptions, SignalProducer } from './producer.ts';
import { produceCount, runDemoStream } from './simulate.ts';
import { tinyRegistry } from './testing/tiny-registry.ts';

/** An in-memory stand-in for the broker: records what reached it, in order. */
function memoryProducer(afterSend: () => void = () => undefined): SignalProducer & { records: RawRecord[] } {
  const records: RawRecord[] = [];
  return {
    topicPrefix: 'memory',
    records,
    async connect() {},
    async disconnect() {},
    async send(batch: readonly RawRecord[], opts: SendOptions = {}) {
      if (opts.signal?.aborted) return 0;
      for (const { partner, key, value } of batch) records.push({ partner, key, value });
      opts.onProgress?.(batch.length);
      afterSend();
      return batch.length;
    },
  };
}

const registry = tinyRegistry();

describe('produceCount', { timeout: 60_000 }, () => {
  it.each([undefined, 50_000])('sends exactly the generated records in order (rate %s)', async (rate) => {
    const producer = memoryProducer();
    const options = { registry, count: 1500, seed: 'produce', badShare: 0.02, duplicateShare: 0.01, endWeek: '2025-W40' };
    const summary = await produceCount({ ...options, producer, ...(rate ? { rate } : {}) });
    const expected = generateMessages(options).messages.map(({ partner, key, value }) => ({ partner, key, value }));
    expect(producer.records).toEqual(expected);
    expect(summary.produced).toBe(1500);
    expect(summary.valid + summary.duplicates + Object.values(summary.badByKind).reduce((s, n) => s + n, 0)).toBe(1500);
  });
});

describe('runDemoStream', { timeout: 60_000 }, () => {
  it('backfills every past week, then sends the current week as it progresses until aborted', async () => {
    const lines: string[] = [];
    const abort = new AbortController();
    // Stop right after the first live send.
    const producer = memoryProducer(() => {
      if (lines.some((l) => l.startsWith('backfill done'))) abort.abort();
    });
    const thursday = new Date(mondayOfIsoWeek('2025-W20').getTime() + 3 * 86_400_000);
    const result = await runDemoStream({
      registry,
      producer,
      seed: 'demo',
      historyYears: 0.5,
      liveIntervalMs: 100,
      badShare: 0,
      now: () => thursday,
      signal: abort.signal,
      log: (line) => lines.push(line),
    });
    const current = isoWeekFromDate(thursday);
    const pastWeeks = Array.from({ length: 26 }, (_, i) => addIsoWeeks(current, -26 + i));
    const expectedBackfill = pastWeeks.reduce((s, w) => s + generateWeek(registry, w, { seed: 'demo' }).length, 0);
    expect(result.backfilled).toBe(expectedBackfill);
    expect(producer.records).toHaveLength(result.backfilled + result.live);

    const liveWeek = generateWeek(registry, current, { seed: 'demo' });
    const liveRecords = producer.records.slice(result.backfilled).map((r) => JSON.parse(r.value as string) as { week: string });
    expect(liveRecords.every((r) => r.week === current)).toBe(true);
    // Thursday 00:00 is 3/7 of the week: that share goes out on the first tick.
    expect(result.live).toBe(Math.max(1, Math.floor((liveWeek.length * 3) / 7)));
    expect(lines[0]).toContain('injected outbreaks');
  });
});
