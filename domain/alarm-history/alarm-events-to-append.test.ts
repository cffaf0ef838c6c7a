import { describe, expect, it } from 'vitest';
import { addIsoWeeks, isoWeekRange } from '@wijksignaal/contracts/iso-week';
import type { AlarmLevel } from '../priority/alarm-level.ts';
import type { AlarmEventFields, WeekVerdictOf } from './alarm-event-row.ts';
import { alarmEventsToAppend } from './alarm-events-to-append.ts';
import { foldAlarmLog } from './fold-alarm-events.ts';

const series = { wijk: 'WK001', theme: 'escalation' };
const W = (n: number) => addIsoWeeks('2024-W01', n - 1);

/** Verdicts of weeks `from`… with the levels given ('.' quiet, 'a' amber, 'r' red). */
function verdicts(from: number, levels: string, method = 'earsC2'): WeekVerdictOf[] {
  const level: Record<string, AlarmLevel> = { '.': 'none', a: 'amber', r: 'red' };
  return [...levels].map((c, i) => ({ week: W(from + i), level: level[c] as AlarmLevel, method, methodVersion: `${method}-1`, settings: '{}' }));
}

/** The log as a pipeline keeps it: each run appends what the function returns. */
function run(log: AlarmEventFields[], from: number, levels: string, method?: string): AlarmEventFields[] {
  const appended = alarmEventsToAppend(series, log, verdicts(from, levels, method));
  log.push(...appended);
  return appended;
}

const brief = (events: readonly AlarmEventFields[]) => events.map((e) => `${e.kind} ${e.week} ${e.level} ${e.alarmId}`);

describe('alarmEventsToAppend', () => {
  it('opens, escalates, updates and closes an episode in the right weeks', () => {
    const events = alarmEventsToAppend(series, [], verdicts(1, '..arra..'));
    expect(brief(events)).toEqual([
      `opened ${W(3)} amber WK001.escalation.${W(3)}`,
      `escalated ${W(4)} red WK001.escalation.${W(3)}`,
      `updated ${W(5)} red WK001.escalation.${W(3)}`,
      `updated ${W(6)} amber WK001.escalation.${W(3)}`,
      `closed ${W(7)} none WK001.escalation.${W(3)}`,
    ]);
    expect(events.every((e) => e.openedWeek === W(3) && e.methodVersion === 'earsC2-1')).toBe(true);
  });

  it('appends nothing when the counts have not changed, and only the new week as weeks go by', () => {
    const log: AlarmEventFields[] = [];
    run(log, 1, '..a');
    expect(run(log, 1, '..a')).toEqual([]);
    // A week later the judged weeks slide on by one: the episode continues into them with its id.
    expect(brief(run(log, 2, '.ar'))).toEqual([`escalated ${W(4)} red WK001.escalation.${W(3)}`]);
    expect(brief(run(log, 4, 'r.'))).toEqual([`closed ${W(5)} none WK001.escalation.${W(3)}`]);
    // The episode opened before the judged weeks and closed in them: nothing new once it is closed.
    expect(run(log, 5, '..')).toEqual([]);
    const [episode] = foldAlarmLog(log);
    expect(episode?.state).toBe('closed');
    expect(episode?.flagged.map((e) => e.week)).toEqual([W(3), W(4)]);
    expect(episode?.level).toBe('red');
  });

  it('late data that quiets the opening week withdraws the episode and opens a new one', () => {
    const log: AlarmEventFields[] = [];
    run(log, 1, '..aa.');
    const appended = run(log, 1, '...a.');
    expect(brief(appended)).toEqual([
      `withdrawn ${W(3)} none WK001.escalation.${W(3)}`,
      `opened ${W(4)} amber WK001.escalation.${W(4)}`,
      `closed ${W(5)} none WK001.escalation.${W(4)}`,
    ]);
    const episodes = foldAlarmLog(log);
    expect(episodes.map((e) => [e.alarmId, e.state])).toEqual([
      [`WK001.escalation.${W(3)}`, 'withdrawn'],
      [`WK001.escalation.${W(4)}`, 'closed'],
    ]);
  });

  it('late data that quiets every week withdraws it; when it flags again the same id reopens', () => {
    const log: AlarmEventFields[] = [];
    run(log, 1, '.a.');
    expect(brief(run(log, 1, '...'))).toEqual([`withdrawn ${W(2)} none WK001.escalation.${W(2)}`]);
    expect(run(log, 1, '...')).toEqual([]);
    expect(brief(run(log, 1, '.r.'))).toEqual([`opened ${W(2)} red WK001.escalation.${W(2)}`, `closed ${W(3)} none WK001.escalation.${W(2)}`]);
    expect(foldAlarmLog(log)[0]?.state).toBe('closed');
  });

  it('late data that re-judges a middle week closes the episode earlier; re-judged back, it extends again', () => {
    const log: AlarmEventFields[] = [];
    run(log, 1, '.aaa.');
    expect(brief(run(log, 1, '.a.a.'))).toEqual([
      `closed ${W(3)} none WK001.escalation.${W(2)}`,
      `opened ${W(4)} amber WK001.escalation.${W(4)}`,
      `closed ${W(5)} none WK001.escalation.${W(4)}`,
    ]);
    let [first, second] = foldAlarmLog(log);
    expect(first?.flagged.map((e) => e.week)).toEqual([W(2)]);
    expect(first?.closed?.week).toBe(W(3));
    expect(second?.state).toBe('closed');
    // Back as it was: the second episode is withdrawn, the first runs on to week 5 again.
    expect(brief(run(log, 1, '.aaa.'))).toEqual([
      `withdrawn ${W(4)} none WK001.escalation.${W(4)}`,
      `updated ${W(3)} amber WK001.escalation.${W(2)}`,
    ]);
    [first, second] = foldAlarmLog(log);
    expect(first?.flagged.map((e) => e.week)).toEqual([W(2), W(3), W(4)]);
    expect(first?.closed?.week).toBe(W(5));
    expect(second?.state).toBe('withdrawn');
  });

  it('a week re-judged at a higher level or by another method version appends for that week only', () => {
    const log: AlarmEventFields[] = [];
    run(log, 1, '.aa');
    expect(brief(run(log, 1, '.ar'))).toEqual([`escalated ${W(3)} red WK001.escalation.${W(2)}`]);
    const changed = alarmEventsToAppend(series, log, verdicts(1, '.ar').map((v) => ({ ...v, methodVersion: 'earsC2-2' })));
    expect(changed.map((e) => e.week)).toEqual([W(2), W(3)]);
  });

  it('leaves episodes before the judged weeks alone and judges nothing without verdicts', () => {
    const log: AlarmEventFields[] = [];
    run(log, 1, '.a.');
    expect(run(log, 10, '....')).toEqual([]);
    expect(alarmEventsToAppend(series, log, [])).toEqual([]);
    expect(isoWeekRange(W(1), W(3))).toHaveLength(3);
  });
});
