import { addIsoWeeks, formatIsoWeek, isoWeeksBetween, isValidIsoWeek } from '@wijksignaal/contracts/iso-week';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { THEME_ORDER } from './themes.ts';
import {
  DEFAULT_PERIOD_WEEKS,
  DEFAULT_SORT,
  defaultViewState,
  lastWeeks,
  MAX_PERIOD_WEEKS,
  MAX_WEIGHT,
  MEASURES,
  parseViewState,
  SORT_FIELDS,
  toSearchParams,
  viewQuery,
  type ViewState,
} from './view-state.ts';

const today = new Date(Date.UTC(2025, 1, 12)); // a Wednesday in 2025-W07

const isoWeek = fc
  .record({ year: fc.integer({ min: 2015, max: 2035 }), week: fc.integer({ min: 1, max: 52 }) })
  .map(({ year, week }) => formatIsoWeek(year, week));

const weight = fc.oneof(
  fc.double({ min: 0, max: MAX_WEIGHT, noNaN: true }).map((w) => w + 0),
  fc.constantFrom(0, 0.5, 1, 2, MAX_WEIGHT),
);

const viewState: fc.Arbitrary<ViewState> = fc
  .record({
    theme: fc.constantFrom(...THEME_ORDER),
    from: isoWeek,
    span: fc.integer({ min: 0, max: MAX_PERIOD_WEEKS - 1 }),
    wijk: fc.option(fc.stringMatching(/^WK\d{6}$/), { nil: null }),
    sort: fc.record({ field: fc.constantFrom(...SORT_FIELDS), descending: fc.boolean() }),
    measure: fc.constantFrom(...MEASURES),
    weights: fc.option(fc.record({ smr: weight, trend: weight, alarms: weight }), { nil: null }),
  })
  .map(({ span, ...rest }) => ({ ...rest, to: addIsoWeeks(rest.from, span) }));

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
        expect(isValidIsoWeek(parsed.from) && isValidIsoWeek(parsed.to)).toBe(true);
        expect(isoWeeksBetween(parsed.from, parsed.to)).toBeGreaterThanOrEqual(0);
        expect(parseViewState(toSearchParams(parsed), today)).toEqual(parsed);
      }),
    );
  });

  it('defaults to the most recent weeks ending with the current week', () => {
    const state = parseViewState(new URLSearchParams(), today);
    expect(state).toEqual(defaultViewState(today));
    expect(state.to).toBe('2025-W07');
    expect(isoWeeksBetween(state.from, state.to)).toBe(DEFAULT_PERIOD_WEEKS - 1);
    expect(state.sort).toEqual(DEFAULT_SORT);
  });

  it('rejects a reversed or too long period as a whole', () => {
    const reversed = parseViewState(new URLSearchParams({ from: '2025-W10', to: '2025-W02' }), today);
    expect(reversed.from).toBe(lastWeeks(DEFAULT_PERIOD_WEEKS, today).from);
    const tooLong = parseViewState(
      new URLSearchParams({ from: '2000-W01', to: addIsoWeeks('2000-W01', MAX_PERIOD_WEEKS) }),
      today,
    );
    expect(tooLong.to).toBe('2025-W07');
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
