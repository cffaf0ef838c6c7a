import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionAccepted, alarmTriageResponse } from '@wijksignaal/contracts/alarm-triage-http';
import { alarmsResponse } from '@wijksignaal/contracts/http';
import type { UserAction } from '@wijksignaal/contracts/user-action';
import { FIXTURE_NOW } from '../../../tests/support/api-fixture.ts';
import { openFixtureSnapshot, type FixtureSnapshot } from '../../../tests/support/fixture-snapshot.ts';
import { recordingSink } from '../actions/recording-sink.ts';
import { createApp } from '../app.ts';
import { asRole, testAuthenticate } from '../auth/test-authenticate.ts';
import type { AuditEntry } from '../ops/audit-trail.ts';

/** The episode the fixture's alarm rows make: WK000101 × loneliness, flagged in 2025-W07 and W08. */
const ALARM = 'WK000101.loneliness.2025-W07';
const NOTE = 'Buurtfeest in het park; de meldingen passen daarbij.';

let snapshot: FixtureSnapshot;

beforeAll(async () => {
  snapshot = await openFixtureSnapshot('api-alarm-triage-', 7, [
    `INSERT INTO alarms VALUES
        ('WK000101', 'loneliness', DATE '2025-02-03', 'earsC1', 2, 2, 6, 0, 0.4, false, 'none', NULL, '{}'),
        ('WK000101', 'loneliness', DATE '2025-02-10', 'earsC1', 9, 2, 6, 3, 0.01, true, 'amber', NULL, '{}'),
        ('WK000101', 'loneliness', DATE '2025-02-17', 'earsC1', 12, 2, 6, 4, 0.001, true, 'red', NULL, '{}')`,
    `INSERT INTO alarm_triage VALUES
        ('00000000-0000-4000-8000-000000000001', '${ALARM}', 'acknowledged', NULL, 'lead-1', 'team_lead', TIMESTAMP '2025-02-18 09:00:00'),
        ('00000000-0000-4000-8000-000000000002', '${ALARM}', 'known_event', '${NOTE}', 'epi-1', 'epidemiologist', TIMESTAMP '2025-02-19 14:30:00')`,
  ]);
});
afterAll(() => snapshot.close());

function appWith(sent: UserAction[], audit: AuditEntry[] = []) {
  return createApp({
    snapshots: snapshot.reader,
    authenticate: testAuthenticate,
    now: () => FIXTURE_NOW,
    actionSink: recordingSink(sent),
    audit: (e) => audit.push(e),
  });
}

const post = (role: string, body: unknown, alarmId = ALARM) => ({
  method: 'POST',
  headers: { ...asRole(role).headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
  path: `/api/v1/alarms/${encodeURIComponent(alarmId)}/triage`,
});

describe('triage of alarms through the API', () => {
  it('takes a team lead’s mark as an action on the actions topic (202 with its id), audited without the note', async () => {
    const sent: UserAction[] = [];
    const audit: AuditEntry[] = [];
    const { path, ...init } = post('team_lead', {
      status: 'investigating',
      note: '  Wijkteam gaat langs bij de buurtvereniging. ',
    });
    const res = await appWith(sent, audit).request(path, init);
    expect(res.status).toBe(202);
    const { actionId } = actionAccepted.parse(await res.json());
    expect(sent).toEqual([
      {
        type: 'alarm.triage',
        actionId,
        by: { subject: 'test-team_lead', role: 'team_lead' },
        at: FIXTURE_NOW.toISOString(),
        alarmId: ALARM,
        status: 'investigating',
        note: 'Wijkteam gaat langs bij de buurtvereniging.',
      },
    ]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      subject: 'test-team_lead',
      role: 'team_lead',
      method: 'POST',
      route: '/api/v1/alarms/:alarmId/triage',
      area: 'WK000101',
      target: ALARM,
      status: 202,
      action: { type: 'alarm.triage', id: actionId, status: 'investigating' },
    });
    expect(JSON.stringify(audit)).not.toContain('buurtvereniging');
  });

  it('lets an epidemiologist mark too, and refuses partners and admins with a 403 (audited as refused)', async () => {
    const sent: UserAction[] = [];
    const audit: AuditEntry[] = [];
    const app = appWith(sent, audit);
    const asEpi = post('epidemiologist', { status: 'false_alarm', note: null });
    expect((await app.request(asEpi.path, asEpi)).status).toBe(202);
    for (const role of ['partner:thuiszorg-demo', 'admin']) {
      const { path, ...init } = post(role, { status: 'acknowledged' });
      const res = await app.request(path, init);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(sent.map((a) => a.by.role)).toEqual(['epidemiologist']);
    expect(audit.map((e) => [e.role, e.result])).toEqual([
      ['epidemiologist', 'answered'],
      ['partner', 'refused'],
      ['admin', 'refused'],
    ]);
  });

  it('refuses a note that holds personal data with a one-line problem that does not repeat it, and sends nothing', async () => {
    const sent: UserAction[] = [];
    for (const note of [
      'Mevrouw belt terug op 06-12345678',
      'Contact: j.jansen@example.nl',
      'Bewoner van 1234 AB 12 gesproken',
    ]) {
      const { path, ...init } = post('team_lead', { status: 'action_taken', note });
      const res = await appWith(sent).request(path, init);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { detail: string; invalidParams: { name: string }[] };
      expect(problem.detail).not.toContain('\n');
      expect(problem.detail).toMatch(/never about a person/);
      expect(problem.invalidParams.map((p) => p.name)).toEqual(['note']);
      expect(JSON.stringify(problem)).not.toMatch(/12345678|jansen|1234 AB/);
    }
    expect(sent).toEqual([]);
  });

  it('refuses an unknown status, a malformed alarm id and an unknown wijk', async () => {
    const app = appWith([]);
    const bad = post('team_lead', { status: 'solved' });
    expect((await app.request(bad.path, bad)).status).toBe(400);
    const malformed = post('team_lead', { status: 'acknowledged' }, 'not-an-alarm');
    expect((await app.request(malformed.path, malformed)).status).toBe(400);
    const unknown = post('team_lead', { status: 'acknowledged' }, 'WK999999.loneliness.2025-W07');
    expect((await app.request(unknown.path, unknown)).status).toBe(404);
  });

  it('answers 503 without a sink (no KAFKA_BROKERS): the mark was not taken', async () => {
    const app = createApp({ snapshots: snapshot.reader, authenticate: testAuthenticate, now: () => FIXTURE_NOW });
    const { path, ...init } = post('team_lead', { status: 'acknowledged' });
    const res = await app.request(path, init);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('60');
  });

  it('gives the history from the snapshot with who and when, and the current mark in the alarm list', async () => {
    const app = appWith([]);
    const res = await app.request(`/api/v1/alarms/${ALARM}/triage`, asRole('team_lead'));
    expect(res.status).toBe(200);
    const body = alarmTriageResponse.parse(await res.json());
    expect(body.history.map((h) => [h.status, h.by.subject, h.by.role, h.at, h.note])).toEqual([
      ['acknowledged', 'lead-1', 'team_lead', '2025-02-18T09:00:00.000Z', null],
      ['known_event', 'epi-1', 'epidemiologist', '2025-02-19T14:30:00.000Z', NOTE],
    ]);
    expect(body.current?.status).toBe('known_event');

    const list = alarmsResponse.parse(
      await (await app.request('/api/v1/alarms?theme=loneliness&from=2025-W06&to=2025-W09', asRole('epidemiologist'))).json(),
    );
    expect(list.alarms.map((a) => [a.week, a.level, a.alarmId, a.triage?.status ?? null, a.triage?.by.subject ?? null])).toEqual([
      ['2025-W08', 'red', ALARM, 'known_event', 'epi-1'],
      ['2025-W07', 'amber', ALARM, 'known_event', 'epi-1'],
    ]);
    expect(JSON.stringify(list)).not.toContain('Buurtfeest');
  });

  it('keeps notes out of every export', async () => {
    const app = appWith([]);
    for (const url of [
      '/api/v1/exports/weekly-counts?theme=loneliness&from=2025-W01&to=2025-W10&format=csv',
      '/api/v1/exports/overview?theme=loneliness&from=2025-W01&to=2025-W13&format=csv',
    ]) {
      const res = await app.request(url, asRole('epidemiologist'));
      expect(res.status, url).toBe(200);
      const text = await res.text();
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toContain('Buurtfeest');
      expect(text).not.toContain('known_event');
    }
  });
});
