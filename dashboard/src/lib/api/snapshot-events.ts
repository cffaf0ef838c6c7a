import { ApiError, apiErrorFromResponse } from './api-error.ts';
import { authHeaders, BASE, type RequestOptions } from './api-request.ts';
import { eventStreamParser } from './event-stream.ts';

export interface SnapshotEvent {
  sequence: number;
  createdAt: string;
}

/**
 * Listens to `/snapshot-events` and calls `onSnapshot` for the served snapshot and every new one. Read with
 * fetch, not EventSource, so the same request headers (credentials) go along. Resolves when the server
 * ends the stream; rejects with an ApiError when it cannot be opened, and with the abort when `signal` fires.
 */
export async function streamSnapshotEvents(
  onSnapshot: (event: SnapshotEvent) => void,
  options: RequestOptions = {},
): Promise<void> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`${BASE}/snapshot-events`, {
      headers: { accept: 'text/event-stream, application/problem+json', ...authHeaders() },
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', null);
  }
  if (!response.ok || !response.body) throw await apiErrorFromResponse(response);
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
