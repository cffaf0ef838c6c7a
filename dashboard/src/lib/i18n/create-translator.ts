import type { Catalogue, MessageKey } from './nl.ts';

/** Pure: no locale state, so Node-side code (tests driving the browser) can name things as the page does. */
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
