import { deliveryWeekOf } from '@wijksignaal/domain/quality/delivery-week';
import { WHOLE_STREAM } from '@wijksignaal/domain/quality/delivery-figures';
import type { AcceptedSignal } from './accepted-signal.ts';

const DAY_MS = 86_400_000;

/** What one batch adds to the delivery figures the data-quality rules learn from (`domain/quality`). */
export interface DeliveryDelta {
  /** Per partner × source kind × delivery week; rejections under source kind ''. `lastAt` in ms. */
  weeks: { partner: string; sourceKind: string; week: string; accepted: number; rejected: number; lastAt: number }[];
  /** Per partner × source kind × wijk × delivery week, accepted signals. */
  wijken: { partner: string; sourceKind: string; wijk: string; week: string; n: number }[];
}

export interface DeliveryTally {
  accept(a: AcceptedSignal, deliveredAt: number): void;
  reject(partner: string, deliveredAt: number): void;
  delta(): DeliveryDelta;
}

/**
 * Counts a batch's messages by delivery week: the ISO week of the Kafka message timestamp (when the partner
 * handed it over), not the week the signal is about, so a late batch of old weeks still counts as delivered now.
 */
export function deliveryTally(): DeliveryTally {
  const weeks = new Map<string, DeliveryDelta['weeks'][number]>();
  // A batch's messages arrive within a few days: the week of each day is worked out once.
  const weekOfDay = new Map<number, string>();
  const weekOf = (at: number) => {
    const day = Math.floor(at / DAY_MS);
    let week = weekOfDay.get(day);
    if (week === undefined) weekOfDay.set(day, (week = deliveryWeekOf(at)));
    return week;
  };
  const wijken = new Map<string, DeliveryDelta['wijken'][number]>();
  const weekRow = (partner: string, sourceKind: string, week: string, at: number) => {
    const key = `${partner}|${sourceKind}|${week}`;
    let row = weeks.get(key);
    if (!row) weeks.set(key, (row = { partner, sourceKind, week, accepted: 0, rejected: 0, lastAt: at }));
    row.lastAt = Math.max(row.lastAt, at);
    return row;
  };
  return {
    accept(a, at) {
      const { partner, sourceKind } = a.signal;
      const week = weekOf(at);
      weekRow(partner, sourceKind, week, at).accepted++;
      const key = `${partner}|${sourceKind}|${a.wijk}|${week}`;
      const row = wijken.get(key);
      if (row) row.n++;
      else wijken.set(key, { partner, sourceKind, wijk: a.wijk, week, n: 1 });
    },
    reject(partner, at) {
      weekRow(partner, WHOLE_STREAM, weekOf(at), at).rejected++;
    },
    delta: () => ({ weeks: [...weeks.values()], wijken: [...wijken.values()] }),
  };
}

/** A Kafka message's timestamp (ms, as kafkajs gives it: a string), or `fallback` when it has none. */
export function deliveredAt(timestamp: string | undefined, fallback: Date): number {
  const ms = timestamp === undefined ? NaN : Number(timestamp);
  return Number.isFinite(ms) && ms > 0 ? ms : fallback.getTime();
}
