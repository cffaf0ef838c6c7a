import type { Theme } from '@wijksignaal/contracts/signal';
import { ApiError, apiErrorFromResponse } from './api-error.ts';

/**
 * How the dashboard talks to the Wijksignaal API: same-origin under `/api/v1` (the API serves this dashboard),
 * every request with the signed-in user's token, every refusal an ApiError. The endpoints are in `client.ts`
 * (reads), `alarm-actions.ts` (triage and subscriptions), `export-download.ts`, `session-requests.ts` and
 * `snapshot-events.ts`.
 */
export const BASE = '/api/v1';

/** How requests carry the signed-in user's token, and what a refused one leads to (the layout sets it). */
export interface ClientAuth {
  token: () => string | null;
  /** Called when a request is answered 401: the app goes to the login page. */
  onUnauthorized: () => void;
}

let auth: ClientAuth = { token: () => null, onUnauthorized: () => {} };

export function configureAuth(next: ClientAuth): void {
  auth = next;
}

/** The signed-in user's Authorization header; every request sends it (streams and downloads too). */
export function authHeaders(): Record<string, string> {
  const token = auth.token();
  return token ? { authorization: `Bearer ${token}` } : {};
}

export interface PeriodQuery {
  theme: Theme;
  from: string;
  to: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Injected for tests and for SvelteKit load functions; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** The response to a request under /api/v1, or ApiError(0, 'network') when none came (an abort is rethrown). */
export async function request(path: string, init: RequestInit, options: RequestOptions): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  try {
    return await doFetch(`${BASE}${path}`, { ...init, signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', null);
  }
}

/** An OK response to a request with the user's token; otherwise an ApiError (a 401 goes to the login page too). */
export async function withTokenOk(path: string, init: RequestInit, options: RequestOptions): Promise<Response> {
  const sent = auth.token();
  const response = await request(path, { ...init, headers: { ...init.headers, ...authHeaders() } }, options);
  if (!response.ok) {
    // Only the refusal of the token still in use signs out: a request sent before signing in (the snapshot
    // stream retries on the login page too) or with a replaced token must not end the new session.
    if (response.status === 401 && sent !== null && auth.token() === sent) auth.onUnauthorized();
    throw await apiErrorFromResponse(response);
  }
  return response;
}

/** An OK response to a GET with the user's token; otherwise an ApiError (a 401 goes to the login page too). */
export function getOk(path: string, accept: string, options: RequestOptions): Promise<Response> {
  return withTokenOk(path, { headers: { accept: `${accept}, application/problem+json` } }, options);
}

export async function getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await getOk(path, 'application/json', options);
  return (await response.json()) as T;
}

export function periodParams(query: PeriodQuery): string {
  return new URLSearchParams({ theme: query.theme, from: query.from, to: query.to }).toString();
}

/**
 * A request that changes something (POST, DELETE) with the user's token; the JSON answer, or an ApiError
 * whose problem detail the page shows (a 401 goes to the login page too).
 */
export async function sendJson<T>(
  method: 'POST' | 'DELETE',
  path: string,
  body: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  return (await (await withTokenOk(path, init, options)).json()) as T;
}
