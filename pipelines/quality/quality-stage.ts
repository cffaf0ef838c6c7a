import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_QUALITY_SETTINGS, deliveryWeeksRead, type QualitySettings } from '@wijksignaal/domain/quality/quality-settings';
import type { Log } from '../log/logger.ts';
import { pruneDeliveries } from '../store/prune-deliveries.ts';
import { compactDeliveryWijken, countDeliveryWijkRows } from '../store/write-deliveries.ts';
import { refreshQuality } from './refresh-quality.ts';

/** The rules' defaults with the configured bounds of the silence delay. */
export function qualitySettingsOf(config: { silentFloorMs: number; silentCeilingMs: number }): QualitySettings {
  return { ...DEFAULT_QUALITY_SETTINGS, silentFloorMs: config.silentFloorMs, silentCeilingMs: config.silentCeilingMs };
}

export interface QualityStage {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Judges partners' deliveries at start and every `intervalMs` on its own connection: silence is a matter of
 * time passing, so this runs whether or not anything arrives. When the alarms or affected wijken change,
 * `onChange` asks for a snapshot that carries them.
 */
export function startQualityStage(opts: {
  conn: DuckDBConnection;
  settings: QualitySettings;
  intervalMs: number;
  now: () => Date;
  /** While the consumer works off a backlog, the newest deliveries are not in yet: every partner would look silent. */
  catchingUp: () => boolean;
  onChange: () => void;
  log: Log;
}): QualityStage {
  let previous: string | null = null;
  let running: Promise<void> | null = null;
  // Rows of delivery_wijk_weeks after the last fold: folded again once that many more were appended.
  let folded: number | null = null;
  const compact = async () => {
    const pruned = await pruneDeliveries(opts.conn, deliveryWeeksRead(opts.settings));
    if (pruned.weeks + pruned.wijkWeeks > 0) opts.log('quality.deliveries_pruned', pruned);
    const rows = await countDeliveryWijkRows(opts.conn);
    if (folded !== null && rows < 2 * folded + 10_000) return;
    folded = await compactDeliveryWijken(opts.conn);
    if (folded < rows) opts.log('quality.wijken_compacted', { rows, folded });
  };
  const run = () => {
    if (running || opts.catchingUp()) return;
    running = compact()
      .then(() => refreshQuality(opts.conn, opts.now(), opts.settings, previous))
      .then(({ judgement, key, changed }) => {
        previous = key;
        if (!changed) return;
        opts.log('quality.judged', {
          alarms: judgement.alarms.map((a) => `${a.partner}|${a.sourceKind}|${a.kind}`),
          affectedWijken: judgement.wijken.length,
        });
        opts.onChange();
      })
      .catch((error: unknown) =>
        opts.log('quality.failed', { error: error instanceof Error ? error.message.split('\n')[0] : String(error) }, 'error'),
      )
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, opts.intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      if (running) await running;
      opts.conn.closeSync();
    },
  };
}
