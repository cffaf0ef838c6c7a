import { describe, expect, it } from 'vitest';
import { eventStreamParser, type StreamEvent } from './event-stream.ts';

describe('eventStreamParser', () => {
  it('yields events split over chunks, skipping comments and retry lines', () => {
    const seen: StreamEvent[] = [];
    const push = eventStreamParser((e) => seen.push(e));
    push('retry: 5000\n\n: heartbeat\n\nevent: snap');
    expect(seen).toEqual([]);
    push('shot\nid: 4\ndata: {"sequence":4}\n\n');
    push('data: a\r\ndata: b\r\n\r\n');
    expect(seen).toEqual([
      { event: 'snapshot', data: '{"sequence":4}' },
      { event: 'message', data: 'a\nb' },
    ]);
  });
});
