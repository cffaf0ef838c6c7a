import { describe, expect, it } from 'vitest';
import type { AlarmEventEntry } from '@wijksignaal/contracts/alarm-notification';
import { mergeFeed } from './merge-feed.ts';

const event = (seq: number): AlarmEventEntry => ({
  seq,
  alarmId: `WK000101.loneliness.2025-W09`,
  kind: 'opened',
  wijk: 'WK000101',
  wijkName: 'Noord',
  gemeente: 'GM0001',
  gemeenteName: 'Eerstestad',
  theme: 'loneliness',
  week: '2025-W09',
  openedWeek: '2025-W09',
  level: 'amber',
  method: 'farrington',
  methodVersion: 'farrington-noufaily-1',
});

describe('mergeFeed', () => {
  it('lists the newest first, each event once, at most the given number', () => {
    expect(mergeFeed([event(2), event(1)], [event(3), event(2)]).map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(mergeFeed([event(1)], [2, 3, 4, 5, 6, 7].map(event), 5).map((e) => e.seq)).toEqual([7, 6, 5, 4, 3]);
    expect(mergeFeed([], [])).toEqual([]);
  });
});
