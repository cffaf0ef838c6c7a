import { describe, expect, it } from 'vitest';
import type { ReadyResponse } from '@wijksignaal/contracts/http';
import { followSnapshots, type SnapshotNews } from './follow-snapshots.ts';

const ready = (sequence: number): ReadyResponse => ({
  status: 'ready',
  snapshot: { sequence, createdAt: `t${sequence}`, ageSeconds: 1 },
});

describe('followSnapshots', () => {
  it('takes snapshots from the stream, and from readiness while the stream fails', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const errors: unknown[] = [];
    const calls: string[] = [];
    let streams = 0;
    await followSnapshots(
      {
        stream: async (onSnapshot) => {
          calls.push('stream');
          streams++;
          if (streams === 1) {
            onSnapshot({ sequence: 1, createdAt: 't1' });
            onSnapshot({ sequence: 2, createdAt: 't2' });
            return; // the server closed it
          }
          throw new Error('404: no stream on this server');
        },
        fetchReady: async () => {
          calls.push('ready');
          return ready(2 + streams);
        },
        wait: async (ms) => {
          calls.push(`wait ${ms}`);
          if (streams === 3) controller.abort();
        },
      },
      { onSnapshot: (news: SnapshotNews) => seen.push(news.sequence), onError: (e) => errors.push(e) },
      4000,
      controller.signal,
    );
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(calls).toEqual(['stream', 'ready', 'wait 4000', 'stream', 'ready', 'wait 4000', 'stream', 'ready', 'wait 4000']);
    expect(errors.filter((e) => e instanceof Error).map((e) => (e as Error).message)).toEqual([
      '404: no stream on this server',
      '404: no stream on this server',
    ]);
  });

  it('reports readiness failures and stops at once when aborted', async () => {
    const controller = new AbortController();
    const errors: unknown[] = [];
    await followSnapshots(
      {
        stream: async () => Promise.reject(new Error('offline')),
        fetchReady: async () => Promise.reject(new Error('still offline')),
        wait: async () => controller.abort(),
      },
      { onSnapshot: () => {}, onError: (e) => errors.push(e) },
      10,
      controller.signal,
    );
    expect(errors.map((e) => (e as Error).message)).toEqual(['offline', 'still offline']);
  });
});
