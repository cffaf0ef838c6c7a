import { describe, expect, it } from 'vitest';
import { FetchAhead } from './fetch-ahead.ts';

/** A promise with its resolve and reject at hand. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Hands over a batch whose handling is `handling`. */
function handOver(
  ahead: FetchAhead,
  partition: string,
  handling: Promise<unknown>,
  onFailure: (error: unknown) => void = () => undefined,
) {
  ahead.handOver(partition, () => handling.then(() => undefined), onFailure);
}

describe('FetchAhead', () => {
  it("holds a partition's next batch until the one handed over before it is done, and not other partitions'", async () => {
    const ahead = new FetchAhead();
    const first = deferred();
    const done: string[] = [];
    handOver(
      ahead,
      'p0',
      first.promise.then(() => done.push('p0 first')),
    );
    let otherWaited = false;
    await ahead.previous('p1').then(() => (otherWaited = true));
    expect(otherWaited).toBe(true);
    const next = ahead.previous('p0').then(() => done.push('p0 next may start'));
    await Promise.resolve();
    expect(done).toEqual([]);
    first.resolve();
    await next;
    expect(done).toEqual(['p0 first', 'p0 next may start']);
  });

  it("reports a failed batch at once and throws its error from the partition's next batch, once", async () => {
    const ahead = new FetchAhead();
    const failed = deferred();
    const reported: string[] = [];
    handOver(ahead, 'p0', failed.promise, (error) => reported.push((error as Error).message));
    failed.reject(new Error('worker died'));
    await expect(ahead.previous('p0')).rejects.toThrow('worker died');
    expect(reported).toEqual(['worker died']);
    // The batch after the restart (kafkajs re-fetches from the stored offset) goes ahead.
    await expect(ahead.previous('p0')).resolves.toBeUndefined();
  });

  it('drains: resolves once every batch handed over is done, failed ones too', async () => {
    const ahead = new FetchAhead();
    const a = deferred();
    const b = deferred();
    handOver(ahead, 'p0', a.promise);
    handOver(ahead, 'p1', b.promise);
    let drained = false;
    const draining = ahead.drain().then(() => (drained = true));
    a.resolve();
    await Promise.resolve();
    expect(drained).toBe(false);
    b.reject(new Error('write failed'));
    await draining;
    expect(drained).toBe(true);
  });
});
