import { describe, expect, it } from 'vitest';
import { DLQ_HEADERS } from '@wijksignaal/contracts/topics';
import { kafkaDeadLetterWriter, MAX_DLQ_REQUEST_BYTES, type DeadLetter } from './dead-letter-writer.ts';

/** A plain stand-in for the producer port: records each request's messages. */
function recordingProducer() {
  const requests: { topic: string; messages: { value: unknown; headers?: Record<string, unknown> }[] }[] = [];
  return {
    requests,
    send: async (request: (typeof requests)[number]) => {
      requests.push(request);
      return [];
    },
  };
}

const letter = (i: number, bytes: number): DeadLetter => ({
  key: Buffer.from('WK990101'),
  value: Buffer.alloc(bytes, 'x'),
  headers: undefined,
  reason: 'too_large',
  detail: 'the message is too large',
  topic: 'signals.v1.partner.demo-partner',
  partition: 0,
  offset: String(i),
  partner: 'demo-partner',
});

describe('the dead-letter writer', () => {
  it('splits many large rejects into requests the broker accepts, in order, none lost', async () => {
    const producer = recordingProducer();
    const letters = Array.from({ length: 400 }, (_, i) => letter(i, 8_000)); // ~3.2 MB in one batch
    await kafkaDeadLetterWriter(producer as never, 'signals.v1.dlq').send(letters, new Date('2026-12-01T00:00:00Z'));
    expect(producer.requests.length).toBeGreaterThan(5);
    for (const request of producer.requests) {
      const bytes = request.messages.reduce((s, m) => s + (m.value as Buffer).length, 0);
      expect(bytes).toBeLessThanOrEqual(MAX_DLQ_REQUEST_BYTES);
    }
    const offsets = producer.requests.flatMap((r) => r.messages.map((m) => m.headers?.[DLQ_HEADERS.offset]));
    expect(offsets).toEqual(letters.map((l) => l.offset));
  });

  it('sends nothing for no rejects', async () => {
    const producer = recordingProducer();
    await kafkaDeadLetterWriter(producer as never, 'signals.v1.dlq').send([], new Date());
    expect(producer.requests).toEqual([]);
  });
});
