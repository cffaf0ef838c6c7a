import type { CubeCell } from '../aggregate/cube-delta.ts';
import { periodsTouched, type PublishedPeriod } from './published-counts.ts';
import type { AlarmPart, SnapshotDelta } from './write-snapshot-delta.ts';
import { periodWeeks } from '@wijksignaal/domain/published/period-grid';

/**
 * Changes committed since the last snapshot, collected until the publisher takes them: the published
 * periods whose cells must be rebuilt, and the alarm rows and priorities detection rewrote.
 *
 * Periods touched since the last snapshot go first; a snapshot takes at most `maxWeeks` weeks of periods
 * (its cost follows them), and what it leaves waits as a backlog for the next ones. After a backfill every
 * period is touched at once; taken whole, that one rebuild would hold back for many seconds the counts of the
 * signals that keep arriving, whose few periods now go first and find the backlog drained a part at a time.
 */
export class PendingChanges {
  private recent = new Map<string, PublishedPeriod>();
  private backlog = new Map<string, PublishedPeriod>();
  private alarms: 'all' | Set<string> = new Set();
  /** Parts of the wijken whose alarm rows a full detection run rewrote and are still to be published. */
  private alarmParts: AlarmPart[] = [];
  private priorities = false;

  /** Periods waiting to be rebuilt. */
  get size(): number {
    return this.recent.size + this.backlog.size;
  }

  /** Alarm rows or priorities wait to be published. */
  hasAnalysis(): boolean {
    return this.alarms === 'all' || this.alarms.size > 0 || this.alarmParts.length > 0 || this.priorities;
  }

  addCells(cells: readonly CubeCell[]): void {
    for (const p of periodsTouched(cells)) {
      const key = periodKey(p);
      this.backlog.delete(key);
      this.recent.set(key, p);
    }
  }

  /**
   * Every series' rows (a full detection run) go out in `ALARM_PARTS` snapshots of a part of the wijken
   * each: in one they took seconds (a national run rewrites over a million rows), holding back the counts.
   * Meanwhile a snapshot shows some series' alarms of this run and others' of the last, as between runs
   * that re-detect only touched series.
   */
  addAnalysis(changes: { alarms: 'all' | ReadonlySet<string>; alarmPart?: AlarmPart; priorities: boolean }): void {
    if (changes.alarms === 'all') {
      this.alarms = new Set();
      this.alarmParts = Array.from({ length: ALARM_PARTS }, (_, part) => ({ part, parts: ALARM_PARTS }));
    } else if (this.alarms !== 'all') for (const key of changes.alarms) this.alarms.add(key);
    if (changes.alarmPart) this.alarmParts.unshift(changes.alarmPart);
    this.priorities ||= changes.priorities;
  }

  /**
   * Hands over the analysis and up to `maxWeeks` weeks of periods (recent ones first, at least one), and
   * one alarm part; without `maxWeeks` (for a full write, which copies every alarm row) all of it.
   */
  take(maxWeeks = Number.POSITIVE_INFINITY): SnapshotDelta {
    const periods: PublishedPeriod[] = [];
    let weeks = 0;
    for (const source of [this.recent, this.backlog]) {
      for (const [key, p] of source) {
        const cost = periodWeeks(p.period).length;
        if (periods.length > 0 && weeks + cost > maxWeeks) continue;
        periods.push(p);
        weeks += cost;
        source.delete(key);
      }
    }
    for (const [key, p] of this.recent) this.backlog.set(key, p);
    this.recent.clear();
    const full = maxWeeks === Number.POSITIVE_INFINITY && this.alarmParts.length > 0;
    const alarmPart = full ? undefined : this.alarmParts.shift();
    const delta: SnapshotDelta = { periods, alarms: full ? 'all' : this.alarms, priorities: this.priorities };
    if (alarmPart) delta.alarmPart = alarmPart;
    if (full) this.alarmParts = [];
    this.alarms = new Set();
    this.priorities = false;
    return delta;
  }

  /** Short periods touched since the last snapshot wait: a light snapshot has work. */
  hasRecentShort(): boolean {
    for (const p of this.recent.values()) if (isShort(p)) return true;
    return false;
  }

  /** Anything a light snapshot leaves: long or older periods, alarm rows, priorities. */
  hasHeavyWork(): boolean {
    if (this.backlog.size > 0 || this.hasAnalysis()) return true;
    for (const p of this.recent.values()) if (!isShort(p)) return true;
    return false;
  }

  /**
   * For a light snapshot: only the week periods touched since the last snapshot, up to
   * `maxWeeks` weeks (none at least); 4-week periods, quarters, years, the backlog and the analysis stay for
   * the next heavy one, the recent long periods still first. A year costs 52 weeks of the cube, a week one, so
   * the counts of the weeks that just changed go out in a fraction of a heavy write.
   */
  takeRecentShort(maxWeeks: number): SnapshotDelta {
    const periods: PublishedPeriod[] = [];
    let weeks = 0;
    for (const [key, p] of this.recent) {
      const cost = periodWeeks(p.period).length;
      if (!isShort(p) || weeks + cost > maxWeeks) continue;
      periods.push(p);
      weeks += cost;
      this.recent.delete(key);
    }
    return { periods, alarms: new Set(), priorities: false };
  }

  /** Puts back a delta whose snapshot could not be written, so the next attempt includes it. */
  restore(delta: SnapshotDelta): void {
    for (const p of delta.periods) this.recent.set(periodKey(p), p);
    this.addAnalysis(delta);
  }
}

const ALARM_PARTS = 8;
/**
 * Week periods go in light snapshots: each costs one week of the cube, so a light write is linear in the weeks
 * just touched. A 4-week period costs four (the light write of weeks and 4-week periods after a backfill took
 * about as long as the heavy one), a quarter 13, a year 52.
 */
function isShort(p: PublishedPeriod): boolean {
  return p.period.kind === 'week';
}

function periodKey(p: PublishedPeriod): string {
  return `${p.theme}|${p.period.kind}|${p.period.from}`;
}
