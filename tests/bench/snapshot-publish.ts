import { DEFAULT_K } from '@wijksignaal/domain/disclosure/primary-suppression';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeSnapshot } from '@wijksignaal/pipelines/publish/write-snapshot';
import { openLiveDb } from '@wijksignaal/pipelines/store/live-db';
import { buildNationalCube, type CubeSpec } from './national-cube.ts';

export interface SnapshotRun extends Omit<CubeSpec, 'path'> {
  dir: string;
  repeats: number;
}

export interface SnapshotResult {
  publishMs: number;
  allMs: number[];
  cubeRows: number;
  signalsInCube: number;
  snapshotMb: number;
  buildSeconds: number;
}

/**
 * Times the publisher's snapshot write on a live database holding the national cube, opened with the
 * pipeline's own memory limit and threads, on a second connection as the publisher uses (mean of `repeats`).
 */
export async function measureSnapshotPublish(run: SnapshotRun): Promise<SnapshotResult> {
  const snapshotDir = join(run.dir, 'snapshots');
  mkdirSync(snapshotDir, { recursive: true });
  const path = join(run.dir, 'live.duckdb');
  const built = performance.now();
  const cube = await buildNationalCube({ ...run, path });
  const buildSeconds = (performance.now() - built) / 1000;

  const db = await openLiveDb({ path, memoryLimit: '256MB', threads: 2 });
  const conn = await db.instance.connect();
  const allMs: number[] = [];
  let lastFile = '';
  try {
    for (let sequence = 1; sequence <= run.repeats; sequence++) {
      const started = performance.now();
      lastFile = await writeSnapshot(conn, { dir: snapshotDir, sequence, meta: {}, now: new Date(), k: DEFAULT_K });
      allMs.push(performance.now() - started);
    }
  } finally {
    conn.closeSync();
    db.close();
  }
  return {
    publishMs: allMs.reduce((a, b) => a + b, 0) / allMs.length,
    allMs,
    cubeRows: cube.cubeRows,
    signalsInCube: cube.signals,
    snapshotMb: statSync(join(snapshotDir, lastFile)).size / 2 ** 20,
    buildSeconds,
  };
}
