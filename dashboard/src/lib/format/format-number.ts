import { getLocale, type Locale } from '../i18n/locale.ts';

/**
 * Numbers and times in the dashboard's language (Dutch 1.234 and 12,3; English 1,234 and 12.3).
 * Formatters are built once per language: they are costly.
 */
const TAGS: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };

function formatters(tag: string) {
  return {
    whole: new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }),
    oneDecimal: new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    twoDecimals: new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    clock: new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hour12: false }),
    dateTime: new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', hour12: false }),
  };
}
const BY_LOCALE = { nl: formatters(TAGS.nl), en: formatters(TAGS.en) };
const current = () => BY_LOCALE[getLocale()];

export function formatCount(value: number): string {
  return current().whole.format(value);
}

/** Rates per 1,000 with one decimal; null (no denominator) becomes the given placeholder. */
export function formatRate(value: number | null, missing: string): string {
  return value === null ? missing : current().oneDecimal.format(value);
}

/** Ratios (SMR, trend, score parts) with two decimals. */
export function formatRatio(value: number): string {
  return current().twoDecimals.format(value);
}

export function formatOptionalCount(value: number | null, missing: string): string {
  return value === null ? missing : current().whole.format(value);
}

/** `HH:MM` in the browser's time zone; an unparseable timestamp gives null so nothing wrong is shown. */
export function formatClockTime(iso: string): string | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : current().clock.format(date);
}

/** Date and time (`2 dec 2026 09:30`) in the browser's time zone; an unparseable timestamp gives null. */
export function formatDateTime(iso: string): string | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : current().dateTime.format(date);
}
