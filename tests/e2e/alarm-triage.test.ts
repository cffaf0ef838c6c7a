import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { addIsoWeeks, isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import type { OutgoingMessage } from '../support/kafka-kit.ts';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser.ts';
import { expectAccessible } from '../support/expect-accessible.ts';
import { apiToken, DEMO_USERS, signInThroughLoginPage } from '../support/dashboard-session.ts';
import { startDemoStack } from '../support/demo-stack.ts';
import type { TestStack } from '../support/stack.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * Triage in real Chromium over the real pipeline and API: a team lead marks an alarm on the wijk page (Dutch),
 * an epidemiologist sees the mark with who and when (English) and marks it again, and the team lead sees that;
 * each page axe clean. A mark travels API → actions topic → pipeline → next snapshot, so each side waits for it.
 */
const brokers = inject('kafkaBrokers').split(',');
const OUTBREAK = 'WK990101';
let stack: TestStack;
let browser: Browser;
let alarmId: string;

/** Forty quiet weeks of escalation signals in the wijk, then thirty in the last complete week: a red alarm. */
const LAST_COMPLETE = addIsoWeeks(isoWeekFromDate(new Date()), -1);

function outbreak(): OutgoingMessage[] {
  const lastComplete = LAST_COMPLETE;
  const signal = (week: string) => ({
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
  });
  const weeks = [
    ...Array.from({ length: 40 }, (_, i) => addIsoWeeks(lastComplete, i - 40)).flatMap((w, i) => Array(2 + (i % 2)).fill(w)),
  ];
  return [...weeks, ...Array(30).fill(lastComplete)].map((week: string) => ({ key: OUTBREAK, value: signal(week) }));
}

beforeAll(async () => {
  stack = await startDemoStack(brokers, {
    name: 'e2e-triage',
    signals: 600,
    seed: 23,
    extraMessages: outbreak(),
    pipelineEnv: { ANALYSIS_INTERVAL_MS: '500' },
  });
  const token = await apiToken(stack.baseUrl, DEMO_USERS.epidemiologist);
  alarmId = await waitFor(
    async () => {
      const res = await fetch(`${stack.baseUrl}/api/v1/alarms?theme=escalation`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as { alarms: { code: string; alarmId: string }[] };
      return body.alarms.find((a) => a.code === OUTBREAK)?.alarmId;
    },
    { timeoutMs: 120_000, intervalMs: 500, what: `an alarm in ${OUTBREAK}` },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signedIn(name: string, username: string, language: 'nl' | 'en'): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL' });
  const page = await context.newPage();
  onTestFailed(async () => {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `failure-triage-${name}.png`), fullPage: true }).catch(() => undefined);
  });
  await signInThroughLoginPage(page, stack.baseUrl, username);
  if (language === 'en') await page.getByTestId('language-switch').locator('button[lang="en"]').click();
  await page.goto(`${stack.baseUrl}/wijk/${OUTBREAK}`);
  return { page, context };
}

function panelOf(page: Page): Locator {
  return page.locator(`[data-testid="alarm-triage"][data-alarm-id="${alarmId}"]`);
}

async function waitForStatus(panel: Locator, status: string): Promise<void> {
  await waitFor(async () => (await panel.getAttribute('data-status')) === status, {
    timeoutMs: 60_000,
    intervalMs: 200,
    what: `the alarm to show the mark ${status}`,
  });
}

describe('triage of alarms in the dashboard (real Chromium, pipeline and API)', () => {
  it('a team lead marks the alarm on the wijk page, with the hint about notes, and is told it shows after the next update', async () => {
    const { page, context } = await signedIn('lead-nl', DEMO_USERS.team_lead, 'nl');
    const panel = panelOf(page);
    await panel.waitFor({ timeout: 60_000 });
    expect(
      await panel.getByText('Over het gebied en wat er gedaan is, nooit over een persoon', { exact: false }).isVisible(),
    ).toBe(true);
    // A note about a person is refused, and the live region says why.
    await panel.getByLabel('Notitie (niet verplicht)').fill('Mevrouw belt terug op 06-12345678');
    await panel.getByRole('button', { name: 'Markering opslaan' }).click();
    await panel.getByRole('status').filter({ hasText: 'Niet opgeslagen' }).waitFor({ timeout: 10_000 });

    await panel.getByLabel('Markering').selectOption('known_event');
    await panel.getByLabel('Notitie (niet verplicht)').fill('Buurtfeest in het park; extra meldingen verwacht.');
    await panel.getByRole('button', { name: 'Markering opslaan' }).click();
    await panel.getByRole('status').filter({ hasText: 'Opgeslagen; de markering is zichtbaar na de volgende update.' }).waitFor({
      timeout: 10_000,
    });
    await waitForStatus(panel, 'known_event');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'wijk-triage-nl.png'), fullPage: true });
    await expectAccessible(page, 'wijk page with a marked alarm');
    await context.close();
  });

  it('an epidemiologist sees who marked it and when, in English, and marks it again', async () => {
    const { page, context } = await signedIn('epi-en', DEMO_USERS.epidemiologist, 'en');
    const panel = panelOf(page);
    await waitForStatus(panel, 'known_event');
    const row = panel.getByTestId('triage-history').locator('tbody tr').first();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('teamleider (team lead)');
    expect(text).toContain('explained by a known event');
    expect(text).toContain('Buurtfeest in het park');
    expect(await row.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await panel.getByText('About the area and what was done, never about a person', { exact: false }).isVisible()).toBe(
      true,
    );

    await panel.getByLabel('Mark', { exact: true }).selectOption('action_taken');
    await panel.getByLabel('Note (optional)').fill('Extra drop-in hours at the community centre.');
    await panel.getByRole('button', { name: 'Save mark' }).click();
    await panel
      .getByRole('status')
      .filter({ hasText: 'Saved; the mark shows after the next update.' })
      .waitFor({ timeout: 10_000 });
    await waitForStatus(panel, 'action_taken');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'wijk-triage-en.png'), fullPage: true });
    await expectAccessible(page, 'wijk page with a marked alarm, in English');
    await context.close();
  });

  it('the team lead sees the epidemiologist’s mark in Dutch, in the history and in the alarm list', async () => {
    const { page, context } = await signedIn('lead-nl-again', DEMO_USERS.team_lead, 'nl');
    const panel = panelOf(page);
    await waitForStatus(panel, 'action_taken');
    const rows = panel.getByTestId('triage-history').locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toContain('epidemioloog (epidemioloog)');
    expect(await rows.nth(1).textContent()).toContain('actie ondernomen');
    // The Overzicht of the outbreak week: its alarm list holds the marked alarm.
    await page.goto(`${stack.baseUrl}/?theme=escalation&from=${LAST_COMPLETE}&to=${LAST_COMPLETE}`);
    const listed = page.getByTestId('alarm-list').locator(`li[data-code="${OUTBREAK}"] .triaged`).first();
    await listed.waitFor({ timeout: 30_000 });
    expect(await listed.textContent()).toContain('gemarkeerd: actie ondernomen');
    await context.close();
  });

  it('the Abonnementen page adds, lists and deletes one’s own subscription, accessible', async () => {
    const { page, context } = await signedIn('subscriptions', DEMO_USERS.team_lead, 'nl');
    await page.getByRole('link', { name: 'Abonnementen', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Abonnementen' }).waitFor({ timeout: 10_000 });
    await page.getByLabel('Wijkcodes (gescheiden door komma’s)').fill(OUTBREAK);
    await page.getByLabel('Webhook-adres (niet verplicht)').fill('https://hooks.example.nl/wijksignaal');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await page
      .getByTestId('subscription-form')
      .getByRole('status')
      .filter({ hasText: 'Opgeslagen' })
      .waitFor({ timeout: 10_000 });
    const list = page.getByTestId('subscription-list');
    await waitFor(async () => (await list.getAttribute('data-count')) === '1', {
      timeoutMs: 60_000,
      what: 'the subscription listed',
    });
    expect(await list.textContent()).toContain('https://hooks.example.nl/wijksignaal');
    await expectAccessible(page, 'Abonnementen with a subscription');
    await list.getByRole('button', { name: `Abonnement op ${OUTBREAK} verwijderen` }).click();
    await waitFor(async () => (await page.getByTestId('subscription-list').getAttribute('data-count')) === '0', {
      timeoutMs: 60_000,
      what: 'the subscription gone',
    });
    await context.close();
  });
});
