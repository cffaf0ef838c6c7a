import { deliveryWeekOf } from '@wijksignaal/domain/quality/delivery-week';
import { WHOLE_STREAM, type DeliveryWeek, type DeliveryWijkWeek } from '@wijksignaal/domain/quality/delivery-figures';
import type { AcceptedSignal } from './accepted-signal.ts';

const DAY_MS = 86_400_000;

/** What one batch adds to the delivery figures the data-quality rules learn from (`domain/quality`). */
export interface DeliveryDelta {
  /** Per partner × source kind × delivery week; rejections under source kind ''. */
  weeks: DeliveryWeek[];
  /** Each partner × source kind × wijk × delivery week the batch accepted signals for. */
  wijken: DeliveryWijkWeek[];
}

export interface DeliveryTally {
  accept(a: AcceptedSignal, deliveredAt: number): void;
  reject(partner: string, deliveredAt: number): void;
  delta(): DeliveryDelta;
}

interface WeekRow extends DeliveryWeek {
  wijken: Set<string>;
}

/**
 * Counts a batch's messages by delivery week: the ISO week of the Kafka message timestamp (when the partner
 * handed it over), not the week the signal is about, so a late batch of old weeks still counts as delivered
 * now. On the hot path: a batch is one partner's, mostly one source kind and one day, so the row of the
 * message before is reused and nothing is concatenated or hashed but the wijk.
 */
export function deliveryTally(): DeliveryTally {
  const rows = new Map<string, WeekRow>();
  const weekOfDay = new Map<number, string>();
  const rowFor = (partner: string, sourceKind: string, day: number, at: number): WeekRow => {
    let week = weekOfDay.get(day);
    if (week === undefined) weekOfDay.set(day, (week = deliveryWeekOf(at)));
    const key = `${partner}|${sourceKind}|${week}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { partner, sourceKind, week, accepted: 0, rejected: 0, lastAt: at, wijken: new Set() }));
    return row;
  };
  let last: WeekRow | undefined;
  let lastDay = NaN;
  return {
    accept(a, at) {
      const day = Math.floor(at / DAY_MS);
      const { partner, sourceKind } = a.signal;
      if (!last || day !== lastDay || partner !== last.partner || sourceKind !== last.sourceKind) {
        last = rowFor(partner, sourceKind, day, at);
        lastDay = day;
      }
      last.accepted++;
      if (at > last.lastAt) last.lastAt = at;
      last.wijken.add(a.wijk);
    },
    reject(partner, at) {
      const row = rowFor(partner, WHOLE_STREAM, Math.floor(at / DAY_MS), at);
      row.rejected++;
      if (at > row.lastAt) row.lastAt = at;
    },
    delta() {
      const all = [...rows.values()];
      return {
        weeks: all.map(({ wijken: _, ...week }) => week),
        wijken: all.flatMap((r) =>
          [...r.wijken].map((wijk) => ({ partner: r.partner, sourceKind: r.sourceKind, wijk, week: r.week })),
        ),
      };
    },
  };
}

/** A Kafka message's timestamp (ms, as kafkajs gives it: a string), or `fallback` when it has none. */
export function deliveredAt(timestamp: string | undefined, fallback: Date): number {
  const ms = timestamp === undefined ? NaN : Number(timestamp);
  return Number.isFinite(ms) && ms > 0 ? ms : fallback.getTime();
}
