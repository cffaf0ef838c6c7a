import type { Page } from 'playwright-core';

/** The demo users of the built-in local issuer (services/api/auth/demo-users.ts) and their shared password. */
export const DEMO_PASSWORD = 'demo';
export const DEMO_USERS = {
  epidemiologist: 'epidemioloog',
  team_lead: 'teamleider',
  partner: 'partner-thuiszorg',
  admin: 'beheerder',
} as const;

/** A bearer token from the API's own sign-in endpoint, for requests a test makes next to the browser. */
export async function apiToken(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200 && res.status !== 201) {
    throw new Error(`sign-in of ${username} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/**
 * Signs in the way a person does: the login page, the labelled fields, the submit button. Resolves once the
 * dashboard has left the login page (it returns to `next`, by default the Overzicht).
 */
export async function signInThroughLoginPage(
  page: Page,
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 30_000 });
}
