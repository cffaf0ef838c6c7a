import type { MiddlewareHandler } from 'hono';

export const API_VERSION = '1.0.0';

/** For everything that is not an HTML page: nothing may load, nothing may frame it. */
export const NON_HTML_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The dashboard uses no camera, microphone, location or any other powerful browser feature, so none is
 * allowed to it or to anything it could embed; an injected script cannot ask for them either. Only
 * features Chromium knows are listed (an unknown one is a console warning on every page).
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'clipboard-read',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'local-fonts',
  'magnetometer',
  'microphone',
  'midi',
  'otp-credentials',
  'payment',
  'picture-in-picture',
  'publickey-credentials-create',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'window-management',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** A year, and the host's own subdomains; no `preload`, which binds the GGD's domain beyond this service. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

export interface ResponseHeaderOptions {
  /** Users reach the API over https (PUBLIC_URL, config.ts): browsers must never use plain http for it. */
  hsts: boolean;
}

/** The security headers and API version every response carries, as name and value. */
export function securityHeaders(options: ResponseHeaderOptions): [string, string][] {
  return [
    ['API-Version', API_VERSION],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['X-Frame-Options', 'DENY'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Permissions-Policy', PERMISSIONS_POLICY],
    ...(options.hsts ? [['Strict-Transport-Security', STRICT_TRANSPORT_SECURITY] as [string, string]] : []),
  ];
}

/** Everything an answer under /api carries besides its own headers: no HTML comes from there, nothing is kept. */
export function apiAnswerHeaders(options: ResponseHeaderOptions): [string, string][] {
  return [...securityHeaders(options), ['Content-Security-Policy', NON_HTML_CSP], ['Cache-Control', 'no-store']];
}

/**
 * Headers every response carries (NLGov API Design Rules): the API version, the security headers, and
 * `no-store` on API data so neither browsers nor proxies keep copies of district figures. HTML pages set
 * their own Content-Security-Policy (see dashboard-csp.ts); everything else gets the strict one. HEAD
 * answers carry the same headers: Hono answers HEAD by running GET inside this middleware. The fast path
 * (fast-path.ts) sends apiAnswerHeaders itself.
 */
export function responseHeaders(options: ResponseHeaderOptions): MiddlewareHandler {
  const fixed = securityHeaders(options);
  return async (c, next) => {
    await next();
    let headers = c.res.headers;
    try {
      headers.set('API-Version', API_VERSION);
    } catch {
      // Responses passed through from elsewhere can have immutable headers: copy once.
      c.res = new Response(c.res.body, c.res);
      headers = c.res.headers;
    }
    for (const [name, value] of fixed) headers.set(name, value);
    if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', NON_HTML_CSP);
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) headers.set('Cache-Control', 'no-store');
  };
}
