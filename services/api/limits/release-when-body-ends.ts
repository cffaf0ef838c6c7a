import type { Release } from './concurrency-slots.ts';

/**
 * The same response, whose body calls `release` once it has been read to the end, has failed, or was
 * cancelled (a client that went away, a HEAD request: http/head-without-body.ts). That is when an export
 * or an event stream stops holding its subject's slot; a response without a body releases at once.
 */
export function releaseWhenBodyEnds(response: Response, release: Release): Response {
  const source = response.body;
  if (!source) {
    release();
    return response;
  }
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    async cancel(reason) {
      release();
      await reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
