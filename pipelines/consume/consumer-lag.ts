import type { Admin } from 'kafkajs';
import type { StoredOffsets } from '../store/read-state.ts';
import type { Watermarks } from './offset-guard.ts';

/** The broker's low and high watermark of every partition of the topics. */
export async function readWatermarks(admin: Admin, topics: readonly string[]): Promise<Watermarks[]> {
  const all: Watermarks[] = [];
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      all.push({ topic, partition: p.partition, low: BigInt(p.low), high: BigInt(p.high) });
    }
  }
  return all;
}

/**
 * How many messages wait beyond what the live database has committed: per partition the high watermark
 * minus the stored next offset (the low watermark when nothing is stored yet).
 */
export function consumerLag(stored: StoredOffsets, watermarks: readonly Watermarks[]): number {
  let lag = 0;
  for (const w of watermarks) {
    const next = stored.get(w.topic)?.get(w.partition) ?? w.low;
    lag += Math.max(0, Number(w.high - next));
  }
  return lag;
}
