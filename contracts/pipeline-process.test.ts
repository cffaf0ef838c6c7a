import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PIPELINE_SEMI_SPACE_MB, pipelineProcess } from './pipeline-process.ts';

// Run in a node started with the pipeline's flags: short-lived garbage at the pipeline's pace, then the
// size V8 gave the young generation (without the flag it grows to 128 MB and stays).
const YOUNG_GENERATION_AFTER_GARBAGE = `
  const v8 = require('node:v8');
  let kept = [];
  for (let i = 0; i < 3e6; i++) { kept.push({ i, s: 'x' + i }); if (kept.length > 2e5) kept = []; }
  const newSpace = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  process.stdout.write(JSON.stringify({ newSpaceMb: newSpace.space_size / 1048576, limitMb: v8.getHeapStatistics().heap_size_limit / 1048576 }));
`;

describe('pipelineProcess', () => {
  it('gives the pipeline a heap cap and a young generation that node accepts and keeps to', () => {
    const { nodeFlags, env } = pipelineProcess({ PIPELINE_HEAP_MB: '200' });
    expect(env.MALLOC_ARENA_MAX).toBe('2');
    const out = execFileSync(process.execPath, [...nodeFlags, '-e', YOUNG_GENERATION_AFTER_GARBAGE], { encoding: 'utf8' });
    const { newSpaceMb, limitMb } = JSON.parse(out) as { newSpaceMb: number; limitMb: number };
    expect(newSpaceMb).toBeLessThanOrEqual(2 * PIPELINE_SEMI_SPACE_MB);
    // old generation (200 MB) plus the young one: far below the default of several GB on this machine
    expect(limitMb).toBeLessThan(200 + 4 * PIPELINE_SEMI_SPACE_MB);
  });

  it('refuses a heap cap that is no whole number of at least 64 MB, in one line', () => {
    expect(() => pipelineProcess({ PIPELINE_HEAP_MB: '32' })).toThrow(
      /^PIPELINE_HEAP_MB must be a whole number of MB, at least 64 \(got 32\)$/,
    );
    expect(() => pipelineProcess({ PIPELINE_HEAP_MB: 'lots' })).toThrow(/PIPELINE_HEAP_MB/);
  });
});
