import { describe, expect, it } from 'vitest';
import { lastCompleteWeek } from './subscription-digest.ts';
import { matchesSubscription, type Subscription } from './subscription-match.ts';

const base: Subscription = { id: 's', owner: 'o', wijken: [], gemeenten: [], themes: [], webhookUrl: null };

describe('matching alarm events to subscriptions', () => {
  it('follows a listed wijk, or any wijk of a listed gemeente', () => {
    const byWijk = { ...base, wijken: ['WK000101'] };
    const byGemeente = { ...base, gemeenten: ['GM0002'] };
    expect(matchesSubscription(byWijk, { wijk: 'WK000101', gemeente: 'GM0001', theme: 'loneliness' })).toBe(true);
    expect(matchesSubscription(byWijk, { wijk: 'WK000102', gemeente: 'GM0001', theme: 'loneliness' })).toBe(false);
    expect(matchesSubscription(byGemeente, { wijk: 'WK000201', gemeente: 'GM0002', theme: 'escalation' })).toBe(true);
    expect(matchesSubscription(byGemeente, { wijk: 'WK000101', gemeente: 'GM0001', theme: 'escalation' })).toBe(false);
  });

  it('follows every theme when none is listed, otherwise the listed ones only', () => {
    const all = { ...base, wijken: ['WK000101'] };
    const some = { ...all, themes: ['school_absence' as const] };
    const at = (theme: string) => ({ wijk: 'WK000101', gemeente: 'GM0001', theme });
    expect(matchesSubscription(all, at('escalation'))).toBe(true);
    expect(matchesSubscription(some, at('school_absence'))).toBe(true);
    expect(matchesSubscription(some, at('escalation'))).toBe(false);
  });

  it('follows nothing without areas', () => {
    expect(matchesSubscription(base, { wijk: 'WK000101', gemeente: 'GM0001', theme: 'loneliness' })).toBe(false);
  });

  it('takes the week before the running one as the last complete week, across a year end', () => {
    expect(lastCompleteWeek(new Date('2025-03-05T12:00:00Z'))).toBe('2025-W09');
    expect(lastCompleteWeek(new Date('2026-01-01T08:00:00Z'))).toBe('2025-W52');
    expect(lastCompleteWeek(new Date('2021-01-05T08:00:00Z'))).toBe('2020-W53');
  });
});
