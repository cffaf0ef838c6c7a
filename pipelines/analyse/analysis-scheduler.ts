import type { Log } from '../log/logger.ts';
import type { PipelineMetrics } from '../metrics/pipeline-metrics.ts';
import type { AnalysisChanges, AnalysisStage } from './analysis-stage.ts';

export interface AnalysisScheduler {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs detection on its own connection and pace, so count snapshots never wait for it; what it rewrote goes
 * into the next snapshot (`onChanges`). It waits while the consumer is catching up: a backfill would
 * re-detect the same series again and again. A failed run is logged and its series are retried next time.
 */
export function startAnalysisScheduler(opts: {
  analysis: AnalysisStage;
  intervalMs: number;
  catchingUp: () => boolean;
  metrics: PipelineMetrics;
  onChanges: (changes: AnalysisChanges) => void;
  log: Log;
}): AnalysisScheduler {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running || opts.catchingUp()) return;
    const started = performance.now();
    running = opts.analysis
      .run()
      .then((changes) => {
        opts.metrics.recordDetection((performance.now() - started) / 1000, true);
        if (changes) opts.onChanges(changes);
      })
      .catch((error: unknown) => {
        opts.metrics.recordDetection((performance.now() - started) / 1000, false);
        opts.log('analysis.failed', { error: error instanceof Error ? error.message.split('\n')[0] : String(error) }, 'error');
      })
      .finally(() => {
        running = null;
      });
  }, opts.intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      if (running) await running;
    },
  };
}
