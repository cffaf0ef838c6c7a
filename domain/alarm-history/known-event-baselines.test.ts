import { describe, expect, it } from 'vitest';
import type { AlarmEventKind } from '@wijksignaal/contracts/alarm-event';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { AlarmLevel } from '../priority/alarm-level.ts';
import { knownEventBaselines, type EventWithExpected, type TriageMarkFields } from './known-event-baselines.ts';

const ID = 'WK000001.loneliness.2026-W10';
const RUN = '2026-03-16T08:00:00.000Z';

function event(kind: AlarmEventKind, week: IsoWeek, level: AlarmLevel, expected: number | null, recordedAt = RUN): EventWithExpected {
  return {
    alarmId: ID,
    wijk: 'WK000001',
    theme: 'loneliness',
    kind,
    week,
    openedWeek: '2026-W10',
    level,
    method: 'farrington',
    methodVersion: 'farrington-noufaily-1',
    settings: '{}',
    recordedAt,
    expected,
  };
}

const EPISODE = [
  event('opened', '2026-W10', 'red', 4.5),
  event('updated', '2026-W11', 'amber', 5.25),
  event('closed', '2026-W12', 'none', 4.75),
];

function mark(status: string, at: string, actionId = `a-${at}`): TriageMarkFields {
  return { alarmId: ID, status, at, actionId };
}

describe('knownEventBaselines', () => {
  it('gives the flagged weeks of an alarm marked known_event, each at its verdict’s expected count', () => {
    expect(knownEventBaselines([mark('known_event', '2026-03-17T09:00:00.000Z')], EPISODE)).toEqual([
      { alarmId: ID, wijk: 'WK000001', theme: 'loneliness', week: '2026-W10', baseline: 4.5 },
      { alarmId: ID, wijk: 'WK000001', theme: 'loneliness', week: '2026-W11', baseline: 5.25 },
    ]);
  });

  it('is undone by a later mark with another status, and holds again when marked known_event once more', () => {
    const marks = [mark('known_event', '2026-03-17T09:00:00.000Z'), mark('false_alarm', '2026-03-18T09:00:00.000Z')];
    expect(knownEventBaselines(marks, EPISODE)).toEqual([]);
    // Out of order in the table: the time decides, not the row order.
    expect(knownEventBaselines([...marks.reverse(), mark('known_event', '2026-03-19T09:00:00.000Z')], EPISODE)).toHaveLength(2);
  });

  it('ignores alarms whose newest mark is another status, and withdrawn episodes', () => {
    expect(knownEventBaselines([mark('investigating', '2026-03-17T09:00:00.000Z')], EPISODE)).toEqual([]);
    const withdrawn = [...EPISODE, event('withdrawn', '2026-W10', 'none', null)];
    expect(knownEventBaselines([mark('known_event', '2026-03-17T09:00:00.000Z')], withdrawn)).toEqual([]);
  });

  it('covers the episode as it stood when marked: weeks flagged afterwards join only with a new mark', () => {
    const open = [event('opened', '2026-W10', 'red', 4.5), event('updated', '2026-W11', 'amber', 5.25, '2026-03-23T08:00:00.000Z')];
    const marked = [mark('known_event', '2026-03-17T09:00:00.000Z')];
    expect(knownEventBaselines(marked, open).map((w) => w.week)).toEqual(['2026-W10']);
    const again = [...marked, mark('known_event', '2026-03-24T09:00:00.000Z')];
    expect(knownEventBaselines(again, open).map((w) => w.week)).toEqual(['2026-W10', '2026-W11']);
  });

  it('leaves a week without an expected count as observed', () => {
    const events = [event('opened', '2026-W10', 'red', null), event('updated', '2026-W11', 'red', 6)];
    expect(knownEventBaselines([mark('known_event', '2026-03-17T09:00:00.000Z')], events).map((w) => w.week)).toEqual(['2026-W11']);
  });
});
