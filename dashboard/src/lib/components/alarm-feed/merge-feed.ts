import type { AlarmEventEntry } from '@wijksignaal/contracts/alarm-notification';

/** How many announced alarms stay listed; older ones are on the Overzicht's alarm list. */
export const FEED_SHOWN = 5;

/** The feed after new events arrive: newest first, each seq once, at most `max`. */
export function mergeFeed(
  shown: readonly AlarmEventEntry[],
  arrived: readonly AlarmEventEntry[],
  max = FEED_SHOWN,
): AlarmEventEntry[] {
  const bySeq = new Map<number, AlarmEventEntry>();
  for (const event of [...shown, ...arrived]) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, max);
}
