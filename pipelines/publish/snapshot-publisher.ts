import type { DuckDBConnection } from '@duckdb/node-api';
import type { Log } from '../log/logger.ts';
import { lastPublishedSequence, pruneSnapshots } from './snapshot-files.ts';
import { writeSnapshot } from './write-snapshot.ts';

export interface SnapshotPublisherOptions {
  conn: DuckDBConnection;
  dir: string;
  minIntervalMs: number;
  keep: number;
  /** Work to do just before each publish (e.g. detection on the series touched since the last one). */
  beforePublish?: () => Promise<void>;
  meta: () => Record<string, string>;
  log: Log;
  now?: () => Date;
}

/**
 * Publishes a serving snapshot when something changed, at most once per `minIntervalMs`.
 * Publishing runs on its own connection, so ingestion continues while a snapshot is written.
 */
export class SnapshotPublisher {
  private sequence: number;
  private dirty = false;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastPublishAt = 0;
  private stopped = false;
  lastPublishMs = 0;

  constructor(private readonly opts: SnapshotPublisherOptions) {
    this.sequence = lastPublishedSequence(opts.dir);
  }

  get publishedSequence(): number {
    return this.sequence;
  }

  /** Something was committed: publish soon. */
  markDirty(): void {
    this.dirty = true;
    this.schedule();
  }

  /** Publishes now if anything is pending (used at shutdown and at start-up). */
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
    const wait = Math.max(0, this.lastPublishAt + this.opts.minIntervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.publish();
    }, wait);
  }

  private publish(): Promise<void> {
    this.running = (async () => {
      this.dirty = false;
      const started = performance.now();
      try {
        await this.opts.beforePublish?.();
        const next = this.sequence + 1;
        const file = await writeSnapshot(this.opts.conn, {
          dir: this.opts.dir,
          sequence: next,
          meta: this.opts.meta(),
          now: this.opts.now?.() ?? new Date(),
        });
        this.sequence = next;
        pruneSnapshots(this.opts.dir, this.opts.keep, next);
        this.lastPublishMs = performance.now() - started;
        this.opts.log('snapshot.published', { file, sequence: next, ms: Math.round(this.lastPublishMs) });
      } catch (error) {
        this.dirty = true;
        this.opts.log('snapshot.failed', { error: error instanceof Error ? error.message : String(error) }, 'error');
      } finally {
        this.lastPublishAt = Date.now();
        this.running = null;
        if (this.dirty) this.schedule();
      }
    })();
    return this.running;
  }
}
