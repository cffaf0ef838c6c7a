/**
 * Where to go after signing in: only a path on this site. `next` comes from the URL, so anything that could
 * lead elsewhere (`//evil.example`, `https://…`, `/\evil`, `javascript:`) falls back to the overview.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login#')) return '/';
  return next;
}

/** The login page's URL that returns to `current` (path, query and hash) afterwards. */
export function loginUrl(current: URL, reason?: 'expired'): string {
  const params = new URLSearchParams({ next: `${current.pathname}${current.search}${current.hash}` });
  if (reason) params.set('reason', reason);
  return `/login?${params.toString()}`;
}
