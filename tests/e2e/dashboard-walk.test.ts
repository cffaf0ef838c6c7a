import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateDemoRegion } from '@wijksignaal/pipelines/areas/demo-region';
import { generateMessages } from '@wijksignaal/simulator/generate-messages';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser.ts';
import { createTopics, produceJson, uniqueTopicNames } from '../support/kafka-kit.ts';
import { consumedInMeta, latestSnapshotMeta } from '../support/read-snapshot.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { waitFor } from '../support/wait-for.ts';

const brokers = inject('kafkaBrokers').split(',');
const SIGNALS = 6_000;
let stack: TestStack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const names = uniqueTopicNames('e2e');
  await createTopics(brokers, names, 3);
  const generated = generateMessages({ registry: generateDemoRegion(), count: SIGNALS, seed: 5, badShare: 0 });
  await produceJson(
    brokers,
    names.signals,
    generated.messages.map((m) => ({ key: m.key, value: m.value })),
    3_000,
  );
  stack = await startTestStack(brokers, names);
  await waitFor(async () => consumedInMeta(await latestSnapshotMeta(join(stack.dataDir, 'snapshots'))) === SIGNALS, {
    timeoutMs: 120_000,
    intervalMs: 250,
    what: 'the demo signals to be published',
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the dashboard in real Chromium, over the real pipeline and API (demo region)', () => {
  it('shows every wijk on the map and in the table; clicking a wijk on the map opens its trend chart', async () => {
    onTestFailed(async () => {
      await page
        .screenshot({ path: join(SCREENSHOT_DIR, 'failure-overview-to-wijk.png'), fullPage: true })
        .catch(() => undefined);
    });
    const areas = (await (await fetch(`${stack.baseUrl}/api/v1/areas`)).json()) as { areas: { code: string; name: string }[] };
    const withResidents = areas.areas.length;

    await page.goto(stack.baseUrl);
    const map = page.getByTestId('wijk-map');
    await map.waitFor();
    await waitFor(async () => Number(await map.getAttribute('data-area-count')) === withResidents, {
      timeoutMs: 30_000,
      what: `the map to draw ${withResidents} wijken`,
    });
    const rows = page.getByTestId('overview-table').locator('tbody tr[data-code]');
    await waitFor(async () => (await rows.count()) === withResidents, { timeoutMs: 30_000, what: 'one table row per wijk' });
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'overzicht.png'), fullPage: true });

    const centroids = await waitFor(
      async () => {
        const text = await map.getAttribute('data-centroids');
        const parsed = text ? (JSON.parse(text) as Record<string, [number, number]>) : {};
        return Object.keys(parsed).length === withResidents ? parsed : undefined;
      },
      { timeoutMs: 30_000, what: 'the map to report where each wijk is drawn' },
    );
    const target = areas.areas[Math.floor(areas.areas.length / 2)]!;
    const [x, y] = centroids[target.code]!;
    await map.click({ position: { x, y } });

    await page.waitForURL((url) => url.pathname === `/wijk/${target.code}`, { timeout: 30_000 });
    const trend = page.getByTestId('trend-loneliness');
    await trend.waitFor();
    await waitFor(async () => Number(await trend.getAttribute('data-points')) > 0, {
      timeoutMs: 30_000,
      what: 'the trend chart to draw weeks',
    });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(target.name);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'wijk.png'), fullPage: true });
  });
});
