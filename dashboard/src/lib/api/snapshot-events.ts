import { apiErrorFromResponse } from './api-error.ts';
import { getOk, type RequestOptions } from './api-request.ts';
import { eventStreamParser } from './event-stream.ts';

export interface SnapshotEvent {
  sequence: number;
  createdAt: string;
}

/**
 * Listens to `/snapshot-events` and calls `onSnapshot` for the served snapshot and every new one. Read with
 * fetch, not EventSource, so the same request headers (credentials) go along. Resolves when the server
 * ends the stream; rejects with an ApiError when it cannot be opened (a 401 goes to the login page, as for
 * every request), and with the abort when `signal` fires.
 */
export async function streamSnapshotEvents(
  onSnapshot: (event: SnapshotEvent) => void,
  options: RequestOptions = {},
): Promise<void> {
  const response = await getOk('/snapshot-events', 'text/event-stream', options);
  if (!response.body) throw await apiErrorFromResponse(response);
  const push = eventStreamParser(({ event, data }) => {
    if (event === 'snapshot') onSnapshot(JSON.parse(data) as SnapshotEvent);
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    push(value);
  }
}
