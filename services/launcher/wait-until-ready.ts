import { setTimeout as delay } from 'node:timers/promises';

/** Polls the API's readiness endpoint until it reports a served snapshot (or the stack is stopping). */
export async function waitUntilReady(url: string, stopping: () => boolean, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!stopping()) {
    const res = await fetch(url).catch(() => null);
    if (res?.status === 200) return;
    if (Date.now() > deadline) throw new Error(`the API did not become ready within ${timeoutMs / 1000} s (${url})`);
    await delay(250);
  }
}
