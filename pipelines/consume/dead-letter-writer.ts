import type { Producer, IHeaders, Message } from 'kafkajs';
import { DLQ_HEADERS, type DlqReason } from '@wijksignaal/contracts/topics';

export interface DeadLetter {
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders | undefined;
  reason: DlqReason;
  detail: string;
  topic: string;
  partition: number;
  offset: string;
  /** The partner whose topic the message came through, so the partner sees its rejection even without the value. */
  partner?: string;
}

export interface DeadLetterWriter {
  /** Resolves only when the dead-letter topic acknowledged every record. */
  send(letters: readonly DeadLetter[], at: Date): Promise<void>;
}

/**
 * Bytes per produce request. The broker refuses a record batch over its `max.message.bytes` (1 MB by
 * default), and a batch of partner messages can hold hundreds of rejects of up to several KB each; sent at
 * once they would be refused every time and stall the partition.
 */
export const MAX_DLQ_REQUEST_BYTES = 512 * 1024;

/** Produces dead letters (see dead-letter-of.ts) with the reason and origin as string headers (DESIGN.md §3). */
export function kafkaDeadLetterWriter(producer: Pick<Producer, 'send'>, dlqTopic: string): DeadLetterWriter {
  return {
    async send(letters, at) {
      for (const messages of requestsOf(letters.map((l) => messageOf(l, at)))) {
        await producer.send({ topic: dlqTopic, acks: -1, messages });
      }
    },
  };
}

function messageOf(l: DeadLetter, at: Date): Message {
  return {
    key: l.key,
    value: l.value,
    headers: {
      ...l.headers,
      [DLQ_HEADERS.reason]: l.reason,
      [DLQ_HEADERS.detail]: l.detail,
      [DLQ_HEADERS.topic]: l.topic,
      [DLQ_HEADERS.partition]: String(l.partition),
      [DLQ_HEADERS.offset]: l.offset,
      [DLQ_HEADERS.at]: at.toISOString(),
      ...(l.partner ? { [DLQ_HEADERS.partner]: l.partner } : {}),
    },
  };
}

/** Consecutive runs of messages of at most MAX_DLQ_REQUEST_BYTES each (a larger single one goes alone). */
function requestsOf(messages: Message[]): Message[][] {
  const requests: Message[][] = [];
  let current: Message[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = sizeOf(m);
    if (current.length > 0 && bytes + size > MAX_DLQ_REQUEST_BYTES) {
      requests.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

function sizeOf(m: Message): number {
  const length = (v: unknown) => (v == null ? 0 : Buffer.isBuffer(v) ? v.length : Buffer.byteLength(String(v)));
  let headers = 0;
  for (const [name, value] of Object.entries(m.headers ?? {})) headers += name.length + length(value) + 8;
  return length(m.key) + length(m.value) + headers + 70;
}
