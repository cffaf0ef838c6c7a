import type { AlarmHistoryResponse } from '@wijksignaal/contracts/alarm-history';
import type {
  AlarmsResponse,
  AreaGeometryResponse,
  AreasResponse,
  FunnelResponse,
  IngestStatusResponse,
  OverviewResponse,
  PrioritiesResponse,
  ProfileResponse,
  ReadyResponse,
  SeriesResponse,
} from '@wijksignaal/contracts/http';
import type { AlarmExplanationResponse, DetectionMethodsResponse } from '@wijksignaal/contracts/alarm-explanation';
import type { DataQualityResponse } from '@wijksignaal/contracts/data-quality';
import type { AlarmFeedResponse, SubscriptionDigestResponse } from '@wijksignaal/contracts/alarm-notification';
import type { ActionAccepted, AlarmTriageRequest, AlarmTriageResponse } from '@wijksignaal/contracts/alarm-triage-http';
import type { SubscriptionAccepted, SubscriptionRequest, SubscriptionsResponse } from '@wijksignaal/contracts/subscription-http';
import type { DemoUsersResponse, SessionRequest, SessionResponse } from '@wijksignaal/contracts/session';
import type { Theme } from '@wijksignaal/contracts/signal';
import { ApiError, apiErrorFromResponse } from './api-error.ts';
import { fileNameFromContentDisposition } from './content-disposition.ts';
import { eventStreamParser } from './event-stream.ts';
import { areaNamesOnce, overviewView, type OverviewView } from './overview-view.ts';

/**
 * The only module that knows the Wijksignaal API: paths, query parameters and response types.
 * Everything is same-origin under `/api/v1` (the API serves this dashboard).
 */
const BASE = '/api/v1';

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
async function request(path: string, init: RequestInit, options: RequestOptions): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  try {
    return await doFetch(`${BASE}${path}`, { ...init, signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', null);
  }
}

/** An OK response to a request with the user's token; otherwise an ApiError (a 401 goes to the login page too). */
async function withTokenOk(path: string, init: RequestInit, options: RequestOptions): Promise<Response> {
  const response = await request(path, { ...init, headers: { ...init.headers, ...authHeaders() } }, options);
  if (!response.ok) {
    if (response.status === 401) auth.onUnauthorized();
    throw await apiErrorFromResponse(response);
  }
  return response;
}

/** An OK response to a GET with the user's token; otherwise an ApiError (a 401 goes to the login page too). */
function getOk(path: string, accept: string, options: RequestOptions): Promise<Response> {
  return withTokenOk(path, { headers: { accept: `${accept}, application/problem+json` } }, options);
}

async function getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await getOk(path, 'application/json', options);
  return (await response.json()) as T;
}

function periodParams(query: PeriodQuery): string {
  return new URLSearchParams({ theme: query.theme, from: query.from, to: query.to }).toString();
}

export function getReady(options?: RequestOptions): Promise<ReadyResponse> {
  return getJson<ReadyResponse>('/ready', options);
}

export function getAreas(options?: RequestOptions): Promise<AreasResponse> {
  return getJson<AreasResponse>('/areas', options);
}

export function getAreaGeometry(options?: RequestOptions): Promise<AreaGeometryResponse> {
  return getJson<AreaGeometryResponse>('/areas/geometry', options);
}

const overviewNames = areaNamesOnce(() => getAreas());

/** The overview of a theme and period, each wijk a row with its names (the API sends columns without them). */
export async function getOverview(query: PeriodQuery, options?: RequestOptions): Promise<OverviewView> {
  const body = await getJson<OverviewResponse>(`/overview?${periodParams(query)}`, options);
  return overviewView(body, await overviewNames(body.areas.code));
}

/** One wijk's alarms as episodes of appended events, of one theme. */
export function getAlarmHistory(code: string, theme: string, options?: RequestOptions): Promise<AlarmHistoryResponse> {
  return getJson<AlarmHistoryResponse>(`/areas/${encodeURIComponent(code)}/alarm-history?${new URLSearchParams({ theme })}`, options);
}

export function getSeries(code: string, query: PeriodQuery, options?: RequestOptions): Promise<SeriesResponse> {
  return getJson<SeriesResponse>(`/areas/${encodeURIComponent(code)}/series?${periodParams(query)}`, options);
}

/** Which detection methods run for a wijk's series of a theme, and why. */
export function getDetectionMethods(code: string, theme: Theme, options?: RequestOptions): Promise<DetectionMethodsResponse> {
  const query = new URLSearchParams({ theme }).toString();
  return getJson<DetectionMethodsResponse>(`/areas/${encodeURIComponent(code)}/detection-methods?${query}`, options);
}

/** Why a wijk's week of a theme is an alarm, method by method. */
export function getAlarmExplanation(
  code: string,
  theme: Theme,
  week: string,
  options?: RequestOptions,
): Promise<AlarmExplanationResponse> {
  const path = `/areas/${encodeURIComponent(code)}/alarm-explanations/${encodeURIComponent(week)}`;
  return getJson<AlarmExplanationResponse>(`${path}?${new URLSearchParams({ theme }).toString()}`, options);
}

/** One wijk's breakdowns, comparison with gemeente and region, and population for a theme and period. */
export function getProfile(code: string, query: PeriodQuery, options?: RequestOptions): Promise<ProfileResponse> {
  return getJson<ProfileResponse>(`/areas/${encodeURIComponent(code)}/profile?${periodParams(query)}`, options);
}

export function getIngestStatus(options?: RequestOptions): Promise<IngestStatusResponse> {
  return getJson<IngestStatusResponse>('/ingest-status', options);
}

/** Data-quality alarms and the wijken marked because a partner went quiet (a partner gets its own only). */
export function getDataQualityAlarms(options?: RequestOptions): Promise<DataQualityResponse> {
  return getJson<DataQualityResponse>('/data-quality-alarms', options);
}

/** New and escalated alarms from seq `since` on (the `next` of an earlier answer); without it only `next`. */
export function getAlarmFeed(since: number | null, options?: RequestOptions): Promise<AlarmFeedResponse> {
  return getJson<AlarmFeedResponse>(since === null ? '/alarm-feed' : `/alarm-feed?since=${since}`, options);
}

/** A subscription's weekly digest (default: the last complete week). */
export function getSubscriptionDigest(
  id: string,
  week: string | null,
  options?: RequestOptions,
): Promise<SubscriptionDigestResponse> {
  const query = week ? `?week=${encodeURIComponent(week)}` : '';
  return getJson<SubscriptionDigestResponse>(`/subscriptions/${encodeURIComponent(id)}/digest${query}`, options);
}

export interface PriorityWeightsQuery {
  smr: number;
  trend: number;
  alarms: number;
}

/** The ranked list; without weights the pipeline's stored ranking, with them re-scored by the API. */
export function getPriorities(
  query: { theme: Theme | null; weights: PriorityWeightsQuery | null },
  options?: RequestOptions,
): Promise<PrioritiesResponse> {
  const params = new URLSearchParams();
  if (query.theme) params.set('theme', query.theme);
  if (query.weights) {
    params.set('smrWeight', String(query.weights.smr));
    params.set('trendWeight', String(query.weights.trend));
    params.set('alarmWeight', String(query.weights.alarms));
  }
  return getJson<PrioritiesResponse>(`/priorities?${params.toString()}`, options);
}

/** Amber and red alarms (`level: 'red'` for red only) of a period; all themes without `theme`. */
export function getAlarms(
  query: { theme: Theme | null; from: string; to: string; level?: 'amber' | 'red' },
  options?: RequestOptions,
): Promise<AlarmsResponse> {
  const params = new URLSearchParams({ from: query.from, to: query.to, level: query.level ?? 'amber' });
  if (query.theme) params.set('theme', query.theme);
  return getJson<AlarmsResponse>(`/alarms?${params.toString()}`, options);
}

export function getFunnel(query: PeriodQuery, options?: RequestOptions): Promise<FunnelResponse> {
  return getJson<FunnelResponse>(`/funnel?${periodParams(query)}`, options);
}

export type ExportKind = 'overview' | 'weekly-counts';
export type ExportFormat = 'csv' | 'parquet';

const EXPORT_TYPES: Record<ExportFormat, string> = { csv: 'text/csv', parquet: 'application/vnd.apache.parquet' };

export interface ExportDownload {
  blob: Blob;
  /** From Content-Disposition, else `wijksignaal-<kind>-<theme>-<from>-<to>.<format>`. */
  fileName: string;
}

/**
 * One export file (`/exports/overview` or `/exports/weekly-counts`) as a Blob, fetched with the user's token:
 * a plain link could not send it. Saving it is up to the caller.
 */
export async function fetchExport(
  kind: ExportKind,
  query: PeriodQuery & { format: ExportFormat },
  options: RequestOptions = {},
): Promise<ExportDownload> {
  const params = `${periodParams(query)}&format=${query.format}`;
  const response = await getOk(`/exports/${kind}?${params}`, EXPORT_TYPES[query.format], options);
  const fallback = `wijksignaal-${kind}-${query.theme}-${query.from}-${query.to}.${query.format}`;
  const fileName = fileNameFromContentDisposition(response.headers.get('content-disposition'), fallback);
  return { blob: await response.blob(), fileName };
}

/**
 * Signs in at the built-in local issuer of the demo. A wrong password is an ApiError with status 401 (no
 * redirect: the login page shows it); a server with an organisation's identity provider answers 404.
 */
export async function signIn(credentials: SessionRequest, options: RequestOptions = {}): Promise<SessionResponse> {
  const response = await request(
    '/sessions',
    {
      method: 'POST',
      headers: { accept: 'application/json, application/problem+json', 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    },
    options,
  );
  if (!response.ok) throw await apiErrorFromResponse(response);
  return (await response.json()) as SessionResponse;
}

/**
 * A request that changes something (POST, DELETE) with the user's token; the JSON answer, or an ApiError
 * whose problem detail the page shows (a 401 goes to the login page too).
 */
async function sendJson<T>(method: 'POST' | 'DELETE', path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  return (await (await withTokenOk(path, init, options)).json()) as T;
}

/** An alarm's triage marks, oldest first, as the served snapshot holds them. */
export function getAlarmTriage(alarmId: string, options?: RequestOptions): Promise<AlarmTriageResponse> {
  return getJson<AlarmTriageResponse>(`/alarms/${encodeURIComponent(alarmId)}/triage`, options);
}

/** Marks an alarm; it shows in the history after the next snapshot. */
export function markAlarm(alarmId: string, mark: AlarmTriageRequest, options?: RequestOptions): Promise<ActionAccepted> {
  return sendJson<ActionAccepted>('POST', `/alarms/${encodeURIComponent(alarmId)}/triage`, mark, options);
}

/** The signed-in user's own subscriptions. */
export function getSubscriptions(options?: RequestOptions): Promise<SubscriptionsResponse> {
  return getJson<SubscriptionsResponse>('/subscriptions', options);
}

export function createSubscription(subscription: SubscriptionRequest, options?: RequestOptions): Promise<SubscriptionAccepted> {
  return sendJson<SubscriptionAccepted>('POST', '/subscriptions', subscription, options);
}

export function deleteSubscription(subscriptionId: string, options?: RequestOptions): Promise<SubscriptionAccepted> {
  return sendJson<SubscriptionAccepted>('DELETE', `/subscriptions/${encodeURIComponent(subscriptionId)}`, undefined, options);
}

/** The demo users for the login page, or null when this server has no local sign-in. */
export async function getDemoUsers(options?: RequestOptions): Promise<DemoUsersResponse | null> {
  try {
    return await getJson<DemoUsersResponse>('/demo-users', options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export { ApiError };
export type { OverviewView };
export type {
  AreaGeometryResponse,
  AreasResponse,
  IngestStatusResponse,
  OverviewResponse,
  ProfileResponse,
  ReadyResponse,
  SeriesResponse,
};
export type { AlarmsResponse, FunnelResponse, PrioritiesResponse };

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
