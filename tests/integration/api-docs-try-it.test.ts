import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAuthenticate } from '../../services/api/auth/test-authenticate.ts';
import { startApiServer, type ApiServer } from '../../services/api/server.ts';
import { fixtureContent } from '../support/api-fixture.ts';
import { launchChromium } from '../support/browser.ts';
import { waitFor } from '../support/wait-for.ts';
import { writeSnapshot } from '../support/write-snapshot.ts';

/**
 * The API reference's "Try it" in real Chromium under the page's own CSP: its script runs (allowed by
 * hash), a pasted token goes out as a bearer token, and status and body come back as text.
 */
let dir: string;
let server: ApiServer;
let browser: Browser;
let page: Page;
const blocked: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wijksignaal-api-docs-'));
  await writeSnapshot(join(dir, 'snapshots'), 1, fixtureContent());
  // testAuthenticate: the bearer token is the role itself, so the form can be tried with "epidemiologist".
  server = await startApiServer({
    port: 0,
    host: '127.0.0.1',
    snapshotDir: join(dir, 'snapshots'),
    dashboardDir: dir,
    authenticate: testAuthenticate,
    log: () => {},
  });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy|Refused/i.test(message.text())) blocked.push(message.text());
  });
  await page.goto(`${server.url}/api/v1/docs`);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function answerOf(form: ReturnType<Page['locator']>): Promise<string> {
  let status = '';
  await waitFor(
    async () => {
      status = (await form.locator('.status').textContent()) ?? '';
      return /→ \d{3}/.test(status);
    },
    { timeoutMs: 30_000, what: 'the try-it answer' },
  );
  return status;
}

describe('the API reference in Chromium', () => {
  it('sends a GET with the pasted bearer token and shows the status and body', async () => {
    await page.getByLabel('Bearer token').fill('epidemiologist');
    const form = page.locator('form[data-path="/overview"]');
    await form.getByLabel(/^theme/).fill('loneliness');
    await form.getByRole('button', { name: 'Send GET request' }).click();
    expect(await answerOf(form)).toContain('GET /api/v1/overview?theme=loneliness → 200');
    expect(await form.locator('.body').textContent()).toContain('"areas"');
    expect(blocked).toEqual([]);
  });

  it('is usable from the keyboard and shows a problem as text, never as markup', async () => {
    await page.getByLabel('Bearer token').fill('');
    const form = page.locator('form[data-path="/areas/{code}/series"]');
    await form.getByLabel(/^code/).fill('<img src=x onerror=alert(1)>');
    await form.getByLabel(/^theme/).fill('loneliness');
    await form.getByLabel(/^theme/).press('Enter');
    const status = await answerOf(form);
    expect(status).toMatch(/→ 40[01]/);
    expect(await form.locator('.body img').count()).toBe(0);
    expect(await form.locator('.body').textContent()).toContain('"status"');
    expect(blocked).toEqual([]);
  });
});
