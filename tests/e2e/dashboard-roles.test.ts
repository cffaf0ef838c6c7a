import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser.ts';
import { expectAccessible } from '../support/expect-accessible.ts';
import { DEMO_USERS, signInThroughLoginPage } from '../support/dashboard-session.ts';
import { startDemoStack } from '../support/demo-stack.ts';
import type { TestStack } from '../support/stack.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * Each demo user signs in through the login page in real Chromium (real pipeline and API, local issuer):
 * people land on the Overzicht with its numbers and a menu of every page, the partner lands on its own
 * delivery with a menu of that page alone and one plain "no access" on the data pages, and a wrong password
 * is said out loud.
 */
const brokers = inject('kafkaBrokers').split(',');
const SIGNALS = 1_500;
let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startDemoStack(brokers, { name: 'e2e-roles', signals: SIGNALS, seed: 11 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A fresh browser context per user (sessions live in sessionStorage), with uncaught page errors collected. */
async function freshPage(name: string): Promise<{ page: Page; context: BrowserContext; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  onTestFailed(async () => {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `failure-role-${name}.png`), fullPage: true }).catch(() => undefined);
  });
  return { page, context, pageErrors };
}

/**
 * The team lead weighs the priority score by level alone: the weights go into the URL and the API
 * re-scores the list, which says so.
 */
async function reweighPriorities(page: Page): Promise<void> {
  const ranking = () =>
    page
      .getByTestId('priority-list')
      .locator('li[data-code]')
      .evaluateAll((items) => items.length);
  expect(await ranking()).toBeGreaterThan(0);
  for (const field of ['weight-trend', 'weight-alarms']) {
    await page.getByTestId(field).fill('0');
    await page.getByTestId(field).press('Enter');
  }
  await page.waitForURL((url) => url.searchParams.get('trendWeight') === '0' && url.searchParams.get('alarmWeight') === '0', {
    timeout: 30_000,
  });
  await page.getByText('Opnieuw berekend met de gewichten hierboven.').waitFor({ timeout: 30_000 });
  expect(await ranking()).toBeGreaterThan(0);
  await page.getByTestId('weight-reset').click();
  await page.waitForURL((url) => !url.searchParams.has('trendWeight'), { timeout: 30_000 });
}

/** The link texts of the header menu, in order. */
function menu(page: Page): Promise<string[]> {
  return page
    .getByRole('navigation', { name: 'Hoofdmenu' })
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => (link.textContent ?? '').trim()));
}

const PEOPLE = [
  { role: 'epidemiologist', username: DEMO_USERS.epidemiologist, roleName: 'epidemioloog' },
  { role: 'team_lead', username: DEMO_USERS.team_lead, roleName: 'teamleider' },
  { role: 'admin', username: DEMO_USERS.admin, roleName: 'beheerder' },
] as const;

describe('signing in per role in real Chromium (local issuer, demo users)', () => {
  it('a page other than the login page sends a visitor without a session to the login page first', async () => {
    const { page, context } = await freshPage('anonymous');
    await page.goto(`${stack.baseUrl}/vergelijken`);
    await page.waitForURL((url) => url.pathname === '/login', { timeout: 30_000 });
    await page.getByLabel('Gebruikersnaam').waitFor();
    // Signed out, the header has the name and the language switch only: no menu to pages that cannot open.
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(0);
    await page.getByTestId('language-switch').waitFor();
    await context.close();
  });

  for (const person of PEOPLE) {
    it(`the ${person.role} signs in on the login page and lands on the Overzicht with its numbers${person.role === 'team_lead' ? ', and weighs the priorities' : ''}`, async () => {
      const { page, context, pageErrors } = await freshPage(person.role);
      await signInThroughLoginPage(page, stack.baseUrl, person.username);
      expect(new URL(page.url()).pathname).toBe('/');
      await page.getByText(`Ingelogd als ${person.roleName}`).waitFor();
      expect(await menu(page)).toEqual(['Overzicht', 'Vergelijken', 'Aanlevering', 'Abonnementen']);
      const rows = page.getByTestId('overview-table').locator('tbody tr[data-code]');
      await waitFor(async () => (await rows.count()) > 0, { timeoutMs: 30_000, what: 'the overview table to fill' });
      await page.getByTestId('priority-list').waitFor({ timeout: 30_000 });
      expect(await page.getByRole('alert').count()).toBe(0);
      if (person.role === 'team_lead') await reweighPriorities(page);

      await page.getByRole('link', { name: 'Aanlevering', exact: true }).click();
      const partners = page.getByTestId('ingest-table').locator('tbody tr');
      await waitFor(async () => (await partners.count()) > 1, { timeoutMs: 30_000, what: 'a row per delivering partner' });

      await page.getByRole('button', { name: 'Uitloggen' }).click();
      await page.waitForURL((url) => url.pathname === '/login', { timeout: 30_000 });
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }

  it('the partner lands on its own delivery row, has only that page in the menu, and one plain "no access" on every data page', async () => {
    const { page, context, pageErrors } = await freshPage('partner');
    await signInThroughLoginPage(page, stack.baseUrl, DEMO_USERS.partner);
    await page.getByText('Ingelogd als partner').waitFor();
    expect(new URL(page.url()).pathname).toBe('/aanlevering');
    expect(await menu(page)).toEqual(['Aanlevering']);
    const rows = page.getByTestId('ingest-table').locator('tbody tr');
    await rows.first().waitFor({ timeout: 30_000 });
    expect(await rows.count()).toBe(1);
    const table = (await page.getByTestId('ingest-table').textContent()) ?? '';
    expect(table).toContain('thuiszorg-demo');
    for (const other of ['politie-demo', 'school-demo', 'jongerenwerk-demo', 'demo-partner ']) expect(table).not.toContain(other);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'aanlevering-partner.png'), fullPage: true });
    await expectAccessible(page, 'Aanlevering as the partner');

    for (const path of ['/', '/vergelijken', '/wijk/WK990206']) {
      await page.goto(`${stack.baseUrl}${path}`);
      const refusal = page.getByRole('alert').filter({ hasText: 'Geen toegang' });
      await refusal.waitFor({ timeout: 30_000 });
      // One refusal, nothing to retry; still signed in (a 403 is not a 401), on the page asked for.
      expect(await page.getByRole('alert').count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Opnieuw proberen' }).count()).toBe(0);
      expect(new URL(page.url()).pathname).toBe(path);
      await page.getByText('Ingelogd als partner').waitFor();
      expect(await menu(page)).toEqual(['Aanlevering']);
    }
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'wijk-partner.png'), fullPage: true });
    await expectAccessible(page, 'Wijk page refusing the partner');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('a wrong password keeps the login page and says so in an alert screen readers announce', async () => {
    const { page, context } = await freshPage('wrong-password');
    await page.goto(`${stack.baseUrl}/login`);
    await page.getByLabel('Gebruikersnaam').fill(DEMO_USERS.epidemiologist);
    await page.getByLabel('Wachtwoord', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toContain('de gebruikersnaam of het wachtwoord klopt niet');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(
      await page.evaluate(() => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length),
    ).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'login-wrong-password.png'), fullPage: true });
    await expectAccessible(page, 'login page with a wrong password');
    await context.close();
  });
});
