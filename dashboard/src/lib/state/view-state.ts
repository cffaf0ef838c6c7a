import type { Theme } from '@wijksignaal/contracts/signal';
import { gridPeriod, type GridPeriod } from '@wijksignaal/domain/published/period-grid';
import { defaultPeriod, readPeriod } from '../period/period-choices.ts';
import { isTheme } from './themes.ts';

/**
 * Everything a user chose lives in the URL, so a link shows a colleague the same view.
 * Parsing never fails: a missing or invalid value falls back to its default. The period is always one
 * period of the fixed grid (a week, a 4-week period, a quarter or a year; domain/published), the only
 * windows the API publishes counts for; any other `from`/`to` falls back to the latest complete quarter.
 */
export const SORT_FIELDS = ['name', 'gemeenteName', 'count', 'residents', 'ratePer1000', 'smr', 'expected', 'position'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface SortOrder {
  field: SortField;
  descending: boolean;
}

/** What the map and the funnel plot show: the rate per 1,000 residents or the age-standardised ratio. */
export const MEASURES = ['rate', 'smr'] as const;
export type Measure = (typeof MEASURES)[number];

/** The team lead's weights for the priority score (the API's `smrWeight`, `trendWeight`, `alarmWeight`). */
export interface PriorityWeights {
  smr: number;
  trend: number;
  alarms: number;
}

export interface ViewState {
  theme: Theme;
  /** ISO weeks: exactly one grid period (see `viewPeriod`). */
  from: string;
  to: string;
  /** The wijk a user came from or picked, highlighted on the overview. */
  wijk: string | null;
  sort: SortOrder;
  measure: Measure;
  /** Null: the pipeline's stored ranking with its default weights. */
  weights: PriorityWeights | null;
}

export const DEFAULT_THEME: Theme = 'loneliness';
export const DEFAULT_SORT: SortOrder = { field: 'ratePer1000', descending: true };
export const DEFAULT_MEASURE: Measure = 'rate';
export const DEFAULT_WEIGHTS: PriorityWeights = { smr: 1, trend: 1, alarms: 1 };
/** Weights above this add nothing a smaller one would not show, and a typo like 100 would swamp the rest. */
export const MAX_WEIGHT = 10;
const WEIGHT_PARAMS = { smr: 'smrWeight', trend: 'trendWeight', alarms: 'alarmWeight' } as const;
const AREA_CODE = /^[A-Za-z0-9_-]{1,32}$/;

export function defaultViewState(today: Date): ViewState {
  const { from, to } = defaultPeriod(today);
  return {
    theme: DEFAULT_THEME,
    from,
    to,
    wijk: null,
    sort: DEFAULT_SORT,
    measure: DEFAULT_MEASURE,
    weights: null,
  };
}

/** The grid period a view shows; a view from `parseViewState` always holds one. */
export function viewPeriod(state: Pick<ViewState, 'from' | 'to'>, today: Date): GridPeriod {
  return gridPeriod(state.from, state.to) ?? defaultPeriod(today);
}

function parseSort(text: string | null): SortOrder {
  if (!text) return DEFAULT_SORT;
  const descending = text.startsWith('-');
  const field = descending ? text.slice(1) : text;
  return (SORT_FIELDS as readonly string[]).includes(field) ? { field: field as SortField, descending } : DEFAULT_SORT;
}

export function isValidWeight(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= MAX_WEIGHT;
}

/** All three weights, a missing one at its default; any unreadable one drops the lot (stored ranking). */
function parseWeights(params: URLSearchParams): PriorityWeights | null {
  const texts = Object.values(WEIGHT_PARAMS).map((name) => params.get(name));
  if (texts.every((text) => text === null)) return null;
  const weights = { ...DEFAULT_WEIGHTS };
  for (const key of Object.keys(WEIGHT_PARAMS) as (keyof PriorityWeights)[]) {
    const text = params.get(WEIGHT_PARAMS[key]);
    if (text === null) continue;
    const value = text.trim() === '' ? Number.NaN : Number(text);
    if (!isValidWeight(value)) return null;
    weights[key] = value + 0; // -0 becomes 0
  }
  return weights;
}

export function parseViewState(source: URL | URLSearchParams, today: Date): ViewState {
  const params = source instanceof URL ? source.searchParams : source;
  const defaults = defaultViewState(today);
  const theme = params.get('theme');
  const wijk = params.get('wijk');
  const period = readPeriod(params.get('from'), params.get('to'), today) ?? defaults;
  return {
    theme: isTheme(theme) ? theme : defaults.theme,
    from: period.from,
    to: period.to,
    wijk: wijk !== null && AREA_CODE.test(wijk) ? wijk : null,
    sort: parseSort(params.get('sort')),
    measure: params.get('measure') === 'smr' ? 'smr' : DEFAULT_MEASURE,
    weights: parseWeights(params),
  };
}

/** The query string for a view; the period is always written so a shared link shows the same weeks. */
export function toSearchParams(state: ViewState): URLSearchParams {
  const params = new URLSearchParams({ theme: state.theme, from: state.from, to: state.to });
  if (state.wijk !== null) params.set('wijk', state.wijk);
  if (state.sort.field !== DEFAULT_SORT.field || state.sort.descending !== DEFAULT_SORT.descending) {
    params.set('sort', `${state.sort.descending ? '-' : ''}${state.sort.field}`);
  }
  if (state.measure !== DEFAULT_MEASURE) params.set('measure', state.measure);
  if (state.weights !== null) {
    for (const key of Object.keys(WEIGHT_PARAMS) as (keyof PriorityWeights)[]) {
      params.set(WEIGHT_PARAMS[key], String(state.weights[key]));
    }
  }
  return params;
}

/** The query string (without `?`) for a view, to append to a route given to SvelteKit's `resolve`. */
export function viewQuery(state: ViewState): string {
  return toSearchParams(state).toString();
}
