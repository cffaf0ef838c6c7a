import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_TABLES } from '@wijksignaal/contracts/snapshot';
import { openLiveDb } from './live-db.ts';

describe('opening a live database written before alarms were kept as events', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-alarm-events-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds an empty alarm_events table with the snapshot contract columns, and keeps its rows on the next open', async () => {
    const path = join(dir, 'live.duckdb');
    const old = await openLiveDb({ path, memoryLimit: '128MB', threads: 1 });
    await old.writer.run('DROP TABLE alarm_events');
    old.close();

    const db = await openLiveDb({ path, memoryLimit: '128MB', threads: 1 });
    const columns = async () =>
      (await db.writer.runAndReadAll(`SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'alarm_events' ORDER BY column_index`)).getRowsJS();
    expect((await db.writer.runAndReadAll('SELECT count(*)::INTEGER FROM alarm_events')).getRowsJS()).toEqual([[0]]);
    await db.writer.run(SNAPSHOT_TABLES.alarm_events.replace('alarm_events', 'contract_events'));
    const contract = (
      await db.writer.runAndReadAll(`SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'contract_events' ORDER BY column_index`)
    ).getRowsJS();
    expect(await columns()).toEqual(contract);
    await db.writer.run(
      `INSERT INTO alarm_events VALUES (1, 'WK1.escalation.2024-W01', 'WK1', 'escalation', 'opened', '2024-01-01', '2024-01-01', 'red', 'earsC2', 'earsC2-1', '{}', '{}', now())`,
    );
    db.close();
    const again = await openLiveDb({ path, memoryLimit: '128MB', threads: 1 });
    expect((await again.writer.runAndReadAll('SELECT count(*)::INTEGER FROM alarm_events')).getRowsJS()).toEqual([[1]]);
    again.close();
  });
});
