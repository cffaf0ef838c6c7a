import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { nl } from './nl.ts';
import { getLocale, isLocale, setLocale } from './locale.ts';
import { createTranslator, t } from './translate.ts';

describe('message catalogues', () => {
  it('have the same keys in Dutch and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = createTranslator(nl);
    expect(t('priority.rank', { rank: 13 })).toBe(nl['priority.rank'].replace('{rank}', '13'));
    expect(t('priority.rank')).toContain('{rank}');
  });
});

describe('the language switch', () => {
  it('speaks Dutch by default and English after switching, and remembers nothing it cannot store', () => {
    expect(getLocale()).toBe('nl');
    expect(t('nav.overview')).toBe(nl['nav.overview']);
    setLocale('en');
    try {
      expect(getLocale()).toBe('en');
      expect(t('nav.overview')).toBe(en['nav.overview']);
      expect(t('priority.rank', { rank: 13 })).toBe(en['priority.rank'].replace('{rank}', '13'));
    } finally {
      setLocale('nl');
    }
    expect(t('nav.overview')).toBe(nl['nav.overview']);
  });

  it('accepts only the languages it has', () => {
    expect(isLocale('nl') && isLocale('en')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale(null)).toBe(false);
  });
});
