import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { batchedLines } from './batched-lines.ts';

describe('batchedLines', () => {
  it('writes the lines of one turn of the event loop together, in order, and each line once', async () => {
    const writes: string[] = [];
    const log = batchedLines((text) => writes.push(text));
    log.line('{"n":1}');
    log.line('{"n":2}');
    expect(writes).toEqual([]);
    await nextTurn();
    log.line('{"n":3}');
    await nextTurn();
    expect(writes).toEqual(['{"n":1}\n{"n":2}\n', '{"n":3}\n']);
  });

  it('writes what is pending at once on flush, and nothing twice', async () => {
    const writes: string[] = [];
    const log = batchedLines((text) => writes.push(text));
    log.line('last');
    log.flush();
    expect(writes).toEqual(['last\n']);
    await nextTurn();
    expect(writes).toEqual(['last\n']);
  });
});
