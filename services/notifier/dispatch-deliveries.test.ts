import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../tests/support/wait-for.ts';
import { startDispatcher } from './dispatch-deliveries.ts';
import { openNotifierState, type NotifierState } from './notifier-state.ts';

let dir: string;
let state: NotifierState;
const settings = {
  maxAttempts: 12,
  backoff: { baseMs: 10, maxMs: 10 },
  timeoutMs: 2000,
  concurrency: 2,
  addresses: { privateHosts: new Set<string>(), loopback: true },
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'notifier-dispatch-'));
  state = await openNotifierState(join(dir, 'notifier.duckdb'));
});
afterEach(async () => {
  await state.close();
  await rm(dir, { recursive: true, force: true });
});

describe('dispatching deliveries', () => {
  it('ends a delivery to a private network address as refused after one attempt, with the reason', async () => {
    const url = 'https://10.20.30.40/hook';
    await state.enqueue(
      1,
      [{ deliveryId: '1.sub', kind: 'alarm', subscriptionId: 'sub', seq: 1, week: '2025-W02', url, body: '{}', refusal: null }],
      Date.now(),
      [{ subscriptionId: 'sub', url }],
    );
    const lines: string[] = [];
    const dispatcher = startDispatcher({
      state,
      secret: 's'.repeat(32),
      settings,
      idleMs: 20,
      now: () => new Date(),
      random: () => 0,
      log: (l) => lines.push(l),
    });
    try {
      const ended = await waitFor(async () => (await state.deliveries()).find((d) => d.state !== 'pending'), {
        timeoutMs: 10_000,
        intervalMs: 20,
        what: 'the delivery to end',
      });
      expect(ended).toMatchObject({
        state: 'refused',
        attempts: 1,
        lastError: expect.stringMatching(/10\.20\.30\.40 is on a private or local network/),
      });
      expect((await state.attempts()).map((a) => a.outcome)).toEqual(['refused']);
      expect(lines.map((l) => JSON.parse(l) as { outcome: string }).map((l) => l.outcome)).toEqual(['refused']);
    } finally {
      await dispatcher.close();
    }
  });
});
