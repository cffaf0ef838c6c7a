/** Dutch number and time formatting (1.234; 12,3; 09:05). Formatters are built once: they are costly. */
const whole = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const clock = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', hour12: false });

export function formatCount(value: number): string {
  return whole.format(value);
}

/** Rates per 1,000 with one decimal; null (no denominator) becomes the given placeholder. */
export function formatRate(value: number | null, missing: string): string {
  return value === null ? missing : oneDecimal.format(value);
}

export function formatOptionalCount(value: number | null, missing: string): string {
  return value === null ? missing : whole.format(value);
}

/** `HH:MM` in the browser's time zone; an unparseable timestamp gives null so nothing wrong is shown. */
export function formatClockTime(iso: string): string | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : clock.format(date);
}
