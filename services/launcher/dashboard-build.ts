import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the dashboard is built from: its sources, static files and build configuration. */
const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', '../contracts', '../domain'];

/** The newest modification time (ms) of a file or of any file below a folder; 0 when absent. */
export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Pure: a build is needed when there is none or a source changed after it was made. */
export function dashboardBuildNeeded(builtAt: number | null, sourcesChangedAt: number): boolean {
  return builtAt === null || sourcesChangedAt > builtAt;
}

/**
 * Builds the dashboard (`npm run build --workspace dashboard`) when `dashboard/build` is missing or older
 * than what it is built from, so a fresh clone's `npm start` serves the dashboard instead of a 404.
 */
export async function ensureDashboardBuilt(repoRoot: string, log: (line: string) => void): Promise<void> {
  const dashboard = join(repoRoot, 'dashboard');
  const index = join(dashboard, 'build', 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : null;
  const changedAt = Math.max(...SOURCES.map((p) => newestMtime(join(dashboard, p))));
  if (!dashboardBuildNeeded(builtAt, changedAt)) return;
  log(
    builtAt === null
      ? 'Dashboard: building it (the first start takes about a minute)…'
      : 'Dashboard: sources changed, building it again…',
  );
  const code = await new Promise<number | null>((done) => {
    const build = spawn('npm', ['run', 'build', '--workspace', 'dashboard'], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    build.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-2000)));
    build.on('exit', (c) => {
      if (c !== 0) log(`  ${err.trim().split('\n').slice(-3).join(' | ')}`);
      done(c);
    });
  });
  if (code !== 0) throw new Error(`the dashboard did not build (exit ${code}); run npm run build to see why`);
}
