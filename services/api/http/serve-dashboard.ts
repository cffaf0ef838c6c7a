import { readFile, stat } from 'node:fs/promises';
import { extname, posix, resolve, sep } from 'node:path';
import type { Context } from 'hono';
import { dashboardCsp } from './dashboard-csp.ts';
import { ProblemError } from './problem.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.geojson': 'application/geo+json',
};

/** SvelteKit puts content-hashed files here: they never change, so browsers may keep them for a year. */
const IMMUTABLE_PREFIX = '_app/immutable/';

interface HtmlPage {
  mtimeMs: number;
  size: number;
  body: string;
  csp: string;
}

/**
 * Serves the built dashboard (SvelteKit adapter-static) from `dir`. A path that names a file gets that
 * file; a path without an extension that is not a page gets `index.html`, so the client router takes over
 * (wijk pages exist only in the browser). HTML pages carry a CSP with the hashes of their inline scripts.
 */
export function serveDashboard(dir: string): (c: Context) => Promise<Response> {
  const root = resolve(dir);
  const pages = new Map<string, HtmlPage>();

  async function htmlPage(path: string, mtimeMs: number, size: number): Promise<HtmlPage> {
    const cached = pages.get(path);
    if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached;
    const body = await readFile(path, 'utf8');
    const page = { mtimeMs, size, body, csp: dashboardCsp(body) };
    pages.set(path, page);
    return page;
  }

  async function fileAt(relative: string): Promise<{ path: string; mtimeMs: number; size: number } | null> {
    const path = resolve(root, relative);
    if (path !== root && !path.startsWith(root + sep)) return null;
    try {
      const info = await stat(path);
      return info.isFile() ? { path, mtimeMs: info.mtimeMs, size: info.size } : null;
    } catch {
      return null;
    }
  }

  async function respond(relative: string, file: { path: string; mtimeMs: number; size: number }): Promise<Response> {
    const type = CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream';
    if (type.startsWith('text/html')) {
      const page = await htmlPage(file.path, file.mtimeMs, file.size);
      return new Response(page.body, {
        headers: { 'Content-Type': type, 'Cache-Control': 'no-cache', 'Content-Security-Policy': page.csp },
      });
    }
    const cacheControl = relative.startsWith(IMMUTABLE_PREFIX) ? 'public, max-age=31536000, immutable' : 'no-cache';
    return new Response(await readFile(file.path), { headers: { 'Content-Type': type, 'Cache-Control': cacheControl } });
  }

  return async (c) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(c.req.path);
    } catch {
      throw new ProblemError(400, 'the path is not valid percent-encoding');
    }
    if (decoded.includes('\0')) throw new ProblemError(400, 'the path contains a NUL byte');
    const relative = posix.normalize(decoded).replace(/^\/+/, '').replace(/\/+$/, '');
    const hasExtension = extname(relative) !== '';
    const candidates =
      relative === '' ? ['index.html'] : hasExtension ? [relative] : [`${relative}.html`, `${relative}/index.html`];
    for (const candidate of candidates) {
      const file = await fileAt(candidate);
      if (file) return respond(candidate, file);
    }
    if (hasExtension) throw new ProblemError(404, `no file at ${c.req.path}`);
    const fallback = await fileAt('index.html');
    if (!fallback) {
      throw new ProblemError(404, `the dashboard is not built (no index.html in ${root}); run npm run build`);
    }
    return respond('index.html', fallback);
  };
}
