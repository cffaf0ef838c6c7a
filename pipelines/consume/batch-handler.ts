import type { IHeaders } from 'kafkajs';
import { mondayIsoDate } from '@wijksignaal/contracts/iso-week';
import type { ValidationContext } from '@wijksignaal/domain/validate/validate-signal';
import type { AcceptedSignal } from '../aggregate/accepted-signal.ts';
import { cubeDelta, type CubeCell } from '../aggregate/cube-delta.ts';
import { deliveredAt, deliveryTally } from '../aggregate/delivery-tally.ts';
import { hashId, type IdHashSet } from '../aggregate/id-filter.ts';
import type { RecordKey } from '../aggregate/record-key.ts';
import type { BatchWrite } from '../store/write-batch.ts';
import { validateInline, type ValidateBatch } from '../validate/validation-pool.ts';
import { deadLetterOf } from './dead-letter-of.ts';
import type { DeadLetter, DeadLetterWriter } from './dead-letter-writer.ts';

export interface IncomingMessage {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
  /** Kafka's message timestamp (ms since the epoch, as a string): when the partner delivered it. */
  timestamp?: string;
}

export interface IncomingBatch {
  topic: string;
  partition: number;
  messages: readonly IncomingMessage[];
}

export interface BatchHandlerPorts {
  validationContext: () => ValidationContext;
  /** The partner whose topic this is (its credentials are the only ones that may write it), or null. */
  partnerOfTopic: (topic: string) => string | null;
  idFilter: IdHashSet;
  recordKey: RecordKey;
  findKnownIds: (ids: readonly string[]) => Promise<Set<string>>;
  deadLetters: DeadLetterWriter;
  /** The write serialiser's `commit`: the batch is made at its turn, after every batch queued before it. */
  commit: (make: () => Promise<BatchWrite>, written?: (batch: BatchWrite) => void) => Promise<BatchWrite>;
  now: () => Date;
  /** Validation of a batch's values: a worker pool's, or on this thread (the default). */
  validate?: ValidateBatch;
}

export interface BatchOutcome {
  nextOffset: bigint;
  accepted: number;
  duplicates: number;
  rejected: number;
  cells: readonly CubeCell[];
  /** Per partner and outcome (`accepted`, `duplicate` or the dead-letter reason) how many, for the metrics. */
  outcomes: ReadonlyMap<string, { partner: string; outcome: string; n: number }>;
  /** Where the batch's time went, for the log and the benchmark. */
  timings: { validateMs: number; deadLetterMs: number; writeMs: number; queueMs: number; commitMs: number };
}

const UNKNOWN_PARTNER = '(onbekend)';

/**
 * Handles one partition batch with exactly-once effect: messages below the stored offset are skipped,
 * rejects are acknowledged by the dead-letter topic first, then signals, cube increments, counters and
 * the next offset are committed in one transaction. Returns null when nothing in the batch was new.
 */
export async function handleBatch(
  ports: BatchHandlerPorts,
  batch: IncomingBatch,
  storedNext: bigint | undefined,
): Promise<BatchOutcome | null> {
  const messages = fromStoredOffset(batch.messages, storedNext);
  const last = messages.at(-1);
  if (!last) return null;

  const ctx = ports.validationContext();
  const at = ports.now();
  const started = performance.now();
  const candidates: AcceptedSignal[] = [];
  const letters: DeadLetter[] = [];
  const outcomes = new Map<string, { partner: string; outcome: string; n: number }>();
  const count = (partner: string, outcome: string) => {
    const key = `${partner}|${outcome}`;
    const entry = outcomes.get(key);
    if (entry) entry.n++;
    else outcomes.set(key, { partner, outcome, n: 1 });
  };
  const mondays = new Map<string, string>();
  const topicPartner = ports.partnerOfTopic(batch.topic);
  const origin = { topic: batch.topic, partition: batch.partition, partner: topicPartner };
  const deliveries = deliveryTally();

  const verdicts = await (ports.validate ?? validateInline)(
    messages.map((m) => m.value),
    ctx,
    topicPartner,
  );
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    const result = verdicts[i]!;
    if (result.ok && 'derived' in result) {
      const d = result.derived;
      candidates.push({
        signal: result.signal,
        wijk: result.wijk,
        gemeente: result.gemeente,
        weekMonday: d.weekMonday,
        partition: batch.partition,
        offset: m.offset,
        cell: Number.isNaN(d.cell) ? undefined : d.cell,
        recordKey: d.recordKey,
        idHash: d.idHash,
        deliveredAt: deliveredAt(m.timestamp, at),
      });
    } else if (result.ok) {
      let monday = mondays.get(result.signal.week);
      if (!monday) mondays.set(result.signal.week, (monday = mondayIsoDate(result.signal.week)));
      candidates.push({
        signal: result.signal,
        wijk: result.wijk,
        gemeente: result.gemeente,
        weekMonday: monday,
        partition: batch.partition,
        offset: m.offset,
        deliveredAt: deliveredAt(m.timestamp, at),
      });
    } else {
      letters.push(deadLetterOf(m, result, origin));
      count(topicPartner ?? UNKNOWN_PARTNER, result.reason);
      deliveries.reject(topicPartner ?? UNKNOWN_PARTNER, deliveredAt(m.timestamp, at));
    }
  }

  const validated = performance.now();
  await ports.deadLetters.send(letters, at);
  const deadLettered = performance.now();
  const nextOffset = BigInt(last.offset) + 1n;
  let duplicates = 0;
  let turn = deadLettered;
  // Which ids are new is decided at the batch's turn in the write queue, after every batch before it
  // (of any partition) was written and entered the id filter: batches validated side by side never both
  // count an id they share. An id entered for a batch whose transaction then failed costs only a ledger
  // lookup when it comes again (the filter may hold ids the ledger has not; never the other way round).
  const written = await ports.commit(
    async () => {
      turn = performance.now();
      const fresh = await dropSeenIds(ports, candidates);
      for (const a of fresh) {
        count(a.signal.partner, 'accepted');
        deliveries.accept(a, a.deliveredAt ?? at.getTime());
      }
      duplicates = candidates.length - fresh.length;
      if (duplicates > 0) {
        const kept = new Set(fresh);
        for (const a of candidates) if (!kept.has(a)) count(a.signal.partner, 'duplicate');
      }
      return {
        topic: batch.topic,
        partition: batch.partition,
        nextOffset: nextOffset.toString(),
        fresh,
        cells: cubeDelta(fresh, ports.recordKey),
        outcomes,
        deliveries: deliveries.delta(),
        at,
      };
    },
    (batchWritten) => {
      for (const a of batchWritten.fresh) ports.idFilter.addHash(a.idHash ?? hashId(a.signal.id));
    },
  );
  const done = performance.now();
  // writeMs is queueMs (waiting for the batches queued before it) plus commitMs (its own turn).
  const timings = {
    validateMs: Math.round(validated - started),
    deadLetterMs: Math.round(deadLettered - validated),
    writeMs: Math.round(done - deadLettered),
    queueMs: Math.round(turn - deadLettered),
    commitMs: Math.round(done - turn),
  };
  return {
    nextOffset,
    accepted: written.fresh.length,
    duplicates,
    rejected: letters.length,
    cells: written.cells,
    outcomes,
    timings,
  };
}

/**
 * The messages at or after the stored offset. A batch's messages come in offset order, so only a replayed
 * start is cut off, and a batch that starts at or after the stored offset (nearly all) is kept as it is
 * without an offset parsed per message.
 */
function fromStoredOffset(messages: readonly IncomingMessage[], storedNext: bigint | undefined): readonly IncomingMessage[] {
  const first = messages[0];
  if (storedNext === undefined || first === undefined || BigInt(first.offset) >= storedNext) return messages;
  let i = 1;
  while (i < messages.length && BigInt(messages[i]!.offset) < storedNext) i++;
  return messages.slice(i);
}

/** Keeps the first occurrence of every id that the ledger has never seen. */
async function dropSeenIds(ports: BatchHandlerPorts, candidates: AcceptedSignal[]): Promise<AcceptedSignal[]> {
  // In-batch repeats by hash, confirmed on the ids: ids compare case-insensitively, and two ids sharing a
  // hash (about one in 2^52) are told apart by `collided`.
  const firstByHash = new Map<number, string>();
  const collided = new Set<string>();
  const unsure: string[] = [];
  const firsts: AcceptedSignal[] = [];
  for (const a of candidates) {
    const h = a.idHash ?? hashId(a.signal.id);
    const first = firstByHash.get(h);
    if (first === undefined) firstByHash.set(h, a.signal.id);
    else {
      const id = a.signal.id.toLowerCase();
      if (first.toLowerCase() === id || collided.has(id)) continue;
      collided.add(id);
    }
    firsts.push(a);
    if (ports.idFilter.hasHash(h)) unsure.push(a.signal.id.toLowerCase());
  }
  if (unsure.length === 0) return firsts;
  const known = await ports.findKnownIds(unsure);
  return firsts.filter((a) => !known.has(a.signal.id.toLowerCase()));
}
