import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dashboardBuildNeeded, newestMtime } from './dashboard-build.ts';

describe('when npm start builds the dashboard', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('builds when there is no build, or a source is newer than it, and not otherwise', () => {
    expect(dashboardBuildNeeded(null, 0)).toBe(true);
    expect(dashboardBuildNeeded(1_000, 2_000)).toBe(true);
    expect(dashboardBuildNeeded(2_000, 1_000)).toBe(false);
  });

  it('finds the newest file below a folder, node_modules left out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wijksignaal-mtime-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'src', 'lib'), { recursive: true });
    mkdirSync(join(dir, 'node_modules'));
    for (const [file, seconds] of [
      ['src/a.ts', 1_000],
      ['src/lib/b.svelte', 3_000],
      ['node_modules/c.js', 9_000],
    ] as const) {
      writeFileSync(join(dir, file), '');
      utimesSync(join(dir, file), seconds, seconds);
    }
    expect(newestMtime(dir)).toBe(3_000_000);
    expect(newestMtime(join(dir, 'missing'))).toBe(0);
  });
});
