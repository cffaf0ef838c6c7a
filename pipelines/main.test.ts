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
  return { status: result.status, errorLines };
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
    const { status, errorLines } = runPipeline([], { KAFKA_BROKERS: `127.0.0.1:${port}` });
    expect(status).toBe(1);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain(`127.0.0.1:${port}`);
    expect(errorLines[0]).toContain('npm run kafka');
  }, 120_000);
});
