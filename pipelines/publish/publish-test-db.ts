import { DuckDBInstance } from '@duckdb/node-api';
import type { Signal } from '@wijksignaal/contracts/signal';
import type { AcceptedSignal } from '../aggregate/accepted-signal.ts';
import { cubeDelta, type CubeCell } from '../aggregate/cube-delta.ts';
import { openLiveDb, type LiveDb } from '../store/live-db.ts';
import { writeBatch } from '../store/write-batch.ts';

/** Test support for the publish tests: three wijken of one gemeente, signals in three weeks of 2026. */
export const WIJKEN = ['WK990101', 'WK990102', 'WK990103'];
const MONDAYS = ['2026-03-02', '2026-03-09', '2026-03-16'];

/** `size` accepted signals of the escalation theme, spread over the wijken, weeks and categories by `seed`. */
export function batchOf(seed: number, size: number): AcceptedSignal[] {
  return Array.from({ length: size }, (_, i) => {
    const k = seed * 1000 + i;
    const signal = {
      id: crypto.randomUUID(),
      partner: 'demo-partner',
      sourceKind: 'police',
      theme: 'escalation',
      category: k % 2 ? 'youth_nuisance' : 'neighbour_dispute',
      area: WIJKEN[k % 3]!,
      areaYear: 2024,
      week: '2026-W10',
      ageBand: k % 5 ? '25-44' : '15-17',
      severity: k % 7 ? 'low' : 'high',
      count: 1 + (k % 4),
    } as Signal;
    return {
      signal,
      wijk: WIJKEN[k % 3]!,
      gemeente: 'GM9901',
      weekMonday: MONDAYS[(k >> 2) % 3]!,
      partition: 0,
      offset: String(k),
    };
  });
}

/** A live database in `dir` with the registry tables a snapshot copies, holding the three wijken. */
export async function openPublishTestDb(dir: string): Promise<LiveDb> {
  const db = await openLiveDb({ path: `${dir}/live.duckdb`, memoryLimit: '128MB', threads: 1 });
  for (const ddl of [
    'CREATE TABLE areas (code VARCHAR, name VARCHAR, gemeente_code VARCHAR, gemeente_name VARCHAR, year INTEGER, residents INTEGER, geometry VARCHAR)',
    'CREATE TABLE population (code VARCHAR, year INTEGER, band VARCHAR, residents DOUBLE)',
    'CREATE TABLE partners (id VARCHAR PRIMARY KEY)',
  ])
    await db.writer.run(ddl);
  for (const code of WIJKEN)
    await db.writer.run(`INSERT INTO areas VALUES ('${code}', '${code}', 'GM9901', 'Gemeente', 2024, 1000, NULL)`);
  return db;
}

/** Commits `signals` as one batch of topic `t`, partition 0, ending at offset `nextOffset`; returns its cube cells. */
export async function commitBatch(db: LiveDb, signals: AcceptedSignal[], nextOffset: number): Promise<CubeCell[]> {
  const cells = cubeDelta(signals, db.recordKey);
  await writeBatch(db.writer, {
    topic: 't',
    partition: 0,
    nextOffset: String(nextOffset),
    fresh: signals,
    cells,
    outcomes: new Map(),
    at: new Date(),
  });
  return cells;
}

/** The rows of `sql` on a snapshot file, opened read-only as the API does (numbers as numbers, the rest as text). */
export async function snapshotRows(file: string, sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  const result = (await conn.runAndReadAll(sql)).getRows();
  conn.closeSync();
  instance.closeSync();
  return result.map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : String(v))));
}
