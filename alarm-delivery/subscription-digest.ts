import type { DuckDBConnection } from '@duckdb/node-api';
import { DIGEST_KINDS, type AlarmEventEntry } from '@wijksignaal/contracts/alarm-notification';
import { addIsoWeeks, isoWeekFromDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { readAlarmEvents } from './read-alarm-events.ts';
import { matchesSubscription, type Subscription } from './subscription-match.ts';

/** The last complete ISO week at `now`: the week before the running one. */
export function lastCompleteWeek(now: Date): IsoWeek {
  return addIsoWeeks(isoWeekFromDate(now), -1);
}

/**
 * A subscription's weekly digest: the opened, escalated and closed events about `week` in its areas and
 * themes, oldest first. One source for the digest page's endpoint and the digest the notifier posts.
 */
export async function subscriptionDigest(
  conn: DuckDBConnection,
  subscription: Subscription,
  week: IsoWeek,
): Promise<AlarmEventEntry[]> {
  const events = await readAlarmEvents(conn, { kinds: DIGEST_KINDS, week });
  return events.filter((event) => matchesSubscription(subscription, event));
}
