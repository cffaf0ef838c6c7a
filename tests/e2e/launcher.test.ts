import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@wijksignaal/kafka-local/free-port';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { REPO_ROOT } from '../support/pipeline-process.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * `npm start` itself, as a user runs it (on the test run's broker, without the simulator): it says where
 * the product is, the dashboard's login page is served there, and Ctrl-C stops every part.
 */
const brokers = inject('kafkaBrokers');
let dataDir = '';
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves the dashboard’s login page at the URL it prints, and Ctrl-C stops everything', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'wijksignaal-launcher-'));
    const port = await freePort();
    const launcher = spawn(process.execPath, ['--import', 'tsx', 'services/launcher/main.ts', '--no-simulator'], {
      cwd: REPO_ROOT,
      env: { ...process.env, KAFKA_BROKERS: brokers, PORT: String(port), DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    launcher.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    launcher.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((done) => launcher.once('exit', (code) => done(code)));
    try {
      const url = await waitFor(
        () => {
          if (launcher.exitCode !== null) throw new Error(`npm start exited ${launcher.exitCode}: ${err.slice(-400)}`);
          return /Wijksignaal is running: open (\S+)/.exec(out)?.[1];
        },
        { timeoutMs: 180_000, intervalMs: 200, what: 'npm start to say where the dashboard is' },
      );
      expect(url).toBe(`http://localhost:${port}`);

      browser = await launchChromium();
      const page = await browser.newPage();
      const res = await page.goto(`${url}/`);
      expect(res?.status()).toBe(200);
      await page.waitForURL(/\/login/, { timeout: 30_000 });
      await expect
        .poll(async () => page.getByRole('button', { name: /inloggen|sign in/i }).count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
    } finally {
      launcher.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    // Every part is gone: nothing answers on the port any more.
    await expect(fetch(`http://127.0.0.1:${port}/api/v1/health`)).rejects.toThrow();
  });
});
