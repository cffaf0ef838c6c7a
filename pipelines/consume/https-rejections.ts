import { DLQ_HEADERS, DLQ_REASONS, HTTPS_DLQ_ORIGIN, type DlqReason } from '@wijksignaal/contracts/topics';
import { deliveredAt, deliveryTally } from '../aggregate/delivery-tally.ts';
import type { BatchWrite } from '../store/write-batch.ts';
import type { IncomingBatch } from './batch-handler.ts';

const REASONS: ReadonlySet<string> = new Set(DLQ_REASONS);

/**
 * Rejections made at the HTTPS door (`POST /api/v1/signals`) reach the pipeline as value-free records on
 * the dead-letter topic. This turns one DLQ partition batch into the same per-partner outcome counts the
 * pipeline keeps for its own rejections, plus the partition's next offset, so both land in one transaction
 * and a restart neither loses nor repeats a count. The pipeline's own dead letters (their `dlq.topic` is
 * the signals topic, which the pipeline sets itself) were counted when they were made and are skipped.
 */
export function httpsRejectionWrite(batch: IncomingBatch, storedNext: bigint | undefined, at: Date): BatchWrite | null {
  const messages = storedNext === undefined ? batch.messages : batch.messages.filter((m) => BigInt(m.offset) >= storedNext);
  const last = messages.at(-1);
  if (!last) return null;
  const outcomes = new Map<string, { partner: string; outcome: string; n: number }>();
  // A rejection at the door counts in the partner's rejection share too, in the week it was refused.
  const deliveries = deliveryTally();
  for (const m of messages) {
    if (header(m.headers?.[DLQ_HEADERS.topic]) !== HTTPS_DLQ_ORIGIN) continue;
    const partner = header(m.headers?.[DLQ_HEADERS.partner]);
    const reason = header(m.headers?.[DLQ_HEADERS.reason]);
    if (!partner || !reason || !REASONS.has(reason)) continue;
    const key = `${partner}|${reason}`;
    const entry = outcomes.get(key);
    if (entry) entry.n++;
    else outcomes.set(key, { partner, outcome: reason as DlqReason, n: 1 });
    deliveries.reject(partner, deliveredAt(m.timestamp, at));
  }
  return {
    topic: batch.topic,
    partition: batch.partition,
    nextOffset: (BigInt(last.offset) + 1n).toString(),
    offsetsTable: 'dlq_offsets',
    fresh: [],
    cells: [],
    outcomes,
    deliveries: deliveries.delta(),
    at,
  };
}

function header(value: Buffer | string | (Buffer | string)[] | undefined): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined ? undefined : one.toString();
}
