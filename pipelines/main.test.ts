import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'wijksignaal-pipeline-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function runPipeline(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'pipelines/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
  const errorLines = result.stderr.split('\n').filter((l) => l.trim() && !l.includes('npm warn'));
  const events = result.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: result.status, errorLines, events };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('pipeline command line: mistakes get one line and a non-zero exit', () => {
  it('rejects an unknown flag with exit 2', () => {
    const { status, errorLines } = runPipeline(['--areaz', 'x.geojson']);
    expect(status).toBe(2);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/^pipeline: .*--areaz/);
  }, 60_000);

  it('names a missing area file', () => {
    const { status, errorLines } = runPipeline(['--areas', 'nope.geojson', '--population', 'nope.csv']);
    expect(status).toBe(1);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain('nope.geojson');
  }, 60_000);

  it('says which broker it cannot reach and what to do', async () => {
    const port = await closedPort();
    const { status, errorLines, events } = runPipeline([], { KAFKA_BROKERS: `127.0.0.1:${port}`, PIPELINE_NICE: '7' });
    // Before anything else it lowered its own CPU priority, as read back from the running process.
    expect(events.find((e) => e.event === 'pipeline.starting')).toMatchObject({ cpuNice: 7 });
    expect(status).toBe(1);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain(`127.0.0.1:${port}`);
    expect(errorLines[0]).toContain('npm run kafka');
  }, 120_000);

  it('refuses a CPU priority outside 0 to 19 in one line', () => {
    const { status, errorLines } = runPipeline([], { PIPELINE_NICE: '25' });
    expect(status).toBe(2);
    expect(errorLines).toEqual([
      expect.stringMatching(/^pipeline: invalid pipeline setting cpuNice: PIPELINE_NICE must be 0 to 19/),
    ]);
  }, 60_000);
});
