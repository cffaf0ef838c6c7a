import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSnapshotReader, type SnapshotReader } from '../../services/api/db/snapshot-reader.ts';
import { fixtureContent } from './api-fixture.ts';
import { writeSnapshot } from './write-snapshot.ts';

export interface FixtureSnapshot {
  reader: SnapshotReader;
  close(): Promise<void>;
}

/** The API fixture plus `sql` on the live tables, published as one snapshot in a temp folder and opened. */
export async function openFixtureSnapshot(prefix: string, sequence: number, sql: string[]): Promise<FixtureSnapshot> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await writeSnapshot(dir, sequence, { ...fixtureContent(), sql });
  const reader = await openSnapshotReader({ dir });
  return {
    reader,
    async close() {
      await reader.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
