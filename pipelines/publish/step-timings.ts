/**
 * Milliseconds per step of one snapshot write, for the `snapshot.published` log line: where a slow write
 * spent its time (copying the base file, rebuilding periods, the checkpoint on detach…). Not used to decide
 * anything, only reported.
 */
export class StepTimings {
  readonly ms: Record<string, number> = {};

  async time<T>(step: string, fn: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      this.ms[step] = (this.ms[step] ?? 0) + Math.round(performance.now() - started);
    }
  }
}
