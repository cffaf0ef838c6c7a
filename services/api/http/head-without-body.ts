import type { MiddlewareHandler } from 'hono';

/**
 * HEAD runs the GET handler (that is how Hono answers it) but must not leave its body behind: an export's
 * body holds an open file and a temp folder until it is read or cancelled, and an event stream a timer.
 * The body is cancelled here, which frees them, and the answer keeps its status and headers only.
 */
export function headWithoutBody(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.req.method !== 'HEAD' || c.res.body === null) return;
    await c.res.body.cancel().catch(() => undefined);
    c.res = new Response(null, { status: c.res.status, headers: c.res.headers });
  };
}
