import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptionAccepted, subscriptionsResponse } from '@wijksignaal/contracts/subscription-http';
import type { UserAction } from '@wijksignaal/contracts/user-action';
import { FIXTURE_NOW } from '../../../tests/support/api-fixture.ts';
import { openFixtureSnapshot, type FixtureSnapshot } from '../../../tests/support/fixture-snapshot.ts';
import { recordingSink } from '../actions/recording-sink.ts';
import { createApp } from '../app.ts';
import { asRole, testAuthenticate } from '../auth/test-authenticate.ts';

const MINE = '00000000-0000-4000-8000-0000000000a1';
const THEIRS = '00000000-0000-4000-8000-0000000000b2';

let snapshot: FixtureSnapshot;

beforeAll(async () => {
  snapshot = await openFixtureSnapshot('api-subscriptions-', 3, [
    `INSERT INTO subscriptions VALUES
        ('${MINE}', 'test-team_lead', '["WK000101"]', '[]', '["loneliness"]', 'https://hooks.example.nl/ws', TIMESTAMP '2025-03-01 08:00:00'),
        ('${THEIRS}', 'test-epidemiologist', '[]', '["GM0001"]', '[]', NULL, TIMESTAMP '2025-03-02 08:00:00')`,
  ]);
});
afterAll(() => snapshot.close());

function appWith(sent: UserAction[], localWebhooks = false) {
  return createApp({
    snapshots: snapshot.reader,
    authenticate: testAuthenticate,
    now: () => FIXTURE_NOW,
    actionSink: recordingSink(sent),
    localWebhooks,
  });
}

const create = (role: string, body: unknown): RequestInit => ({
  method: 'POST',
  headers: { ...asRole(role).headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('subscriptions through the API', () => {
  it('shows a user only their own subscriptions', async () => {
    const app = appWith([]);
    const lead = subscriptionsResponse.parse(await (await app.request('/api/v1/subscriptions', asRole('team_lead'))).json());
    expect(lead.subscriptions).toEqual([
      {
        subscriptionId: MINE,
        wijken: ['WK000101'],
        gemeenten: [],
        themes: ['loneliness'],
        webhookUrl: 'https://hooks.example.nl/ws',
        updatedAt: '2025-03-01T08:00:00.000Z',
      },
    ]);
    const admin = subscriptionsResponse.parse(await (await app.request('/api/v1/subscriptions', asRole('admin'))).json());
    expect(admin.subscriptions).toEqual([]);
  });

  it('takes a new subscription as an action with the owner and a fresh id', async () => {
    const sent: UserAction[] = [];
    const res = await appWith(sent).request(
      '/api/v1/subscriptions',
      create('epidemiologist', { gemeenten: ['GM0002'], themes: ['escalation'], webhookUrl: 'https://hooks.example.nl/a' }),
    );
    expect(res.status).toBe(202);
    const accepted = subscriptionAccepted.parse(await res.json());
    expect(sent).toEqual([
      expect.objectContaining({
        type: 'subscription.put',
        subscriptionId: accepted.subscriptionId,
        actionId: accepted.actionId,
        by: { subject: 'test-epidemiologist', role: 'epidemiologist' },
        wijken: [],
        gemeenten: ['GM0002'],
        themes: ['escalation'],
        webhookUrl: 'https://hooks.example.nl/a',
      }),
    ]);
  });

  it('wants an https webhook; plain http to localhost only with the demo sign-in', async () => {
    const sent: UserAction[] = [];
    for (const [url, local] of [
      ['http://hooks.example.nl/a', true],
      ['http://localhost:8080/hook', false],
      ['ftp://hooks.example.nl/a', true],
      ['https://user:pw@hooks.example.nl/a', false],
      ['not a url', false],
    ] as const) {
      const res = await appWith(sent, local).request(
        '/api/v1/subscriptions',
        create('team_lead', { wijken: ['WK000101'], webhookUrl: url }),
      );
      expect(res.status, url).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { detail: string; invalidParams: { name: string }[] };
      expect(problem.detail).not.toContain('\n');
      expect(problem.invalidParams.map((p) => p.name)).toEqual(['webhookUrl']);
    }
    expect(sent).toEqual([]);
    for (const url of ['http://localhost:8080/hook', 'http://127.0.0.1:9000/']) {
      const res = await appWith(sent, true).request(
        '/api/v1/subscriptions',
        create('team_lead', { wijken: ['WK000101'], webhookUrl: url }),
      );
      expect(res.status, url).toBe(202);
    }
    expect(sent.map((a) => (a.type === 'subscription.put' ? a.webhookUrl : null))).toEqual([
      'http://localhost:8080/hook',
      'http://127.0.0.1:9000/',
    ]);
  });

  it('refuses a subscription without any wijk or gemeente, and codes that are not CBS codes', async () => {
    const app = appWith([]);
    expect((await app.request('/api/v1/subscriptions', create('team_lead', { themes: ['loneliness'] }))).status).toBe(400);
    expect((await app.request('/api/v1/subscriptions', create('team_lead', { wijken: ['Noord'] }))).status).toBe(400);
  });

  it('deletes only one’s own: someone else’s id is a 404, like an unknown one', async () => {
    const sent: UserAction[] = [];
    const app = appWith(sent);
    const own = await app.request(`/api/v1/subscriptions/${MINE}`, { method: 'DELETE', ...asRole('team_lead') });
    expect(own.status).toBe(202);
    const theirs = await app.request(`/api/v1/subscriptions/${THEIRS}`, { method: 'DELETE', ...asRole('team_lead') });
    expect(theirs.status).toBe(404);
    expect(sent.map((a) => [a.type, a.type === 'subscription.delete' ? a.subscriptionId : null])).toEqual([
      ['subscription.delete', MINE],
    ]);
  });

  it('is not for partners', async () => {
    const app = appWith([]);
    expect((await app.request('/api/v1/subscriptions', asRole('partner:thuiszorg-demo'))).status).toBe(403);
  });
});
