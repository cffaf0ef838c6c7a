import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CubeCell } from '../aggregate/cube-delta.ts';
import type { Log } from '../log/logger.ts';
import { PendingChanges } from './pending-changes.ts';
import { lastPublishedSequence, pruneSnapshots } from './snapshot-files.ts';
import { writeSnapshotDelta } from './write-snapshot-delta.ts';
import { StepTimings } from './step-timings.ts';
import { writeSnapshot } from './write-snapshot.ts';

export interface SnapshotPublisherOptions {
  conn: DuckDBConnection;
  dir: string;
  minIntervalMs: number;
  keep: number;
  /** Counts from 1 to k−1 are withheld in the published table. */
  k: number;
  meta: () => Record<string, string>;
  log: Log;
  now?: () => Date;
  /** A full rewrite after this many incremental ones keeps snapshot files compact and ordered. */
  fullEvery?: number;
  /** Weeks of published periods one snapshot rebuilds at most (`PendingChanges.take`). */
  maxWeeksPerSnapshot?: number;
  /** Many messages wait (a backfill): publishing then paces itself so it does not crowd out ingestion. */
  catchingUp?: () => boolean;
}

/**
 * The default of SNAPSHOT_MAX_WEEKS: half a national year of one theme (a year period, 52 weeks, goes out
 * alone). After a backfill of a million signals over years of weeks, every snapshot rebuilt 520 weeks for
 * about 9 s on the shared 2-core box and the steady stream's signals waited for it (p99 21 s); at 104 weeks
 * the p99 was 13.5 s, at 52 4.7–7.2 s, at 26 3.0–5.0 s (six runs, one on a box three times slower left
 * out) and at 13 3.5–3.8 s. Light snapshots publish a signal's week apart from its longer periods anyway,
 * and a heavy write, which the counts of the markers committed during a light one wait for, costs what it
 * rebuilds; the backlog drains at about the same number of periods a second, since a snapshot's fixed
 * costs stay.
 */
export const MAX_WEEKS_PER_SNAPSHOT = 26;

/**
 * Publishes a serving snapshot when something changed: a heavy one at most once per `minIntervalMs`, a light
 * one of the weeks just touched in between (`nextIsLight`), and while catching up never spending more than
 * about a fifth of the time publishing (`waitBeforeNext`).
 * The first snapshot of a run is written in full; after that each one patches a copy of the previous one
 * with what changed. Publishing runs on its own connection, so ingestion continues meanwhile.
 */
export class SnapshotPublisher {
  private sequence: number;
  private dirty = false;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastPublishAt = 0;
  /** When the last heavy snapshot (any but a light one) started: heavy ones start once per minimum interval. */
  private lastHeavyStartAt = 0;
  private lastWasHeavy = true;
  private stopped = false;
  private baseFile: string | null = null;
  private sinceFull = 0;
  private readonly pending = new PendingChanges();
  lastPublishMs = 0;
  /** How long the last snapshot of counts alone took: the steady cost that paces publishing. */
  private countsPublishMs = 0;
  /** When this process last published a snapshot (null before the first): the age /metrics reports. */
  publishedAt: Date | null = null;

  constructor(private readonly opts: SnapshotPublisherOptions) {
    this.sequence = lastPublishedSequence(opts.dir);
  }

  get publishedSequence(): number {
    return this.sequence;
  }

  /** Cube cells a committed batch changed: publish soon. */
  markChanged(cells: readonly CubeCell[]): void {
    this.pending.addCells(cells);
    this.markDirty();
  }

  /** Detection rewrote alarm rows of these series (or all) and perhaps the priorities: publish soon. */
  markAnalysed(changes: { alarms: 'all' | ReadonlySet<string>; priorities: boolean }): void {
    this.pending.addAnalysis(changes);
    this.markDirty();
  }

  /** Something else changed (counters, offsets): publish soon. */
  markDirty(): void {
    this.dirty = true;
    this.schedule();
  }

  /** Publishes now if anything is pending (used at shutdown). */
  async flush(): Promise<void> {
    if (this.running) await this.running;
    if (this.dirty) await this.publish();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.running) await this.running;
  }

  private schedule(): void {
    if (this.timer || this.running || this.stopped) return;
    // Checked again at least every minimum interval: a catch-up that ends cuts its long pause short.
    this.timer = setTimeout(
      () => {
        this.timer = null;
        if (this.waitBeforeNext() > 0) this.schedule();
        else void this.publish();
      },
      Math.min(this.waitBeforeNext(), this.opts.minIntervalMs),
    );
  }

  /**
   * While catching up, a slow write stretches the interval to four times its duration, so publishing
   * takes at most a fifth of the time: during a backfill every write rebuilds many published periods (its
   * signals span every week), and on two cores each one takes CPU from ingestion. Caught up, a heavy snapshot
   * starts at most once per minimum interval, counted from the last heavy one's start (so a write that took
   * most of it is not followed by a whole interval more), and a light one (`nextIsLight`) a quarter of the
   * interval after the last write ended: the counts of the weeks that just changed wait for at most one
   * heavy write and one light one.
   */
  private waitBeforeNext(): number {
    const now = Date.now();
    if (this.opts.catchingUp?.() ?? true) {
      const interval = Math.max(this.opts.minIntervalMs, 4 * this.countsPublishMs);
      return Math.max(0, this.lastPublishAt + interval - now);
    }
    const gap = this.lastPublishAt + this.opts.minIntervalMs / 4 - now;
    if (this.nextIsLight()) return Math.max(0, gap);
    return Math.max(0, gap, this.lastHeavyStartAt + this.opts.minIntervalMs - now);
  }

  /**
   * A light snapshot rebuilds only the week periods touched since the last one (and copies the
   * ingest counts and the other small tables, as every snapshot does); quarters, years, a backlog and alarm
   * rows go in the heavy ones, which alternate with light ones while both have work. Never while catching up
   * (the paced heavy writes drain the backlog) and never a full write.
   */
  private nextIsLight(): boolean {
    if (this.opts.catchingUp?.() ?? true) return false;
    if (this.baseFile === null || this.sinceFull >= (this.opts.fullEvery ?? 300)) return false;
    return this.pending.hasRecentShort() && (this.lastWasHeavy || !this.pending.hasHeavyWork());
  }

  private publish(): Promise<void> {
    this.running = (async () => {
      this.dirty = false;
      const started = performance.now();
      const startedAt = new Date();
      const timings = new StepTimings();
      const full = this.baseFile === null || this.sinceFull >= (this.opts.fullEvery ?? 300);
      const light = this.nextIsLight();
      const maxWeeks = this.opts.maxWeeksPerSnapshot ?? MAX_WEEKS_PER_SNAPSHOT;
      if (!light) this.lastHeavyStartAt = Date.now();
      let delta = light ? this.pending.takeRecentShort(maxWeeks) : this.pending.take(full ? undefined : maxWeeks);
      // Counts before alarms: rewriting the alarm rows of thousands of series takes seconds, and counts
      // committed before it should not wait for it. The alarms go into the snapshot right after this one.
      const alarmsChanged = delta.alarms === 'all' || delta.alarms.size > 0 || delta.alarmPart || delta.priorities;
      if (!full && alarmsChanged && delta.periods.length > 0) {
        this.pending.addAnalysis(delta);
        delta = { periods: delta.periods, alarms: new Set(), priorities: false };
      }
      const countsOnly = !full && delta.alarms !== 'all' && delta.alarms.size === 0 && !delta.alarmPart && !delta.priorities;
      try {
        const next = this.sequence + 1;
        const write = {
          dir: this.opts.dir,
          sequence: next,
          meta: this.opts.meta(),
          now: this.opts.now?.() ?? new Date(),
          k: this.opts.k,
          timings,
        };
        const file = full
          ? await writeSnapshot(this.opts.conn, write)
          : await writeSnapshotDelta(this.opts.conn, { ...write, baseFile: this.baseFile!, delta });
        this.sequence = next;
        this.baseFile = file;
        // Light snapshots do not count: the full rewrite keeps its cadence in time (one per `fullEvery` heavy ones).
        this.sinceFull = full ? 0 : light ? this.sinceFull : this.sinceFull + 1;
        pruneSnapshots(this.opts.dir, this.opts.keep, next);
        this.lastPublishMs = performance.now() - started;
        if (countsOnly && !light) this.countsPublishMs = this.lastPublishMs;
        this.lastWasHeavy = !light;
        this.publishedAt = write.now;
        this.opts.log('snapshot.published', {
          file,
          sequence: next,
          full,
          light,
          periods: delta.periods.length,
          waiting: this.pending.size,
          alarms: delta.alarms === 'all' ? 'all' : delta.alarms.size,
          alarmPart: delta.alarmPart ? `${delta.alarmPart.part + 1}/${delta.alarmPart.parts}` : undefined,
          ms: Math.round(this.lastPublishMs),
          // A batch committed before this is in the snapshot: the bench's hop from commit to snapshot.
          startedAt: startedAt.toISOString(),
          bytes: statSync(join(this.opts.dir, file)).size,
          ...timings.ms,
        });
      } catch (error) {
        this.pending.restore(delta);
        this.baseFile = null; // start again from a full snapshot
        this.dirty = true;
        this.opts.log('snapshot.failed', { error: error instanceof Error ? error.message : String(error) }, 'error');
      } finally {
        this.lastPublishAt = Date.now();
        this.running = null;
        if (this.pending.hasAnalysis() || this.pending.size > 0) this.dirty = true;
        if (this.dirty) this.schedule();
      }
    })();
    return this.running;
  }
}
