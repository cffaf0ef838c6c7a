import { describe, expect, it } from 'vitest';
import { landingFor, mayOpen, pageOfPath, pagesFor } from './pages-for.ts';

describe('pagesFor', () => {
  it('offers people every page, the Overzicht first', () => {
    for (const role of ['epidemiologist', 'team_lead', 'admin'] as const) {
      expect(pagesFor(role)).toEqual(['overview', 'compare', 'delivery', 'subscriptions']);
    }
  });

  it('offers a partner its Aanlevering only', () => {
    expect(pagesFor('partner')).toEqual(['delivery']);
  });
});

describe('mayOpen', () => {
  it('counts a wijk page as part of the Overzicht', () => {
    expect(pageOfPath('/wijk/WK036301')).toBe('overview');
    expect(mayOpen('team_lead', '/wijk/WK036301')).toBe(true);
    expect(mayOpen('partner', '/wijk/WK036301')).toBe(false);
  });

  it('keeps the Abonnementen page for people', () => {
    expect(mayOpen('team_lead', '/abonnementen')).toBe(true);
    expect(mayOpen('partner', '/abonnementen')).toBe(false);
  });

  it('leaves the login page and unknown paths open (the 404 page answers those)', () => {
    expect(mayOpen('partner', '/login')).toBe(true);
    expect(mayOpen('partner', '/bestaat-niet')).toBe(true);
  });
});

describe('landingFor', () => {
  it('keeps where a person was going, query and all', () => {
    expect(landingFor('epidemiologist', '/vergelijken?theme=escalation')).toBe('/vergelijken?theme=escalation');
  });

  it('sends a partner to its Aanlevering instead of a page it may not read', () => {
    expect(landingFor('partner', '/')).toBe('/aanlevering');
    expect(landingFor('partner', '/wijk/WK036301?theme=loneliness')).toBe('/aanlevering');
    expect(landingFor('partner', '/aanlevering')).toBe('/aanlevering');
  });
});
