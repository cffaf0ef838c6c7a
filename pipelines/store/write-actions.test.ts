import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserAction } from '@wijksignaal/contracts/user-action';
import { userActionBatch } from '../consume/user-action-batch.ts';
import { openLiveDb, type LiveDb } from './live-db.ts';
import { readStoredOffsets } from './read-state.ts';
import { writeBatch } from './write-batch.ts';

const TOPIC = 'actions.test';
const lead = { subject: 'lead-1', role: 'team_lead' };

function triage(status: 'acknowledged' | 'known_event', note: string | null): UserAction {
  return {
    type: 'alarm.triage',
    actionId: crypto.randomUUID(),
    by: lead,
    at: '2026-12-01T10:00:00.000Z',
    alarmId: 'WK000101.loneliness.2026-W47',
    status,
    note,
  };
}

function subscriptionPut(id: string, subject: string, webhookUrl: string | null): UserAction {
  return {
    type: 'subscription.put',
    actionId: crypto.randomUUID(),
    by: { subject, role: 'epidemiologist' },
    at: '2026-12-01T10:00:00.000Z',
    subscriptionId: id,
    wijken: ['WK000101'],
    gemeenten: [],
    themes: ['loneliness'],
    webhookUrl,
  };
}

/** A batch of the actions topic as the consumer hands it over, messages from `first` on. */
function incoming(values: (UserAction | string)[], first = 0) {
  return {
    topic: TOPIC,
    partition: 0,
    messages: values.map((v, i) => ({
      offset: String(first + i),
      key: null,
      value: Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)),
    })),
  };
}

let dir: string;
let live: LiveDb;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'write-actions-'));
  live = await openLiveDb({ path: join(dir, 'live.duckdb'), memoryLimit: '128MB', threads: 1 });
});
afterEach(() => {
  live.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rows(sql: string): Promise<unknown[][]> {
  return (await live.writer.runAndReadAll(sql)).getRowsJS();
}

describe('user actions in the live database', () => {
  it('stores a triage action once, however often it is delivered, with the offset in the same transaction', async () => {
    const mark = triage('known_event', 'Buurtfeest in het park; extra meldingen verwacht.');
    const first = userActionBatch(incoming([mark]), undefined, new Date())!;
    await writeBatch(live.writer, first.write);
    // The API produced it again (a retry after a lost acknowledgement): a later offset, the same action id.
    const again = userActionBatch(incoming([mark], 1), 1n, new Date())!;
    await writeBatch(live.writer, again.write);
    expect(await rows('SELECT action_id, alarm_id, status, note, by_subject, by_role FROM alarm_triage')).toEqual([
      [
        mark.actionId,
        'WK000101.loneliness.2026-W47',
        'known_event',
        'Buurtfeest in het park; extra meldingen verwacht.',
        'lead-1',
        'team_lead',
      ],
    ]);
    const stored = await readStoredOffsets(live.writer, [TOPIC], 'action_offsets');
    expect(stored.get(TOPIC)?.get(0)).toBe(2n);
  });

  it('skips what lies below the stored offset, so a batch read again after a crash changes nothing', () => {
    const batch = incoming([triage('acknowledged', null), triage('known_event', null)]);
    expect(userActionBatch(batch, 2n, new Date())).toBeNull();
    expect(userActionBatch(batch, 1n, new Date())!.write.actions).toHaveLength(1);
  });

  it('rolls back actions and offset together when the transaction fails', async () => {
    const mark = triage('acknowledged', null);
    const judged = userActionBatch(incoming([mark]), undefined, new Date())!;
    await live.writer.run('DROP TABLE subscriptions'); // the write of the next statement fails half-way
    const failing = userActionBatch(
      incoming([mark, subscriptionPut(crypto.randomUUID(), 'epi-1', null)]),
      undefined,
      new Date(),
    )!;
    await expect(writeBatch(live.writer, failing.write)).rejects.toThrow();
    expect(await rows('SELECT count(*)::INTEGER FROM alarm_triage')).toEqual([[0]]);
    expect(await rows('SELECT count(*)::INTEGER FROM action_offsets')).toEqual([[0]]);
    expect(judged.deadLetters).toEqual([]);
  });

  it('keeps a subscription with its owner: a put by another subject and its delete are ignored', async () => {
    const id = crypto.randomUUID();
    const put = subscriptionPut(id, 'epi-1', 'https://hooks.example.nl/ws');
    const foreignPut = subscriptionPut(id, 'epi-2', 'https://evil.example.com/');
    const foreignDelete: UserAction = {
      type: 'subscription.delete',
      actionId: crypto.randomUUID(),
      by: { subject: 'epi-2', role: 'epidemiologist' },
      at: put.at,
      subscriptionId: id,
    };
    await writeBatch(live.writer, userActionBatch(incoming([put, foreignPut, foreignDelete]), undefined, new Date())!.write);
    expect(await rows('SELECT owner, webhook_url, themes FROM subscriptions')).toEqual([
      ['epi-1', 'https://hooks.example.nl/ws', '["loneliness"]'],
    ]);
    const ownDelete: UserAction = {
      ...foreignDelete,
      actionId: crypto.randomUUID(),
      by: { subject: 'epi-1', role: 'epidemiologist' },
    };
    await writeBatch(live.writer, userActionBatch(incoming([ownDelete], 3), 3n, new Date())!.write);
    expect(await rows('SELECT count(*)::INTEGER FROM subscriptions')).toEqual([[0]]);
  });

  it('sends a poison action to the dead letters with a reason and without its value, and stores the rest', () => {
    const good = triage('acknowledged', null);
    const judged = userActionBatch(
      incoming([
        '{not json',
        JSON.stringify({ type: 'alarm.triage', actionId: 'x' }),
        triage('known_event', 'Bel 06 12345678 voor info'),
        good,
      ]),
      undefined,
      new Date(),
    )!;
    expect(judged.deadLetters.map((d) => [d.offset, d.reason, d.value])).toEqual([
      ['0', 'malformed_json', null],
      ['1', 'schema_violation', null],
      ['2', 'personal_data', null],
    ]);
    expect(judged.deadLetters.map((d) => d.detail).join(' ')).not.toContain('12345678');
    expect(judged.write.actions).toEqual([good]);
    expect(judged.write.nextOffset).toBe('4');
  });

  it('migrates a live file made before user actions: the tables appear at start-up', async () => {
    live.close();
    const path = join(dir, 'old.duckdb');
    const old = await DuckDBInstance.create(path);
    const conn = await old.connect();
    await conn.run(
      'CREATE TABLE consumer_offsets (topic VARCHAR NOT NULL, "partition" INTEGER NOT NULL, next_offset BIGINT NOT NULL, PRIMARY KEY (topic, "partition"))',
    );
    conn.closeSync();
    old.closeSync();
    live = await openLiveDb({ path, memoryLimit: '128MB', threads: 1 });
    const tables = await rows(
      `SELECT table_name FROM duckdb_tables() WHERE table_name IN ('user_actions', 'alarm_triage', 'subscriptions', 'action_offsets') ORDER BY 1`,
    );
    expect(tables.flat()).toEqual(['action_offsets', 'alarm_triage', 'subscriptions', 'user_actions']);
  });
});
