import type { CubeCell } from '../aggregate/cube-delta.ts';
import type { SnapshotDelta } from './write-snapshot-delta.ts';

/** Changes committed since the last snapshot, collected until the publisher takes them. */
export class PendingChanges {
  private cells = new Set<string>();
  private alarms: 'all' | Set<string> = new Set();
  private priorities = false;

  get size(): number {
    return this.cells.size;
  }

  /** Alarm rows or priorities wait to be published. */
  hasAnalysis(): boolean {
    return this.alarms === 'all' || this.alarms.size > 0 || this.priorities;
  }

  addCells(cells: readonly CubeCell[]): void {
    for (const c of cells) this.cells.add(`${c.wijk}|${c.weekMonday}|${c.theme}|${c.category}|${c.sourceKind}|${c.ageBand}`);
  }

  addAnalysis(changes: { alarms: 'all' | ReadonlySet<string>; priorities: boolean }): void {
    if (changes.alarms === 'all') this.alarms = 'all';
    else if (this.alarms !== 'all') for (const key of changes.alarms) this.alarms.add(key);
    this.priorities ||= changes.priorities;
  }

  /** Hands over everything collected so far and starts afresh. */
  take(): SnapshotDelta {
    const delta: SnapshotDelta = { cells: this.cells, alarms: this.alarms, priorities: this.priorities };
    this.cells = new Set();
    this.alarms = new Set();
    this.priorities = false;
    return delta;
  }

  /** Puts back a delta whose snapshot could not be written, so the next attempt includes it. */
  restore(delta: SnapshotDelta): void {
    for (const key of delta.cells) this.cells.add(key);
    this.addAnalysis(delta);
  }
}
