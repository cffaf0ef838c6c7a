/** A partner whose last signal is older than this is shown as stale: deliveries normally arrive every few minutes. */
export const STALE_AFTER_MS = 60 * 60 * 1000;

export type FreshnessState = 'fresh' | 'stale' | 'never';

export interface Freshness {
  state: FreshnessState;
  /** Milliseconds since the last signal (never negative: a clock slightly ahead reads as just now); null if never. */
  ageMs: number | null;
}

/** How fresh a partner's delivery is at `now`. An unreadable timestamp counts as never seen. */
export function ingestFreshness(lastSeen: string | null, now: Date, staleAfterMs = STALE_AFTER_MS): Freshness {
  const seen = lastSeen === null ? Number.NaN : Date.parse(lastSeen);
  if (Number.isNaN(seen)) return { state: 'never', ageMs: null };
  const ageMs = Math.max(0, now.getTime() - seen);
  return { state: ageMs > staleAfterMs ? 'stale' : 'fresh', ageMs };
}

export type AgoUnit = 'agoSeconds' | 'agoMinutes' | 'agoHours' | 'agoDays';

/** The age in the largest whole unit that fits (45 s, 12 min, 3 uur, 2 dagen), rounded down. */
export function agoParts(ageMs: number): { unit: AgoUnit; n: number } {
  const seconds = Math.floor(ageMs / 1000);
  if (seconds < 60) return { unit: 'agoSeconds', n: seconds };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { unit: 'agoMinutes', n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: 'agoHours', n: hours };
  return { unit: 'agoDays', n: Math.floor(hours / 24) };
}
