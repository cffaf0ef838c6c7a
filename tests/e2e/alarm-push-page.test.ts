import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { lastCompleteWeek } from '@wijksignaal/alarm-delivery/subscription-digest';
import { parseApiConfig } from '../../services/api/config.ts';
import { openAuthentication } from '../../services/api/auth/open-authentication.ts';
import { startApiServer, type ApiServer } from '../../services/api/server.ts';
import { fixtureContent } from '../support/api-fixture.ts';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser.ts';
import { DEMO_USERS, signInThroughLoginPage } from '../support/dashboard-session.ts';
import { expectAccessible } from '../support/expect-accessible.ts';
import { writeAlarmSnapshot, type AlarmEventRow, type AlarmSnapshotContent } from '../support/write-alarm-snapshot.ts';

/**
 * Pushed alarms in real Chromium over the real API and the built dashboard, on snapshot files whose
 * `alarm_events` and `subscriptions` are filled (what the pipeline publishes): the team lead's digest page in
 * Dutch and English, axe clean, and the live notice when a new snapshot brings a new alarm.
 */
const SUBSCRIPTION = '00000000-0000-4000-8000-0000000000e5';
const WEEK = lastCompleteWeek(new Date());
const EARLIER: AlarmEventRow[] = [
  { seq: 1, wijk: 'WK000101', theme: 'loneliness', kind: 'opened', week: WEEK, level: 'amber' },
  { seq: 2, wijk: 'WK000102', theme: 'escalation', kind: 'closed', week: WEEK, openedWeek: addIsoWeeks(WEEK, -2), level: 'none' },
  { seq: 3, wijk: 'WK000201', theme: 'loneliness', kind: 'opened', week: WEEK, level: 'red' },
];
const content = (events: AlarmEventRow[]): AlarmSnapshotContent => ({
  ...fixtureContent(),
  alarmEvents: events,
  subscriptions: [{ id: SUBSCRIPTION, owner: DEMO_USERS.team_lead, gemeenten: ['GM0001'], webhookUrl: null }],
});

let dataDir: string;
let server: ApiServer;
let browser: Browser;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wijksignaal-e2e-push-'));
  await writeAlarmSnapshot(join(dataDir, 'snapshots'), 1, content(EARLIER));
  // What `npm start` signs in with: the built-in local issuer of this DATA_DIR and its demo users.
  const auth = await openAuthentication(parseApiConfig([], {}).auth, dataDir);
  server = await startApiServer({
    port: 0,
    host: '127.0.0.1',
    snapshotDir: join(dataDir, 'snapshots'),
    authenticate: auth.authenticate,
    localSignIn: auth.localSignIn,
    log: () => {},
    requestLog: () => {},
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function signedIn(name: string): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL' });
  const page = await context.newPage();
  onTestFailed(async () => {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `failure-push-${name}.png`), fullPage: true }).catch(() => undefined);
  });
  await signInThroughLoginPage(page, server.url, DEMO_USERS.team_lead);
  return { page, context };
}

describe('pushed alarms in the dashboard (real Chromium and API)', () => {
  it("the digest page lists the subscription's alarms of the last complete week, in Dutch and English, accessible", async () => {
    const { page, context } = await signedIn('digest');
    await page.goto(`${server.url}/abonnementen/${SUBSCRIPTION}/digest`);
    const table = page.getByTestId('digest-table');
    await table.waitFor({ timeout: 30_000 });
    const rows = await table.locator('tbody tr').allTextContents();
    // Gemeente GM0001 is Noord and Zuid; Haven (GM0002) is not followed.
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Noord');
    expect(rows[0]).toContain('Eenzaamheid');
    expect(rows[0]).toContain('geopend');
    expect(rows[1]).toContain('Zuid');
    expect(rows[1]).toContain('gesloten');
    expect(await page.getByTestId('digest-follows').textContent()).toContain('alle thema’s');
    await expectAccessible(page, 'the digest page');

    await page.getByTestId('language-switch').locator('button[lang="en"]').click();
    await page.getByRole('heading', { name: 'Weekly digest of a subscription' }).waitFor({ timeout: 10_000 });
    const english = await table.locator('tbody tr').allTextContents();
    expect(english[0]).toContain('Loneliness');
    expect(english[0]).toContain('opened');
    expect(english[1]).toContain('closed');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'digest-page.png'), fullPage: true });
    await expectAccessible(page, 'the digest page, in English');
    await page.getByTestId('language-switch').locator('button[lang="nl"]').click();

    // The week before: none of these alarms.
    await page.getByRole('link', { name: /Week ervoor/ }).click();
    await page.getByTestId('digest-empty').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('digest-empty').textContent()).toContain(addIsoWeeks(WEEK, -1));
    await context.close();
  });

  it('a new snapshot with a new alarm in a followed wijk shows a live notice, announced politely', async () => {
    const { page, context } = await signedIn('feed');
    const feed = page.getByTestId('alarm-feed');
    await feed.waitFor({ state: 'attached', timeout: 30_000 });
    expect(await feed.locator('li').count()).toBe(0);
    // Let the page take its first snapshot (the feed's starting point) before the next one arrives.
    await page.getByTestId('updated-at').filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 });
    await writeAlarmSnapshot(
      join(dataDir, 'snapshots'),
      2,
      content([
        ...EARLIER,
        { seq: 4, wijk: 'WK000102', theme: 'school_absence', kind: 'opened', week: addIsoWeeks(WEEK, 1), level: 'amber' },
        { seq: 5, wijk: 'WK000201', theme: 'escalation', kind: 'opened', week: addIsoWeeks(WEEK, 1), level: 'red' },
      ]),
    );
    const item = feed.locator('li');
    await item.first().waitFor({ timeout: 30_000 });
    // Haven (WK000201) is not followed by the team lead's subscription.
    expect(await item.allTextContents()).toEqual([
      `Nieuw alarm (oranje): Schoolverzuim in Zuid, Eerstestad, week ${addIsoWeeks(WEEK, 1)}`,
    ]);
    expect(await feed.locator('[aria-live="polite"]').textContent()).toContain('1 nieuw of verhoogd alarm');
    expect(await item.locator('a').getAttribute('href')).toBe('/wijk/WK000102?theme=school_absence');
    await expectAccessible(page, 'the Overzicht with a live alarm notice');
    await feed.getByRole('button', { name: 'Meldingen sluiten' }).click();
    expect(await item.count()).toBe(0);
    await context.close();
  });
});
