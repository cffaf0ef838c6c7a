import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser.ts';
import { expectAccessible } from '../support/expect-accessible.ts';
import { DEMO_USERS, signInThroughLoginPage } from '../support/dashboard-session.ts';
import { startDemoStack } from '../support/demo-stack.ts';
import { pastDeliveries } from '../support/past-deliveries.ts';
import type { TestStack } from '../support/stack.ts';

/**
 * Data-quality alarms in real Chromium over the real pipeline and API: the home-care partner has nine weeks
 * of history before the demo signals and then stops (a silence ceiling of a few seconds for the test).
 * Aanlevering shows its alarm in Dutch and English, axe clean; the Overzicht and the priority list mark its
 * wijken instead of letting them look quiet; the partner sees its own alarm.
 */
const brokers = inject('kafkaBrokers').split(',');
const QUIET = 'thuiszorg-demo';
const QUIET_WIJKEN = ['WK990101', 'WK990102'];
let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startDemoStack(brokers, {
    name: 'e2e-quality',
    signals: 1_500,
    seed: 17,
    extraMessages: pastDeliveries(QUIET, QUIET_WIJKEN, { weeks: 9, perWeek: 40, now: Date.now() }),
    pipelineEnv: {
      QUALITY_INTERVAL_MS: '500',
      QUALITY_SILENT_FLOOR_MS: '1000',
      QUALITY_SILENT_CEILING_MS: '3000',
      ANALYSIS_INTERVAL_MS: '500',
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signedIn(name: string, username: string): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL' });
  const page = await context.newPage();
  onTestFailed(async () => {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `failure-quality-${name}.png`), fullPage: true }).catch(() => undefined);
  });
  await signInThroughLoginPage(page, stack.baseUrl, username);
  return { page, context };
}

describe('data-quality alarms in the dashboard (real Chromium, pipeline and API)', () => {
  it('Aanlevering shows the silent partner’s alarm with its reason, in Dutch and English, accessible', async () => {
    const { page, context } = await signedIn('aanlevering', DEMO_USERS.epidemiologist);
    await page.goto(`${stack.baseUrl}/aanlevering`);
    const row = page.getByTestId('data-quality-table').locator(`tbody tr[data-partner="${QUIET}"]`);
    await row.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('data-quality-table').locator('tbody tr').count()).toBe(1);
    const dutch = (await row.textContent()) ?? '';
    expect(dutch).toContain('thuiszorg');
    expect(dutch).toContain('stil: levert niet meer aan');
    expect(dutch).toContain('Gewoonlijk 40 signalen per week');
    expect(await row.locator('td.numeric').textContent()).toBe(String(QUIET_WIJKEN.length));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'aanlevering-data-quality.png'), fullPage: true });
    await expectAccessible(page, 'Aanlevering with a data-quality alarm');

    await page.getByTestId('language-switch').locator('button[lang="en"]').click();
    await page.getByRole('heading', { name: 'Data quality' }).waitFor({ timeout: 10_000 });
    const english = (await row.textContent()) ?? '';
    expect(english).toContain('silent: stopped delivering');
    expect(english).toContain('Usually 40 signals a week');
    await expectAccessible(page, 'Aanlevering with a data-quality alarm, in English');
    await page.getByTestId('language-switch').locator('button[lang="nl"]').click();
    await context.close();
  });

  it('the Overzicht and the priorities mark the wijken the silent partner covers, and no other', async () => {
    const { page, context } = await signedIn('overzicht', DEMO_USERS.team_lead);
    await page.getByTestId('overview-quiet').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('overview-quiet').textContent()).toContain(`In ${QUIET_WIJKEN.length} wijken`);
    const marked = await page
      .getByTestId('overview-table')
      .locator('tbody tr[data-code]')
      .filter({ has: page.getByTestId('quiet-mark') })
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    expect(marked.sort()).toEqual(QUIET_WIJKEN);
    const mark = page.getByTestId('overview-table').locator(`tr[data-code="${QUIET_WIJKEN[0]}"]`).getByTestId('quiet-mark');
    expect(await mark.textContent()).toContain('minder signalen: thuiszorg-demo (thuiszorg) levert niet meer aan');
    // Every ranked wijk, each marked exactly when the silent partner covers it.
    await page.getByTestId('priority-quiet').waitFor({ timeout: 60_000 });
    const showAll = page.getByRole('button', { name: /^Toon alle \d+ wijken$/ });
    if ((await showAll.count()) > 0) await showAll.click();
    const ranked = await page
      .getByTestId('priority-list')
      .locator('li[data-code]')
      .evaluateAll((items) =>
        items.map((i) => [i.getAttribute('data-code'), i.querySelector('[data-testid="quiet-mark"]') !== null]),
      );
    expect(ranked.length).toBeGreaterThan(0);
    for (const [code, isMarked] of ranked) expect(isMarked).toBe(QUIET_WIJKEN.includes(code as string));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'overzicht-data-quality.png'), fullPage: true });
    await expectAccessible(page, 'Overzicht with marked wijken');
    await context.close();
  });

  it('the partner sees its own data-quality alarm on Aanlevering', async () => {
    const { page, context } = await signedIn('partner', DEMO_USERS.partner);
    const rows = page.getByTestId('data-quality-table').locator('tbody tr');
    await rows.first().waitFor({ timeout: 60_000 });
    expect(await rows.evaluateAll((r) => r.map((e) => e.getAttribute('data-partner')))).toEqual([QUIET]);
    await expectAccessible(page, 'Aanlevering as the partner, with its alarm');
    await context.close();
  });
});
