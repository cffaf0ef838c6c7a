import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import type { OutgoingMessage } from './kafka-kit.ts';

const DAY = 86_400_000;

/** What a demo partner sends in these tests: its source kind and a theme, category and age band that fit. */
const STREAMS = {
  'thuiszorg-demo': { sourceKind: 'home_care', theme: 'loneliness', category: 'isolation', ageBand: '75+' },
  'school-demo': { sourceKind: 'school', theme: 'school_absence', category: 'relative_16h', ageBand: '12-14' },
} as const;
export type DeliveringPartner = keyof typeof STREAMS;

/** One valid signal of `partner` for `wijk`, with the Kafka timestamp `at` (and the signal's week that of `at`). */
export function deliveredSignal(partner: DeliveringPartner, wijk: string, at: number): OutgoingMessage {
  return {
    key: wijk,
    timestamp: String(at),
    value: {
      id: crypto.randomUUID(),
      partner,
      area: wijk,
      areaYear: 2024,
      week: isoWeekFromDate(new Date(at)),
      severity: 'low',
      ...STREAMS[partner],
    },
  };
}

/**
 * `weeks` complete delivery weeks before the one `now` falls in, `perWeek` signals each, timestamped on the
 * Tuesday of their week ten minutes apart, spread over `wijken` in turn: a history the data-quality rules
 * learn a usual volume from (produced now, counted in those past weeks).
 */
export function pastDeliveries(
  partner: DeliveringPartner,
  wijken: readonly string[],
  opts: { weeks: number; perWeek: number; now: number },
): OutgoingMessage[] {
  const today = Math.floor(opts.now / DAY) * DAY;
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
  const messages: OutgoingMessage[] = [];
  for (let back = opts.weeks; back >= 1; back--) {
    for (let i = 0; i < opts.perWeek; i++) {
      messages.push(deliveredSignal(partner, wijken[i % wijken.length]!, monday - back * 7 * DAY + DAY + i * 600_000));
    }
  }
  return messages;
}
