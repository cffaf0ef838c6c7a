import type {
  AlarmsResponse,
  AreaGeometryResponse,
  AreasResponse,
  FunnelResponse,
  IngestStatusResponse,
  OverviewResponse,
  PrioritiesResponse,
  ReadyResponse,
  SeriesResponse,
} from '@wijksignaal/contracts/http';
import type { Theme } from '@wijksignaal/contracts/signal';
import { ApiError, apiErrorFromResponse } from './api-error.ts';

/**
 * The only module that knows the Wijksignaal API: paths, query parameters and response types.
 * Everything is same-origin under `/api/v1` (the API serves this dashboard).
 */
const BASE = '/api/v1';

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

async function getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`${BASE}${path}`, {
      headers: { accept: 'application/json, application/problem+json' },
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', null);
  }
  if (!response.ok) {
    throw await apiErrorFromResponse(response);
  }
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

export function getOverview(query: PeriodQuery, options?: RequestOptions): Promise<OverviewResponse> {
  return getJson<OverviewResponse>(`/overview?${periodParams(query)}`, options);
}

export function getSeries(code: string, query: PeriodQuery, options?: RequestOptions): Promise<SeriesResponse> {
  return getJson<SeriesResponse>(`/areas/${encodeURIComponent(code)}/series?${periodParams(query)}`, options);
}

/** One wijk's breakdowns, comparison with gemeente and region, and population for a theme and period. */
export function getProfile(code: string, query: PeriodQuery, options?: RequestOptions): Promise<ProfileResponse> {
  return getJson<ProfileResponse>(`/areas/${encodeURIComponent(code)}/profile?${periodParams(query)}`, options);
}

export function getIngestStatus(options?: RequestOptions): Promise<IngestStatusResponse> {
  return getJson<IngestStatusResponse>('/ingest-status', options);
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

export { ApiError };
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
