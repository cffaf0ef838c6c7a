import { describe, expect, it } from 'vitest';
import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import type { StoredAlarmEvent, WeekVerdictOf } from '@wijksignaal/domain/alarm-history/alarm-event-row';
import { alarmEventsToAppend } from '@wijksignaal/domain/alarm-history/alarm-events-to-append';
import type { AlarmLevel } from '@wijksignaal/domain/priority/alarm-level';
import { compareReplay } from './compare-replay.ts';

const W = (n: number) => addIsoWeeks('2025-W01', n - 1);
const KEY = 'WK000101|loneliness';
const period = { from: W(1), to: W(6) };

function verdicts(levels: string, version = 'farrington-noufaily-1'): WeekVerdictOf[] {
  const level: Record<string, AlarmLevel> = { '.': 'none', a: 'amber', r: 'red' };
  return [...levels].map((c, i) => ({ week: W(i + 1), level: level[c]!, method: 'farrington', methodVersion: version, settings: '{}' }));
}

/** What the pipeline would have stored for these verdicts. */
function stored(levels: string, version?: string): StoredAlarmEvent[] {
  return alarmEventsToAppend({ wijk: 'WK000101', theme: 'loneliness' }, [], verdicts(levels, version)).map((e, i) => ({
    ...e,
    seq: i + 1,
    offsets: '{}',
    recordedAt: '2025-02-10T00:00:00.000Z',
  }));
}

describe('compareReplay', () => {
  it('is the same for the same verdicts, and says new, gone and changed otherwise', () => {
    expect(compareReplay(period, new Map([[KEY, stored('.aa...')]]), new Map([[KEY, verdicts('.aa...')]])).map((a) => a.status)).toEqual(['same']);
    expect(compareReplay(period, new Map(), new Map([[KEY, verdicts('.aa...')]])).map((a) => a.status)).toEqual(['new']);
    expect(compareReplay(period, new Map([[KEY, stored('.aa...')]]), new Map([[KEY, verdicts('......')]])).map((a) => a.status)).toEqual(['gone']);
    const changed = compareReplay(period, new Map([[KEY, stored('.aa...')]]), new Map([[KEY, verdicts('.ar...')]]));
    expect(changed.map((a) => [a.alarmId, a.status])).toEqual([['WK000101.loneliness.2025-W02', 'changed']]);
    expect(changed[0]?.replayed.map((e) => e.kind)).toEqual(['opened', 'escalated', 'closed']);
  });

  it('a changed method version is a difference even where the levels agree', () => {
    const [alarm] = compareReplay(period, new Map([[KEY, stored('.aa...', 'farrington-noufaily-0')]]), new Map([[KEY, verdicts('.aa...')]]));
    expect(alarm?.status).toBe('changed');
    expect(alarm?.stored[0]?.methodVersion).toBe('farrington-noufaily-0');
    expect(alarm?.replayed[0]?.methodVersion).toBe('farrington-noufaily-1');
  });

  it('an episode opened before the period continues with its id, and only the weeks in the period count', () => {
    const earlier = stored('rr....');
    const inside = { from: W(2), to: W(6) };
    const later = new Map([[KEY, verdicts('r....').map((v, i) => ({ ...v, week: W(i + 2) }))]]);
    expect(compareReplay(inside, new Map([[KEY, earlier]]), later).map((a) => [a.alarmId, a.status])).toEqual([
      ['WK000101.loneliness.2025-W01', 'same'],
    ]);
  });
});
