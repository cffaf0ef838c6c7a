import { describe, expect, it } from 'vitest';
import { releaseWhenBodyEnds } from './release-when-body-ends.ts';

function counted() {
  const state = { releases: 0 };
  return { state, release: () => void state.releases++ };
}

const chunks = (...parts: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });

describe('releaseWhenBodyEnds', () => {
  it('releases once the body has been read to the end, not before, and passes it through unchanged', async () => {
    const { state, release } = counted();
    const res = releaseWhenBodyEnds(new Response(chunks('a,b\n', '1,2\n'), { status: 200, headers: { 'X-One': '1' } }), release);
    expect(res.headers.get('X-One')).toBe('1');
    const reader = res.body!.getReader();
    await reader.read();
    expect(state.releases).toBe(0);
    let text = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
    expect(state.releases).toBe(1);
    expect(text).toBe('1,2\n');
  });

  it('releases when the body is cancelled, and cancels the source (an export frees its file)', async () => {
    const { state, release } = counted();
    let cancelled = false;
    const source = new ReadableStream<Uint8Array>({
      pull: () => new Promise(() => {}), // never more data: an open event stream
      cancel: () => void (cancelled = true),
    });
    const res = releaseWhenBodyEnds(new Response(source), release);
    await res.body!.cancel();
    expect(state.releases).toBe(1);
    expect(cancelled).toBe(true);
  });

  it('releases when the body fails', async () => {
    const { state, release } = counted();
    const source = new ReadableStream<Uint8Array>({ pull: (c) => c.error(new Error('disk gone')) });
    const res = releaseWhenBodyEnds(new Response(source), release);
    await expect(res.text()).rejects.toThrow(/disk gone/);
    expect(state.releases).toBe(1);
  });

  it('releases at once for a response without a body', () => {
    const { state, release } = counted();
    releaseWhenBodyEnds(new Response(null, { status: 204 }), release);
    expect(state.releases).toBe(1);
  });
});
