import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './pipeline-process.ts';
import { waitFor } from './wait-for.ts';

const BUILD_DIR = join(REPO_ROOT, 'dashboard', 'build');

/**
 * A private copy of the built dashboard for one test file's API (`--dashboard <dir>`): a rebuild of
 * dashboard/build while the test runs (vite empties the folder first) cannot pull the pages from under it.
 * The copy is taken again until its index.html and every `/_app/` file it names are present.
 */
export async function copyDashboardBuild(): Promise<string> {
  return waitFor(
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'wijksignaal-dashboard-'));
      try {
        cpSync(BUILD_DIR, dir, { recursive: true });
        if (isComplete(dir)) return dir;
      } catch {
        // a rebuild was deleting or writing files: try again
      }
      rmSync(dir, { recursive: true, force: true });
      return undefined;
    },
    {
      timeoutMs: 120_000,
      intervalMs: 500,
      what: `a complete dashboard build in ${BUILD_DIR} (npm run build --workspace dashboard)`,
    },
  );
}

function isComplete(dir: string): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const assets = [...readFileSync(index, 'utf8').matchAll(/["'](\/_app\/[^"']+)["']/g)].map((m) => m[1]!);
  return assets.length > 0 && assets.every((path) => existsSync(join(dir, path)));
}
