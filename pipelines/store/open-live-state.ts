import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AreaRegistry } from '@wijksignaal/contracts/area';
import { partnerTopic } from '@wijksignaal/contracts/topics';
import type { PipelineConfig } from '../config.ts';
import type { IdHashSet } from '../aggregate/id-filter.ts';
import type { Log } from '../log/logger.ts';
import { openLiveDb, type LiveDb } from './live-db.ts';
import { readIdFilter, readStoredOffsets, type StoredOffsets } from './read-state.ts';
import { writeRegistry } from './write-registry.ts';

export interface LiveState {
  db: LiveDb;
  snapshotDir: string;
  /** One topic per partner: its credentials may write that topic only, so the topic says who sent it. */
  topics: string[];
  storedOffsets: StoredOffsets;
  storedDlqOffsets: StoredOffsets;
  storedActionOffsets: StoredOffsets;
  idFilter: IdHashSet;
}

/** Opens the live database and reads what the consumers continue from: offsets and the known ids. */
export async function openLiveState(config: PipelineConfig, registry: AreaRegistry, log: Log): Promise<LiveState> {
  // Owner-only (with main.ts's umask 077 for the files): the live database holds the raw cube and the
  // record-key secret, the snapshots what the API serves; a DATA_DIR made earlier is closed too.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(config.dataDir, 0o700);
  const snapshotDir = join(config.dataDir, 'snapshots');
  mkdirSync(snapshotDir, { recursive: true, mode: 0o700 });

  const db = await openLiveDb({ path: join(config.dataDir, 'live.duckdb'), memoryLimit: config.memoryLimit, threads: 2 });
  await writeRegistry(db.writer, registry, config.partners);
  const topics = config.partners.map((partner) => partnerTopic(partner, config.topicPrefix));
  const storedOffsets = await readStoredOffsets(db.writer, topics);
  const storedDlqOffsets = await readStoredOffsets(db.writer, [config.dlqTopic], 'dlq_offsets');
  const storedActionOffsets = await readStoredOffsets(db.writer, [config.actionsTopic], 'action_offsets');
  const idFilter = await readIdFilter(db.writer);
  log('pipeline.state_loaded', { offsets: offsetsForLog(storedOffsets), knownIds: idFilter.size });
  return { db, snapshotDir, topics, storedOffsets, storedDlqOffsets, storedActionOffsets, idFilter };
}

function offsetsForLog(stored: StoredOffsets): Record<string, Record<number, string>> {
  return Object.fromEntries(
    [...stored].map(([topic, next]) => [topic, Object.fromEntries([...next].map(([p, o]) => [p, o.toString()]))]),
  );
}
