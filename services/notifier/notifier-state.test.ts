import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openNotifierState, type NewDelivery, type NotifierState } from './notifier-state.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2025-01-06T09:00:00Z');
let dir: string;
let state: NotifierState;

const delivery = (id: string): NewDelivery => ({
  deliveryId: id,
  kind: 'alarm',
  subscriptionId: 'sub',
  seq: 1,
  week: '2025-W02',
  url: 'https://relay.example/hook',
  body: '{}',
  refusal: null,
});
const webhooks = [{ subscriptionId: 'sub', url: 'https://relay.example/hook' }];

/** One attempt that ends (or not) the delivery, `days` after T0. */
async function attempt(id: string, days: number, outcome: 'delivered' | 'failed' | 'pending') {
  const atMs = T0 + days * DAY;
  await state.recordAttempt({
    deliveryId: id,
    attempt: 1,
    atMs,
    status: outcome === 'delivered' ? 204 : 500,
    error: outcome === 'delivered' ? null : 'HTTP 500',
    durationMs: 3,
    state: outcome,
    nextAttemptAtMs: outcome === 'pending' ? atMs + 1000 : null,
  });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'notifier-state-'));
  state = await openNotifierState(join(dir, 'notifier', 'notifier.duckdb'));
});
afterEach(async () => {
  await state.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the delivery log is pruned', () => {
  it('drops deliveries that ended before the cut-off with their attempts, and keeps pending and recent ones', async () => {
    await state.enqueue(4, ['old-delivered', 'old-failed', 'old-pending', 'new-delivered'].map(delivery), T0, webhooks);
    await attempt('old-delivered', 1, 'delivered');
    await attempt('old-failed', 2, 'failed');
    await attempt('old-pending', 2, 'pending');
    await attempt('new-delivered', 40, 'delivered');

    expect(await state.pruneFinished(T0 + 30 * DAY)).toBe(2);

    expect((await state.deliveries()).map((d) => d.deliveryId).sort()).toEqual(['new-delivered', 'old-pending']);
    expect((await state.attempts()).map((a) => a.deliveryId).sort()).toEqual(['new-delivered', 'old-pending']);
    // Progress is untouched: the pruned deliveries' events are not queued again.
    expect(await state.lastSeq()).toBe(4);
    expect(await state.pruneFinished(T0 + 30 * DAY)).toBe(0);
  });

  it('keeps a refused delivery until its time is up', async () => {
    await state.enqueue(1, [{ ...delivery('refused'), refusal: 'not https' }], T0, webhooks);
    expect(await state.pruneFinished(T0)).toBe(0);
    expect(await state.pruneFinished(T0 + 1)).toBe(1);
    expect(await state.deliveries()).toEqual([]);
  });
});
