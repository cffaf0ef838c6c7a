import { createHash } from 'node:crypto';

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/**
 * The Content-Security-Policy for one dashboard HTML page. SvelteKit's static build starts the app from an
 * inline `<script>`, so instead of allowing every inline script ('unsafe-inline') the policy lists the
 * SHA-256 of the inline scripts this very page contains; an injected script matches none of them.
 *
 * style-src does allow 'unsafe-inline': Svelte transitions and ECharts (tooltips, canvas sizing) write
 * inline styles, and styles cannot run code. Data is fetched from the same origin only (connect-src).
 */
export function dashboardCsp(html: string): string {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const attributes = match[1] ?? '';
    const body = match[2] ?? '';
    if (/\ssrc\s*=/i.test(attributes) || body.length === 0) continue;
    hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return [
    "default-src 'self'",
    `script-src 'self'${[...hashes].map((h) => ` ${h}`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
