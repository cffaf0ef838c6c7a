import { describe, expect, it } from 'vitest';
import { CATEGORIES_BY_THEME, SOURCE_KINDS } from '@wijksignaal/contracts/signal';
import { en } from '../i18n/en.ts';
import { nl } from '../i18n/nl.ts';
import { createTranslator } from '../i18n/translate.ts';
import { breakdownLabel } from './breakdown-label.ts';

const t = createTranslator(nl);

describe('breakdownLabel', () => {
  it('has words for every category and source kind of the contract, in both languages', () => {
    const keys = [
      ...Object.values(CATEGORIES_BY_THEME)
        .flat()
        .map((key) => `wijk.category.${key}`),
      ...SOURCE_KINDS.map((key) => `wijk.source.${key}`),
    ];
    for (const catalogue of [nl, en]) expect(keys.filter((key) => !Object.hasOwn(catalogue, key))).toEqual([]);
    expect(breakdownLabel('category', 'domestic_violence', t)).toBe('huiselijk geweld');
    expect(breakdownLabel('source', 'general_practice', t)).toBe('huisartsenpraktijk');
  });

  it('writes age bands as years and the unknown band in words', () => {
    expect(breakdownLabel('ageBand', '25-44', t)).toBe('25-44 jaar');
    expect(breakdownLabel('ageBand', 'unknown', t)).toBe('onbekend');
  });

  it('shows a value the catalogue does not know as it came', () => {
    expect(breakdownLabel('category', 'new_category', t)).toBe('new_category');
  });
});
