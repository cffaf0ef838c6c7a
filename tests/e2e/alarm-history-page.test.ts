import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { addIsoWeeks, isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser.ts';
import { DEMO_USERS, signInThroughLoginPage } from '../support/dashboard-session.ts';
import { startDemoStack } from '../support/demo-stack.ts';
import { expectAccessible } from '../support/expect-accessible.ts';
import type { OutgoingMessage } from '../support/kafka-kit.ts';
import type { TestStack } from '../support/stack.ts';

/**
 * The alarm history on the wijk page in real Chromium over the real pipeline and API: one wijk gets forty
 * quiet weeks of police signals and then an outbreak in the last complete week, which the pipeline keeps as
 * alarm events; the wijk page lists that episode, still open, in its history table, in Dutch and English, axe
 * clean.
 */
const brokers = inject('kafkaBrokers').split(',');
const OUTBREAK = 'WK990101';
const lastComplete = addIsoWeeks(isoWeekFromDate(new Date()), -1);
let stack: TestStack;
let browser: Browser;

function police(week: string): OutgoingMessage {
  const value = {
    id: crypto.randomUUID(),
    partner: 'politie-demo',
    sourceKind: 'police',
    theme: 'escalation',
    category: 'youth_nuisance',
    area: OUTBREAK,
    areaYear: 2024,
    week,
    ageBand: '15-17',
    severity: 'medium',
  };
  return { key: OUTBREAK, value };
}

beforeAll(async () => {
  const messages: OutgoingMessage[] = [];
  for (let back = 40; back >= 1; back--) for (let i = 0; i < 2 + (back % 2); i++) messages.push(police(addIsoWeeks(lastComplete, -back)));
  for (let i = 0; i < 40; i++) messages.push(police(lastComplete));
  stack = await startDemoStack(brokers, {
    name: 'e2e-alarm-history',
    signals: 1_000,
    seed: 23,
    extraMessages: messages,
    pipelineEnv: { ANALYSIS_INTERVAL_MS: '500' },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('alarm history on the wijk page (real Chromium, pipeline and API)', () => {
  it("lists the outbreak's episode with its week, level, method and version, in Dutch and English, accessible", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL' });
    const page = await context.newPage();
    onTestFailed(async () => {
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'failure-alarm-history.png'), fullPage: true }).catch(() => undefined);
    });
    await signInThroughLoginPage(page, stack.baseUrl, DEMO_USERS.team_lead);
    await page.goto(`${stack.baseUrl}/wijk/${OUTBREAK}?theme=escalation`);
    const section = page.getByTestId('alarm-history');
    // The demo signals in the weeks before may open it earlier; it holds in the outbreak week.
    const row = section.locator(`tbody tr[data-state="open"][data-alarm-id^="${OUTBREAK}.escalation."]`);
    await row.waitFor({ timeout: 90_000 });
    const opened = ((await row.getAttribute('data-alarm-id')) ?? '').split('.')[2] ?? '';
    await section.getByRole('heading', { name: 'Alarmgeschiedenis' }).waitFor();
    const dutch = (await row.textContent()) ?? '';
    expect(dutch).toContain(`week ${opened}`);
    expect(dutch).toContain(`week ${lastComplete}`);
    expect(dutch).toContain('nog open');
    expect(dutch).toMatch(/rood|oranje/);
    expect(dutch).toMatch(/(earsC[123]|farrington) \((earsC[123]|farrington-noufaily)-\d+\)/);
    await row.locator('summary').click();
    expect((await row.locator('li').first().textContent()) ?? '').toContain(`geopend in week ${opened}`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'wijk-alarm-history.png'), fullPage: true });
    await expectAccessible(page, 'Wijk page with its alarm history');

    await page.getByTestId('language-switch').locator('button[lang="en"]').click();
    await section.getByRole('heading', { name: 'Alarm history' }).waitFor({ timeout: 10_000 });
    const english = (await row.textContent()) ?? '';
    expect(english).toContain('still open');
    expect(english).toMatch(/red|amber/);
    expect((await row.locator('li').first().textContent()) ?? '').toContain(`opened in week ${opened}`);
    await expectAccessible(page, 'Wijk page with its alarm history, in English');
    await page.getByTestId('language-switch').locator('button[lang="nl"]').click();
    await context.close();
  });
});
