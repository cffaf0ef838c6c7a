import { en } from './en.ts';
import { getLocale, type Locale } from './locale.ts';
import type { Catalogue, MessageKey } from './nl.ts';
import { nl } from './nl.ts';

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** A translator over one catalogue; unknown `{placeholders}` stay visible so a missing value is noticed. */
export function createTranslator(catalogue: Catalogue): Translate {
  return (key, params) => {
    const text = catalogue[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  };
}

const translators: Record<Locale, Translate> = { nl: createTranslator(nl), en: createTranslator(en) };

/** Text in the current language; templates and `$derived`s that call it follow the language switch. */
export const t: Translate = (key, params) => translators[getLocale()](key, params);
