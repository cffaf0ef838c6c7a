import { formatIsoWeek } from '@wijksignaal/contracts/iso-week';
import { gridPeriod, PERIOD_KINDS, periodOf } from '@wijksignaal/domain/published/period-grid';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { THEME_ORDER } from './themes.ts';
import {
  DEFAULT_SORT,
  defaultViewState,
  MAX_WEIGHT,
  MEASURES,
  parseViewState,
  SORT_FIELDS,
  toSearchParams,
  viewPeriod,
  viewQuery,
  type ViewState,
} from './view-state.ts';

const today = new Date(Date.UTC(2025, 1, 12)); // a Wednesday in 2025-W07

/** A week up to today's: a period of the grid that has started (a week, 4 weeks, a quarter, a year). */
const pastWeek = fc
  .record({ year: fc.integer({ min: 2015, max: 2025 }), week: fc.integer({ min: 1, max: 52 }) })
  .filter(({ year, week }) => year < 2025 || week <= 7)
  .map(({ year, week }) => formatIsoWeek(year, week));
const period = fc.tuple(fc.constantFrom(...PERIOD_KINDS), pastWeek).map(([kind, week]) => periodOf(kind, week));

const weight = fc.oneof(
  fc.double({ min: 0, max: MAX_WEIGHT, noNaN: true }).map((w) => w + 0),
  fc.constantFrom(0, 0.5, 1, 2, MAX_WEIGHT),
);

const viewState: fc.Arbitrary<ViewState> = fc
  .record({
    theme: fc.constantFrom(...THEME_ORDER),
    period,
    wijk: fc.option(fc.stringMatching(/^WK\d{6}$/), { nil: null }),
    sort: fc.record({ field: fc.constantFrom(...SORT_FIELDS), descending: fc.boolean() }),
    measure: fc.constantFrom(...MEASURES),
    weights: fc.option(fc.record({ smr: weight, trend: weight, alarms: weight }), { nil: null }),
  })
  .map(({ period, ...rest }) => ({ ...rest, from: period.from, to: period.to }));

describe('view state in the URL', () => {
  it('survives a round trip through the query string', () => {
    fc.assert(
      fc.property(viewState, (state) => {
        const url = new URL(`/wijk/WK000101?${viewQuery(state)}`, 'http://localhost');
        expect(parseViewState(url, today)).toEqual(state);
      }),
    );
  });

  it('turns any query string into a valid view, and that view round-trips', () => {
    const key = fc.constantFrom(
      'theme',
      'from',
      'to',
      'wijk',
      'sort',
      'measure',
      'smrWeight',
      'trendWeight',
      'alarmWeight',
      'other',
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.string()), { maxLength: 8 }), (pairs) => {
        const parsed = parseViewState(new URLSearchParams(pairs), today);
        expect(THEME_ORDER).toContain(parsed.theme);
        expect(gridPeriod(parsed.from, parsed.to)).not.toBeNull();
        expect(parseViewState(toSearchParams(parsed), today)).toEqual(parsed);
      }),
    );
  });

  it('defaults to the latest complete quarter, as the API does', () => {
    const state = parseViewState(new URLSearchParams(), today);
    expect(state).toEqual(defaultViewState(today));
    expect([state.from, state.to]).toEqual(['2024-W40', '2024-W52']);
    expect(viewPeriod(state, today)).toMatchObject({ kind: 'quarter', label: '2024-Q4' });
    expect(state.sort).toEqual(DEFAULT_SORT);
  });

  it('keeps every grid period of a link, week 53 included', () => {
    const cases = [
      ['2025-W07', '2025-W07', 'week'],
      ['2025-W05', '2025-W08', 'fourWeeks'],
      ['2020-W49', '2020-W53', 'fourWeeks'],
      ['2020-W40', '2020-W53', 'quarter'],
      ['2024-W01', '2024-W52', 'year'],
    ] as const;
    for (const [from, to, kind] of cases) {
      const state = parseViewState(new URLSearchParams({ from, to }), today);
      expect([state.from, state.to], `${from}..${to}`).toEqual([from, to]);
      expect(viewPeriod(state, today).kind).toBe(kind);
      expect(toSearchParams(state).get('from')).toBe(from);
    }
  });

  it('falls back to the default for a window that is not one grid period, as a whole', () => {
    const fallback = [defaultViewState(today).from, defaultViewState(today).to];
    const windows = [
      ['2025-W01', '2025-W06'], // the old "last weeks", not a grid period
      ['2024-W02', '2024-W14'], // a quarter shifted by a week
      ['2024-W40', '2025-W13'], // two quarters
      ['2025-W10', '2025-W02'], // reversed
      ['2020-W49', '2020-W52'], // the last 4-week period of a 53-week year without its week 53
      ['2025-W08', '2025-W08'], // next week: not started yet
      ['2025-W54', '2025-W54'],
      ['2025-W01', ''],
    ];
    for (const [from, to] of windows) {
      const state = parseViewState(new URLSearchParams({ from: from!, to: to! }), today);
      expect([state.from, state.to], `${from}..${to}`).toEqual(fallback);
    }
    expect(parseViewState(new URLSearchParams({ from: '2025-W01' }), today).to).toBe('2024-W52');
  });

  it('leaves the default sort out of the link', () => {
    expect(toSearchParams(defaultViewState(today)).has('sort')).toBe(false);
    const sorted = { ...defaultViewState(today), sort: { field: 'name' as const, descending: false } };
    expect(toSearchParams(sorted).get('sort')).toBe('name');
  });

  it('keeps the map measure in the link only when it is not the default rate', () => {
    expect(toSearchParams(defaultViewState(today)).has('measure')).toBe(false);
    const smr = { ...defaultViewState(today), measure: 'smr' as const };
    expect(toSearchParams(smr).get('measure')).toBe('smr');
    expect(parseViewState(new URLSearchParams({ measure: 'nonsense' }), today).measure).toBe('rate');
  });

  it('reads priority weights, fills a missing one with 1 and drops them all when one is unreadable', () => {
    expect(parseViewState(new URLSearchParams(), today).weights).toBeNull();
    expect(parseViewState(new URLSearchParams({ trendWeight: '2.5' }), today).weights).toEqual({
      smr: 1,
      trend: 2.5,
      alarms: 1,
    });
    for (const bad of ['', '-1', 'abc', String(MAX_WEIGHT + 0.1), 'Infinity']) {
      expect(parseViewState(new URLSearchParams({ smrWeight: bad, trendWeight: '2' }), today).weights, bad).toBeNull();
    }
    const weighted = { ...defaultViewState(today), weights: { smr: 0, trend: 2, alarms: 0.5 } };
    const params = toSearchParams(weighted);
    expect([params.get('smrWeight'), params.get('trendWeight'), params.get('alarmWeight')]).toEqual(['0', '2', '0.5']);
  });
});
