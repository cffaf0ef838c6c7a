import { createSubscriber } from 'svelte/reactivity';

/**
 * The dashboard's language: Dutch unless the user switched. Read through `getLocale()` inside a template,
 * `$derived` or effect, it re-runs them on a switch (createSubscriber, so this stays a plain module that
 * unit tests load without the Svelte compiler). The choice is kept in localStorage and set on `<html lang>`.
 */
export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';
export const LOCALE_STORAGE_KEY = 'wijksignaal.locale';

let current: Locale = DEFAULT_LOCALE;
const listeners = new Set<() => void>();
const subscribe = createSubscriber((update) => {
  listeners.add(update);
  return () => listeners.delete(update);
});

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function getLocale(): Locale {
  subscribe();
  return current;
}

export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Storage can be off (private mode, policy); the switch still works for this visit.
  }
  for (const update of [...listeners]) update();
}

/** The remembered language, or Dutch; call once at start-up. */
export function restoreLocale(): void {
  let stored: string | null = null;
  try {
    stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  const locale = isLocale(stored) ? stored : DEFAULT_LOCALE;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  setLocale(locale);
}
