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
import type { Theme } from '@wijksignaal/contracts/signal';
import { ApiError } from './api-error.ts';
import { getJson, periodParams, type PeriodQuery, type RequestOptions } from './api-request.ts';
import { areaNamesOnce, overviewView, type OverviewView } from './overview-view.ts';

/** What the dashboard reads: each GET of the API with its path, query parameters and response type. */

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
  return getJson<AlarmHistoryResponse>(
    `/areas/${encodeURIComponent(code)}/alarm-history?${new URLSearchParams({ theme })}`,
    options,
  );
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

export { ApiError };
export type { PeriodQuery, RequestOptions };
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
