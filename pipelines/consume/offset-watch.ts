import type { Admin } from 'kafkajs';
import type { Log } from '../log/logger.ts';
import type { StoredOffsets } from '../store/read-state.ts';
import { consumerLag, readWatermarks } from './consumer-lag.ts';
import { describeOffsetProblem, type OffsetProblem } from '@wijksignaal/contracts/offset-problem';
import { watermarkProblems } from './offset-guard.ts';

export interface OffsetWatch {
  /** Partitions the pipeline stopped reading, until an operator re-baselines them. */
  problems(): OffsetProblem[];
  isStopped(topic: string, partition: number): boolean;
  /** A problem seen elsewhere (the consumer moved back); reported like the watermark ones. */
  report(problem: OffsetProblem): void;
  stop(): void;
}

/**
 * Every `intervalMs` reads the broker's watermarks of the partner topics: the consumer lag (`onLag`, null
 * while the broker does not answer), and whether a partition's offsets went backwards or its unread messages
 * vanished. Such a partition is stopped (the consumer pauses it at its next batch and commits nothing of it),
 * logged once as an error, and `onChange` tells the publisher, so the next snapshot and /ready say so.
 */
export function startOffsetWatch(opts: {
  admin: Admin;
  topics: readonly string[];
  stored: StoredOffsets;
  intervalMs: number;
  log: Log;
  onLag: (lag: number | null) => void;
  onChange: () => void;
}): OffsetWatch {
  const stopped = new Map<string, OffsetProblem>();
  const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;
  const report = (problem: OffsetProblem) => {
    const k = key(problem.topic, problem.partition);
    if (stopped.has(k)) return;
    stopped.set(k, problem);
    opts.log('offsets.went_backwards', { ...problem, action: describeOffsetProblem(problem) }, 'error');
    opts.onChange();
  };
  const timer = setInterval(() => {
    readWatermarks(opts.admin, opts.topics)
      .then((watermarks) => {
        opts.onLag(consumerLag(opts.stored, watermarks));
        for (const problem of watermarkProblems(opts.stored, watermarks)) report(problem);
      })
      .catch(() => opts.onLag(null));
  }, opts.intervalMs);
  return {
    problems: () => [...stopped.values()],
    isStopped: (topic, partition) => stopped.has(key(topic, partition)),
    report,
    stop: () => clearInterval(timer),
  };
}
