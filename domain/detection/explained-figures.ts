import type { Cell } from '@wijksignaal/contracts/suppressed-cell';
import type { AlarmLevel } from '../priority/alarm-level.ts';
import type { Bilingual, DetectionMethodName } from './method-choice.ts';

/** How the explanation texts write methods, levels and figures in each language. */

export type Language = keyof Bilingual;

export const METHOD_LABELS: Readonly<Record<DetectionMethodName, string>> = {
  earsC1: 'EARS C1',
  earsC2: 'EARS C2',
  earsC3: 'EARS C3',
  farrington: 'Farrington',
  cusum: 'CUSUM',
};

export const LEVEL_WORDS: Readonly<Record<AlarmLevel, Bilingual>> = {
  red: { nl: 'rood', en: 'red' },
  amber: { nl: 'oranje', en: 'amber' },
  none: { nl: 'geen', en: 'none' },
};

const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** A count or expected value as a sentence shows it: a shown cell's marker (`<5`), else one decimal at most. */
export function figureText(value: Cell | number | null, language: Language): string {
  if (value === null) return '–';
  if (typeof value !== 'number') return value.display;
  return value.toLocaleString(LOCALES[language], { maximumFractionDigits: 1 });
}

/** A p-value: three decimals, below 0.001 as `< 0.001`. */
export function pValueText(p: number, language: Language): string {
  if (p < 0.001) return `< ${(0.001).toLocaleString(LOCALES[language], { minimumFractionDigits: 3 })}`;
  return `= ${p.toLocaleString(LOCALES[language], { minimumFractionDigits: 3, maximumFractionDigits: 3 })}`;
}

/** A statistic or setting with up to two decimals. */
export function scoreText(value: number, language: Language): string {
  return value.toLocaleString(LOCALES[language], { maximumFractionDigits: 2 });
}
