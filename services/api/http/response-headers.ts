import type { MiddlewareHandler } from 'hono';

export const API_VERSION = '1.0.0';

/** For everything that is not an HTML page: nothing may load, nothing may frame it. */
export const NON_HTML_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers every response carries (NLGov API Design Rules): the API version, the security headers, and
 * `no-store` on API data so neither browsers nor proxies keep copies of district figures. HTML pages set
 * their own Content-Security-Policy (see dashboard-csp.ts); everything else gets the strict one.
 */
export function responseHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    let headers = c.res.headers;
    try {
      headers.set('API-Version', API_VERSION);
    } catch {
      // Responses passed through from elsewhere can have immutable headers: copy once.
      c.res = new Response(c.res.body, c.res);
      headers = c.res.headers;
      headers.set('API-Version', API_VERSION);
    }
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', NON_HTML_CSP);
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) headers.set('Cache-Control', 'no-store');
  };
}
