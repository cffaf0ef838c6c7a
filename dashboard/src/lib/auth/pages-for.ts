import type { SessionResponse } from '@wijksignaal/contracts/session';
import type { MessageKey } from '../i18n/nl.ts';

type Role = SessionResponse['role'];

/** The dashboard's pages, in menu order. A wijk page belongs to the Overzicht (it is opened from there). */
export type AppPage = 'overview' | 'compare' | 'delivery';

export const PAGE_PATHS = { overview: '/', compare: '/vergelijken', delivery: '/aanlevering' } as const satisfies Record<
  AppPage,
  string
>;

export const PAGE_LABELS = {
  overview: 'nav.overview',
  compare: 'nav.compare',
  delivery: 'nav.delivery',
} as const satisfies Record<AppPage, MessageKey>;

const PEOPLE_PAGES: readonly AppPage[] = ['overview', 'compare', 'delivery'];
// Mirrors services/api/auth/role-matrix.ts: a partner may read its own ingest status and nothing else.
const PARTNER_PAGES: readonly AppPage[] = ['delivery'];

/** The pages a role may use, in menu order; the first is where it lands after signing in. */
export function pagesFor(role: Role): readonly AppPage[] {
  return role === 'partner' ? PARTNER_PAGES : PEOPLE_PAGES;
}

/** The page a path belongs to, or null for the login page and paths that are no page (the 404 page says so). */
export function pageOfPath(pathname: string): AppPage | null {
  if (pathname === '/') return 'overview';
  if (pathname === '/vergelijken') return 'compare';
  if (pathname === '/aanlevering') return 'delivery';
  if (pathname.startsWith('/wijk/')) return 'overview';
  // A subscription's digest page is about wijken and alarms: for the roles that read the Overzicht.
  if (pathname.startsWith('/abonnementen/')) return 'overview';
  return null;
}

/** Whether a role may open a path; the login page and unknown paths are open to everyone. */
export function mayOpen(role: Role, pathname: string): boolean {
  const page = pageOfPath(pathname);
  return page === null || pagesFor(role).includes(page);
}

/**
 * Where to go after signing in: `next` when the role may open it, else the role's first page (a partner sent
 * to the login page from the Overzicht lands on its Aanlevering, not on a refusal).
 */
export function landingFor(role: Role, next: string): string {
  const pathname = new URL(next, 'http://x').pathname;
  return mayOpen(role, pathname) ? next : PAGE_PATHS[pagesFor(role)[0] ?? 'delivery'];
}
