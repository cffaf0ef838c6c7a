import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import type { AlarmExplanationResponse } from '@wijksignaal/contracts/alarm-explanation';
import { isoWeekFromDate, addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser.ts';
import { expectAccessible } from '../support/expect-accessible.ts';
import { apiToken, DEMO_USERS, signInThroughLoginPage } from '../support/dashboard-session.ts';
import { startDemoStack } from '../support/demo-stack.ts';
import { deliveredSignal } from '../support/past-deliveries.ts';
import type { OutgoingMessage } from '../support/kafka-kit.ts';
import type { TestStack } from '../support/stack.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * The wijk page's "alarms explained" in real Chromium over the real pipeline and API: the home-care partner
 * delivers about 10 loneliness signals a week to one wijk for 20 weeks and 60 in the last complete week.
 * The page says which methods run for that 20-week series and why (EARS and CUSUM, not Farrington), lists
 * the spike week as an alarm and explains it method by method with the API's own figures, in Dutch and
 * English, axe clean.
 */
const brokers = inject('kafkaBrokers').split(',');
const WIJK = 'WK990101';
const DAY = 86_400_000;
const NOW = Date.now();
const SPIKE = addIsoWeeks(isoWeekFromDate(new Date(NOW)), -1);
let stack: TestStack;
let browser: Browser;

/** 20 complete weeks before the running one: 10 signals each, 60 in the last. */
function history(): OutgoingMessage[] {
  const today = Math.floor(NOW / DAY) * DAY;
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
  const messages: OutgoingMessage[] = [];
  for (let back = 20; back >= 1; back--) {
    const n = back === 1 ? 60 : 10;
    for (let i = 0; i < n; i++)
      messages.push(deliveredSignal('thuiszorg-demo', WIJK, monday - back * 7 * DAY + DAY + i * 60_000));
  }
  return messages;
}

beforeAll(async () => {
  stack = await startDemoStack(brokers, {
    name: 'e2e-explain',
    signals: 500,
    seed: 23,
    extraMessages: history(),
    pipelineEnv: { ANALYSIS_INTERVAL_MS: '500' },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('alarms explained on the wijk page (real Chromium, pipeline and API)', () => {
  it('shows the methods chosen and why, and explains the spike week, in Dutch and English, accessible', async () => {
    // What the API says about the week: the page must show these figures.
    const token = await apiToken(stack.baseUrl, DEMO_USERS.epidemiologist);
    const api = await waitFor(
      async () => {
        const res = await fetch(`${stack.baseUrl}/api/v1/areas/${WIJK}/alarm-explanations/${SPIKE}?theme=loneliness`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return res.status === 200 ? ((await res.json()) as AlarmExplanationResponse) : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500, what: `the spike week ${SPIKE} of ${WIJK} to be an alarm` },
    );
    expect(api.level).not.toBe('none');
    // The spike week was judged on the 19 complete weeks before it; the series now has 20.
    expect(api.historyWeeks).toBe(19);

    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL' });
    const page = await context.newPage();
    onTestFailed(async () => {
      await page
        .screenshot({ path: join(SCREENSHOT_DIR, 'failure-alarm-explanation.png'), fullPage: true })
        .catch(() => undefined);
    });
    await signInThroughLoginPage(page, stack.baseUrl, DEMO_USERS.team_lead);
    // The spike week as the chosen period: the trends (and so the alarm weeks listed) run up to it.
    await page.goto(`${stack.baseUrl}/wijk/${WIJK}?theme=loneliness&from=${SPIKE}&to=${SPIKE}`);

    const choice = page.getByTestId('method-choice');
    await choice.waitFor({ timeout: 60_000 });
    expect(
      await choice.locator('tbody tr[data-runs="true"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-method'))),
    ).toEqual(['earsC1', 'earsC2', 'earsC3', 'cusum']);
    expect(await page.getByTestId('explain-history').textContent()).toContain('20 complete weken historie');
    expect(await choice.locator('tr[data-method="farrington"]').textContent()).toContain(
      'Farrington wordt niet gebruikt: het vergelijkt met eerdere jaren en heeft minstens 78 weken',
    );
    expect(await choice.locator('tr[data-method="cusum"]').textContent()).toContain('CUSUM vult EARS aan');

    const button = page.getByTestId('alarm-weeks').locator(`button[data-week="${SPIKE}"]`);
    await button.waitFor({ timeout: 30_000 });
    await button.click();
    const explained = page.locator(`[data-testid="alarm-explanation"][data-week="${SPIKE}"]`);
    await explained.waitFor({ timeout: 30_000 });
    expect(await explained.getByRole('heading', { level: 4 }).textContent()).toBe(`Waarom ${SPIKE} een alarm is (Eenzaamheid)`);
    for (const m of api.methods) {
      expect(await explained.locator(`li[data-method="${m.method}"]`).textContent()).toBe(m.text.nl);
      const row = explained.getByTestId('alarm-explanation-table').locator(`tr[data-method="${m.method}"]`);
      const observed = typeof m.observed === 'number' ? String(m.observed) : m.observed.display;
      expect(await row.locator('td').nth(2).textContent()).toContain(observed);
      if (m.version) expect(await row.textContent()).toContain(m.version);
    }
    expect(await explained.textContent()).toContain('EARS C1 vond');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'wijk-alarm-explanation.png'), fullPage: true });
    await expectAccessible(page, 'Wijk page with an alarm explained');

    await page.getByTestId('language-switch').locator('button[lang="en"]').click();
    await page.getByRole('heading', { name: 'Alarms explained' }).waitFor({ timeout: 10_000 });
    expect(await choice.locator('tr[data-method="farrington"]').textContent()).toContain('Farrington is not used');
    expect(await explained.getByRole('heading', { level: 4 }).textContent()).toBe(`Why ${SPIKE} is an alarm (Loneliness)`);
    for (const m of api.methods) expect(await explained.locator(`li[data-method="${m.method}"]`).textContent()).toBe(m.text.en);
    await expectAccessible(page, 'Wijk page with an alarm explained, in English');
    await page.getByTestId('language-switch').locator('button[lang="nl"]').click();
    await context.close();
  });
});
