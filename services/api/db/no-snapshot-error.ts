/** Thrown by the snapshot reader when no snapshot has been published yet; the API answers 503. */
export class NoSnapshotError extends Error {
  constructor() {
    super('no data published yet; is the pipeline running?');
    this.name = 'NoSnapshotError';
  }
}
