import type { Producer, IHeaders } from 'kafkajs';
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

/** Produces dead letters (see dead-letter-of.ts) with the reason and origin as string headers (DESIGN.md §3). */
export function kafkaDeadLetterWriter(producer: Producer, dlqTopic: string): DeadLetterWriter {
  return {
    async send(letters, at) {
      if (letters.length === 0) return;
      await producer.send({
        topic: dlqTopic,
        acks: -1,
        messages: letters.map((l) => ({
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
        })),
      });
    },
  };
}
