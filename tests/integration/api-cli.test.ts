import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.ts';
import { writeSnapshot } from '../support/write-snapshot.ts';

/** `npm run api` as a user runs it: one line for a mistake and a non-zero exit; a clean stop on SIGTERM. */
const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'services/api/main.ts');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function runApi(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

let dataDir: string;
let blocker: Server;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wijksignaal-api-cli-'));
  blocker = createServer();
  await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', () => done()));
});
afterAll(async () => {
  await new Promise<void>((done) => blocker.close(() => done()));
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run api', () => {
  it('rejects an unknown flag with one line and exit code 2', async () => {
    const run = runApi(['--prot', '3000'], { DATA_DIR: dataDir });
    expect(await run.exit).toBe(2);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/prot/);
  });

  it('refuses HOST=0.0.0.0 with the demo sign-in and without DEMO_ON_NETWORK: one line, exit code 2', async () => {
    const run = runApi([], { DATA_DIR: dataDir, HOST: '0.0.0.0', AUTH_ISSUER: '', DEMO_ON_NETWORK: '' });
    expect(await run.exit).toBe(2);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/HOST 0\.0\.0\.0 would put the demo sign-in .* on the network/);
  });

  it('says the port is in use with one line and exit code 1', async () => {
    const port = (blocker.address() as AddressInfo).port;
    const run = runApi(['--port', String(port)], { DATA_DIR: dataDir });
    expect(await run.exit).toBe(1);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`port ${port} is already in use`);
  });

  it('answers health before any snapshot, serves the first one when it appears, and stops cleanly', async () => {
    const run = runApi(['--port', '0'], { DATA_DIR: dataDir });
    try {
      const url = await waitFor(() => /on (http:\/\/\S+) /.exec(run.stdout())?.[1], {
        timeoutMs: 60_000,
        intervalMs: 50,
        what: 'the API to print its URL',
      });
      expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
      expect((await fetch(`${url}/api/v1/ready`)).status).toBe(503);

      await writeSnapshot(join(dataDir, 'snapshots'), 1, {});
      await waitFor(async () => (await fetch(`${url}/api/v1/ready`)).status === 200, {
        timeoutMs: 30_000,
        intervalMs: 50,
        what: 'the API to be ready',
      });

      run.child.kill('SIGTERM');
      expect(await run.exit).toBe(0);
      expect(run.stderr()).toBe('');
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  });
});
