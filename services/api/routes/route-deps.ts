import type { SnapshotReader } from '../db/snapshot-reader.ts';

/** What every router gets from createApp: the snapshots to read and the clock (tests pass a fixed one). */
export interface RouteDeps {
  snapshots: SnapshotReader;
  now: () => Date;
}
