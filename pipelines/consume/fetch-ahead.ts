/**
 * Lets kafkajs fetch a partition's next batch while this one is still being handled. kafkajs fetches again
 * only once every batch of its last fetch is handled, so without this the consumer waits for each fetch
 * (the broker's read, the transfer, the decoding) with nothing in hand, and the validation worker and the
 * write queue wait with it. With it, `eachBatch` hands its batch over and returns; the partition's next
 * batch waits in its own `eachBatch` until this one is done (`previous`), so a partition's batches are still
 * handled one at a time, in order, each seeing the stored offset its predecessor committed. At most one
 * batch per partition is in hand and one fetched ahead.
 *
 * A batch whose handling fails leaves its offset stored where it was. Its failure is kept and thrown by the
 * partition's next `eachBatch`, which makes kafkajs restart the consumer, and the restart seeks to the
 * stored offsets: what a failing `eachBatch` did before. `onFailure` (a seek back to the stored offset)
 * makes sure a next batch comes even when the failed one was the last on the topic.
 */
export class FetchAhead {
  private readonly handling = new Map<string, Promise<void>>();
  private readonly failures = new Map<string, unknown>();

  /** Waits until the partition's batch before this one is done; throws what it failed with, once. */
  async previous(partition: string): Promise<void> {
    await this.handling.get(partition);
    if (!this.failures.has(partition)) return;
    const failure = this.failures.get(partition);
    this.failures.delete(partition);
    throw failure;
  }

  /** Starts handling a batch without waiting for it. */
  handOver(partition: string, handle: () => Promise<void>, onFailure: (error: unknown) => void): void {
    const run = handle().catch((error: unknown) => {
      this.failures.set(partition, error);
      onFailure(error);
    });
    this.handling.set(partition, run);
  }

  /** Every batch handed over is done (committed or failed): before the live database closes. */
  async drain(): Promise<void> {
    await Promise.all(this.handling.values());
  }
}
