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

const viewState: fc.Arbitrary<ViewState> = fc
  .record({
    theme: fc.constantFrom(...THEME_ORDER),
    from: isoWeek,
    span: fc.integer({ min: 0, max: MAX_PERIOD_WEEKS - 1 }),
    wijk: fc.option(fc.stringMatching(/^WK\d{6}$/), { nil: null }),
    sort: fc.record({ field: fc.constantFrom(...SORT_FIELDS), descending: fc.boolean() }),
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
    const key = fc.constantFrom('theme', 'from', 'to', 'wijk', 'sort', 'other');
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
});
