import { describe, expect, it } from 'vitest';
import { explainMethodChoice, FARRINGTON_FROM_WEEKS, MIN_HISTORY_WEEKS, methodsForHistory } from './method-choice.ts';

const runs = (weeks: number) =>
  explainMethodChoice(weeks)
    .decisions.filter((d) => d.runs)
    .map((d) => d.method);

describe('the method choice and its reasons, from the history length', () => {
  it('runs nothing at 6 weeks and says detection starts at 7, in both languages', () => {
    const choice = explainMethodChoice(6);
    expect(choice.methods).toEqual([]);
    expect(runs(6)).toEqual([]);
    for (const d of choice.decisions.filter((x) => x.method !== 'farrington')) {
      expect(d.why.nl).toBe('Deze reeks heeft 6 weken historie; detectie begint bij 7 complete weken.');
      expect(d.why.en).toBe('This series has 6 weeks of history; detection starts at 7 complete weeks.');
    }
  });

  it('runs EARS and CUSUM from 7 weeks, Farrington not yet', () => {
    expect(MIN_HISTORY_WEEKS).toBe(7);
    expect(runs(7)).toEqual(['earsC1', 'earsC2', 'earsC3', 'cusum']);
    const c1 = explainMethodChoice(7).decisions[0]!;
    expect(c1.why.en).toContain('this series has 7 weeks');
    expect(c1.why.nl).toContain('deze reeks heeft 7 weken');
    const farrington = explainMethodChoice(7).decisions.find((d) => d.method === 'farrington')!;
    expect(farrington.why.nl).toContain('minstens 78 weken (anderhalf jaar) historie nodig; deze reeks heeft 7 weken');
  });

  it('adds Farrington at 78 weeks and not at 77', () => {
    expect(FARRINGTON_FROM_WEEKS).toBe(78);
    expect(runs(77)).not.toContain('farrington');
    expect(explainMethodChoice(77).decisions.find((d) => d.method === 'farrington')?.why.en).toContain(
      'this series has 77 weeks',
    );
    expect(runs(78)).toEqual(['earsC1', 'earsC2', 'earsC3', 'farrington', 'cusum']);
    const farrington = explainMethodChoice(78, { farringtonWeeks: 8 }).decisions.find((d) => d.method === 'farrington')!;
    expect(farrington.why.en).toContain('this series has at least 78 weeks');
    expect(farrington.why.en).toContain('computed for the 8 most recent complete weeks');
    // Chosen from 78 weeks, but the Noufaily reference window needs 3 years and 3 weeks before a week.
    expect(farrington.why.en).toContain('It judges a week only once 3 years and 3 weeks lie before it');
    expect(farrington.why.nl).toContain('Een week beoordeelt het pas als er 3 jaar en 3 weken aan voorafgaan');
  });

  it('is the list the pipeline runs (methodsForHistory), with Farrington only when the run provides it', () => {
    for (const weeks of [0, 6, 7, 8, 77, 78, 79, 200])
      expect(explainMethodChoice(weeks).methods).toEqual(methodsForHistory(weeks));
    expect(methodsForHistory(100, false)).toEqual(['earsC1', 'earsC2', 'earsC3', 'cusum']);
  });

  it('explains why CUSUM runs next to EARS', () => {
    const cusum = explainMethodChoice(30).decisions.find((d) => d.method === 'cusum')!;
    expect(cusum.why.en).toMatch(/complements EARS.*26 weeks before the quarter.*restarts at 0/);
    expect(cusum.why.nl).toMatch(/vult EARS aan.*26 weken vóór het kwartaal.*opnieuw bij 0/);
  });
});
