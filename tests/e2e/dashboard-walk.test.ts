import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { periodWeeks, type GridPeriod } from '@wijksignaal/domain/published/period-grid';
import type { OverviewResponse } from '@wijksignaal/contracts/http';
import { overviewRows, type OverviewRow } from '@wijksignaal/contracts/overview-columns';
import { nl } from '../../dashboard/src/lib/i18n/nl.ts';
import { createTranslator } from '../../dashboard/src/lib/i18n/create-translator.ts';
import { coarserOffer } from '../../dashboard/src/lib/period/coarser-period.ts';
import { defaultPeriod, periodChoices, periodForKind } from '../../dashboard/src/lib/period/period-choices.ts';
import { periodLabel } from '../../dashboard/src/lib/period/period-label.ts';
import { overflowingElements } from '../support/axe-check.ts';
import { expectAccessible as expectAxeClean } from '../support/expect-accessible.ts';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser.ts';
import { apiToken, DEMO_USERS, signInThroughLoginPage } from '../support/dashboard-session.ts';
import { startDemoStack } from '../support/demo-stack.ts';
import type { TestStack } from '../support/stack.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * A person's walk through the dashboard in real Chromium over the real pipeline and API (demo region):
 * every page checked by axe-core against WCAG 2.1 A/AA and photographed, the map leading to a wijk, the
 * pickers changing the URL and the numbers (periods of the fixed grid only), the offer of a coarser period
 * when most counts are withheld, the keyboard reaching a wijk, the English switch, an export.
 */
const brokers = inject('kafkaBrokers').split(',');
const dutch = createTranslator(nl);
const SIGNALS = 6_000;
let stack: TestStack;
let browser: Browser;
let page: Page;
let token: string;
let areas: { code: string; name: string }[];

beforeAll(async () => {
  stack = await startDemoStack(brokers, { name: 'e2e-walk', signals: SIGNALS, seed: 5 });
  token = await apiToken(stack.baseUrl, DEMO_USERS.epidemiologist);
  const res = await fetch(`${stack.baseUrl}/api/v1/areas`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  areas = ((await res.json()) as { areas: { code: string; name: string }[] }).areas;
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

function screenshotOnFailure(name: string): void {
  onTestFailed(async () => {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `failure-${name}.png`), fullPage: true }).catch(() => undefined);
  });
}

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** axe-core on the page as it stands; soft, so one page's findings do not hide the next page's. */
async function expectAccessible(where: string): Promise<void> {
  await expectAxeClean(page, where);
  const overflow = await overflowingElements(page);
  expect.soft(overflow, `${where}: elements make the page scroll beyond its content`).toEqual([]);
}

/** The current page's URL holds exactly this grid period. */
async function waitForPeriodInUrl(period: GridPeriod): Promise<void> {
  await page.waitForURL((url) => url.searchParams.get('from') === period.from && url.searchParams.get('to') === period.to, {
    timeout: 30_000,
  });
}

/** The API's overview of the loneliness theme for one grid period, as the test's own epidemiologist. */
async function apiOverview(period: GridPeriod): Promise<OverviewRow[]> {
  const query = new URLSearchParams({ theme: 'loneliness', from: period.from, to: period.to });
  const res = await fetch(`${stack.baseUrl}/api/v1/overview?${query.toString()}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status, `GET /overview for ${period.label}`).toBe(200);
  return overviewRows((await res.json()) as OverviewResponse);
}

/** The Overzicht table shows the API's counts of this period: each wijk's published number or its marker. */
async function expectTableShows(period: GridPeriod): Promise<void> {
  const expected = (await apiOverview(period)).map((a) => [
    a.code,
    typeof a.count === 'number' ? String(a.count) : a.count.display,
  ]);
  const table = page.getByTestId('overview-table');
  await waitFor(
    async () => {
      const shown = await table.locator('tbody tr[data-code]').evaluateAll((rows) =>
        rows.map((row) => {
          const r = row as unknown as {
            getAttribute(n: string): string;
            querySelectorAll(s: string): ArrayLike<{ textContent: string }>;
          };
          const cell = r.querySelectorAll('td')[1]!;
          const marker = (cell as unknown as { querySelector(s: string): { textContent: string } | null }).querySelector(
            '[aria-hidden]',
          );
          return [r.getAttribute('data-code'), (marker ?? cell).textContent.trim().replace(/\./g, '')];
        }),
      );
      const byCode = new Map(shown.map(([code, text]) => [code, text]));
      return expected.length > 0 && expected.every(([code, text]) => byCode.get(code) === text);
    },
    { timeoutMs: 30_000, what: `the overview table to show the counts of ${period.label}` },
  );
}

async function waitForAttribute(testId: string, attribute: string, accept: (value: string | null) => boolean, what: string) {
  const target = page.getByTestId(testId);
  await target.first().waitFor({ timeout: 30_000 });
  return waitFor(
    async () => {
      const value = await target.first().getAttribute(attribute);
      return accept(value) ? (value ?? '') : undefined;
    },
    { timeoutMs: 30_000, what },
  );
}

/** The Overzicht with all its parts drawn: map, one table row per wijk, priorities and alarms. */
async function waitForOverview(): Promise<void> {
  await waitForAttribute(
    'wijk-map',
    'data-area-count',
    (v) => Number(v) === areas.length,
    `the map to draw ${areas.length} wijken`,
  );
  const rows = page.getByTestId('overview-table').locator('tbody tr[data-code]');
  await waitFor(async () => (await rows.count()) === areas.length, { timeoutMs: 30_000, what: 'one table row per wijk' });
  await page.getByTestId('priority-list').waitFor({ timeout: 30_000 });
  await page.getByTestId('alarm-list').waitFor({ timeout: 30_000 });
}

/** The Wijk page with its three trends drawn and its profile tables in. */
async function waitForWijkPage(): Promise<void> {
  for (const theme of ['loneliness', 'school_absence', 'escalation']) {
    await waitForAttribute(`trend-${theme}`, 'data-points', (v) => Number(v) > 0, `the ${theme} trend to draw weeks`);
  }
  await page.getByTestId('comparison-table').waitFor({ timeout: 30_000 });
}

describe('the dashboard walked in real Chromium, over the real pipeline and API (demo region)', () => {
  it('the login page is accessible and signs an epidemiologist in onto the Overzicht', async () => {
    screenshotOnFailure('login');
    await page.goto(`${stack.baseUrl}/login`);
    await page.getByRole('heading', { level: 2, name: 'Demo-gebruikers' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    await screenshot('login');
    await expectAccessible('login page');

    await signInThroughLoginPage(page, stack.baseUrl, DEMO_USERS.epidemiologist);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByText('Ingelogd als epidemioloog').waitFor();
  });

  it('shows every wijk on the map and in the table; clicking a wijk on the map opens its page', async () => {
    screenshotOnFailure('overzicht');
    await page.goto(stack.baseUrl);
    await waitForOverview();
    await screenshot('overzicht');
    await expectAccessible('Overzicht');

    const map = page.getByTestId('wijk-map');
    const centroids = await waitFor(
      async () => {
        const text = await map.getAttribute('data-centroids');
        const parsed = text ? (JSON.parse(text) as Record<string, [number, number]>) : {};
        return Object.keys(parsed).length === areas.length ? parsed : undefined;
      },
      { timeoutMs: 30_000, what: 'the map to report where each wijk is drawn' },
    );
    const target = areas[Math.floor(areas.length / 2)]!;
    const [x, y] = centroids[target.code]!;
    await map.click({ position: { x, y } });

    await page.waitForURL((url) => url.pathname === `/wijk/${target.code}`, { timeout: 30_000 });
    await waitForWijkPage();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(target.name);
    await screenshot('wijk');
    await expectAccessible('Wijk page');
  });

  it('on a Wijk page the theme and period pickers change the URL, the profile tables and the trend charts', async () => {
    screenshotOnFailure('wijk-pickers');
    const target = areas[0]!;
    await page.goto(`${stack.baseUrl}/wijk/${target.code}`);
    await waitForWijkPage();
    const profile = page.getByTestId('wijk-profile');
    expect(await profile.getByTestId('comparison-table').locator('caption').textContent()).toContain('Eenzaamheid');

    await page.getByLabel('Thema').selectOption('escalation');
    await page.waitForURL((url) => url.searchParams.get('theme') === 'escalation');
    await waitFor(
      async () => (await profile.getByTestId('comparison-table').locator('caption').textContent())?.includes('Escalatie'),
      {
        timeoutMs: 30_000,
        what: 'the comparison table to show the escalation theme',
      },
    );

    // The default is the latest complete quarter; the whole year holding it draws more weeks.
    const before = Number(await page.getByTestId('trend-loneliness').getAttribute('data-points'));
    const today = new Date();
    const year = periodForKind('year', defaultPeriod(today), today);
    await page.getByLabel('Soort periode').selectOption('year');
    await page.waitForURL((url) => url.searchParams.get('from') === year.from && url.searchParams.get('to') === year.to);
    expect(await page.getByLabel('Welke periode').inputValue()).toBe(year.from);
    await waitFor(
      async () =>
        (await profile.getByTestId('comparison-table').locator('caption').textContent())?.includes(periodLabel(year, dutch)),
      { timeoutMs: 30_000, what: `the comparison table to show ${year.label}` },
    );
    const after = Number(
      await waitForAttribute('trend-loneliness', 'data-points', (v) => Number(v) > before, 'the trend to draw the longer period'),
    );
    expect(after).toBeGreaterThan(before);
    // The table alternative follows the chart: one row per week drawn.
    const trendRows = page.getByTestId('trend-loneliness').locator('xpath=following-sibling::details[1]').locator('tbody tr');
    expect(await trendRows.count()).toBe(after);
    await expectAccessible('Wijk page (escalation, a year)');
  });

  it('on the Overzicht the period picker offers grid periods only: a kind, then a period; the URL and the table follow', async () => {
    screenshotOnFailure('overzicht-period');
    const today = new Date();
    const quarter = defaultPeriod(today);
    await page.goto(stack.baseUrl);
    await waitForOverview();
    const kind = page.getByLabel('Soort periode');
    const choice = page.getByLabel('Welke periode');
    const caption = page.getByTestId('overview-table').locator('caption');
    expect(await kind.inputValue()).toBe('quarter');
    expect(await choice.inputValue()).toBe(quarter.from);
    expect(await caption.textContent()).toContain(periodLabel(quarter, dutch));

    await kind.selectOption('fourWeeks');
    const fourWeeks = periodForKind('fourWeeks', quarter, today);
    await waitForPeriodInUrl(fourWeeks);
    const options = await choice
      .locator('option')
      .evaluateAll((all) => all.map((o) => (o as unknown as { value: string }).value));
    expect(options).toEqual(periodChoices('fourWeeks', today).map((p) => p.from));

    // From the keyboard: the arrow key picks the period before, as a select does.
    const earlier = periodChoices('fourWeeks', today)[options.indexOf(fourWeeks.from) + 1]!;
    await choice.focus();
    await page.keyboard.press('ArrowDown');
    await waitForPeriodInUrl(earlier);
    await waitFor(async () => (await caption.textContent())?.includes(periodLabel(earlier, dutch)), {
      timeoutMs: 30_000,
      what: `the table caption to name ${earlier.label}`,
    });
    await expectTableShows(earlier);
    await screenshot('overzicht-4-weken');
    await expectAccessible('Overzicht (a 4-week period)');
  });

  it('when most counts of a week are withheld, the Overzicht offers its 4-week period, and the link shows it', async () => {
    screenshotOnFailure('overzicht-coarser');
    const today = new Date();
    // The latest complete weeks, newest first: the first whose counts the dashboard would widen.
    let found: { week: GridPeriod; offer: GridPeriod } | null = null;
    for (const week of periodChoices('week', today).slice(1, 13)) {
      const offer = coarserOffer(
        week,
        (await apiOverview(week)).map((a) => a.count),
      );
      if (offer) {
        found = { week, offer };
        break;
      }
    }
    expect(found, 'a recent week in which most wijken with signals show <k').not.toBeNull();
    const { week, offer } = found!;
    await page.goto(`${stack.baseUrl}/?from=${week.from}&to=${week.to}`);
    await waitForOverview();
    const notice = page.getByTestId('overview-coarser');
    const link = notice.getByRole('link');
    await link.waitFor({ timeout: 30_000 });
    expect(await notice.getAttribute('role')).toBe('status');
    expect(await notice.textContent()).toContain('Voor deze periode zijn de meeste aantallen te klein om te tonen.');
    expect(await link.textContent()).toContain(periodLabel(offer, dutch));
    await screenshot('overzicht-week-coarser');
    await expectAccessible('Overzicht (a week, offering its 4-week period)');

    await link.click();
    await waitForPeriodInUrl(offer);
    expect(await page.getByLabel('Soort periode').inputValue()).toBe(offer.kind);
    await expectTableShows(offer);
    // The notice follows the new period's own counts.
    const again = coarserOffer(
      offer,
      (await apiOverview(offer)).map((a) => a.count),
    );
    await waitFor(async () => (await link.count()) > 0 === (again !== null), {
      timeoutMs: 30_000,
      what: `the notice to ${again ? 'offer' : 'leave'} a coarser period for ${offer.label}`,
    });
  });

  it('on the Overzicht the theme picker changes the URL, the heading and the table', async () => {
    screenshotOnFailure('overzicht-theme');
    await page.goto(stack.baseUrl);
    await waitForOverview();
    await page.getByLabel('Thema').selectOption('school_absence');
    await page.waitForURL((url) => url.searchParams.get('theme') === 'school_absence');
    await waitFor(
      async () => (await page.getByTestId('overview-table').locator('caption').textContent())?.includes('Schoolverzuim'),
      {
        timeoutMs: 30_000,
        what: 'the overview table to show school absence',
      },
    );
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Schoolverzuim');
  });

  it('a column header sorts the Overzicht table, says so to screen readers, and keeps the order in the URL', async () => {
    screenshotOnFailure('overzicht-sort');
    await page.goto(stack.baseUrl);
    await waitForOverview();
    const table = page.getByTestId('overview-table');
    const header = table.locator('thead th', { hasText: 'Gemeente' });
    await header.getByRole('button').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'gemeenteName');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const gemeenten = await table.locator('tbody tr[data-code] td:first-of-type').allTextContents();
    expect(gemeenten).toEqual([...gemeenten].sort((a, b) => a.localeCompare(b, 'nl')));
    await header.getByRole('button').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === '-gemeenteName');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
  });

  it('on the Overzicht the SMR switch colours the map by SMR, keeps it in the URL, and stays accessible', async () => {
    screenshotOnFailure('overzicht-smr');
    await page.goto(stack.baseUrl);
    await waitForOverview();
    const map = page.getByTestId('wijk-map');
    const rateLabel = await map.getAttribute('aria-label');
    await page.getByTestId('measure-switch').getByRole('radio', { name: /SMR/ }).check();
    await page.waitForURL((url) => url.searchParams.get('measure') === 'smr');
    await waitFor(async () => (await map.getAttribute('aria-label')) !== rateLabel, {
      timeoutMs: 30_000,
      what: 'the map to describe itself by SMR',
    });
    await waitForOverview();
    await screenshot('overzicht-smr');
    await expectAccessible('Overzicht with the SMR map');
  });

  it('from the keyboard alone: Tab reaches a wijk link in the table and Enter opens that wijk', async () => {
    screenshotOnFailure('keyboard');
    await page.goto(stack.baseUrl);
    await waitForOverview();
    await page.locator('body').focus();
    // The wijk code of the focused element when it is a wijk link in the overview table.
    const focusedRow = page.locator('[data-testid="overview-table"] tbody tr[data-code]:has(a:focus)');
    const focused = async () => ((await focusedRow.count()) === 1 ? focusedRow.getAttribute('data-code') : null);
    let code: string | null = null;
    for (let presses = 0; presses < 120 && code === null; presses++) {
      await page.keyboard.press('Tab');
      code = await focused();
    }
    expect(code, 'a wijk link in the overview table within 120 presses of Tab').not.toBeNull();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/wijk/${code}`, { timeout: 30_000 });
    await waitForWijkPage();
  });

  it('Vergelijken shows the funnel plot and its table, accessible', async () => {
    screenshotOnFailure('vergelijken');
    await page.goto(`${stack.baseUrl}/vergelijken`);
    await waitForAttribute('funnel-chart', 'data-rendered', (v) => v === 'true', 'the funnel plot to render');
    const rows = page.getByTestId('funnel-table').locator('tbody tr[data-code]');
    await waitFor(async () => (await rows.count()) === areas.length, {
      timeoutMs: 30_000,
      what: 'one funnel table row per wijk',
    });
    expect(Number(await page.getByTestId('funnel-chart').getAttribute('data-points'))).toBeGreaterThan(0);
    await screenshot('vergelijken');
    await expectAccessible('Vergelijken');
  });

  it('Aanlevering shows every partner that delivered, accessible', async () => {
    screenshotOnFailure('aanlevering');
    await page.goto(`${stack.baseUrl}/aanlevering`);
    const rows = page.getByTestId('ingest-table').locator('tbody tr');
    await waitFor(async () => (await rows.count()) >= 2, { timeoutMs: 30_000, what: 'a row per delivering partner' });
    expect(await page.getByTestId('ingest-table').textContent()).toContain('thuiszorg-demo');
    await screenshot('aanlevering');
    await expectAccessible('Aanlevering');
  });

  it('the interactive API reference is accessible', async () => {
    screenshotOnFailure('api-docs');
    const res = await page.goto(`${stack.baseUrl}/api/v1/docs`);
    expect(res?.status()).toBe(200);
    await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 30_000 });
    await screenshot('api-docs');
    await expectAccessible('API reference');
  });

  it('the CSV download button on the Overzicht saves a file with its metadata header and no count from 1 to k-1', async () => {
    screenshotOnFailure('export');
    await page.goto(stack.baseUrl);
    await waitForOverview();
    const period = defaultPeriod(new Date());
    const { from, to } = period;
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('export-weekly-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`wijksignaal-weekly-counts-loneliness-${from}-${to}.csv`);
    const text = readFileSync(await download.path(), 'utf8');
    // The page says the file is ready, in its polite status line.
    await page.getByRole('status').filter({ hasText: download.suggestedFilename() }).waitFor({ timeout: 30_000 });

    const lines = text.trimEnd().split('\n');
    const meta = Object.fromEntries(
      lines.filter((l) => l.startsWith('# ')).map((l) => [l.slice(2, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
    );
    expect(meta).toMatchObject({ wijksignaal_export: 'weekly counts per wijk', theme: 'loneliness', period: `${from}..${to}` });
    expect(Number(meta.snapshot_sequence)).toBeGreaterThan(0);
    const k = Number(meta.k);
    expect(k).toBeGreaterThan(1);

    const [header, ...rows] = lines.filter((l) => !l.startsWith('#')).map(splitCsvLine);
    const column = (name: string) => header!.indexOf(name);
    expect(column('count')).toBeGreaterThanOrEqual(0);
    expect(rows).toHaveLength(areas.length * periodWeeks(period).length);
    const small = rows.filter(
      (r) => r[column('count')] !== '' && Number(r[column('count')]) > 0 && Number(r[column('count')]) < k,
    );
    expect(small, `counts from 1 to ${k - 1} in the export`).toEqual([]);
    // The protection was exercised: some weekly counts are withheld, empty and marked.
    const withheld = rows.filter((r) => r[column('count_suppressed')] === 'true');
    expect(withheld.length).toBeGreaterThan(0);
    for (const r of withheld) expect(r[column('count')]).toBe('');
  });

  it('in English after the language switch: the Overzicht speaks English, is accessible, and the choice sticks', async () => {
    screenshotOnFailure('overzicht-en');
    await page.goto(stack.baseUrl);
    await waitForOverview();
    const english = page.getByTestId('language-switch').locator('button[lang="en"]');
    await english.click();
    await waitFor(async () => (await page.locator('html').getAttribute('lang')) === 'en', {
      timeoutMs: 10_000,
      what: '<html lang="en">',
    });
    expect(await english.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('link', { name: 'Overview', exact: true }).waitFor();
    await page.reload();
    await waitForOverview();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByLabel('Kind of period').selectOption('quarter');
    expect(await page.getByLabel('Which period').locator('option:checked').textContent()).toMatch(
      /^\d{4} Q[1-4] \(weeks \d+–\d+\)/,
    );
    await page.getByTestId('privacy-note').filter({ hasText: 'by at most 3 either way' }).waitFor();
    await screenshot('overzicht-en');
    await expectAccessible('Overzicht in English');

    await page.goto(`${stack.baseUrl}/vergelijken`);
    await waitForAttribute('funnel-chart', 'data-rendered', (v) => v === 'true', 'the funnel plot to render');
    await expectAccessible('Vergelijken in English');

    await page.getByTestId('language-switch').locator('button[lang="nl"]').click();
    await waitFor(async () => (await page.locator('html').getAttribute('lang')) === 'nl', {
      timeoutMs: 10_000,
      what: '<html lang="nl">',
    });
  });
});

/** One CSV record of DuckDB's output: fields split on commas, double-quoted fields unquoted. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}
